"""One corpus query for every product: the facts of an area, by indicator, kind and period,
with their sources and qualifiers.

A report's own figures are facts of its area (`Report.area`); the city's, province's or nation's
figures it quotes (`Report.context_facts` with scope city/province/nation) are facts of that
area (the ancestor in reporter/data/areas.toml), their scope kept and the quoting report as their
source: the city's GDP quoted by five districts is one series with five sources.

Works on model objects (never the store), so compose/ may use it: brief, appendix, summary,
digest and compare ask it instead of indexing facts themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from reporter.areas import Area, areas
from reporter.model import Fact, Report
from reporter.periods import Period, is_single_year, period_years

QUOTED_SCOPES = ("city", "province", "nation")  # scopes whose figures belong to an ancestor area


def quoted(report: Report) -> dict[str, list[Fact]]:
    """The figures REPORT quotes of its ancestors, by the ancestor's name."""
    out: dict[str, list[Fact]] = {}
    if not report.area:
        return out
    known = areas()
    for fact in report.context_facts:
        if fact.scope in QUOTED_SCOPES:
            owner = known.ancestor_at(report.area, fact.scope)
            if owner is not None:
                out.setdefault(owner.name, []).append(fact)
    return out


def quote_view(report: Report, facts: list[Fact]) -> Report:
    """The quoting report as a source of another area's figures: its identity and dates, only those
    facts, none of its own text (its sections, targets and terms are its own area's)."""
    return replace(report, sections=[], facts=facts, targets=[], terms=[], context_facts=[], warnings=[])


def area_reports(reports: list[Report], area: str) -> list[Report]:
    """What a product of AREA reads: the area's own reports, then every other report that quotes
    the area's figures, as a source of those figures only."""
    name = areas().canonical(area)
    own = [r for r in reports if r.area == name]
    quoting = [quote_view(r, q[name]) for r in reports if r.area != name and name in (q := quoted(r))]
    return own + quoting


@dataclass
class AreaHeld:
    """One line of `reporter areas`."""

    area: Area
    reports: int  # reports the area speaks in
    quoted_by: int  # other reports that quote its figures
    years: list[int]
    facts: int  # own and quoted


def held(reports: list[Report]) -> list[AreaHeld]:
    """Every area the reports speak for or quote, most general first, then by name."""
    known = areas()
    own: dict[str, list[Report]] = {}
    facts: dict[str, list[Fact]] = {}
    quoting: dict[str, set[str]] = {}
    for r in reports:
        if r.area:
            own.setdefault(r.area, []).append(r)
            facts.setdefault(r.area, []).extend(r.facts)
        for name, qs in quoted(r).items():
            facts.setdefault(name, []).extend(qs)
            quoting.setdefault(name, set()).add(r.id)
    out = []
    for name in set(own) | set(facts):
        years = {int(f.period) for f in facts.get(name, []) if is_single_year(f.period)}
        years |= {int(p) for r in own.get(name, []) for p in r.review_periods if p.isdigit()}
        area = known.get(name) or Area(name, "?")  # a name no file or suffix places (an old store): said as unknown
        out.append(AreaHeld(area, len(own.get(name, [])), len(quoting.get(name, ())), sorted(years),
                            len(facts.get(name, []))))
    from reporter.areas import LEVELS

    rank = {level: i for i, level in enumerate(LEVELS)}
    return sorted(out, key=lambda h: (rank.get(h.area.level, len(LEVELS)), h.area.parent or "", h.area.name))


