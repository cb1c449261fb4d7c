"""The multi-year comparison brief: every table it prints, computed from the corpus.

Nothing here formats text; templates/brief.md.j2 does. Each figure handed to the template
is a Fact, so the template can footnote its source and quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


from reporter.compose import compare_values
from reporter.compose.brief_charts import chart_series, load_config
from reporter.compose.brief_targets import plan_sources, plan_tables_compared, status, targets_vs_actuals
from reporter.compose.sources import SourceNames, short_title
from reporter.corpus import Corpus
from reporter.errors import UserError
from reporter.i18n import Messages
from reporter.model import Fact, Report, Section
from reporter.periods import Period
from reporter.registry import registry
from reporter.themes import themes

REVIEW_TITLE = re.compile(r"回顾|执行情况|完成情况|总体情况|主要做法|工作成效|主要工作")
STATUSES = ("met", "missed", "not_comparable")


@dataclass
class Cell:
    year: int
    actual: Fact | None = None
    growth: Fact | None = None
    target: Fact | None = None
    growth_target: Fact | None = None
    status: str | None = None
    missing: str | None = None
    partial: Fact | None = None  # a part of the year (1-10月) when the whole year is not reported
    partial_growth: Fact | None = None
    partial_period: str = ""
    series: str = ""  # old | new where the indicator has a series break (compare_values.definition)
    words: dict = field(default_factory=dict)  # "target"/"growth_target" -> a target in words said in the product's language


@dataclass
class HeadlineRow:
    indicator: str
    label: str
    unit: str
    cells: list[Cell] = field(default_factory=list)
    break_note: str = ""  # the registry's note when the years shown straddle a series break


def part_of_year(period: str, t: Messages) -> str:
    """'2021-01..2021-10' -> '1-10月' (words from the catalogue)."""
    parsed = Period.parse(period)
    if parsed is None or parsed.kind != "months":
        return period
    start, end = parsed.first[1], parsed.last[1]
    return t("part_of_year", start=start, end=end) if start != end else t("one_month", month=end)


def missing_reason(corpus: Corpus, year: int, t: Messages) -> str:
    reviewers = corpus.reviewers(year)
    if not reviewers:
        return t("no_review_report", year=year)
    return t("review_silent", year=year, reports=t("list_separator").join(short_title(r, t) for r in reviewers))


def headline(corpus: Corpus, years: list[int], rows_config: list[dict], t: Messages) -> tuple[list[HeadlineRow], list[str]]:
    reg = registry()
    rows, empty = [], []
    for cfg in rows_config:
        ind = reg.indicators[cfg["indicator"]]
        growth = cfg.get("growth")
        row = HeadlineRow(ind.id, ind.zh, ind.unit)
        for year in years:
            cell = Cell(year, corpus.actual(ind.id, year), corpus.actual(growth, year) if growth else None,
                        corpus.target(ind.id, year), corpus.target(growth, year) if growth else None)
            cell.status = status(cell.growth, cell.growth_target) or status(cell.actual, cell.target)
            if cell.actual is None and cell.growth is None:
                cell.partial, cell.partial_growth = corpus.partial(ind.id, year), corpus.partial(growth, year)
                part = cell.partial or cell.partial_growth
                if part:
                    cell.partial_period = part_of_year(part.period, t)
                else:
                    cell.missing = missing_reason(corpus, year, t)
            row.cells.append(cell)
        mark_break(row)
        if any(c.actual or c.growth or c.target or c.growth_target or c.partial or c.partial_growth for c in row.cells):
            if not row.unit:  # a count: say it as the reports do (家, 个, 件)
                row.unit = next((c.actual.unit for c in row.cells if c.actual), "") or t("count_unit")
            rows.append(row)
        else:
            empty.append(ind.zh)
    return rows, empty


def mark_break(row: HeadlineRow) -> None:
    """Cells on either side of a series break say which; the row carries the registry's note."""
    note = compare_values.break_note(row.indicator)
    if not note:
        return
    for cell in row.cells:
        shown = cell.actual or cell.partial or cell.target
        cell.series = compare_values.definition(shown) if shown else ""
    if {"old", "new"} <= {c.series for c in row.cells}:
        row.break_note = note
    else:
        for cell in row.cells:
            cell.series = ""


