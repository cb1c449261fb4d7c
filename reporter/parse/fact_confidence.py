"""How sure a fact is: every decision that rests on a default rather than the text's words
lowers the confidence and says so in the rule (reporter/data/confidence.toml turns the notes
into the reasons products print beside a low-confidence figure)."""
from __future__ import annotations

from reporter.parse.frame import ReportFrame
from reporter.parse.numbers import NumberSpan


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
