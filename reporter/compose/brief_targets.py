"""The brief's targets against actuals and its plan tables compared year by year; `status`,
the one verdict of an actual against its target (compare and summary use it too)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reporter.compose import compare_values
from reporter.corpus import Corpus
from reporter.i18n import Messages
from reporter.model import Fact, PlanTarget, Report
from reporter.registry import registry

PLAN_STATEMENT = re.compile(r"\d+项(?:计划)?指标[^。]*?(?:完成|达到|实现)[^。]*。")

def status(actual: Fact | None, target: Fact | None) -> str | None:
    """met / missed / not_comparable, or None when there is nothing to compare."""
    if actual is None or target is None:
        return None
    if target.qualifier == "in_line" or not compare_values.may_compare_status(actual, target):
        return "not_comparable"
    ind = registry().get(target.indicator)
    a, t = actual.value, target.value
    if ind is not None and ind.better == "lower":
        return "met" if a <= t else "missed"
    slack = Decimal("0.5") if target.qualifier == "approx" and target.unit == "%" else Decimal(0)
    return "met" if a >= t - slack else "missed"


@dataclass
class TargetLine:
    indicator: str
    label: str
    target: Fact
    actual: Fact | None
    status: str | None
    words: object = None  # the target in words, said in the product's language (compose/localise.py)


@dataclass
class YearTargets:
    year: int
    lines: list[TargetLine]
    statements: list[tuple[str, Report]]
    planners: list[Report]
    reviewers: list[Report]
    statements_more: int = 0  # statements left out (MAX_STATEMENTS a year)
    unreported: list[str] = field(default_factory=list)  # targets left out: reviewed year, no actual given


SENTENCE_END = re.compile(r"[。！？]")


def split_sentences(par: str):
    """The sentences of a paragraph that end in 。！？ (a tail without one is left out), in one
    pass: `findall(r"[^。！？]*[。！？]")` rescans to the end from every character of a
    paragraph without a full stop, which is quadratic (a 1 MB paragraph ran for hours)."""
    start = 0
    for m in SENTENCE_END.finditer(par):
        yield par[start:m.end()]
        start = m.end()


def sentences_of(report: Report):
    for section in report.all_sections():
        for par in section.paragraphs:
            yield from split_sentences(par)


MAX_STATEMENTS = 4  # a year's statements on its plan (each source's, the same sentence once)
MAX_TARGET_LINES = 16  # a year's target table past this keeps only the targets with an actual


def targets_vs_actuals(corpus: Corpus, years: list[int]) -> list[YearTargets]:
    reg = registry()
    out = []
    for year in years:
        ids = sorted({ind for ind, kind, y in corpus.index if kind == "target" and y == year},
                     key=lambda i: list(reg.indicators).index(i))
        lines = []
        for indicator in ids:
            target = corpus.target(indicator, year)
            actual = corpus.actual(indicator, year)
            lines.append(TargetLine(indicator, reg.indicators[indicator].zh, target, actual, status(actual, target)))
        statements = [(s.strip(), r) for r in corpus.reviewers(year) for s in sentences_of(r) if PLAN_STATEMENT.search(s)]
        statements = list({text: (text, r) for text, r in reversed(statements)}.values())[::-1]  # once, first source
        lines, unreported = capped_lines(lines, bool(corpus.reviewers(year)))
        if lines or statements or unreported:
            out.append(YearTargets(year, lines, statements[:MAX_STATEMENTS], corpus.planners(year),
                                   corpus.reviewers(year), max(0, len(statements) - MAX_STATEMENTS), unreported))
    return out


def capped_lines(lines: list[TargetLine], reviewed: bool) -> tuple[list[TargetLine], list[str]]:
    """Past MAX_TARGET_LINES, a reviewed year's targets whose review gives no actual leave the table
    and are named in one line (their values are in the appendix): the table keeps the comparisons."""
    if len(lines) <= MAX_TARGET_LINES or not reviewed:
        return lines, []
    return [x for x in lines if x.actual is not None], [x.label for x in lines if x.actual is None]


@dataclass
class PlanRow:
    key: str
    dimension: str
    name: str
    unit: str
    cells: dict[int, str]
    move: str
    targets: dict[int, PlanTarget] = field(default_factory=dict)  # the cells' targets (localise prints them)


def plan_sources(reports: list[Report], years: list[int]) -> dict[int, Report]:
    """Plan year -> the report whose annex holds that year's plan table."""
    return {t.plan_year: r for r in reports for t in r.targets if t.plan_year in years}


def plan_tables_compared(reports: list[Report], years: list[int], msg: Messages) -> tuple[list[int], list[PlanRow]]:
    targets = [t for r in reports for t in r.targets if t.plan_year in years]
    plan_years = sorted({t.plan_year for t in targets})
    rows: dict[str, PlanRow] = {}
    values: dict[str, dict[int, Decimal | None]] = {}
    for t in sorted(targets, key=lambda t: (t.plan_year, t.number)):
        key = t.indicator or t.name
        row = rows.setdefault(key, PlanRow(key, t.dimension, t.name, t.unit, {}, ""))
        row.cells[t.plan_year] = t.plan_text
        row.targets[t.plan_year] = t
        values.setdefault(key, {})[t.plan_year] = t.value
    for key, row in rows.items():
        vals = [values[key].get(y) for y in plan_years]
        numeric = [v for v in vals if v is not None]
        if len(plan_years) > 1 and len(numeric) == len(plan_years):
            first, last = numeric[0], numeric[-1]
            arrow = "↑" if last > first else "↓" if last < first else "＝"
            row.move = f"{first} → {last} {arrow}"
        elif len(set(row.cells.values())) == 1 and len(row.cells) == len(plan_years) > 1:
            row.move = msg("unchanged")
        else:
            row.move = "—"
    return plan_years, list(rows.values())
