"""Whose figure, and over what span: scope from the area hierarchy and the sentence's words.

The document stage (document.py) knows the report's own area and level; here a clause's place
names (东江市, 全市, 本区), a part's proper name as the subject (桃源街道, 高新园区), the area
joined with a development zone, and statements over several years (是2011年的1.48倍,
比2011年增长51.2%) decide a figure's scope (scope_of first, refine_scope once the indicator is known).
"""
from __future__ import annotations

import re

import reporter.parse.periods as pm
from reporter.model import Fact
from reporter.parse.clauses import Figure, has_any
from reporter.parse.document import Decision, _places, is_own_area, relation
from reporter.parse.draft import Draft
from reporter.parse.frame import ReportFrame
from reporter.parse.numbers import NumberSpan

AREA_CHARS = re.compile(r"[区县市旗省国]")
# a proper name of a part of the area (桃源街道, 柳溪社区, 高新园区) as the subject of its sentence;
# 镇/乡 are left out (城镇居民, 城乡居民 are the whole area's series)
SUB_AREA_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:街道|社区|园区|开发区|工业园)(?![\u4e00-\u9fff]{0,2}(?:工作|建设|治理))")
NOT_A_PART_NAME = re.compile(r"[各全个等和的在与及、所]|^(?:城市|农村|老旧|新建|重点|示范|试点|和谐|智慧|文明|绿色|平安|美丽|产业|科技|特色)")
PART_WORDS = re.compile(r"街道|社区|园区|开发区|高新区|经开区|新区|功能区|管委会|工业园")  # a cheap first look
WITH_ZONE = re.compile(r"(?:[含和与及]|包括|连同)[^，。；]{0,10}?(?:开发区|高新区|经开区|园区|新区|功能区|管委会)(?:[）)]|在内|合计|共|一起|两区)?")
OWN_WORDS = re.compile(r"全区|全县|本区|本县|我区|我县|区域|全市")
MULTIPLE = re.compile(r"(?:是|为|相当于|达到)((?:19|20)\d{2})年(?:末|底)?的?$")
STANDARD_NEARBY = re.compile(r"(低于|高于|优于|好于|达到)[^，。；]{0,24}(目标值|标准|限值|水平)[（(]?$")
CUMULATIVE = re.compile(r"(?:比|较|相比|与)((?:19|20)\d{2})年(?:末|底)?(?:相比)?[，,]?(?:累计)?(?:增长|提高|增加|上升|下降|减少|降低)了?$")


def multi_year(clause: str, span: NumberSpan, sentence: str, period: str, review_year: int | None) -> tuple[str, str] | None:
    """'是2011年的1.48倍' (a multiple of a base year) and '较2020年增长30%' (a change over several
    years): statements over a span, never one year's level or growth. They keep the subject for
    the figures after them and become context facts (scope multiple / cumulative)."""
    if "年" not in clause:
        return None
    after = sentence[span.end : span.end + 1]
    m = MULTIPLE.search(clause)
    if m and (after == "倍" or span.raw.endswith("倍") or span.unit == "倍"):
        return "multiple", f"multiple_of_{m.group(1)}"
    m = CUMULATIVE.search(clause)
    years = pm.years_of(period)
    year = years[1] if years else (pm.year_of(period) or review_year)
    if m and year and int(m.group(1)) < year - 1:
        return "cumulative", f"cumulative_change_since_{m.group(1)}"
    return None


def part_is_subject(sentence: str, lo: int, name_start: int) -> bool:
    """A part's proper name near the head of the figure's sentence (its subject), with no word for
    the whole area between it and the indicator's name."""
    for m in SUB_AREA_NAME.finditer(sentence, lo, name_start):
        if m.start() - lo > 12 or NOT_A_PART_NAME.search(m.group(0)[:-2]):
            continue
        return not OWN_WORDS.search(sentence[m.end() : name_start])
    return False


def floor_of_sentence(sentence: str, pos: int) -> int:
    """Where the clause group holding pos starts: after the last ；or 。 before it."""
    return max(sentence.rfind("；", 0, pos), sentence.rfind("。", 0, pos), -1) + 1


def own_prefix(before: str, decision: Decision | None) -> bool:
    """The area's own name (or 全区/本区/区级/县级/本级) right before a weak name makes it the area's own."""
    tail = before[-8:]
    if re.search(r"(全区|本区|区级|县级|本级|全县)$", tail):
        return True
    if decision is None:
        return False
    names = _places(tail)
    return bool(names) and tail.endswith(names[-1]) and is_own_area(names[-1], decision)


