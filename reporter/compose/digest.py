"""The quarterly digest: what the corpus learned in one quarter, and where the year's targets stand.

A report arrives in the quarter of its first date (delivered, else published); a statistics
release arrives in the quarter its data period ends. A report with no date is placed in no
quarter and named in a note, never given an invented date. Everything "as of the quarter's
end" uses only the reports that had arrived by then, so an old digest never knows the future.
Nothing here formats text; templates/digest.md.j2 does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reporter.compose import compare_values
from reporter.corpus import Corpus
from reporter.i18n import Messages
from reporter.model import Fact, Report
from reporter.periods import is_single_year
from reporter.quarters import Quarter, iso_date, partial_year, period_end
from reporter.registry import registry

STATUSES = ("met", "missed", "on_track", "not_yet_known")


@dataclass(frozen=True)
class Arrival:
    quarter: Quarter
    day: date
    how: str  # delivered | published | period (a statistics release: its data period's end)


def arrival(report: Report) -> Arrival | None:
    """When the corpus learned of this report, or None when it has no usable date."""
    if report.kind == "statistics_release":
        ends = [period_end(f.period) for f in report.facts if f.kind == "actual"]
        ends = [e for e in ends if e is not None]
        if ends:
            last = max(ends)
            return Arrival(Quarter.of(last), last, "period")
    for how in ("delivered", "published"):
        day = iso_date(getattr(report, how))
        if day is not None:
            return Arrival(Quarter.of(day), day, how)
    return None


def placed(reports: list[Report]) -> tuple[dict[str, Arrival], list[Report]]:
    """Report id -> its arrival, and the reports that have no date (placed nowhere)."""
    arrivals, undated = {}, []
    for report in reports:
        found = arrival(report)
        if found is None:
            undated.append(report)
        else:
            arrivals[report.id] = found
    return arrivals, undated


def latest_quarter(reports: list[Report]) -> Quarter:
    """The latest quarter a source falls in (the default digest); the current one if none does."""
    arrivals, _ = placed(reports)
    return max((a.quarter for a in arrivals.values()), default=Quarter.of(date.today()))


def known_by(reports: list[Report], quarter: Quarter) -> list[Report]:
    """The reports that had arrived by the end of quarter: what a digest may use."""
    arrivals, _ = placed(reports)
    return [r for r in reports if r.id in arrivals and arrivals[r.id].quarter <= quarter]


@dataclass
class NewSource:
    report: Report
    arrived: Arrival
    actuals: int
    targets: int
    plan_rows: int
    terms: int


@dataclass
class Latest:
    """One headline indicator as of the quarter's end: its latest value and the one before."""

    indicator: str
    label: str
    unit: str
    latest: Fact
    year: int
    months: tuple[int, int] | None  # (1, 10) for a cumulative Jan–Oct value; None for a full year
    growth: Fact | None
    previous: Fact | None
    previous_year: int | None
    change: Decimal | None  # only between two exact, like-for-like values (compose/compare_values.py)
    change_pct: Decimal | None
    points: bool  # the change is in percentage points (a rate)
    approximate: bool  # either value is approximate (约, 预计, ≥): then no change is computed
    new: bool  # the latest value came from a source new this quarter
    source: Report
    years: int = 1  # the change spans this many years (a reported growth is over one)
    not_computed: str = ""  # why no change: compare_values.REASONS


@dataclass
class TargetState:
    indicator: str
    label: str
    target: Fact
    actual: Fact | None
    months: tuple[int, int] | None  # the actual is cumulative for these months
    status: str
    new: bool


@dataclass
class Targets:
    year: int
    lines: list[TargetState]
    counts: dict[str, int] = field(default_factory=dict)


def _full(fact: Fact) -> bool:
    return is_single_year(fact.period)


