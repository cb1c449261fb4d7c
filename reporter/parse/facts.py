"""Sections -> facts: each number with its unit, qualifier, period, kind, scope and indicator.

A figure is decided by one decider per question, in this order: which indicator
(fact_indicator.py), whose figure (scope.py), its value and qualifier (fact_value.py), its period
(contexts.py for where the sentence stands, fact_period.py for its own clause), its kind
(fact_kind.py) and how sure all that is (fact_confidence.py). This module walks the sections,
paragraphs, sentences and figures and puts each decided fact together; see docs/ARCHITECTURE.md
"How facts are found". Every loop runs over a bounded piece of text (clauses.py).
"""
from __future__ import annotations

import re

import reporter.parse.periods as pm
from reporter.model import Fact, Section
import reporter.parse.fact_indicator as fi
import reporter.parse.scope as sc
from reporter.parse.bare_facts import bare_rate_facts, in_line_facts
from reporter.parse.clauses import MAX_QUOTE, Figure, sentences, skip_span
from reporter.parse.contexts import paragraph_context, root_context, section_context, sentence_period
from reporter.parse.draft import Draft, Subject
from reporter.parse.fact_confidence import lower_for_defaults
from reporter.parse.fact_kind import decide_kind, mark_adjusted_target
from reporter.parse.fact_period import clause_period
from reporter.parse.fact_value import ESTIMATE, qualify, sign
from reporter.parse.frame import Context, ReportFrame
from reporter.parse.numbers import NumberSpan, find_numbers
from reporter.registry import registry


def fact_from_span(span: NumberSpan, sentence: str, ctx: Context, frame: ReportFrame, subject: Subject | None,
                   floor: int, estimate_at: int, verb: str | None = None) -> tuple[Fact, Subject | None]:
    """One figure -> a fact, and the subject the figures after it may inherit. verb: the words
    after 分别 when the subject was given by a list."""
    fig = Figure.at(span, sentence, floor, verb)
    d = Draft(name_start=fig.cstart, hit=fi.name_hit(fig))
    new_subject = fi.decide_indicator(fig, d, subject, ctx, frame)
    sc.refine_scope(fig, d)
    fi.admit(fig, d)
    sign(fig, d)
    clause_period(fig, d, ctx, frame)
    decide_kind(fig, d, frame)
    qualify(fig, d, estimate_at)
    d.confidence, d.why = lower_for_defaults(d.confidence, d.why, span, d.indicator, d.scope, d.period, d.period_rule, frame)
    return _fact(fig, d, ctx, frame), new_subject


def _fact(fig: Figure, d: Draft, ctx: Context, frame: ReportFrame) -> Fact:
    """The decided fact, its quote running from its name (or clause) to the figure."""
    span = fig.span
    quote_start = d.name_start if span.end - d.name_start <= MAX_QUOTE else fig.cstart
    quote_start = max(quote_start, span.end - MAX_QUOTE)
    quote_end = max(span.end, d.name_end)
    fact = Fact(
        label=d.label,
        value=d.value,
        unit=d.unit,
        raw=span.raw,
        qualifier=d.qualifier,
        period=d.period,
        kind=d.kind,
        quote=fig.sentence[quote_start:quote_end],
        indicator=d.indicator,
        report_id=frame.report_id,
        section=ctx.path,
        source=frame.source,
        scope=d.scope,
        confidence=round(max(0.1, d.confidence), 2),
        rule=f"indicator={d.why or 'name'}; period={d.period_rule}",
    )
    fact.start, fact.end = span.start - quote_start, span.end - quote_start
    return fact


def figures(sentence: str) -> list[NumberSpan]:
    """The sentence's figures, without those inside a registered name ('公园绿地500米服务半径覆盖率')."""
    spans = find_numbers(sentence)
    dn = registry().digit_names
    if dn is not None and spans:
        inside = [(m.start(), m.end()) for m in dn.finditer(sentence)]
        if inside:  # a figure inside a name is part of the name
            spans = [sp for sp in spans if not any(a <= sp.start and sp.end <= b for a, b in inside)]
    return spans


