"""Sections -> facts: each number with its unit, qualifier, period, kind, scope and indicator.

The period and kind come from where a sentence stands (a '2023年…执行情况' section is
actual 2023, a '2024年…目标任务' section is target 2024), refined by the paragraph's and the
sentence's opening marks ('2022年，…', '前三季度，…', '去年…'), then by the figure's own
clause (年均/累计 -> the five-year span, '由2015年的…' -> 2015, '…目标…' -> a target).
Scope (whose figure) comes from the words around the name and the figure (全市, 占全市…,
完成…计划的, 扣除…后); see docs/ARCHITECTURE.md "How facts are found".

Every loop here runs once over a bounded piece of text: a paragraph is cut into sentences
of at most MAX_SENTENCE characters, and a clause looks back at most MAX_CLAUSE characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from reporter.model import Fact, Section
import reporter.parse.periods as pm
import reporter.parse.scope as sc
from reporter.parse.numbers import NumberSpan, convert, find_numbers, units
from reporter.registry import NameHit, registry

MAX_SENTENCE = 400  # a longer run is cut at ；, then ，, then anywhere outside a number
MAX_CLAUSE = 48  # how far back from a figure its name may stand
MAX_QUOTE = 120
CLAUSE_BREAK = re.compile(r"[，。；：、！？]")
SENTENCE = re.compile(r"[^。！？]*[。！？]?")
GROWTH_WORDS = re.compile(r"增长|增速|增幅|下降|提高|降低|回落|同比|比上年|较上年|年均|减少|上升|可比")
BARE_VERB = re.compile(
    r"^(?:预计|同比|比上年|较上年|分别|和|与|及|累计|总数|总量|共计|共|总额|总计|五年|全年|[一二三四五六七八九十\d]+年)*(?:降至|降到|增至|减少到|减少至|下降到|下降至|增加至|增长到|增长至|提升到|上升到|上升至|调整为|调整到|调整至|调减为|调增为|达到|达|提高到|提高至|提升至|跃升至|为|实现|完成|突破|超过|增加到|达到了)?$"
)
# units that can only belong to the sentence's subject ("PM2.5…36微克/立方米，距离市级要求31微克/立方米")
DISTINCT_DIMENSIONS = {"percent", "concentration", "death_rate", "money_per_person", "usd"}
FIVE_YEARS = re.compile(r"过去五年|五年来|五年间|五年累计|这五年|连续[5五]年")
SPAN_WORDS = re.compile(r"五年|十[一二三四五六七八九]五|连续[5五]年")
DOWN = re.compile(r"(下降|减少|降低|回落|负增长|降至负|下滑|收窄)了?$")
ACTUAL_TITLE = re.compile(r"((?:19|20)\d{2})年.{0,24}?(执行情况|工作回顾|完成情况|运行情况)")
TARGET_TITLE = re.compile(r"((?:19|20)\d{2})年.{0,24}?(主要任务|目标任务|发展目标|工作安排|主要举措|计划安排|计划草案|预算草案|工作任务|预期目标|主要目标|工作目标|总体要求)")
TARGET_SENTENCE = re.compile(r"((?:19|20)\d{2}|今|明)年[^。]{0,24}?(?:主要(?:预期)?目标|预期目标|目标是|目标为)")
IN_LINE = re.compile(r"([^，；。：]{2,30}?)与([^，；。：]{0,12}?)同步")
QUALITATIVE = re.compile(r"([^，；。：]{2,80}?)(?:均|都|全面)?(达到市级要求|(?:完成|达到)市级?下达(?:的)?(?:指标|任务|目标))")
ESTIMATE = re.compile(r"预计|初步测算|预期可")
BARE_AFTER_RATE = re.compile(r"率[\u4e00-\u9fff]{0,4}\d+(?:\.\d+)?(?![\d.]*%)")
ORIGINAL_TARGET = re.compile(r"年初(?:确定|设定|安排|下达|预期)?的?(?:目标|计划|预算)?$")
ADJUSTED_TARGET = re.compile(r"^调(?:整|减|增)(?:为|到|至)$")
BARE_RATE = re.compile(r"^(?:为|达到|达|控制在|降至|保持在|稳定在|是)?(\d{1,2}(?:\.\d+)?)(?=以内|左右|以下|[，。；、）]|$)")


@dataclass(frozen=True)
class Context:
    kind: str
    period: str
    path: str
    rule: str = "report"  # where the period came from: report | section | paragraph | sentence


@dataclass(frozen=True)
class ReportFrame:
    """What the metadata tells the fact finder: the years a bare figure belongs to."""

    review_year: int | None
    span: str | None
    plan_year: int | None
    report_id: str
    source: str
    writing_year: int | None = None  # the year the text was written (去年 = this - 1)
    release_months: tuple[int, int] | None = None  # a statistics release's own months (1-9月)
    basis: str = "stated"  # how the document stage settled the review year: stated | inferred | none
    decision: object | None = None  # the document stage's Decision (area, level) for scope


def frame_of(decision, report_id: str, source: str) -> ReportFrame:
    """The fact finder's view of the document stage's decision."""
    return ReportFrame(decision.review_year, decision.span, decision.plan_year, report_id, source,
                       decision.writing_year, decision.release_months, decision.basis, decision)


def _writing_year(frame: ReportFrame) -> int | None:
    if frame.writing_year:
        return frame.writing_year
    if frame.plan_year:
        return frame.plan_year
    return frame.review_year + 1 if frame.review_year else None


def root_context(frame: ReportFrame) -> Context:
    if frame.review_year:
        return Context("actual", pm.month_period(frame.review_year, frame.release_months), "", "report")
    if frame.plan_year:
        return Context("target", str(frame.plan_year), "", "report")
    return Context("actual", "", "", "unknown")


def section_context(section: Section, parent: Context, frame: ReportFrame) -> Context:
    if section.is_lead:
        return parent  # a topic sentence belongs to the section it leads off
    title = section.title
    label = f"{section.number}{'、' if section.level == 1 and section.number else ''}{title}" if section.number else title
    path = f"{parent.path} / {label}" if parent.path else label
    m = ACTUAL_TITLE.search(title)
    if m:
        year = int(m.group(1))
        months = frame.release_months if year == frame.review_year else None
        return Context("actual", pm.month_period(year, months), path, "section")
    m = TARGET_TITLE.search(title)
    if m:
        return Context("target", m.group(1), path, "section")
    first = frame.plan_year or (frame.review_year + 1 if frame.review_year else None)
    if NEXT_FIVE.search(title) and first:  # '今后五年的奋斗目标': targets over the next plan period
        return Context("target", f"{first}-{first + 4}", path, "section")
    if frame.span and ("五年" in title or re.search(r"十[一二三四五六七八九]五", title)) and parent.kind == "actual":
        if not re.search(r"(19|20)\d{2}年", title):
            return Context("actual", frame.span, path, "section")
    return replace(parent, path=path)


def _fulfilment_before(text: str) -> bool:
    """`re.search(r"完成[^，。；]*的$", text)` in one pass: a 完成 after the last ，。； and a 的 at the end."""
    if not text.endswith("的"):
        return False
    return "完成" in text[max(text.rfind(c) for c in "，。；") + 1 : -1]


N_YEARS = re.compile(r"(?:近|过去|这|最近)([两二三四五六七八九十2-9]|10)年")
CN_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            **{str(i): i for i in range(2, 11)}}
NEXT_FIVE = re.compile(r"(?:未来|今后|此后)五年")
HORIZON = re.compile(r"^(?:力争|争取|预计)?(?:到|至)((?:19|20)\d{2})年(?:底|末)?")


def opening_period(text: str, ctx: Context, frame: ReportFrame) -> Context:
    """A period said at the head of a sentence ('2022年，…', '前三季度，…', '去年全年…');
    '到2035年，…' is a horizon: what follows is a target for that year."""
    head = text[:14]
    m = HORIZON.match(head)
    if m and int(m.group(1)) > (pm.year_of(ctx.period) or 0):
        return replace(ctx, kind="target", period=m.group(1), rule="sentence")
    for mark in pm.find_marks(head):
        if mark.start > 3 or mark.comparative:
            break
        year = pm.resolve_year(mark, _writing_year(frame)) or pm.year_of(ctx.period)
        if year is None:
            break
        if ctx.kind == "target" and ctx.period and year < (pm.year_of(ctx.period) or 0):
            return replace(ctx, kind="actual", period=pm.month_period(year, mark.months), rule="sentence")
        if ctx.kind == "target":
            break
        if mark.single_month:
            return replace(ctx, period=pm.month_period(year, mark.months), rule="sentence")
        months = mark.months
        if months is None and not mark.full_year and year == pm.year_of(ctx.period):
            months = pm.months_of(ctx.period)  # '2034年，…' in a 1-5月 release: still its months
        return replace(ctx, period=pm.month_period(year, months), rule="sentence")
    return ctx


def paragraph_context(par: str, ctx: Context, frame: ReportFrame) -> Context:
    """A paragraph that opens with '过去五年…' speaks of the five-year span throughout."""
    if ctx.kind == "actual" and frame.span and FIVE_YEARS.match(par[:6]):
        return replace(ctx, period=frame.span, rule="paragraph")
    return ctx


def sentence_context(sentence: str, ctx: Context, frame: ReportFrame) -> Context:
    m = TARGET_SENTENCE.search(sentence)
    if m:
        word = m.group(1)
        w = _writing_year(frame)
        year = (w if word == "今" else (w + 1 if w else None)) if word in ("今", "明") else int(word)
        if word == "今" and frame.plan_year:
            year = frame.plan_year
        if year:
            return replace(ctx, kind="target", period=str(year), rule="sentence")
    first = frame.plan_year or (frame.review_year + 1 if frame.review_year else None)
    if first and re.search(NEXT_FIVE.pattern + r"[^。]{0,24}?目标", sentence[:40]):
        return replace(ctx, kind="target", period=f"{first}-{first + 4}", rule="sentence")
    if ctx.kind == "actual" and frame.span and FIVE_YEARS.search(sentence[:12]):
        return replace(ctx, period=frame.span, rule="sentence")
    return ctx


def words_of(key: str) -> tuple[str, ...]:
    return tuple(registry().words.get(key, ()))


def has_any(text: str, key: str) -> bool:
    return any(w in text for w in words_of(key))


def sentences(par: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a paragraph, none longer than MAX_SENTENCE."""
    out: list[tuple[int, str]] = []
    for m in SENTENCE.finditer(par):
        if m.end() == m.start():
            continue
        _cut(par, m.start(), m.end(), out)
    return out


