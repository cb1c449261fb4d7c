"""A figure's kind: actual or target. The sentence's context gives the start (contexts.py); a
target word in the figure's clause makes it a target, and '目标由年初的6%调整为5%' gives two
targets, the original and the adjusted one."""
from __future__ import annotations

import re

from reporter.model import Fact
from reporter.parse.clauses import Figure, has_any
from reporter.parse.draft import Draft
from reporter.parse.frame import ReportFrame, writing_year
from reporter.parse.numbers import NumberSpan

ORIGINAL_TARGET = re.compile(r"年初(?:确定|设定|安排|下达|预期)?的?(?:目标|计划|预算)?$")
ADJUSTED_TARGET = re.compile(r"^调(?:整|减|增)(?:为|到|至)$")


def is_target_clause(clause: str, after: str) -> bool:
    if has_any(clause, "not_target"):
        return False
    if has_any(clause, "target"):
        return True
    return bool(re.match(r"^\S{0,3}的?(目标|任务)", after))


def decide_kind(fig: Figure, d: Draft, frame: ReportFrame) -> None:
    """A target word in an actual figure's clause makes it a target (今年: of the writing year)."""
    if d.kind == "actual" and is_target_clause(fig.clause, fig.sentence[fig.span.end : fig.span.end + 8]):
        d.kind = "target"
        if "今年" in fig.sentence[: fig.span.start]:
            d.period = str(writing_year(frame) or d.period)


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
