"""A figure's value and qualifier: its sign (下降 before a rate, a minus sign) and whether it is
an estimate (预计 governing it); the unit conversion is the indicator's (fact_indicator.admit)."""
from __future__ import annotations

import re

from reporter.parse.clauses import Figure
from reporter.parse.draft import Draft
from reporter.registry import registry

DOWN = re.compile(r"(下降|减少|降低|回落|负增长|降至负|下滑|收窄)了?$")
ESTIMATE = re.compile(r"预计|初步测算|预期可")


def sign(fig: Figure, d: Draft) -> None:
    """'下降3.2%' is -3.2 (unless the name is a reduction already: 能耗降幅); '-5.0' is negative."""
    named_as_reduction = "降" in (d.ind.zh if d.ind else d.label.replace("下降", ""))  # 能耗降幅 is a reduction already
    start, sentence = fig.span.start, fig.sentence
    if d.unit == "%" and (DOWN.search(fig.clause) or DOWN.search(fig.since_prev)) and not named_as_reduction:
        d.value = -d.value
    elif sentence[start - 1 : start] in ("-", "－", "−") and not sentence[start - 2 : start - 1].isdigit():
        d.value = -d.value


def estimate_governs(sentence: str, at: int, pos: int) -> bool:
    """预计 before any indicator name governs the sentence's whole list ('预计，2016年…'); one said
    after a name governs that item only, up to the next indicator name ('…预计达到4500亿元、增长6%，
    区级一般公共预算收入完成431.1亿元': not estimated)."""
    at = max(m.start() for m in ESTIMATE.finditer(sentence, 0, pos))  # the nearest 预计 before the figure
    hits = [h for h in registry().hits(sentence[:pos]) if h.id]
    if not hits or hits[0].start > at:
        return True
    return not any(h.start > at for h in hits)


def qualify(fig: Figure, d: Draft, estimate_at: int) -> None:
    """The figure's own qualifier (约, 以上…), or 'estimated' where a 预计 governs it."""
    span = fig.span
    d.qualifier = span.qualifier
    if d.qualifier in ("none", "approx") and 0 <= estimate_at < span.start and estimate_governs(fig.sentence, estimate_at, span.start):
        d.qualifier = "estimated"