def _rank(fact: Fact, by_id: dict[str, Report], arrivals: dict[str, Arrival]) -> tuple:
    """Higher is better: later period end, a full year before a part, the year's own review,
    an exact figure before an estimate, then the later source."""
    report = by_id[fact.report_id]
    end = period_end(fact.period) or date.min
    own = report.review_year == end.year
    return (end, _full(fact), own, fact.qualifier == "none", arrivals[report.id].day, report.id)


def _best(facts: list[Fact], by_id, arrivals) -> Fact | None:
    return max(facts, key=lambda f: _rank(f, by_id, arrivals), default=None)


def _earlier(fact: Fact, candidates: list[Fact]) -> list[Fact]:
    """Values of an earlier comparable period: a whole year before a whole year, the same
    months of an earlier year before a year-so-far value."""
    end = period_end(fact.period)
    if _full(fact):
        return [f for f in candidates if _full(f) and int(f.period) < end.year]
    months = partial_year(fact.period)[1:]
    spans = ((f, partial_year(f.period)) for f in candidates)
    return [f for f, span in spans if span is not None and span[0] < end.year and span[1:] == months]


def latest_values(known: Corpus, new_ids: set[str], headline: list[dict],
                  arrivals: dict[str, Arrival]) -> tuple[list[Latest], list[str]]:
    """Each headline indicator's latest known value with its change; and the ones with none.
    The corpus query gives the candidates; the digest picks the latest known at the quarter's end."""
    reg = registry()
    by_id = {r.id: r for r in known.reports}
    rows, unknown = [], []
    for cfg in headline:
        ind = reg.indicators[cfg["indicator"]]
        candidates = known.actuals(ind.id)
        latest = _best(candidates, by_id, arrivals)
        if latest is None:
            unknown.append(ind.zh)
            continue
        year = (period_end(latest.period) or date.min).year
        previous = _best(_earlier(latest, candidates), by_id, arrivals)
        growth = None
        if cfg.get("growth"):
            same = [f for f in known.actuals(cfg["growth"]) if f.period == latest.period]
            growth = _best([f for f in same if f.report_id == latest.report_id] or same, by_id, arrivals)
        points = latest.unit == "%"
        previous_year = period_end(previous.period).year if previous is not None else None
        done = compare_values.compute(previous, latest, year - previous_year) if previous is not None else None
        change = done.change if done else None
        change_pct = done.growth if done and not points else None
        span = partial_year(latest.period)
        approximate = any(f.qualifier != "none" for f in (latest, previous) if f is not None)
        rows.append(Latest(ind.id, ind.zh, ind.unit or latest.unit, latest, year, span[1:] if span else None,
                           growth, previous, previous_year, change, change_pct, points, approximate,
                           latest.report_id in new_ids, by_id[latest.report_id],
                           year - previous_year if previous_year else 1,
                           compare_values.why_not(previous, latest) if previous is not None else ""))
    return rows, unknown


def comparable_part(fact: Fact) -> bool:
    """A year-so-far value can be held against a whole-year target only for a rate or an
    intensity (%, 微克/立方米, 万元/人); a running total (亿元, counts) is not yet the year's."""
    return fact.unit == "%" or "/" in fact.unit


def meets(actual: Fact, target: Fact) -> bool | None:
    """Does actual reach target? at_most / at_least decide first, then the registry's `better`."""
    if actual.value is None or target.value is None or target.qualifier == "in_line":
        return None
    if not compare_values.may_compare_status(actual, target):
        return None
    ind = registry().get(target.indicator)
    lower = target.qualifier == "at_most" or (target.qualifier != "at_least" and ind is not None and ind.better == "lower")
    slack = Decimal("0.5") if target.qualifier == "approx" and target.unit == "%" else Decimal(0)
    return actual.value <= target.value + slack if lower else actual.value >= target.value - slack


