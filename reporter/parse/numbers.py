"""Number spans with units: find each span first, then convert that span alone.

Converting Chinese numerals over a whole text corrupts words (统一, 两会, 十四五), so spans
are found by a pattern that needs a unit after the number, and each span is converted on
its own into an exact Decimal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reporter.settings import per_data
from reporter.units import convert, units  # noqa: F401  (convert is part of this module's interface)

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)


def parse_cn_numeral(text: str) -> int | None:
    """'一万二千' -> 12000, '十二' -> 12, '一百零五' -> 105; ill-formed ('十四五') -> None."""
    if not text or any(c not in CN_CHARS for c in text):
        return None
    total = 0  # completed 亿/万 sections
    section = 0  # within the current 万 section
    digit: int | None = None
    last_small = 10**5  # magnitudes must fall within a section
    last_big = 10**12
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: 十四五, 一二
            digit = CN_DIGITS[ch]
            if digit == 0:
                digit = None
        elif ch in CN_SMALL:
            mag = CN_SMALL[ch]
            if mag >= last_small:
                return None
            section += (1 if digit is None else digit) * mag
            digit, last_small = None, mag
        else:
            mag = CN_BIG[ch]
            if mag >= last_big:
                return None
            section += digit or 0
            if section == 0:
                return None
            total += section * mag
            section, digit, last_small, last_big = 0, None, 10**5, mag
    return total + section + (digit or 0)


def format_cn_numeral(n: int) -> str:
    """The inverse, for tests and labels: 12000 -> '一万二千'."""
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10k(m: int, pad: bool) -> str:
        out, zero = "", False
        for mag, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // mag
            m %= mag
            if d:
                if zero or (pad and not out and mag < 1000):
                    out += "零"
                out += digits[d] + ch
                zero = False
            elif out:
                zero = True
        return out

    parts = []
    for mag, ch in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // mag
        n %= mag
        if chunk:
            parts.append(below_10k(chunk, pad=bool(parts)) + ch)
        elif parts and n:
            parts.append("零")
    text = "".join(parts)
    text = re.sub("零+", "零", text).rstrip("零")
    return text


# ---------------------------------------------------------------- spans

PRE_QUALIFIERS = {
    "approx": ("约", "近", "大约", "接近", "将近"),
    "at_least": ("超过", "突破", "逾", "超", "不少于", "不低于", "≥", "多于", "高于"),
    "at_most": ("不超过", "低于", "不高于", "<", "≤", "少于", "控制在"),
}
POST_QUALIFIERS = {"左右": "approx", "以上": "at_least", "以内": "at_most", "以下": "at_most"}


@dataclass
class NumberSpan:
    start: int
    end: int
    raw: str
    number: Decimal
    magnitude: str
    unit: str  # base unit from units.toml
    qualifier: str

    @property
    def written_unit(self) -> str:
        return self.magnitude + self.unit


@per_data
def span_pattern() -> re.Pattern:
    unit_alt = "|".join(re.escape(u) for u in sorted(units().units, key=len, reverse=True))
    pre = "|".join(re.escape(p) for p in sorted({p for v in PRE_QUALIFIERS.values() for p in v}, key=len, reverse=True))
    return re.compile(
        rf"(?P<pre>{pre})?"
        # a Latin label may be glued before the digits ('GDP61.07亿元'), never a lower-case word or a code;
        # '8 12.15亿元': digits split by one space before a 万/亿 amount are one number
        rf"(?P<num>(?<![\d.a-z])(?:\d{{1,3}} (?=\d{{2,3}}(?:\.\d+)?[万亿]))?\d+(?:,\d{{3}})*(?:\.\d+)?(?![\d.]*[A-Za-z-])|[{CN_CHARS}]+)"
        rf"(?P<more1>余|多)?(?P<mag>万亿|千亿|百亿|千万|百万|亿|万|千|百)?(?P<more2>余|多)?"
        rf"(?: (?=%))?(?P<unit>{unit_alt})"
        rf"(?P<post>左右|以上|以内|以下)?"
    )


LABEL_WORDS = re.compile(r"十[一二三四五六七八九]五")  # plan names are labels, not numbers


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number-with-unit in text, converted span by span."""
    spans = []
    for m in span_pattern().finditer(text):
        num = m.group("num")
        if num[0] in CN_CHARS:
            value = _cn_value(num, bound=bool(m.group("pre")))
            if value is None:
                continue
        else:
            value = Decimal(num.replace(",", "").replace(" ", ""))
        start = m.start("num")
        if re.search(r"[A-Z]{1,2}$", text[max(0, start - 2) : start]) and not re.search(r"[A-Z]{3,}$", text[max(0, start - 6) : start]):
            continue  # 'PM10', 'G20', 'C919': a code; only a glued name of 3+ capitals ('GDP61.07亿元') is a label
        if text[max(0, start - 1) : start] == "第":
            continue  # ordinal: 第16届
        if LABEL_WORDS.search(text[max(0, start - 1) : m.end("num") + 1]):
            continue
        qualifier = "none"
        if m.group("more1") or m.group("more2"):
            qualifier = "at_least"
        if m.group("post"):
            qualifier = POST_QUALIFIERS[m.group("post")]
        pre = m.group("pre")
        if pre:
            qualifier = next(q for q, words in PRE_QUALIFIERS.items() if pre in words)
        if qualifier == "none" and text[max(0, start - 4) : start].endswith(("控制在",)):
            qualifier = "at_most"
        spans.append(
            NumberSpan(
                start=m.start(),
                end=m.end(),
                raw=m.group(0),
                number=value,
                magnitude=m.group("mag") or "",
                unit=m.group("unit"),
                qualifier=qualifier,
            )
        )
    return spans + bare_growth(text, spans)