def respectively(sentence: str, spans: list[NumberSpan], i: int, floor: int, between: str,
                 levels: list[Subject | None]) -> tuple[str, list[Subject | None] | None]:
    """'…分别增长11.2%和13%': the verb after 分别 and one subject per figure of the run, in order
    (None: the subjects so far stand)."""
    span = spans[i]
    run = 1
    while i + run < len(spans) and spans[i + run].unit == span.unit and re.fullmatch(
            r"[和、与及，]?", sentence[spans[i + run - 1].end : spans[i + run].start]):
        run += 1
    verb = re.split(r"[，；]", between[between.index("分别") + 2 :])[0]
    named = [h for h in registry().hits(between[: between.index("分别")]) if h.id]
    if len(named) == run:  # '地区生产总值、社会消费品零售总额分别增长5.5%和6.2%'
        return verb, [Subject(h.id, floor + h.start, h.weak, h.sub) for h in named]
    if span.unit == "%":  # '…566.6亿元，其中服务业增加值459亿元，分别增长11.2%和13%'
        return verb, levels[-run:] if len(levels) >= run else []
    return verb, None


def sentence_facts(sentence: str, sctx: Context, frame: ReportFrame, spans: list[NumberSpan], facts: list[Fact]) -> None:
    """Each figure of a sentence -> a fact appended to facts (the paragraph's so far), the subject
    passed on from figure to figure."""
    subject: Subject | None = None
    floor = 0
    est = ESTIMATE.search(sentence)
    estimate_at = est.start() if est else -1
    levels: list[Subject | None] = []  # subjects of the level figures since the last ；
    verb = ""
    done: list[Fact] = []
    respective: list[Subject | None] = []  # '分别增长11.2%和13%': one subject per figure, in order
    for i, span in enumerate(spans):
        if skip_span(sentence, span):
            floor = span.end
            continue
        between = sentence[floor : span.start]
        if "；" in between:
            levels = []
        if "分别" in between:
            verb, found = respectively(sentence, spans, i, floor, between, levels)
            respective = found if found is not None else respective
        forced = None
        if respective:
            subject = respective.pop(0)
            forced = "分别" + verb
        fact, subject = fact_from_span(span, sentence, sctx, frame, subject, floor, estimate_at, forced)
        mark_adjusted_target(fact, sentence, span, floor, facts)
        carry_from_level(fact, done)
        sc.mark_component(fact, sentence, span, done)
        done.append(fact)
        if span.unit != "%":
            levels.append(subject)
        floor = span.end
        facts.append(fact)


def paragraph_facts(par: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    facts: list[Fact] = []
    ctx = paragraph_context(par, ctx, frame)
    first = True
    for _, sentence in sentences(par):
        if not sentence.strip():
            continue
        ctx, sctx = sentence_period(sentence, ctx, frame, first)
        first = False
        spans = figures(sentence)
        sentence_facts(sentence, sctx, frame, spans, facts)
        facts.extend(in_line_facts(sentence, sctx, frame))
        facts.extend(bare_rate_facts(sentence, sctx, frame, spans))
    return facts


def carry_from_level(fact: Fact, before: list[Fact]) -> None:
    """'1-10月…固定资产投资完成163.3亿元、增长1.7%', '东江市…14867.7亿元，同比增长8.4%': a figure that
    inherits its name from the level just before it also shares that level's months and area."""
    if "subject:" not in fact.rule or not before or not fact.indicator:
        return
    prev = before[-1]
    if fi.base_of(prev.indicator) != fi.base_of(fact.indicator):
        return
    if "period=clause" in prev.rule and "period=clause" not in fact.rule and prev.kind == fact.kind \
            and pm.months_of(prev.period) and pm.year_of(prev.period) == pm.year_of(fact.period):
        fact.period = prev.period
        fact.rule += "; period=level (the months of the level it follows)"
    if prev.scope in ("city", "nation", "other_area", "sub_area") and fact.scope == "own":
        fact.scope = prev.scope
        fact.rule += f"; scope={prev.scope} (the area of the level it follows)"


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