@dataclass
class Change:
    """One indicator between two years with levels: the change, and growth where it may be computed
    (compose/compare_values.py decides); the report's own growth beside it, labelled, never subtracted."""

    indicator: str
    label: str
    unit: str
    first_year: int
    year: int
    before: Fact
    after: Fact
    change: Decimal | None  # None unless both are exact and like for like (compare_values.why_not)
    computed: Decimal | None  # growth over the whole span from levels (current prices), %
    cagr: Decimal | None  # compound annual growth, % (spans of more than one year)
    reported: Fact | None  # the report's own growth (neighbouring years only)
    reported_basis: str  # comparable (prices) | nominal | "" (not said)
    approximate: bool
    not_computed: str = ""  # why no growth: compare_values.REASONS

    @property
    def span(self) -> int:
        return self.year - self.first_year


def computable(before: Fact, after: Fact) -> str:
    """'' when growth may be computed; else the reason (compare_values.why_not)."""
    return compare_values.why_not(before, after)


def between(corpus: Corpus, ind, growth: str | None, y0: int, y1: int, before: Fact, after: Fact) -> Change:
    done = compare_values.compute(before, after, y1 - y0)
    reported = corpus.actual(growth, y1) if growth and y1 - y0 == 1 else None
    views = compare_values.growth_views(reported, done)
    approximate = before.qualifier != "none" or after.qualifier != "none"
    return Change(ind.id, ind.zh, ind.unit, y0, y1, before, after, done.change if done else None,
                  views.computed, done.cagr if done else None, reported, views.reported_basis, approximate,
                  computable(before, after))


def changes(corpus: Corpus, years: list[int], rows_config: list[dict]) -> list[Change]:
    """Each pair of successive years that have levels (2021→2023 across a silent 2022), and the
    whole span first→last when there are more than two; rates (%) are left to the headline."""
    reg = registry()
    out = []
    for cfg in rows_config:
        ind = reg.indicators[cfg["indicator"]]
        if ind.unit == "%":
            continue
        levels = [(y, f) for y in years if (f := corpus.actual(ind.id, y)) is not None and f.value is not None]
        pairs = list(zip(levels, levels[1:]))
        if len(levels) > 2:
            pairs.append((levels[0], levels[-1]))
        for (y0, before), (y1, after) in pairs:
            out.append(between(corpus, ind, cfg.get("growth"), y0, y1, before, after))
    return out


@dataclass
class Trend:
    """What a headline indicator did over the years shown, for a generated sentence."""

    indicator: str
    label: str
    unit: str
    first: Fact | None
    last: Fact | None
    first_year: int | None
    last_year: int | None
    direction: str | None  # up | down | flat | None (a bound or one level only)
    change: Change | None  # first -> last, when computable
    growth: Fact | None  # the latest reported growth
    growth_year: int | None
    met: int
    missed: int
    not_compared: str = ""  # why first and last are not compared: compare_values.REASONS


def trends(rows: list["HeadlineRow"], all_changes: list[Change]) -> list[Trend]:
    out = []
    for row in rows:
        levels = [c for c in row.cells if c.actual is not None and c.actual.value is not None]
        grown = [c for c in row.cells if c.growth is not None and c.growth.value is not None]
        if not levels and not grown:
            continue
        first, last = (levels[0], levels[-1]) if levels else (None, None)
        span = next((c for c in all_changes if c.indicator == row.indicator and first and last
                     and c.first_year == first.year and c.year == last.year), None)
        direction, why, diff = None, "", None
        if first and last and first.year != last.year:
            why = compare_values.why_not(first.actual, last.actual)
            if not why:  # a level's change, or a rate's move (no growth of a rate)
                diff = span.change if span is not None and span.change is not None else last.actual.value - first.actual.value
        if diff is not None:
            direction = "up" if diff > 0 else "down" if diff < 0 else "flat"
        out.append(Trend(row.indicator, row.label, row.unit, first.actual if first else None,
                         last.actual if last else None, first.year if first else None, last.year if last else None,
                         direction, span if span and span.change is not None else None,
                         grown[-1].growth if grown else None, grown[-1].year if grown else None,
                         sum(c.status == "met" for c in row.cells), sum(c.status == "missed" for c in row.cells), why))
    return out