BARE_GROWTH = re.compile(r"(?<=增长|增速|增幅|下降)(?:为|了)?(?P<num>\d{1,2}(?:\.\d+)?)(?P<post>左右|以上|以内)?(?=[，。；、）,;]|$)")


def bare_growth(text: str, spans: list[NumberSpan]) -> list[NumberSpan]:
    """'增长8.5左右': a growth rate whose % was lost; read as % (the fact finder marks it
    missing_percent_sign and lowers its confidence)."""
    if "增" not in text and "降" not in text:
        return []
    taken = [(s.start, s.end) for s in spans]
    out = []
    for m in BARE_GROWTH.finditer(text):
        if any(a <= m.start("num") < b for a, b in taken):
            continue
        out.append(NumberSpan(m.start("num"), m.end(), m.group(0)[m.start("num") - m.start():], Decimal(m.group("num")),
                              "", "%", POST_QUALIFIERS.get(m.group("post") or "", "none")))
    return sorted(out, key=lambda s: s.start) if out else []


def _cn_value(num: str, bound: bool = False) -> Decimal | None:
    """A Chinese numeral span counts only if it is well formed and not a lone small digit.

    A round magnitude ('千亿', '百亿') counts only after a bound word: '突破千亿元大关'."""
    if num[0] in "百千万亿" and not (bound and num in ("百亿", "千亿", "万亿", "百万", "千万")):
        return None
    if len(num) == 1 and num not in "十":
        return None
    n = parse_cn_numeral(num)
    return None if n is None else Decimal(n)


def _in_line(text: str) -> bool:
    """`re.search(r"与.*同步", text)` in one pass (that search rescans the line from every 与)."""
    for line in text.split("\n"):
        first = line.find("与")
        if first >= 0 and line.find("同步", first + 1) >= 0:
            return True
    return False


def parse_plan_value(text: str) -> tuple[Decimal | None, str]:
    """A plan-table cell ('5左右', '<3.5', '稳定在98.5以上', '与经济增长同步', '-') -> value, qualifier."""
    if _in_line(text):
        return None, "in_line"
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m:
        return None, "none"
    value = Decimal(m.group(0))
    qualifier = "none"
    for word, q in POST_QUALIFIERS.items():
        if word in text[m.end() :]:
            qualifier = q
    before = text[: m.start()]
    for q, words in PRE_QUALIFIERS.items():
        if any(before.endswith(w) for w in words):
            qualifier = q
    return value, qualifier
