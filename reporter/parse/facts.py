"""Sections -> facts: each number with its unit, qualifier, period, kind and indicator.

The period and kind come from where a sentence stands (a '2023年…执行情况' section is
actual 2023, a '2024年…目标任务' section is target 2024), refined by the sentence itself
(年均/累计 -> the five-year span, '由2015年的…' -> 2015, '…要求…的目标' -> a target).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reporter.model import Fact, Section
from reporter.parse.numbers import NumberSpan, convert, find_numbers, units
from reporter.registry import registry

CLAUSE_BREAK = re.compile(r"[，。；：、！？]")
SENTENCE = re.compile(r"[^。！？]*[。！？]?")
GROWTH_WORDS = re.compile(r"增长|增速|增幅|下降|提高|降低|回落|同比|比上年|年均|减少|上升")
BARE_VERB = re.compile(r"^(?:预计|同比|比上年|分别)?(?:降至|增至|达到|达|提高到|提高至|提升至|为|实现|完成|突破|超过|增加到)?$")
# units that can only belong to the sentence's subject ("PM2.5…36微克/立方米，距离市级要求31微克/立方米")
DISTINCT_DIMENSIONS = {"percent", "concentration", "death_rate", "money_per_person", "usd"}
MONTHS = re.compile(r"(?:(\d{1,2})[-—－~至]|截至)(\d{1,2})月")
FIVE_YEARS = re.compile(r"过去五年|五年来|五年间|五年累计")
DOWN = re.compile(r"(下降|减少|降低|回落|降至负)了?$")
ACTUAL_TITLE = re.compile(r"(\d{4})年.{0,24}?(执行情况|工作回顾|完成情况)")
TARGET_TITLE = re.compile(r"(\d{4})年.{0,24}?(主要任务|目标任务|发展目标|工作安排|主要举措|计划安排)")
TARGET_SENTENCE = re.compile(r"(\d{4}|今)年[^。]{0,20}?主要(?:预期)?目标")
IN_LINE = re.compile(r"([^，；。：]{2,30}?)与([^，；。：]{0,12}?)同步")


@dataclass(frozen=True)
class Context:
    kind: str
    period: str
    path: str


@dataclass(frozen=True)
class ReportFrame:
    """What the metadata tells the fact finder: the years a bare figure belongs to."""

    review_year: int | None
    span: str | None
    plan_year: int | None
    report_id: str
    source: str


def section_context(section: Section, parent: Context, frame: ReportFrame) -> Context:
    if section.is_lead:
        return parent  # a topic sentence belongs to the section it leads off
    title = section.title
    label = f"{section.number}{'、' if section.level == 1 and section.number else ''}{title}" if section.number else title
    path = f"{parent.path} / {label}" if parent.path else label
    m = ACTUAL_TITLE.search(title)
    if m:
        return Context("actual", m.group(1), path)
    m = TARGET_TITLE.search(title)
    if m:
        return Context("target", m.group(1), path)
    if "未来五年" in title and frame.plan_year:
        return Context("target", f"{frame.plan_year}-{frame.plan_year + 4}", path)
    return replace(parent, path=path)


def paragraph_context(par: str, ctx: Context, frame: ReportFrame) -> Context:
    """A paragraph that opens with '过去五年…' speaks of the five-year span throughout."""
    if ctx.kind == "actual" and frame.span and FIVE_YEARS.match(par[:6]):
        return replace(ctx, period=frame.span)
    return ctx


def sentence_context(sentence: str, ctx: Context, frame: ReportFrame) -> Context:
    m = TARGET_SENTENCE.search(sentence)
    if m:
        year = frame.plan_year if m.group(1) == "今" else int(m.group(1))
        if year:
            return replace(ctx, kind="target", period=str(year))
    if ctx.kind == "actual" and frame.span and FIVE_YEARS.search(sentence):
        return replace(ctx, period=frame.span)
    m = re.match(r"^(\d{4})年[，,]", sentence)
    if m and ctx.kind == "actual" and "-" not in ctx.period and int(m.group(1)) <= int(ctx.period):
        return replace(ctx, period=m.group(1))
    return ctx


def clause_before(sentence: str, pos: int, floor: int = 0) -> str:
    """The words that lead up to a number: back to a comma/、 or to the figure before it."""
    start = floor
    for m in CLAUSE_BREAK.finditer(sentence, floor, pos):
        start = m.end()
    return sentence[start:pos]


def resolve_indicator(clause: str, span: NumberSpan, subject: str | None) -> tuple[str | None, str, str | None]:
    """(indicator id, surface label, new sentence subject) for one number.

    A clause with no registered name but only a verb ('、增长8.1%') speaks of the
    sentence's subject; a clause naming something unregistered starts a new subject.
    """
    reg = registry()
    dimension = units().units[span.unit].dimension
    hit = reg.last_match(clause)
    if hit:
        base, label = hit
        return for_unit(base, dimension, clause[clause.rfind(label) + len(label) :]), label, base
    label = re.sub(r"^(其中|同比|比上年|较上年)", "", clause).strip()[-12:]
    if subject and (dimension in DISTINCT_DIMENSIONS or BARE_VERB.match(clause)) and reg.for_unit(subject, dimension):
        return for_unit(subject, dimension, clause), label or reg.indicators[subject].zh, subject
    return None, label, None


def for_unit(base: str, dimension: str, words_after: str) -> str | None:
    """A % after a level indicator is its growth only when the words say so (增长/同比…)."""
    reg = registry()
    chosen = reg.for_unit(base, dimension)
    if chosen and chosen != base and not GROWTH_WORDS.search(words_after):
        return None
    return chosen


def fact_from_span(span: NumberSpan, sentence: str, ctx: Context, frame: ReportFrame, subject: str | None, floor: int):
    clause = clause_before(sentence, span.start, floor)
    indicator, label, subject = resolve_indicator(clause, span, subject)
    ind = registry().get(indicator)
    unit, value = span.written_unit, span.number
    if ind is not None:
        target_unit = next((u for u in ind.units if convert(span.number, unit, u) is not None), None)
        if target_unit is None:
            indicator, ind = None, None
        else:
            value = convert(span.number, unit, target_unit)
            unit = target_unit or span.unit
    named_as_reduction = "降" in (ind.zh if ind else label.replace("下降", ""))  # 能耗降幅 is a reduction already
    if unit == "%" and DOWN.search(clause) and not named_as_reduction:
        value = -value
    kind, period = ctx.kind, ctx.period
    after = sentence[span.end : span.end + 8]
    before = sentence[: span.start]
    if re.search(r"\d{4}年(?!以来)", clause):
        period = re.findall(r"(\d{4})年(?!以来)", clause)[-1]
    elif frame.span and (re.search(r"年均(增速|增长|增幅|提高|下降)", clause) or (
        "累计" in clause and re.search(r"五年|十[一二三四五六七八九]五", sentence)
    )):
        period = frame.span
    months = MONTHS.search(before)
    if months and re.fullmatch(r"\d{4}", period):
        period = f"{period}-{int(months.group(1) or 1):02d}..{period}-{int(months.group(2)):02d}"
    if kind == "actual" and (re.search(r"要求|目标|计划(?!生育)", clause) or re.match(r"^\S{0,3}的?(目标|任务)", after)):
        kind = "target"
    qualifier = span.qualifier
    if qualifier == "none" and "预计" in clause:
        qualifier = "estimated"
    fact = Fact(
        label=label,
        value=value,
        unit=unit,
        raw=span.raw,
        qualifier=qualifier,
        period=period,
        kind=kind,
        quote=sentence.strip(),
        indicator=indicator,
        report_id=frame.report_id,
        section=ctx.path,
        source=frame.source,
    )
    return fact, subject


def in_line_facts(sentence: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    """'居民人均可支配收入增长与经济增长基本同步': a target with no number."""
    out = []
    reg = registry()
    for m in IN_LINE.finditer(sentence):
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
                kind=ctx.kind,
                quote=sentence.strip(),
                indicator=indicator,
                report_id=frame.report_id,
                section=ctx.path,
                source=frame.source,
            )
        )
    return out


def paragraph_facts(par: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    facts: list[Fact] = []
    ctx = paragraph_context(par, ctx, frame)
    for m in SENTENCE.finditer(par):
        sentence = m.group(0)
        if not sentence.strip():
            continue
        sctx = sentence_context(sentence, ctx, frame)
        subject, floor, previous = None, 0, None
        for span in find_numbers(sentence):
            fact, new_subject = fact_from_span(span, sentence, sctx, frame, subject, floor)
            inherited = new_subject is not None and new_subject == subject and fact.label not in registry().by_name
            if inherited and fact.qualifier == "none" and previous is not None and previous.qualifier == "estimated":
                fact.qualifier = "estimated"  # '预计实现1070亿元、增长8%': 预计 covers both
            subject, floor, previous = new_subject, span.end, fact
            fact.start, fact.end = span.start, span.end  # the figure's place in its quote
            facts.append(fact)
        facts.extend(in_line_facts(sentence, sctx, frame))
    return facts


def extract(sections: list[Section], frame: ReportFrame) -> list[Fact]:
    root = Context("actual", str(frame.review_year or frame.plan_year or ""), "")
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