@dataclass
class Highlight:
    text: str
    report: Report


def highlights(corpus: Corpus, years: list[int], per_theme: int = 3) -> list[tuple[int, list[tuple[str, list[Highlight]]]]]:
    """Per year, the review's topic-sentence leads grouped by theme (extractive, with source)."""
    names = {t.id: t.zh for t in themes()}
    out = []
    for year in years:
        grouped: dict[str, list[Highlight]] = {k: [] for k in names}
        for report in corpus.reviewers(year):
            whole = report.kind in ("news", "performance_report")
            for top in report.sections:
                if not (whole or REVIEW_TITLE.search(top.title)):
                    continue
                for section, theme in _leads(top, top.themes):
                    if theme and len(grouped[theme]) < per_theme and \
                            all(h.text != section.title for h in grouped[theme]):
                        grouped[theme].append(Highlight(section.title, report))
        themed = [(names[k], v) for k, v in grouped.items() if v]
        if themed:
            out.append((year, themed))
    return out


def _leads(section: Section, inherited: list[str]):
    themes_here = section.themes or inherited
    found = [c for c in section.children if c.is_lead]
    if section.level == 1 and not section.number and not found and section.title:
        yield section, (themes_here or [None])[0]  # a topic line of a news report
    for child in section.children:
        if child.is_lead:
            yield child, (child.themes or themes_here or [None])[0]
        else:
            yield from _leads(child, themes_here)


@dataclass
class Conflict:
    indicator: str
    label: str
    period: str
    kind: str
    facts: list[Fact]
    facts_more: int = 0  # sources left out of the brief (all are in the appendix)


def conflicts(corpus: Corpus, years: list[int]) -> list[Conflict]:
    """One indicator, one year, one kind, two sources whose figures disagree (compare_values.agreement:
    a bound and a value on its side agree; other definitions or period kinds are not compared):
    shown, never averaged away."""
    groups: dict[tuple, list[Fact]] = {}
    for fact in corpus.keyed(years):
        if fact.value is not None and not fact.section.startswith("附件"):
            groups.setdefault((fact.indicator, fact.period, fact.kind), []).append(fact)
    out = []
    for (indicator, period, kind), rows in sorted(groups.items(), key=lambda item: item[0]):
        reports = {f.report_id for f in rows}
        if len(reports) > 1 and compare_values.disagreeing(rows):
            seen: set = set()
            picked = [f for f in rows if (f.report_id, f.value) not in seen and not seen.add((f.report_id, f.value))]
            out.append(Conflict(indicator, registry().indicators[indicator].zh, period, kind, picked))
    return out


MAX_CONFLICTS = 12  # sections that grow with the corpus stay bounded: the rest is in the appendix
MAX_CONFLICT_SOURCES = 4
MAX_COVERAGE_SOURCES = 6
MAX_COVER_SOURCES = 12  # the cover's list of the sources the headline table cites


def capped_conflicts(found: list[Conflict]) -> tuple[list[Conflict], int]:
    """The first conflicts, each with its first sources (facts_more says how many are left out)."""
    shown = []
    for c in found[:MAX_CONFLICTS]:
        shown.append(Conflict(c.indicator, c.label, c.period, c.kind, values_first(c.facts)[:MAX_CONFLICT_SOURCES],
                              max(0, len(c.facts) - MAX_CONFLICT_SOURCES)))
    return shown, max(0, len(found) - MAX_CONFLICTS)


