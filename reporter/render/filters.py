"""Jinja filters for the figures this domain prints: amounts, rates, qualifiers, dates, units.

Every filter speaks the product's language: words come from its catalogue (`pp`, `qualifier_*`,
`unit.<unit>`, `missing_reason`), numbers and dates from Babel in the catalogue's locale. The
render stage installs `locale_filters(messages)`; FILTERS (Chinese) is what a bare environment
gets, so a template's filters are known before a product is chosen.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from markupsafe import Markup, escape

# links, images, code, emphasis, attribute lists, headings; '_' only where it could open or close
# emphasis (not inside a word such as a report id 001_9f3e, which Markdown leaves alone)
MARKDOWN_ACTIVE = re.compile(r"([\\`*\[\]{}#]|(?<![^\W_])_|_(?![^\W_]))")


def md_text(value) -> Markup:
    """A value (a title, issuer, quote: source or sidecar text) as literal text in Markdown: HTML
    escaped, and the characters that would make a link, an image, code, emphasis, an attribute
    list or a heading backslash-escaped. Markup (what reporter or `|safe` made) is left alone.
    The environment applies it to every `{{ … }}` of a Markdown template, so no template has to."""
    if isinstance(value, Markup):
        return value
    return escape(MARKDOWN_ACTIVE.sub(r"\\\1", str(value)))


MAGNITUDES = ("万亿", "亿", "万", "千", "百")  # the magnitudes units.toml allows before a unit (parse data)


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def _date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class LocaleFilters:
    """The filters of one language (its catalogue and Babel locale)."""

    def __init__(self, messages=None):
        self._messages = messages

    @property
    def m(self):
        if self._messages is None:
            from reporter.i18n import messages

            self._messages = messages("zh")
        return self._messages

    def number(self, value, digits: int | None = None) -> str:
        """5408.1 -> '5,408.1'; keeps the digits as written unless digits is given."""
        from reporter.i18n import format_number

        d = _dec(value)
        if d is None:
            return "—"
        return format_number(d, digits=digits, locale=self.m.locale)

    def amount(self, value, unit: str = "亿元", digits: int | None = None) -> str:
        d = _dec(value)
        return "—" if d is None else self.m.get("figure_unit", "{value}{unit}").format(
            value=self.number(d, digits), unit=self.unit(unit))

    def pct(self, value, sign: bool = False, digits: int | None = None) -> str:
        d = _dec(value)
        if d is None:
            return "—"
        text = self.number(abs(d) if sign else d, digits)
        if sign:
            text = ("+" if d > 0 else "−" if d < 0 else "±") + text
        return f"{text}%"

    def pp(self, value, digits: int | None = 1) -> str:
        """A change of a rate: '+0.5个百分点' / '+0.5 percentage points'."""
        d = _dec(value)
        if d is None:
            return "—"
        return self.m.t("pp", value=("+" if d > 0 else "−" if d < 0 else "±") + self.number(abs(d), digits))

    def qualifier(self, q: str | None, lang: str | None = None) -> str:
        m = self.m if lang is None else _messages(lang)
        return m.get(f"qualifier_mark_{q or 'none'}", "")

    def date(self, value) -> str:
        from reporter.i18n import format_date

        d = _date(value)
        return "—" if d is None else format_date(d, locale=self.m.locale)

    def unit(self, unit: str | None) -> str:
        """A unit as this language writes it ('亿元' -> '100 million yuan'): the catalogue's unit.<unit>,
        else its magnitude (magnitude.万) and base unit; a language without the keys keeps the unit."""
        if not unit:
            return ""
        whole = self.m.get(f"unit.{unit}", "\0")
        if whole != "\0":
            return whole
        for size in sorted(MAGNITUDES, key=len, reverse=True):
            base = unit[len(size):]
            if unit.startswith(size) and base and f"unit.{base}" in self.m.entries and f"magnitude.{size}" in self.m.entries:
                return self.m.t("unit_scaled", scale=self.m.t(f"magnitude.{size}"), unit=self.m.t(f"unit.{base}")).strip()
        return unit

    def missing(self, reason: str) -> Markup:
        """'—' for a value that is not there, with the reason beside it."""
        return Markup('— <span class="why">{}</span>').format(md_text(self.m.t("missing_reason", reason=reason)))

    def all(self) -> dict:
        return {"number": self.number, "amount": self.amount, "pct": self.pct, "pp": self.pp,
                "qualifier": self.qualifier, "date": self.date, "date_zh": _lang_date("zh"),
                "date_en": _lang_date("en"), "unit": self.unit, "missing": self.missing, "cell": cell,
                "low_mark": low_mark, "text": md_text}


def _messages(lang: str):
    from reporter.i18n import messages

    return messages(lang)


def _lang_date(lang: str):
    """date_zh / date_en (older templates): the date in that language, by Babel."""
    def fmt(value) -> str:
        from reporter.i18n import format_date

        d = _date(value)
        return "—" if d is None else format_date(d, lang)
    return fmt


def low_mark(fact) -> Markup:
    """The mark of a figure below the confidence threshold (reporter/data/confidence.toml), else ''.
    The reason is in the figure's footnote (compose/sources.citation)."""
    from reporter import confidence

    if fact is None or not hasattr(fact, "confidence") or not confidence.is_low(fact):
        return Markup("")
    return Markup('<span class="low">{}</span>').format(confidence.settings()["mark"])




def cell(value) -> Markup:
    """A value made safe for a Markdown table cell: escaped, no '|' or line breaks."""
    if value is None or value == "":
        return Markup("—")
    text = md_text(value)  # a Part (names store) is Markup and keeps its HTML
    return Markup(str(text).replace("|", "&#124;").replace("\n", " "))


def locale_filters(messages) -> dict:
    return LocaleFilters(messages).all()


FILTERS = LocaleFilters().all()
# module-level names older callers import
number, amount, pct, pp, qualifier = (FILTERS[k] for k in ("number", "amount", "pct", "pp", "qualifier"))
date_zh, date_en, missing = FILTERS["date_zh"], FILTERS["date_en"], FILTERS["missing"]