def named_area(before_name: str) -> str | None:
    """The last area named in a clause before an indicator's name ('东江市实现…' -> 东江市)."""
    if not AREA_CHARS.search(before_name):
        return None
    names = _places(before_name) + re.findall(r"全市|本市|全国|全区|本区|全县", before_name)
    return max(names, key=lambda n: before_name.rfind(n)) if names else None


def area_scope(before_name: str, decision: Decision | None) -> str | None:
    """An area named before the indicator in its clause ('东江市实现…', '全市…'): whose figure it is,
    by the area hierarchy and the document's own area (document.relation)."""
    if decision is None:
        return None
    name = named_area(before_name)
    return relation(name, decision) if name else None

def part_scope(scope: str, sentence: str, name_start: int) -> tuple[str, str]:
    """A figure whose sentence joins the area with a development zone (with_zone), or whose subject
    is a part of the area (sub_area); returns the scope and the note for the fact's rule."""
    lo = floor_of_sentence(sentence, name_start)
    segment = sentence[lo:name_start]
    if not segment or PART_WORDS.search(segment) is None:
        return scope, ""
    if scope in ("own", "other_area") and WITH_ZONE.search(segment):
        return "with_zone", "+with_zone"  # '南岭区与经开区共实现…', '全区（含开发区）…': not the district alone
    if scope == "own" and part_is_subject(sentence, lo, name_start):
        return "sub_area", "+sub_area_named"  # '桃源街道41个小区…覆盖率达85.5%': a part's figure
    return scope, ""


def fulfilment_before(text: str) -> bool:
    """`re.search(r"完成[^，。；]*的$", text)` in one pass: a 完成 after the last ，。； and a 的 at the end."""
    if not text.endswith("的"):
        return False
    return "完成" in text[max(text.rfind(c) for c in "，。；") + 1 : -1]


def scope_of(before_name: str, since_prev: str, frame: ReportFrame | None = None) -> str:
    """Whose figure, from the words before its name (an area, 全市, a part) and since the previous
    figure (a comparison, an adjusted basis, a plan-completion ratio)."""
    by_area = area_scope(before_name, frame.decision if frame else None)
    if by_area in ("city", "nation", "other_area") and not has_any(since_prev, "comparison"):
        return by_area
    if has_any(since_prev, "adjusted") and re.search(r"后|口径", since_prev):
        return "adjusted"
    if has_any(since_prev, "comparison"):
        return "comparison"
    if has_any(since_prev, "fulfilment"):
        return "fulfilment"
    for scope in ("nation", "city"):
        if has_any(before_name, scope) and by_area != "own":  # 全市 in a city's own report is its own
            return scope
    if has_any(before_name, "sub_area"):
        return "sub_area"
    return "own"


def refine_scope(fig: Figure, d: Draft) -> None:
    """Once the indicator is known: a part or a zone joined with the area, the place named before
    a quoted area's figure (for the areas layer), a standard nearby, a share or a completion ratio."""
    if d.indicator:
        d.scope, note = part_scope(d.scope, fig.sentence, d.name_start)
        d.why += note
    if d.scope in ("city", "nation", "other_area") and d.hit is not None and d.hit.id:
        place = named_area(fig.clause[: max(0, d.name_start - fig.cstart)])
        if place:  # whose figure, for the areas layer: the place named before it
            d.why += f"+area:{place}"
    if STANDARD_NEARBY.search(fig.since_prev):
        d.scope = "comparison"  # '首次低于…目标值（15微克/立方米）': a standard, not this area's figure
    if d.scope == "own" and fig.dimension == "percent":
        if re.search(r"占[^，。；]{0,12}$", fig.clause) and not (d.indicator and "share" in d.indicator):
            d.scope = "share"
        elif fulfilment_before(fig.sentence[fig.cstart : fig.span.start]) or re.search(r"完成[^，。；]{0,30}的$", fig.since_prev):
            d.scope = "fulfilment"


def mark_component(fact: Fact, sentence: str, span: NumberSpan, before: list[Fact]) -> None:
    """'拆除违法建设10万余平方米，其中院内拆违2万余平方米': after 其中, a figure of an indicator
    already given in the sentence is a part of that total, not the total."""
    if not fact.indicator or fact.scope != "own":
        return
    cut = sentence.rfind("其中", 0, span.start)
    if cut < 0:
        return
    if any(f.indicator == fact.indicator and f.end and sentence.find(f.quote) + f.end <= cut for f in before if f.scope == "own"):
        fact.scope = "component"
        fact.rule += "; scope=component (after 其中, a part of the total given before)"
