"""Message catalogues (reporter/data/messages/<lang>.toml) and locale-aware number and date formats.

Fixed words of the outputs live in the catalogues, not in Python, so an English product is a
language switch and an editor can reword without code. A language is one catalogue: the
package's, or `<templates>/messages/<lang>.toml` for one the package does not ship; its
`locale` key names the Babel locale that formats its numbers and dates. Keys a user catalogue
of a new language leaves out fall back to the English catalogue.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reporter.errors import UserError

LANG_NAME = re.compile(r"^[a-z]{2,3}$")
FALLBACK = "en"


class Messages:
    """One language's catalogue; t(key, **values) fills the placeholders."""

    def __init__(self, lang: str, entries: dict[str, str]):
        self.lang = lang
        self.entries = entries

    @property
    def locale(self) -> str:
        """The Babel locale of this language (the catalogue's `locale` key)."""
        return self.entries.get("locale", self.lang)

    def t(self, key: str, **values) -> str:
        try:
            text = self.entries[key]
        except KeyError:
            raise UserError(f"messages/{self.lang}.toml: no message '{key}'") from None
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError, ValueError) as exc:
            raise UserError(f"messages/{self.lang}.toml: {key}: placeholder {exc} does not fit") from exc

    def get(self, key: str, default: str) -> str:
        """The message, or `default` when the catalogue has none (units a language writes as Chinese does)."""
        return self.entries.get(key, default)

    __call__ = t


CATALOGUE = "reporter.catalogue_schema:Catalogue"  # checked once per content (datafiles' cache)


def package_languages() -> list[str]:
    folder = resources.files("reporter.data").joinpath("messages")
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


def languages(user_dir: Path | None = None) -> list[str]:
    """Every language with a catalogue: the package's and a --templates folder's."""
    found = set(package_languages())
    if user_dir is not None and (user_dir / "messages").is_dir():
        found |= {p.stem for p in (user_dir / "messages").glob("*.toml") if LANG_NAME.match(p.stem)}
    return sorted(found)


@lru_cache(maxsize=8)
def _package_catalogue(lang: str) -> dict[str, str]:
    from reporter.datafiles import package_data

    return package_data(f"messages/{lang}.toml", CATALOGUE)


def messages(lang: str = "zh", user_dir: Path | None = None) -> Messages:
    """The package catalogue, with a user's <templates>/messages/<lang>.toml merged over it."""
    known = languages(user_dir)
    if lang not in known:
        raise UserError(f"--lang {lang}: choose from {', '.join(known)} (a new language is one catalogue, "
                        "<templates>/messages/<lang>.toml)")
    shipped = lang in package_languages()
    entries = dict(_package_catalogue(lang if shipped else FALLBACK))
    if not shipped:
        entries.pop("locale", None)
    if user_dir is not None:
        path = user_dir / "messages" / f"{lang}.toml"
        if path.is_file():
            from reporter.datafiles import file_data

            entries.update(file_data(path, CATALOGUE))
    return Messages(lang, entries)


def locale_of(lang: str) -> str:
    """The Babel locale of a shipped language (a user language: Messages.locale)."""
    return _package_catalogue(lang).get("locale", lang) if lang in package_languages() else lang


def format_number(value: Decimal, lang: str = "zh", digits: int | None = None, locale: str | None = None) -> str:
    """5408.1 -> '5,408.1': grouping by the locale, the digits as written unless digits is given."""
    from babel.numbers import format_decimal

    if digits is not None:
        value = value.quantize(Decimal(1).scaleb(-digits))
    places = max(-value.as_tuple().exponent, 0) if isinstance(value.as_tuple().exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=locale or locale_of(lang), decimal_quantization=False)


def format_date(value: date, lang: str = "zh", locale: str | None = None) -> str:
    """2024-01-09 -> '2024年1月9日' / '9 January 2024'."""
    from babel.dates import format_date as babel_date

    return babel_date(value, format="long", locale=locale or locale_of(lang))
