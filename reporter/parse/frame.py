"""What every fact decider starts from: the document's decision (ReportFrame) and where a
sentence stands in the report (Context: its kind, period and section path)."""
from __future__ import annotations

from dataclasses import dataclass


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


def writing_year(frame: ReportFrame) -> int | None:
    """The year the text was written in (今年), as far as the document tells."""
    if frame.writing_year:
        return frame.writing_year
    if frame.plan_year:
        return frame.plan_year
    return frame.review_year + 1 if frame.review_year else None