def _cut(text: str, start: int, end: int, out: list[tuple[int, str]]) -> None:
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = -1
        for marks in ("；", "，、：", ""):
            if marks:
                cut = max(window.rfind(c) for c in marks)
                if cut > MAX_SENTENCE // 4:
                    cut += 1
                    break
            else:  # no punctuation at all: cut where no figure is split
                cut = MAX_SENTENCE
                while cut > MAX_SENTENCE // 2 and (window[cut - 1 : cut + 1].strip("0123456789.%,万亿元") == "" or window[cut - 1].isdigit()):
                    cut -= 1
        out.append((start, text[start : start + cut]))
        start += cut
    if text[start:end].strip():
        out.append((start, text[start:end]))


@dataclass
class Subject:
    id: str
    name_start: int  # where its name stands in the sentence (for the quote)
    weak: bool = False
    sub: bool = False  # named as a sub-sector of the indicator: its figures are scope sub_sector


PERIOD_WORDS = re.compile(r"^(?:由|从)|(?:19|20)\d{2}年(?:底|末)?的?|(?:全年|上半年|前三季度|[一二三四]季度)的?")
SHARE_CLAUSE = re.compile(r"占[^，。；]{0,16}?(比重|比例|的?$)")
GROWTH_ONLY = re.compile(r"^(?:全年|同比|比上年|较上年|全年同比)*(?:增长|下降|增速|增幅|回落|减少|提高)?$")
STANDARD_NEARBY = re.compile(r"(低于|高于|优于|好于|达到)[^，。；]{0,24}(目标值|标准|限值|水平)[（(]?$")

