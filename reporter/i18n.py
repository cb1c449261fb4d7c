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
from importlib import resources
from pathlib import Path
from string import Formatter

from reporter.errors import UserError
from reporter.settings import per_data

LANG_NAME = re.compile(r"^[a-z]{2,3}$")
FALLBACK = "en"


NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
Pieces = tuple[tuple[str, "str | None"], ...]  # (literal text, placeholder name or None)


def compile_text(text: str) -> Pieces:
    """Catalogue text as literal pieces and placeholder names. Text is data, never a format string
    run on objects: `{name}` only; a conversion, format spec, attribute or item access
    (`{x!r}`, `{x:>9}`, `{x.a}`, `{x[0]}`) or a positional `{}` is refused (ValueError says why)."""
    pieces: list[tuple[str, str | None]] = []
    for number, (literal, field, spec, conversion) in enumerate(Formatter().parse(text), 1):
        if field is not None and not NAME.match(field):
            why = ("a positional {}" if field.strip() == "" or field[0].isdigit() else
                   "attribute access" if "." in field else "item access" if "[" in field else "not a name")
            raise ValueError(f"placeholder {number} is {why}: only a name in braces, like {{year}}, is allowed")
        if conversion is not None or spec:
            raise ValueError(f"placeholder {{{field}}} has a format spec or conversion: values are formatted "
                             "by reporter, write {name} only")
        pieces.append((literal, field))
    return tuple(pieces)


def compile_catalogue(entries: dict[str, str], shown: str) -> dict[str, Pieces]:
    """Every text checked when the catalogue is loaded; a bad one is one line naming file and key."""
    compiled = {}
    for key, text in entries.items():
        try:
            compiled[key] = compile_text(text)
        except ValueError as exc:
            raise UserError(f"{shown}: {key}: {exc}") from None
    return compiled


class Messages:
    """One language's catalogue; t(key, **values) fills the placeholders with values formatted here."""

    def __init__(self, lang: str, entries: dict[str, str], sources: dict[str, str] | None = None):
        self.lang = lang
        self.entries = entries
        self.sources = sources or {}  # key -> the file its text came from (a user's catalogue)
        self._compiled: dict[str, Pieces] = {}

    def _where(self, key: str) -> str:
        return self.sources.get(key, f"messages/{self.lang}.toml")

    @property
    def locale(self) -> str:
        """The Babel locale of this language (the catalogue's `locale` key)."""
        return self.entries.get("locale", self.lang)

    def pieces(self, key: str) -> Pieces:
        """The text of KEY as literal pieces and placeholder names (checked once, then kept)."""
        pieces = self._compiled.get(key)
        if pieces is None:
            try:
                text = self.entries[key]
            except (KeyError, TypeError):
                raise UserError(f"messages/{self.lang}.toml: no message '{str(key)[:80]}'") from None
            pieces = self._compiled[key] = compile_catalogue({key: text}, self._where(key))[key]
        return pieces

    def t(self, key: str, **values) -> str:
        pieces = self.pieces(key)
        if not values:  # the pattern itself (a caller fills its slots, e.g. the summary's sentences)
            return self.entries[key]
        out = []
        for literal, name in pieces:
            out.append(literal)
            if name is not None:
                if name not in values:
                    raise UserError(f"{self._where(key)}: {key}: placeholder {{{name}}} has no value here")
                out.append(self.value(name, values[name]))
        return "".join(out)

    def value(self, name: str, value) -> str:
        """Text as it is; whole numbers as digits (years must not be grouped); decimals and dates by Babel."""
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, (Decimal, float)):
            return format_number(Decimal(str(value)), self.lang, locale=self.locale)
        if isinstance(value, date):
            return format_date(value, self.lang, locale=self.locale)
        if type(value).__module__.startswith("jinja2.") and "Undefined" in type(value).__name__:
            return str(value)  # a missing name: Jinja's Undefined says so (or records it, in templates check)
        raise UserError(f"t(): the value of {{{name}}} is a {type(value).__name__}; messages take text, numbers "
                        "and dates")

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


@per_data
def _package_catalogue(lang: str) -> dict[str, str]:
    from reporter.datafiles import package_data

    return package_data(f"messages/{lang}.toml", CATALOGUE)


def messages(lang: str = "zh", user_dir: Path | None = None) -> Messages:
    """The package catalogue, with a user's <templates>/messages/<lang>.toml merged over it; the
    user's texts are checked here (compile_catalogue), so a bad one fails before anything renders."""
    known = languages(user_dir)
    if lang not in known:
        raise UserError(f"--lang {lang}: choose from {', '.join(known)} (a new language is one catalogue, "
                        "<templates>/messages/<lang>.toml)")
    shipped = lang in package_languages()
    entries = dict(_package_catalogue(lang if shipped else FALLBACK))
    if not shipped:
        entries.pop("locale", None)
    sources: dict[str, str] = {}
    if user_dir is not None:
        from reporter.allowlist import resolve_inside

        path = resolve_inside(user_dir, f"messages/{lang}.toml", "--templates")
        if path is not None:
            from reporter.datafiles import file_data

            user = file_data(path, CATALOGUE)
            compile_catalogue(user, str(user_dir / "messages" / f"{lang}.toml"))
            entries.update(user)
            sources = dict.fromkeys(user, str(user_dir / "messages" / f"{lang}.toml"))
    return Messages(lang, entries, sources)


def locale_of(lang: str) -> str:
    """The Babel locale of a shipped language (a user language: Messages.locale)."""
    return _package_catalogue(lang).get("locale", lang) if lang in package_languages() else lang


def format_number(value: Decimal, lang: str = "zh", digits: int | None = None, locale: str | None = None) -> str:
    """5408.1 -> '5,408.1': grouping by the locale, the digits as written unless digits is given."""
    from decimal import localcontext

    from babel.numbers import format_decimal

    # Babel quantizes in the current decimal context: a value with more digits than its default 28
    # (10^26 to two places) would raise InvalidOperation, so the context holds every digit given
    if value.is_finite() and abs(value.adjusted()) > 60:  # no report figure is this size: say it, do not spell it out
        return f"{value:.6E}"
    exponent = value.as_tuple().exponent
    with localcontext() as ctx:
        if value.is_finite():  # every integer digit, every fraction digit, the digits asked for
            ctx.prec = max(ctx.prec, max(value.adjusted(), 0) + 1 + max(-exponent, 0) + (digits or 0) + 2)
        if digits is not None and value.is_finite():
            value = value.quantize(Decimal(1).scaleb(-digits))
        exponent = value.as_tuple().exponent
        places = max(-exponent, 0) if isinstance(exponent, int) else 0
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(value, format=pattern, locale=locale or locale_of(lang), decimal_quantization=False)


def format_date(value: date, lang: str = "zh", locale: str | None = None) -> str:
    """2024-01-09 -> '2024年1月9日' / '9 January 2024'."""
    from babel.dates import format_date as babel_date

    return babel_date(value, format="long", locale=locale or locale_of(lang))
