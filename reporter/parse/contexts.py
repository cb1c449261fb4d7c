"""Where a sentence stands: the kind and period it starts from.

A '2023年…执行情况' section is actual 2023, a '2024年…目标任务' section is target 2024; the
paragraph's and the sentence's opening marks ('2022年，…', '前三季度，…', '去年…', '到2035年，…')
refine that. A figure's own clause (fact_period.py) overrides it only on its own words.
"""
from __future__ import annotations

import re
from dataclasses import replace

import reporter.parse.periods as pm
from reporter.model import Section
from reporter.parse.frame import Context, ReportFrame, writing_year

FIVE_YEARS = re.compile(r"过去五年|五年来|五年间|五年累计|这五年|连续[5五]年")
PLAN_NAME = re.compile(r"十[一二三四五六七八九]五")
ACTUAL_TITLE = re.compile(r"((?:19|20)\d{2})年.{0,24}?(执行情况|工作回顾|完成情况|运行情况)")
TARGET_TITLE = re.compile(r"((?:19|20)\d{2})年.{0,24}?(主要任务|目标任务|发展目标|工作安排|主要举措|计划安排|计划草案|预算草案|工作任务|预期目标|主要目标|工作目标|总体要求)")
TARGET_SENTENCE = re.compile(r"((?:19|20)\d{2}|今|明)年[^。]{0,24}?(?:主要(?:预期)?目标|预期目标|目标是|目标为)")
NEXT_FIVE = re.compile(r"(?:未来|今后|此后)五年")
HORIZON = re.compile(r"^(?:力争|争取|预计)?(?:到|至)((?:19|20)\d{2})年(?:底|末)?")


def root_context(frame: ReportFrame) -> Context:
    if frame.review_year:
        return Context("actual", pm.month_period(frame.review_year, frame.release_months), "", "report")
    if frame.plan_year:
        return Context("target", str(frame.plan_year), "", "report")
    return Context("actual", "", "", "unknown")


def next_plan_first(frame: ReportFrame) -> int | None:
    """The first year after the one the report reviews (its plan year)."""
    return frame.plan_year or (frame.review_year + 1 if frame.review_year else None)


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
    first = next_plan_first(frame)
    if NEXT_FIVE.search(title) and first:  # '今后五年的奋斗目标': targets over the next plan period
        return Context("target", f"{first}-{first + 4}", path, "section")
    if frame.span and ("五年" in title or PLAN_NAME.search(title)) and parent.kind == "actual":
        if not re.search(r"(19|20)\d{2}年", title):
            return Context("actual", frame.span, path, "section")
    return replace(parent, path=path)


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
        year = pm.resolve_year(mark, writing_year(frame)) or pm.year_of(ctx.period)
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
        w = writing_year(frame)
        year = (w if word == "今" else (w + 1 if w else None)) if word in ("今", "明") else int(word)
        if word == "今" and frame.plan_year:
            year = frame.plan_year
        if year:
            return replace(ctx, kind="target", period=str(year), rule="sentence")
    first = next_plan_first(frame)
    if first and re.search(NEXT_FIVE.pattern + r"[^。]{0,24}?目标", sentence[:40]):
        return replace(ctx, kind="target", period=f"{first}-{first + 4}", rule="sentence")
    if ctx.kind == "actual" and frame.span and FIVE_YEARS.search(sentence[:12]):
        return replace(ctx, period=frame.span, rule="sentence")
    return ctx


def holds_for_paragraph(sentence: str, first: bool) -> bool:
    """A year or a cumulative span said at a sentence's head holds for the rest of its paragraph; a
    date (截至11月) or a single month only when it opens the paragraph: inside one it is that
    sentence's (the figures after it are not stocks at that date)."""
    head = pm.find_marks(sentence.lstrip("—— ")[:14])
    if not head or head[0].start > 3:
        return True
    return first or not (head[0].single_month or re.match(r"截至", sentence.lstrip("—— ")[head[0].start : head[0].start + 2]))


def sentence_period(sentence: str, ctx: Context, frame: ReportFrame, first: bool) -> tuple[Context, Context]:
    """(the paragraph's context after this sentence, the sentence's own context)."""
    opened = opening_period(sentence.lstrip("—— "), ctx, frame)
    if opened is not ctx and holds_for_paragraph(sentence, first):
        ctx, sctx = replace(opened, rule="paragraph"), opened  # a period said at a paragraph's head holds for it
    elif opened is not ctx:
        sctx = opened  # '截至11月，…' inside a paragraph: that sentence only, not the clauses after it
    else:
        sctx = ctx
    return ctx, sentence_context(sentence, sctx, frame)