def clause_start(sentence: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - MAX_CLAUSE)
    start = lo
    for m in CLAUSE_BREAK.finditer(sentence, lo, pos):
        start = m.end()
    return start


def choose(base: str, dimension: str, words_after: str, before_name: str) -> tuple[str | None, str]:
    """The id a figure of this unit belongs to, and why ('' if none)."""
    reg = registry()
    ind = reg.indicators[base]
    if dimension == "percent" and "占" in words_after and re.search(r"比重|比例", words_after):
        return (ind.share, "share_relation") if ind.share else (None, "share")
    if "人均" in words_after and ind.per_capita and dimension in ("money", "usd", "money_per_person"):
        return ind.per_capita, "per_capita_relation"
    if ind.stock and "新增" in before_name[-6:]:
        return None, "flow_of_stock"
    if ind.flow and re.search(r"累计|总数|总量", words_after):
        return None, "stock_of_flow"
    chosen = reg.for_unit(base, dimension)
    if chosen and chosen != base and not GROWTH_WORDS.search(words_after):
        return None, "percent_without_growth_word"
    return chosen, "name" if chosen == base else "growth_relation"


def scope_of(before_name: str, since_prev: str, frame: "ReportFrame | None" = None) -> str:
    by_area = sc.area_scope(before_name, frame.decision if frame else None)
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


# a verb-object name split by a place phrase: '企业在境内外上市累计达到' is 上市企业 (noun, 在 + where,
# verb, then at most a total word and a verb before the figure)
SPLIT_NAME = re.compile(r"([\u4e00-\u9fff]{2})在[^，。；]{1,10}?([\u4e00-\u9fff]{2})(?=(?:累计|共计|总数|合计|共)?"
                        r"(?:达到了?|达|为|突破|超过|增至|增加到)?$)")


def split_name(clause: str) -> NameHit | None:
    """The name a clause writes as noun + 在… + verb, when verb + noun is an indicator's whole name."""
    if "在" not in clause:
        return None
    m = SPLIT_NAME.search(clause)
    if m is None:
        return None
    name = m.group(2) + m.group(1)
    found = registry().hits(name)
    if len(found) != 1 or not found[0].id or found[0].name != name:
        return None
    return NameHit(found[0].id, name, m.start(), m.end(), found[0].weak, found[0].sub)


# one share of two totals: '…占地区生产总值和全市金融业增加值的比重均在40%以上' (均/都: the figure holds for each)
COORDINATED_SHARE = re.compile(r"占([^，。；和与及、]{2,12})(?:和|与|及|、)[^，。；]{2,16}?的?(比重|比例)(?:均|都)[^，。；\d]{0,4}$")
# a sector heading its sentence ('金融业核心优势更加突出，增加值…'): the sector a bare measure word means
SECTOR_HEAD = re.compile(r"^[^，。；]{0,4}?([\u4e00-\u9fff]{1,4}业)")
MEASURE_WORDS = ("增加值",)