@dataclass
class Corpus:
    """One area's facts in plain lists, indexed once: the brief asks a few hundred (indicator, kind, year)
    questions, and a dict lookup answers each without a DataFrame (or pandas' import) in the way."""

    reports: list[Report]
    facts: list[Fact]
    index: dict = field(default_factory=dict)  # (indicator, kind, year) -> fact positions, plain lists
    parts: dict = field(default_factory=dict)  # (indicator, year) -> actual part-year facts with a value
    chosen: dict = field(default_factory=dict)  # (indicator, kind, year) -> the fact picked, memoised
    review: dict = field(default_factory=dict)  # report id -> the year it reviews
    plan: dict = field(default_factory=dict)  # report id -> the year it plans
    area: str = ""  # the area these are the facts of ("" : the reports as given, of any area)

    @classmethod
    def of(cls, reports: list[Report], area: str = "") -> "Corpus":
        facts = [f for r in reports for f in r.facts]
        index: dict = {}
        parts: dict = {}
        for i, fact in enumerate(facts):
            if fact.indicator and is_single_year(fact.period):
                index.setdefault((fact.indicator, fact.kind, int(fact.period)), []).append(i)
            elif fact.indicator and fact.kind == "actual" and fact.value is not None:
                years = period_years(fact.period)
                if years and years[0] == years[1]:
                    parts.setdefault((fact.indicator, years[0]), []).append(fact)
        return cls(reports, facts, index, parts, review={r.id: r.review_year for r in reports},
                   plan={r.id: r.plan_year for r in reports}, area=area)

    def value(self, indicator: str, kind: str, period: str | int) -> "Value":
        """The figure for a whole year (the reviewing report's, exact first) or any other period
        (the latest-stated part-year figure), with every source that gives one."""
        period = str(period)
        if is_single_year(period):
            sources = [self.facts[i] for i in self.index.get((indicator, kind, int(period)), ())]
            pick = self.actual(indicator, int(period)) if kind == "actual" else self.target(indicator, int(period))
            return Value(pick, sources)
        sources = [f for f in self.facts if f.indicator == indicator and f.kind == kind and f.period == period]
        ranked = sorted(sources, key=lambda f: (f.value is None, f.qualifier != "none"))
        return Value(ranked[0] if ranked else None, sources)

    def actuals(self, indicator: str) -> list[Fact]:
        """Every usable actual of INDICATOR, in corpus order: a whole year or a year so far
        (Jan-Oct, Q1), with a value. Which one a product shows is its own choice (the brief the
        reviewing report's, the digest the latest known at a quarter's end)."""
        out = []
        for f in self.facts:
            if f.indicator != indicator or f.kind != "actual" or f.value is None:
                continue
            period = Period.parse(f.period)
            if period is not None and (period.is_year or period.year_so_far() is not None):
                out.append(f)
        return out

    def targets_of(self, year: int) -> list[Fact]:
        """Every target of a registered indicator for the whole YEAR with a value, in corpus order."""
        from reporter.registry import registry

        known = registry().indicators
        at = sorted(i for (indicator, kind, y), rows in self.index.items()
                    if kind == "target" and y == year and indicator in known for i in rows)
        return [self.facts[i] for i in at if self.facts[i].value is not None]

    def overlapping(self, first: int, last: int) -> list[Fact]:
        """Every fact whose period meets FIRST..LAST (the selection of `reporter facts --years`)."""
        return [f for f in self.facts if (span := period_years(f.period)) is not None
                and span[0] <= last and span[1] >= first]

    def years(self) -> set[int]:
        """Every whole year any fact is about."""
        return {int(f.period) for f in self.facts if is_single_year(f.period)}

    def keyed(self, years: list[int]) -> list[Fact]:
        """Facts of a registered indicator for one of the years, in corpus order."""
        wanted = set(years)
        return [f for f in self.facts if f.indicator is not None and is_single_year(f.period) and int(f.period) in wanted]

    def report(self, report_id: str) -> Report:
        return next(r for r in self.reports if r.id == report_id)

    def report_or_none(self, report_id: str) -> Report | None:
        return next((r for r in self.reports if r.id == report_id), None)

    def actual(self, indicator: str, year: int) -> Fact | None:
        """The year's figure: from the report that reviews that year, exact before estimated."""
        key = (indicator, "actual", year)
        if key not in self.chosen:
            ranked = sorted((0 if self.review.get(self.facts[i].report_id) == year else 1,
                             0 if self.facts[i].qualifier == "none" else 1, i)
                            for i in self.index.get(key, ()) if self.facts[i].value is not None)
            self.chosen[key] = self.facts[ranked[0][-1]] if ranked else None
        return self.chosen[key]

    def target(self, indicator: str, year: int) -> Fact | None:
        """The year's target: a sentence of the plan-year report first (it has a quote), then its table."""
        key = (indicator, "target", year)
        if key not in self.chosen:
            ranked = sorted((0 if self.plan.get(self.facts[i].report_id) == year else 1,
                             1 if self.facts[i].section.startswith("附件") else 0,
                             0 if self.facts[i].value is not None else 1, i)
                            for i in self.index.get(key, ()))
            self.chosen[key] = self.facts[ranked[0][-1]] if ranked else None
        return self.chosen[key]

    def partial(self, indicator: str | None, year: int) -> Fact | None:
        """The latest part-year figure (e.g. 2021-01..2021-10) of the indicator, with a value."""
        if not indicator:
            return None
        rows = self.parts.get((indicator, year), [])
        return sorted(rows, key=lambda f: f.period, reverse=True)[0] if rows else None

    def reviewers(self, year: int) -> list[Report]:
        return [r for r in self.reports if r.review_year == year]

    def planners(self, year: int) -> list[Report]:
        return [r for r in self.reports if r.plan_year == year or any(t.plan_year == year for t in r.targets)]


@dataclass
class Value:
    """What the corpus says of one (area, indicator, kind, period): the figure it picks, every
    source that gives one, and whether they disagree."""

    fact: Fact | None
    sources: list[Fact]

    @property
    def qualifier(self) -> str:
        return self.fact.qualifier if self.fact is not None else ""


@dataclass
class Atlas:
    """The corpus of every area: `value(area, indicator, kind, period)` and one `Corpus` per area,
    each built once."""

    reports: list[Report]
    views: dict = field(default_factory=dict)

    @classmethod
    def of(cls, reports: list[Report]) -> "Atlas":
        return cls(reports)

    def corpus(self, area: str) -> Corpus:
        name = areas().canonical(area)
        if name not in self.views:
            self.views[name] = Corpus.of(area_reports(self.reports, name), name)
        return self.views[name]

    def value(self, area: str, indicator: str, kind: str, period: str | int) -> Value:
        return self.corpus(area).value(indicator, kind, period)

    @cached_property
    def held(self) -> list[AreaHeld]:
        return held(self.reports)
