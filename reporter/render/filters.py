"""Jinja filters for the figures this domain prints: amounts, rates, qualifiers, dates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from markupsafe import Markup, escape

QUALIFIER_MARK = {"approx": "约", "estimated": "预计", "at_least": "≥", "at_most": "≤", "in_line": "", "none": ""}
QUALIFIER_EN = {"approx": "about ", "estimated": "est. ", "at_least": "≥", "at_most": "≤", "in_line": "", "none": ""}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


def _dec(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def number(value, digits: int | None = None) -> str:
    """5408.1 -> '5,408.1'; keeps the digits as written unless digits is given."""
    d = _dec(value)
    if d is None:
        return "—"
    if digits is not None:
        d = d.quantize(Decimal(1).scaleb(-digits))
    text = f"{d:,f}"
    return text


def amount(value, unit: str = "亿元", digits: int | None = None) -> str:
    d = _dec(value)
    return "—" if d is None else f"{number(d, digits)}{unit}"


def pct(value, sign: bool = False, digits: int | None = None) -> str:
    d = _dec(value)
    if d is None:
        return "—"
    text = number(abs(d) if sign else d, digits)
    if sign:
        text = ("+" if d > 0 else "−" if d < 0 else "±") + text
    return f"{text}%"


def pp(value, digits: int | None = 1) -> str:
    """A change of a rate: '+0.5个百分点'."""
    d = _dec(value)
    if d is None:
        return "—"
    return ("+" if d > 0 else "−" if d < 0 else "±") + number(abs(d), digits) + "个百分点"


def qualifier(q: str | None, lang: str = "zh") -> str:
    return (QUALIFIER_EN if lang == "en" else QUALIFIER_MARK).get(q or "none", "")


def date_zh(value: str | date | None) -> str:
    if not value:
        return "—"
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def date_en(value: str | date | None) -> str:
    if not value:
        return "—"
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def missing(reason: str) -> Markup:
    """'—' for a value that is not there, with the reason beside it."""
    return Markup('— <span class="why">（{}）</span>').format(escape(reason))


def low_mark(fact) -> Markup:
    """The mark of a figure below the confidence threshold (reporter/data/confidence.toml), else ''.
    The reason is in the figure's footnote (compose/sources.citation)."""
    from reporter import confidence

    if fact is None or not hasattr(fact, "confidence") or not confidence.is_low(fact):
        return Markup("")
    return Markup('<span class="low">{}</span>').format(confidence.settings()["mark"])


FILTERS = {
    "number": number, "amount": amount, "pct": pct, "pp": pp, "qualifier": qualifier,
    "date_zh": date_zh, "date_en": date_en, "missing": missing, "low_mark": low_mark,
}


def cell(value) -> Markup:
    """A value made safe for a Markdown table cell: escaped, no '|' or line breaks."""
    if value is None or value == "":
        return Markup("—")
    text = value if isinstance(value, Markup) else escape(str(value))
    return Markup(str(text).replace("|", "&#124;").replace("\n", " "))


FILTERS["cell"] = cell