def coordinated_share(sentence: str, clause: str, cstart: int) -> NameHit | None:
    """'X占A和B的比重均在N%': the figure is X's share of A (the registered share name it makes);
    X may be a bare measure word (增加值) whose sector heads the sentence."""
    m = COORDINATED_SHARE.search(clause) if "占" in clause else None
    if m is None:
        return None
    owner = ESTIMATE.sub("", clause[: m.start()]).strip("，、 ")
    reg = registry()
    named = [h for h in reg.hits(owner) if h.id]
    if named and named[-1].end == len(owner):
        name = named[-1].name
    elif owner.endswith(MEASURE_WORDS) and (head := SECTOR_HEAD.match(sentence[:cstart])):
        name = head.group(1) + owner[-3:]
    else:
        return None
    share = f"{name}占{m.group(1)}的{m.group(2)}"
    found = reg.hits(share)
    if len(found) != 1 or not found[0].id or found[0].name != share or reg.indicators[found[0].id].unit != "%":
        return None
    head = clause[: m.start()]
    return NameHit(found[0].id, share, len(head) - len(head.lstrip("，、 ")), m.end(), found[0].weak, found[0].sub)


OTHER_RATE = re.compile(r"[\u4e00-\u9fff]{2,}(?:率|比重|占比|汇率)(?:达到?|为|是|提高到|提升到|保持在|稳定在)?$")


