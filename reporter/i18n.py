"""Message catalogues (reporter/data/messages/<lang>.toml) and locale-aware number and date formats.

Fixed words of the outputs live in the catalogues, not in Python, so an English product is a
language switch and an editor can reword without code. Numbers and dates go through Babel.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from reporter.errors import UserError

LANGUAGES = {"zh": "zh_Hans_CN", "en": "en_GB"}


class Messages:
    """One language's catalogue; t(key, **values) fills the placeholders."""

    def __init__(self, lang: str, entries: dict[str, str]):
        self.lang = lang
        self.entries = entries

    def t(self, key: str, **values) -> str:
        try:
            text = self.entries[key]
        except KeyError:
            raise UserError(f"messages/{self.lang}.toml: no message '{key}'") from None
        try:
            return text.format(**values) if values else text
        except (KeyError, IndexError, ValueError) as exc:
            raise UserError(f"messages/{self.lang}.toml: {key}: placeholder {exc} does not fit") from exc

    __call__ = t


CATALOGUE = "reporter.catalogue_schema:Catalogue"  # checked once per content (datafiles' cache)


@lru_cache(maxsize=8)
def _package_catalogue(lang: str) -> dict[str, str]:
    from reporter.datafiles import package_data

    if lang not in LANGUAGES:
        raise UserError(f"--lang {lang}: choose from {', '.join(LANGUAGES)}")
    return package_data(f"messages/{lang}.toml", CATALOGUE)


def messages(lang: str = "zh", user_dir: Path | None = None) -> Messages:
    """The package catalogue, with a user's <templates>/messages/<lang>.toml merged over it."""
    entries = dict(_package_catalogue(lang))
    if user_dir is not None:
        path = user_dir / "messages" / f"{lang}.toml"
        if path.is_file():
            from reporter.datafiles import file_data

            entries.update(file_data(path, CATALOGUE))
    return Messages(lang, entries)


def format_number(value: Decimal, lang: str = "zh", digits: int | None = None) -> str:
    """5408.1 -> '5,408.1': grouping by the locale, the digits as written unless digits is given."""
    from babel.numbers import format_decimal

    if digits is not None:
        value = value.quantize(Decimal(1).scaleb(-digits))
    places = max(-value.as_tuple().exponent, 0) if isinstance(value.as_tuple().exponent, int) else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=LANGUAGES[lang], decimal_quantization=False)


def format_date(value: date, lang: str = "zh") -> str:
    """2024-01-09 -> '2024年1月9日' / '9 January 2024'."""
    from babel.dates import format_date as babel_date

    return babel_date(value, format="long", locale=LANGUAGES[lang])