def target_status(target: Fact, full: Fact | None, part: Fact | None) -> str:
    """met / missed from the whole year; on track from a year-so-far release; else not yet known."""
    if full is not None:
        verdict = meets(full, target)
        if verdict is not None:
            return "met" if verdict else "missed"
    if part is not None and comparable_part(part) and meets(part, target):
        return "on_track"
    return "not_yet_known"


def _target_rank(fact: Fact, year: int, by_id, arrivals) -> tuple:
    """The plan year's own report first, its sentence before its table, then the later source."""
    report = by_id[fact.report_id]
    return (report.plan_year == year, not fact.section.startswith("附件"), arrivals[report.id].day, report.id)


def targets_in_force(known: Corpus, year: int, new_ids: set[str], arrivals) -> Targets:
    """Targets whose period is the year, one per indicator, each with how it stands."""
    reg = registry()
    by_id = {r.id: r for r in known.reports}
    chosen: dict[str, Fact] = {}
    for fact in known.targets_of(year):
        best = chosen.get(fact.indicator)
        if best is None or _target_rank(fact, year, by_id, arrivals) > _target_rank(best, year, by_id, arrivals):
            chosen[fact.indicator] = fact
    order = list(reg.indicators)
    lines = []
    for indicator in sorted(chosen, key=order.index):
        target = chosen[indicator]
        actuals = known.actuals(indicator)
        full = _best([f for f in actuals if f.period == str(year)], by_id, arrivals)
        part = _best([f for f in actuals if (partial_year(f.period) or (0,))[0] == year], by_id, arrivals)
        status = target_status(target, full, part)
        shown = full if full is not None else part
        span = partial_year(shown.period) if shown is not None and full is None else None
        lines.append(TargetState(indicator, reg.indicators[indicator].zh, target, shown, span[1:] if span else None,
                                 status, target.report_id in new_ids or (shown is not None and shown.report_id in new_ids)))
    counts = {s: sum(1 for line in lines if line.status == s) for s in STATUSES}
    return Targets(year, lines, counts)


def last_news(quarter: Quarter, arrivals: dict[str, Arrival]) -> Quarter | None:
    """The latest quarter before this one in which a source arrived."""
    return max((a.quarter for a in arrivals.values() if a.quarter < quarter), default=None)


def build(reports: list[Report], quarter: Quarter, headline: list[dict], t: Messages) -> dict:
    arrivals, undated = placed(reports)
    known = known_by(reports, quarter)
    new = sorted((r for r in known if arrivals[r.id].quarter == quarter), key=lambda r: (arrivals[r.id].day, r.id))
    new_ids = {r.id for r in new}
    corpus = Corpus.of(known)  # the one corpus query (reporter/corpus.py), of what had arrived by the quarter's end
    latest, unknown = latest_values(corpus, new_ids, headline, arrivals)
    targets = targets_in_force(corpus, quarter.year, new_ids, arrivals)
    return {
        "quarter": str(quarter),
        "year": quarter.year,
        "q": quarter.q,
        "start": quarter.start.isoformat(),
        "end": quarter.end.isoformat(),
        "quiet": not new,
        "new_sources": [NewSource(r, arrivals[r.id], sum(f.kind == "actual" for f in r.facts),
                                  sum(f.kind == "target" for f in r.facts), len(r.targets), len(r.terms)) for r in new],
        "known": len(known),
        "latest": latest,
        "unknown": unknown,
        "targets": targets,
        "last_news": str(last_news(quarter, arrivals) or ""),
        "undated": undated,
        "status_names": {s: t(f"status_{s}") for s in STATUSES},
        "kind_names": {r.kind: t(f"kind_{r.kind}") for r in known},
    }


def covered_sources(reports: list[Report], quarter: Quarter) -> list[tuple[str, str]]:
    """(id, checksum) of every report a digest of quarter reads (the undated ones too: its note
    names them), for its staleness fingerprint."""
    _, undated = placed(reports)
    return sorted((r.id, r.checksum) for r in known_by(reports, quarter) + undated)