def fact_from_span(span: NumberSpan, sentence: str, ctx: Context, frame: ReportFrame, subject: Subject | None,
                   floor: int, estimate_at: int, verb: str | None = None) -> tuple[Fact, Subject | None]:
    """One figure -> a fact. verb: the words after 分别 when the subject was given by a list."""
    reg = registry()
    dimension = units().units[span.unit].dimension
    cstart = clause_start(sentence, span.start, floor)
    clause = sentence[cstart : span.start]
    since_prev = sentence[max(floor, span.start - MAX_CLAUSE) : span.start]
    if verb is not None:
        clause, cstart = verb, span.start
    hits = reg.hits(clause)
    hit: NameHit | None = hits[-1] if hits else split_name(clause)
    if dimension == "percent" and (share := coordinated_share(sentence, clause, cstart)) is not None:
        hit = share
    indicator, why, label, name_start, name_end = None, "", "", cstart, 0
    post = None
    confidence = 0.9
    new_subject: Subject | None = subject
    scope = "own"
    multi = sc.multi_year(sentence[cstart : span.start], span, sentence, ctx.period, frame.review_year)
    if multi:
        scope, why = multi
        if hit is not None and hit.id:  # '社会消费品零售总额是2020年的1.4倍、跃升至…': the subject of what follows
            new_subject = Subject(hit.id, cstart + hit.start, hit.weak, hit.sub)
        label = reg.indicators[new_subject.id].zh if new_subject else clause[-12:]
        name_start = new_subject.name_start if new_subject else cstart
    elif dimension == "percent" and subject is not None and SHARE_CLAUSE.search(clause) and reg.indicators[subject.id].share \
            and (hit is None or hit.id is None or reg.indicators[hit.id].share is None):
        share_id = reg.indicators[subject.id].share
        label, name_start = reg.indicators[share_id].zh, subject.name_start
        indicator, why, confidence = share_id, "subject:share_relation", 0.8
        scope = scope_of("", since_prev)
    elif hit is not None and hit.id is None:
        label, new_subject, why = hit.name, None, "not_indicator_name"
    elif hit is not None:
        before = clause[: hit.start]
        if has_any(before[-6:], "ratio_prefix") or has_any(clause[hit.end :], "ratio_after"):
            label, new_subject, why = before[-6:] + hit.name, None, "ratio_prefix"
        else:
            label, name_start = hit.name, cstart + hit.start
            indicator, why = choose(hit.id, dimension, clause[hit.end :], before)
            new_subject = Subject(hit.id, name_start, hit.weak, hit.sub)
            scope = "sub_sector" if hit.sub else scope_of(before, since_prev, frame)
            if hit.weak and sc.own_prefix(before, frame.decision):
                why += "+own_area_name"  # '南岭区一般公共预算收入': the area's own revenue, whatever its surface name
                new_subject.weak = False
            elif hit.weak:
                confidence, why = 0.7, why + "+weak_name"
            if re.search(r"占[^，。；]{0,3}$", before):
                new_subject = None  # '占地区生产总值的94.9%': a denominator, not the subject of what follows
    else:
        label = re.sub(r"^(其中|同比|比上年|较上年)", "", clause).strip()[-12:]
        post = postposed_name(sentence, span, dimension)
        if subject is None and cstart > floor and (GROWTH_ONLY.match(clause.strip()) or (
                clause.strip() and BARE_VERB.match(PERIOD_WORDS.sub("", clause.strip())))):
            # '固定资产投资保持稳定，全年增长3.2%': the name stands in an earlier clause, with no figure
            lo = max(floor, cstart - MAX_CLAUSE)
            back = reg.hits(sentence[lo:cstart])
            if back and back[-1].id:
                subject = Subject(back[-1].id, lo + back[-1].start, back[-1].weak, back[-1].sub)
                confidence -= 0.1
        own_rate = OTHER_RATE.search(clause)  # '物业企业党组织工作覆盖率达100%': another rate, named in its clause
        inherit_ok = subject is not None and own_rate is None and (
            dimension in DISTINCT_DIMENSIONS or BARE_VERB.match(PERIOD_WORDS.sub("", clause)) or "人均" in clause
            or (has_any(clause, "target") and not has_any(clause, "not_target"))
        )
        if post is not None:
            indicator, why, label = post.id, "postposed_name", post.name
            confidence = 0.7
            new_subject = None
            name_end = span.end + post.end
        elif inherit_ok and subject is not None:
            indicator, why = choose(subject.id, dimension, clause, "")
            why = "subject:" + why
            name_start = subject.name_start
            confidence = min(confidence, 0.8)  # inherited: the usual '…亿元，增长…%' list
            label = label or reg.indicators[subject.id].zh
            scope = "sub_sector" if subject.sub else scope_of("", since_prev)
            if subject.weak:
                why += "+weak_name"
        else:
            new_subject = None
            why = "no_name"
    if indicator:
        scope, note = sc.part_scope(scope, sentence, name_start)
        why += note
    if scope in ("city", "nation", "other_area") and hit is not None and hit.id:
        place = sc.named_area(clause[: max(0, name_start - cstart)])
        if place:  # whose figure, for the areas layer: the place named before it
            why += f"+area:{place}"
    if STANDARD_NEARBY.search(since_prev):
        scope = "comparison"  # '首次低于…目标值（15微克/立方米）': a standard, not this area's figure
    if scope == "own" and dimension == "percent":
        if re.search(r"占[^，。；]{0,12}$", clause) and not (indicator and "share" in indicator):
            scope = "share"
        elif _fulfilment_before(sentence[cstart : span.start]) or re.search(r"完成[^，。；]{0,30}的$", since_prev):
            scope = "fulfilment"
    needs = reg.indicators[indicator].needs if indicator else ""
    lo = max(0, span.start - 80)
    phrase = sentence[lo : span.start]
    phrase_start = lo + max(phrase.rfind("，"), phrase.rfind("；"), -1) + 1  # back to a comma, over 、
    if post is not None and indicator and reg.indicators[indicator].stock and "新增" in sentence[phrase_start : span.start]:
        why, indicator = why + "+flow_of_stock", None  # '新增…等6家上市公司': the new ones, not the stock
    after = sentence[span.end : span.end + 12]
    after = after[: m.start()] if (m := CLAUSE_BREAK.search(after)) else after
    unless = reg.indicators[indicator].unless if indicator else ""
    if needs and not re.search(needs, sentence[phrase_start : span.start] + after):
        why += "+missing_word"
        indicator = None
    elif unless and re.search(unless, sentence[phrase_start : span.start]):
        why += "+excluded_word"
        indicator = None
    if scope in ("share", "fulfilment", "comparison") and indicator:  # not values of the indicator at all
        why += f"+{scope}"
        indicator = None
    ind = reg.get(indicator)
    unit, value = span.written_unit, span.number
    if ind is not None:
        target_unit = next((u for u in ind.units if convert(span.number, unit, u) is not None), None)
        if target_unit is None:
            indicator, ind, why = None, None, why + "+unit_mismatch"
        else:
            value = convert(span.number, unit, target_unit)
            unit = target_unit or span.unit
    named_as_reduction = "降" in (ind.zh if ind else label.replace("下降", ""))  # 能耗降幅 is a reduction already
    if unit == "%" and (DOWN.search(clause) or DOWN.search(since_prev)) and not named_as_reduction:
        value = -value
    elif sentence[span.start - 1 : span.start] in ("-", "－", "−") and not sentence[span.start - 2 : span.start - 1].isdigit():
        value = -value
    kind, period, period_rule = ctx.kind, ctx.period, ctx.rule
    # the figure's own clause: a year or months said there (not a base of comparison)
    marks = [mk for mk in pm.find_marks(sentence[max(floor, cstart - 12) : span.start]) if not mk.comparative]
    if marks:
        mark = marks[-1]
        year = pm.resolve_year(mark, _writing_year(frame)) or pm.year_of(period)
        if year:
            months = mark.months if (mark.months or mark.full_year) else pm.months_of(period) if year == pm.year_of(period) else None
            if mark.full_year:
                months = None
            period, period_rule = pm.month_period(year, months), "clause"
            if kind == "target" and year < (pm.year_of(ctx.period) or 0):
                kind = "actual"
    stock = ind is not None and ind.stock  # a stock's 累计 figure is its level at the time, not a span's sum
    if re.search(r"年均(增速|增长|增幅|提高|下降)", clause) or (
        "累计" in clause and not stock and SPAN_WORDS.search(sentence + ctx.path[-40:])
    ):
        span_period = frame.span or (f"{pm.year_of(period) - 4}-{pm.year_of(period)}" if pm.year_of(period) else "")
        if re.fullmatch(r"\d{4}-\d{4}", period):
            span_period = period
        years = N_YEARS.search(sentence[max(0, span.start - 40) : span.start])
        end = pm.year_of(period[-4:]) if period else None
        n = CN_YEARS.get(years.group(1)) if years else None
        if n and end and n != 5:  # '近三年年均增长8%': a span of the years it names, ending at the figure's year
            span_period = f"{end - n + 1}-{end}"
        if span_period:
            period, period_rule = span_period, "clause:span"
    elif re.fullmatch(r"\d{4}-\d{4}", period) and not (reg.get(indicator) and reg.get(indicator).flow) \
            and (kind == "actual" or (unit != "%" and indicator is not None)):
        # a level said in a five-year review is the level reached at its end; a five-year target
        # level (未来五年…达到1500亿元) is the level aimed at for its end year
        period, period_rule = period[-4:], period_rule + ":span_end"
    if kind == "actual" and _is_target_clause(clause, sentence[span.end : span.end + 8]):
        kind = "target"
        if "今年" in sentence[: span.start]:
            period = str(_writing_year(frame) or period)
    qualifier = span.qualifier
    if qualifier in ("none", "approx") and 0 <= estimate_at < span.start and estimate_governs(sentence, estimate_at, span.start):
        qualifier = "estimated"
    confidence, why = lower_for_defaults(confidence, why, span, indicator, scope, period, period_rule, frame)
    quote_start = name_start if span.end - name_start <= MAX_QUOTE else cstart
    quote_start = max(quote_start, span.end - MAX_QUOTE)
    quote_end = max(span.end, name_end)
    fact = Fact(
        label=label,
        value=value,
        unit=unit,
        raw=span.raw,
        qualifier=qualifier,
        period=period,
        kind=kind,
        quote=sentence[quote_start:quote_end],
        indicator=indicator,
        report_id=frame.report_id,
        section=ctx.path,
        source=frame.source,
        scope=scope,
        confidence=round(max(0.1, confidence), 2),
        rule=f"indicator={why or 'name'}; period={period_rule}",
    )
    fact.start, fact.end = span.start - quote_start, span.end - quote_start
    return fact, new_subject


