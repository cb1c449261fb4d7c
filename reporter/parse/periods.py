"""Period marks as reports write them: years, month spans, quarters, halves, 去年/今年, spans.

A mark is read where it stands (title, opening, section, paragraph, sentence, clause); the
fact finder decides which level a mark governs. Periods are strings: '2023', '2016-2020',
'2023-01..2023-09' (cumulative months), '2023-10' (a single month, not the period's figure).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reporter.periods import Period

CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"(?:(?P<year>(?:19|20)\d{2})年|(?P<rel>去年|上年|今年|本年|明年))?(?:度)?"
MARK = re.compile(
    YEAR
    + r"(?:"
    r"(?P<m1>\d{1,2})[-—－~～至](?P<m2>\d{1,2})月份?"
    r"|(?P<qfirst>前|1[-—－~～至])(?P<q>[一二三四1-4])(?:个)?季度"
    r"|第?(?P<qone>[一二三四1-4])季度(?P<qcum>累计)?"
    r"|前(?P<nm>\d{1,2}|[一二三四五六七八九十]{1,3})个月"
    r"|(?P<c1>[一二三四五六七八九十]{1,2})[-—至](?P<c2>[一二三四五六七八九十]{1,3})月份?"
    r"|(?P<half>上半年|下半年)"
    r"|截至(?:(?P<ty>(?:19|20)\d{2})年)?(?P<tm>\d{1,2})月(?:底|末)?"
    r"|(?P<full>全年)"
    r"|(?<![\d-])(?P<mon>\d{1,2})月份?(?!\d|[-—－~至]\d)(?!\d{0,2}日)"
    r")?"
)
COMPARATIVE = re.compile(r"(较|比|相较于|相比|与|同比|是|超过|高于|低于|为)$")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    year: int | None
    relative: str | None  # 去年/今年… when the year is said relative to the writing year
    months: tuple[int, int] | None  # (first, last) cumulative months; None: not said
    single_month: bool = False
    full_year: bool = False
    comparative: bool = False  # "较2020年", "是2011年的": a base, not the figure's period


ANY_MARK = re.compile(r"[年季月]")


def find_marks(text: str) -> list[Mark]:
    if not ANY_MARK.search(text):
        return []
    out = []
    for m in MARK.finditer(text):
        if m.end() == m.start():
            continue
        g = m.groupdict()
        if not any(g[k] for k in ("year", "rel", "m1", "q", "qone", "half", "tm", "full", "mon", "nm", "c1")):
            continue
        if g["year"] is None and g["rel"] is None and g["mon"] is not None and not m.group(0).endswith("份"):
            continue  # a bare '10月' without a year or 份 is a date in passing
        year = int(g["year"]) if g["year"] else (int(g["ty"]) if g["ty"] else None)
        months, single, full = None, False, False
        if g["m1"]:
            a, b = int(g["m1"]), int(g["m2"])
            months = (a, b) if 1 <= a <= b <= 12 else None
            single = months is not None and a != 1
        elif g["q"]:
            months = (1, 3 * CN_NUM[g["q"]])
        elif g["qone"]:
            q = CN_NUM[g["qone"]]
            months = (1, 3) if q == 1 or g["qcum"] else (3 * q - 2, 3 * q)
            single = q != 1 and not g["qcum"]
        elif g["nm"] or g["c1"]:
            a = 1 if g["nm"] else _month_number(g["c1"])
            b = _month_number(g["nm"] or g["c2"])
            months = (a, b) if a and b and 1 <= a <= b <= 12 else None
            single = months is not None and a != 1
        elif g["half"]:
            months = (1, 6) if g["half"] == "上半年" else (7, 12)
            single = g["half"] == "下半年"
        elif g["tm"]:
            b = int(g["tm"])
            months = (1, b) if 1 <= b <= 12 else None
        elif g["full"]:
            full = True
        elif g["mon"]:
            b = int(g["mon"])
            if 1 <= b <= 12:
                months, single = (b, b), True
        if months == (1, 12):
            months, full = None, True
        comparative = bool(COMPARATIVE.search(text[max(0, m.start() - 4) : m.start()])) or bool(
            re.match(r"(以来|的水平|的基础)", text[m.end() : m.end() + 3])
        )
        out.append(Mark(m.start(), m.end(), year, g["rel"], months, single, full, comparative))
    return out


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    from reporter.parse.numbers import parse_cn_numeral

    return parse_cn_numeral(text)


def resolve_year(mark: Mark, writing_year: int | None) -> int | None:
    if mark.year:
        return mark.year
    if mark.relative and writing_year:
        return writing_year - 1 if mark.relative in ("去年", "上年") else (
            writing_year + 1 if mark.relative == "明年" else writing_year)
    return None


def month_period(year: int, months: tuple[int, int] | None) -> str:
    """The stored text of a year, or of a month span within it (reporter.periods.Period)."""
    if not months or months == (1, 12):
        return str(Period.year(year))
    a, b = months
    if a == b:
        return str(Period((year, b), (year, b), "month"))
    return str(Period.months(year, a, b))


def year_of(period: str) -> int | None:
    """The (first) year of a stored period text; None for '' or no period."""
    p = Period.parse(period)
    return p.first[0] if p else None


def months_of(period: str) -> tuple[int, int] | None:
    """The months of a month or month-span period ('2021-01..2021-10' -> (1, 10)); None otherwise."""
    p = Period.parse(period)
    return (p.first[1], p.last[1]) if p and p.kind in ("months", "month") else None


def single_year(period: str) -> int | None:
    """The year of a one-year period text ('2023'); None for any other period."""
    p = Period.parse(period)
    return p.first[0] if p and p.is_year else None


def years_of(period: str) -> tuple[int, int] | None:
    """(first, last) of a multi-year span ('2016-2020'); None for any other period."""
    p = Period.parse(period)
    return p.span if p and p.kind == "years" else None


def last_whole_year(period: str) -> int | None:
    """The last year of a year or a multi-year span; None for part-year periods (their end is no
    whole year) and for ''."""
    p = Period.parse(period)
    return p.last[0] if p and p.kind in ("year", "years") else None


PLAN_ORDINAL = re.compile(r"“?十([一二三四五])五”?(?:规划|计划|时期)?的?(第([一二三四五])年|开局之年|开局年|起步之年|收官之年|收官年|最后一年)")


def year_from_plan_ordinal(text: str, plan_periods: dict[str, str]) -> int | None:
    """'全面实施“十二五”规划的第一年' -> 2011: a year said through the five-year plan."""
    m = PLAN_ORDINAL.search(text)
    if not m:
        return None
    years = years_of(plan_periods.get(f"十{m.group(1)}五", ""))
    if not years:
        return None
    first = years[0]
    word = m.group(2)
    if m.group(3):
        return first + CN_NUM[m.group(3)] - 1
    return first if ("开局" in word or "起步" in word) else first + 4