def values_first(facts: list[Fact]) -> list[Fact]:
    """Each value's first source before any second source of a value: when only some sources
    fit, the ones shown still show the conflict (two values), not four copies of one."""
    seen: set = set()
    first, rest = [], []
    for f in facts:
        (rest if f.value in seen else first).append(f)
        seen.add(f.value)
    return first + rest


def coverage(corpus: Corpus, years: list[int]) -> list[dict]:
    rows = []
    for y in years:
        actual, target = corpus.reviewers(y), corpus.planners(y)
        rows.append({"year": y, "actual": actual[:MAX_COVERAGE_SOURCES], "target": target[:MAX_COVERAGE_SOURCES],
                     "actual_more": max(0, len(actual) - MAX_COVERAGE_SOURCES),
                     "target_more": max(0, len(target) - MAX_COVERAGE_SOURCES)})
    return rows


def covered_years(corpus: Corpus) -> set[int]:
    return corpus.years()


def build(reports: list[Report], first: int, last: int, indicators: list[str] | None = None,
          user_templates: Path | None = None, t: Messages | None = None, corrections: list | None = None,
          reviewed: list | None = None, stale: list | None = None) -> dict:
    """The brief's context. `reviewed` ([[reviewed]] of the corrections file) and `stale` (corrections
    that match nothing) give the cover's count of items `reporter review` has not yet seen."""
    from reporter.compose import review_items
    from reporter.i18n import messages

    t = t or messages("zh", user_templates)
    config = load_config(user_templates)
    corpus = Corpus.of(reports)
    years = list(range(first, last + 1))
    covered = covered_years(corpus)
    if not covered & set(years):
        span = f"{min(covered)}-{max(covered)}" if covered else "nothing"
        raise UserError(f"no source covers {first}-{last} (the corpus has figures for {span})")
    rows_config = [dict(h) for h in config.headline]
    if indicators:
        unknown = [i for i in indicators if i not in registry().indicators]
        if unknown:
            raise UserError(f"--indicators: unknown id(s) {', '.join(unknown)} (see reporter/data/indicators.toml)")
        rows_config = [r for r in rows_config if r["indicator"] in indicators or r.get("growth") in indicators]
        rows_config += [{"indicator": i} for i in indicators
                        if not any(i in (r["indicator"], r.get("growth")) for r in rows_config)]
    head, empty = headline(corpus, years, rows_config, t)
    plan_years, plan_rows = plan_tables_compared(reports, years, t)
    all_changes = changes(corpus, years, rows_config)
    used = sorted({f.report_id for row in head for c in row.cells for f in (c.actual, c.growth, c.target, c.growth_target) if f})
    found_conflicts = conflicts(corpus, years)
    shown_conflicts, more_conflicts = capped_conflicts(found_conflicts)
    cited = [corpus.report(r) for r in used]
    context = {
        "title": f"{config.title or t('brief_title')} {first}–{last}",
        "years": years,
        "first": first,
        "last": last,
        "reports": corpus.reports,
        "sources": cited[:MAX_COVER_SOURCES],
        "sources_more": max(0, len(cited) - MAX_COVER_SOURCES),
        "uncovered": [y for y in years if y not in covered],
        "headline": head,
        "empty_rows": empty,
        "changes": all_changes,
        "trends": trends(head, all_changes),
        "sources_named": SourceNames.of(corpus.reports, t),
        "corrections": corrections or [],
        "targets": targets_vs_actuals(corpus, years),
        "plan_years": plan_years,
        "plan_rows": plan_rows,
        "plan_sources": plan_sources(reports, years),
        "charts": [c for c in (chart_series(corpus, years, cfg, t) for cfg in config.chart) if c],
        "highlights": highlights(corpus, years),
        "coverage": coverage(corpus, years),
        "conflicts": shown_conflicts,
        "conflicts_more": more_conflicts,
        "all_conflicts": found_conflicts,
        "status_names": {s: t(f"status_{s}") for s in STATUSES},
    }
    items = review_items.mark_reviewed(review_items.from_brief(context, stale or [], t), reviewed or [])
    context["review_items"] = items
    context["review"] = review_items.counts(items)
    return context