def lower_for_defaults(confidence: float, why: str, span: NumberSpan, indicator: str | None, scope: str,
                       period: str, period_rule: str, frame: ReportFrame) -> tuple[float, str]:
    """Every decision that rests on a default rather than the text's words lowers the confidence,
    and says so in the rule (reporter/data/confidence.toml turns the notes into reasons)."""
    if indicator and scope == "own" and frame.decision is not None and frame.decision.area is None:
        confidence -= 0.05
        why += "+area_default"  # whose figure rests on a default: the report's own area is not known
    if span.unit == "%" and "%" not in span.raw:
        confidence -= 0.2
        why += "+missing_percent_sign"  # '增长8.5左右': read as a rate, on the growth word alone
    if " " in span.raw.strip():
        confidence -= 0.1
        why += "+split_digits"  # '8 12.15亿元': two digit groups read as one number
    if not period:
        confidence = min(confidence - 0.3, 0.4)  # no year: below any threshold, never a plain figure
        why += "+no_period"
    elif period_rule == "unknown" or (period_rule == "report" and frame.review_year is None):
        confidence -= 0.1  # a year guessed for the whole report, not read near the figure
    elif period_rule == "report" and frame.basis != "stated":
        confidence -= 0.1
        why += "+period_default"  # the document's year rests on a default (a delivery month), not its words
    return confidence, why


def estimate_governs(sentence: str, at: int, pos: int) -> bool:
    """预计 before any indicator name governs the sentence's whole list ('预计，2016年…'); one said
    after a name governs that item only, up to the next indicator name ('…预计达到4500亿元、增长6%，
    区级一般公共预算收入完成431.1亿元': not estimated)."""
    at = max(m.start() for m in ESTIMATE.finditer(sentence, 0, pos))  # the nearest 预计 before the figure
    hits = [h for h in registry().hits(sentence[:pos]) if h.id]
    if not hits or hits[0].start > at:
        return True
    return not any(h.start > at for h in hits)


def _is_target_clause(clause: str, after: str) -> bool:
    if has_any(clause, "not_target"):
        return False
    if has_any(clause, "target"):
        return True
    return bool(re.match(r"^\S{0,3}的?(目标|任务)", after))


def postposed_name(sentence: str, span: NumberSpan, dimension: str) -> NameHit | None:
    """'推动9家重点持牌金融机构落户': a count whose name follows it, closed by a verb."""
    after = sentence[span.end : span.end + 16]
    m = CLAUSE_BREAK.search(after)
    after = after[: m.start()] if m else after
    hit = registry().last_hit(after)
    if hit is None or hit.id is None:
        return None
    ind = registry().indicators[hit.id]
    if hit.start == 0 and re.match(r"^(任务|目标|工作)?$", after[hit.end :]) and convert(span.number, span.written_unit, ind.unit) is not None:
        return hit  # '不少于10万平方米拆违': the name closes the clause right after the figure
    if dimension not in ("count", "persons") or not any(v in after for v in words_of("postposed_verbs")):
        return None
    if hit.start <= 4 and ind.unit == "":
        return hit
    return None


def in_line_facts(sentence: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    """'居民人均可支配收入增长与经济增长基本同步': a target with no number."""
    out = []
    reg = registry()
    wants = ctx.kind == "target" or (has_any(sentence, "target") and not has_any(sentence, "not_target"))
    for m in (IN_LINE.finditer(sentence) if "同步" in sentence and wants else ()):  # a review's '实现同步' is no target
        hit = reg.last_match(m.group(1))
        if not hit:
            continue
        indicator = reg.for_unit(hit[0], "percent")
        out.append(
            Fact(
                label=hit[1],
                value=None,
                unit="%",
                raw="与" + m.group(2) + "同步",
                qualifier="in_line",
                period=ctx.period,
                kind="target",  # '…同步' is only read as a target (see `wants`)
                quote=sentence[m.start() : m.end()].strip(),
                indicator=indicator,
                report_id=frame.report_id,
                section=ctx.path,
                source=frame.source,
                confidence=0.8,
                rule="indicator=in_line; period=" + ctx.rule,
            )
        )
    if ctx.kind != "target" or "市" not in sentence:
        return out
    for m in QUALITATIVE.finditer(sentence):
        if find_numbers(m.group(1)):
            continue
        for hit in reg.hits(m.group(1)):
            if not hit.id:
                continue
            ind = reg.indicators[hit.id]
            out.append(
                Fact(
                    label=hit.name, value=None, unit=ind.unit, raw=m.group(2), qualifier="none", period=ctx.period,
                    kind="target", quote=sentence[m.start(1) + hit.start : m.end()].strip(), indicator=hit.id,
                    report_id=frame.report_id, section=ctx.path, source=frame.source, confidence=0.75,
                    rule="indicator=qualitative_target; period=" + ctx.rule,
                )
            )
    return out


def skip_span(sentence: str, span: NumberSpan) -> bool:
    """A range ('3560-3570', '8.1-8.6'), part of a ratio (0.04:15.88) or a date is no figure."""
    before = sentence[max(0, span.start - 2) : span.start]
    if re.search(r"\d[-—~－至]$", before) or re.search(r"\d[:：]$", before):
        return True
    after = sentence[span.end : span.end + 2]
    if span.unit == "%" and re.match(r"[-—~－至]\d", after):
        return True
    return False


def holds_for_paragraph(sentence: str, first: bool) -> bool:
    """A year or a cumulative span said at a sentence's head holds for the rest of its paragraph; a
    date (截至11月) or a single month only when it opens the paragraph: inside one it is that
    sentence's (the figures after it are not stocks at that date)."""
    head = pm.find_marks(sentence.lstrip("—— ")[:14])
    if not head or head[0].start > 3:
        return True
    return first or not (head[0].single_month or re.match(r"截至", sentence.lstrip("—— ")[head[0].start : head[0].start + 2]))


def paragraph_facts(par: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    facts: list[Fact] = []
    ctx = paragraph_context(par, ctx, frame)
    first = True
    for _, sentence in sentences(par):
        if not sentence.strip():
            continue
        first, was_first = False, first
        opened = opening_period(sentence.lstrip("—— "), ctx, frame)
        if opened is not ctx and holds_for_paragraph(sentence, was_first):
            ctx, sctx = replace(opened, rule="paragraph"), opened  # a period said at a paragraph's head holds for it
        elif opened is not ctx:
            sctx = opened  # '截至11月，…' inside a paragraph: that sentence only, not the clauses after it
        else:
            sctx = ctx
        sctx = sentence_context(sentence, sctx, frame)
        subject: Subject | None = None
        floor = 0
        est = ESTIMATE.search(sentence)
        estimate_at = est.start() if est else -1
        spans = find_numbers(sentence)
        dn = registry().digit_names
        if dn is not None and spans:
            inside = [(m.start(), m.end()) for m in dn.finditer(sentence)]
            if inside:  # '公园绿地500米服务半径覆盖率': a figure inside a name is part of the name
                spans = [sp for sp in spans if not any(a <= sp.start and sp.end <= b for a, b in inside)]
        levels: list[Subject | None] = []  # subjects of the level figures since the last ；
        verb = ""
        sentence_facts: list[Fact] = []
        respective: list[Subject | None] = []  # '分别增长11.2%和13%': one subject per figure, in order
        for i, span in enumerate(spans):
            if skip_span(sentence, span):
                floor = span.end
                continue
            between = sentence[floor : span.start]
            if "；" in between:
                levels = []
            if "分别" in between:
                run = 1
                while i + run < len(spans) and spans[i + run].unit == span.unit and re.fullmatch(
                        r"[和、与及，]?", sentence[spans[i + run - 1].end : spans[i + run].start]):
                    run += 1
                verb = re.split(r"[，；]", between[between.index("分别") + 2 :])[0]
                named = [h for h in registry().hits(between[: between.index("分别")]) if h.id]
                if len(named) == run:  # '地区生产总值、社会消费品零售总额分别增长5.5%和6.2%'
                    respective = [Subject(h.id, floor + h.start, h.weak, h.sub) for h in named]
                elif span.unit == "%":  # '…566.6亿元，其中服务业增加值459亿元，分别增长11.2%和13%'
                    respective = levels[-run:] if len(levels) >= run else []
            forced = None
            if respective:
                subject = respective.pop(0)
                forced = "分别" + verb
            fact, subject = fact_from_span(span, sentence, sctx, frame, subject, floor, estimate_at, forced)
            mark_adjusted_target(fact, sentence, span, floor, facts)
            carry_from_level(fact, sentence_facts)
            mark_component(fact, sentence, span, sentence_facts)
            sentence_facts.append(fact)
            if span.unit != "%":
                levels.append(subject)
            floor = span.end
            facts.append(fact)
        facts.extend(in_line_facts(sentence, sctx, frame))
        facts.extend(bare_rate_facts(sentence, sctx, frame, spans))
    return facts


def base_of(indicator: str | None) -> str:
    return (indicator or "").removesuffix("_growth")


def carry_from_level(fact: Fact, before: list[Fact]) -> None:
    """'1-10月…固定资产投资完成163.3亿元、增长1.7%', '东江市…14867.7亿元，同比增长8.4%': a figure that
    inherits its name from the level just before it also shares that level's months and area."""
    if "subject:" not in fact.rule or not before or not fact.indicator:
        return
    prev = before[-1]
    if base_of(prev.indicator) != base_of(fact.indicator):
        return
    if "period=clause" in prev.rule and "period=clause" not in fact.rule and prev.kind == fact.kind \
            and pm.months_of(prev.period) and pm.year_of(prev.period) == pm.year_of(fact.period):
        fact.period = prev.period
        fact.rule += "; period=level (the months of the level it follows)"
    if prev.scope in ("city", "nation", "other_area", "sub_area") and fact.scope == "own":
        fact.scope = prev.scope
        fact.rule += f"; scope={prev.scope} (the area of the level it follows)"


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


def mark_adjusted_target(fact: Fact, sentence: str, span: NumberSpan, floor: int, facts: list[Fact]) -> None:
    """'目标由年初的6%调整为5%': both are targets, the first the original, the second the adjusted."""
    before = sentence[max(0, span.start - 16) : span.start]
    if "由" in before and ORIGINAL_TARGET.search(before) and "调整" in sentence[span.end : span.end + 8]:
        fact.kind = "target"
        fact.rule += "; target=original (set at the start of the year)"
    elif ADJUSTED_TARGET.match(sentence[floor : span.start].strip("，-－−")) and facts and "target=original" in facts[-1].rule:
        prev = facts[-1]
        fact.kind, fact.period = "target", prev.period
        if fact.indicator is None and prev.indicator:
            fact.indicator, fact.label = prev.indicator, prev.label
        fact.rule += "; target=adjusted (changed during the year)"


def bare_rate_facts(sentence: str, ctx: Context, frame: ReportFrame, spans: list[NumberSpan]) -> list[Fact]:
    """'登记失业率控制在3.5以内': a rate written without its % sign (read, with a low confidence)."""
    out: list[Fact] = []
    if "率" not in sentence or not BARE_AFTER_RATE.search(sentence):
        return out  # only names of rates (…率) are read without their %
    taken = {(sp.start, sp.end) for sp in spans}
    reg = registry()
    for hit in reg.hits(sentence):
        if not hit.id or reg.indicators[hit.id].unit != "%" or not hit.name.endswith("率"):
            continue
        m = BARE_RATE.match(sentence[hit.end : hit.end + 14])
        if not m:
            continue
        start, end = hit.end + m.start(1), hit.end + m.end(1)
        if any(a <= start < b for a, b in taken):
            continue
        tail = sentence[end : end + 2]
        qualifier = "at_most" if tail.startswith(("以内", "以下")) or "控制在" in m.group(0) else (
            "approx" if tail.startswith("左右") else "none")
        quote = sentence[hit.start : end + (2 if qualifier != "none" and not "控制在" in m.group(0) else 0)]
        out.append(Fact(
            label=hit.name, value=Decimal(m.group(1)), unit="%", raw=m.group(1), qualifier=qualifier,
            period=ctx.period, kind="target" if _is_target_clause(sentence[max(0, hit.start - 20) : start], tail) else ctx.kind,
            quote=quote, indicator=hit.id, report_id=frame.report_id, section=ctx.path, source=frame.source,
            confidence=0.6, rule="indicator=name; missing_percent_sign; period=" + ctx.rule,
            start=start - hit.start, end=end - hit.start,
        ))
    return out


def prefer_strong_names(facts: list[Fact]) -> list[Fact]:
    """A weak (plain) name of an indicator is a broader total where the report also uses the
    strong name (一般公共预算收入 beside 区级一般公共预算收入): then it is not the indicator."""
    strong = {f.indicator for f in facts if f.indicator and "weak_name" not in f.rule}
    bases = {i.removesuffix("_growth") for i in strong}
    # a report that writes the plain name after its own area's name (南岭区一般公共预算收入) uses the
    # plain name for its own series: keep its plain mentions
    bases -= {f.indicator.removesuffix("_growth") for f in facts if f.indicator and "own_area_name" in f.rule}
    for f in facts:
        if f.indicator and "weak_name" in f.rule and f.indicator.removesuffix("_growth") in bases:
            f.rule += "; dropped: the report also names the narrower series"
            f.indicator, f.scope = None, "broader"
    return facts


def extract(sections: list[Section], frame: ReportFrame) -> list[Fact]:
    root = root_context(frame)
    facts: list[Fact] = []

    def walk(section: Section, parent: Context) -> None:
        ctx = section_context(section, parent, frame)
        for par in section.paragraphs:
            facts.extend(paragraph_facts(par, ctx, frame))
        for child in section.children:
            walk(child, ctx)

    for section in sections:
        walk(section, root)
    return facts

