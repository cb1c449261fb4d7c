"""An analyst's corrections to the parsed facts, applied when a product is composed.

The parser is right most of the time; where it is not (a five-year total read as one year's
figure, a sub-district's rate read as the district's), the analyst writes corrections.toml
instead of editing code. Each entry names facts by report id (or its prefix) and a quote
substring or the raw figure, says what to do, and why; the appendix lists every one applied.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reporter.model import Fact, Report
from reporter.registry import registry

if TYPE_CHECKING:  # the schemas import pydantic: loaded only when a corrections file is read
    from reporter.compose.corrections_schema import Change, Corrections, Match


OWN = "own"  # Fact.scope of the reporting area's own figures


@dataclass
class Applied:
    """One correction as done, for the appendix's notes."""

    action: str  # exclude | change
    report_id: str
    raw: str
    quote: str
    what: str  # e.g. "indicator: a -> b; period: 2021 -> 2016-2020"
    reason: str
    count: int


def matches(entry: Match, fact: Fact) -> bool:
    return (fact.report_id.startswith(entry.report)
            and (entry.quote is None or entry.quote in fact.quote or (len(fact.quote) >= 6 and fact.quote in entry.quote))
            and (entry.raw is None or entry.raw == fact.raw or entry.raw in fact.raw))


def _change(fact: Fact, entry: Change) -> tuple[Fact, str]:
    changes = {k: getattr(entry, k) for k in ("indicator", "period", "kind", "scope") if getattr(entry, k)}
    said = "；".join(f"{k}: {getattr(fact, k, '') or '—'} → {v}" for k, v in changes.items())
    fields = {f.name for f in dataclasses.fields(fact)}
    new = dataclasses.replace(fact, **{k: v for k, v in changes.items() if k in fields})
    for k, v in changes.items():
        if k not in fields:
            setattr(new, k, v)  # an attribute this model version does not declare yet (scope)
    return new, said


def apply(reports: list[Report], corrections: Corrections) -> tuple[list[Report], list[Applied]]:
    """New reports with the corrections done (the stored ones are untouched) and what was done."""
    applied: dict[tuple, Applied] = {}
    out = []
    for report in reports:
        facts = []
        for fact in report.facts:
            if any(matches(e, fact) for e in corrections.exclude):
                e = next(e for e in corrections.exclude if matches(e, fact))
                _note(applied, "exclude", e, fact, "")
                continue
            for e in corrections.change:
                if matches(e, fact):
                    fact, said = _change(fact, e)
                    _note(applied, "change", e, fact, said)
            if getattr(fact, "scope", OWN) not in (OWN, "", None):
                continue  # no longer the area's own figure (a sub-district's, the city's): out of comparisons
            facts.append(fact)
        out.append(dataclasses.replace(report, facts=facts))
    return out, list(applied.values())


def unmatched(corrections: Corrections, applied: list[Applied]) -> list[Match]:
    """Entries that matched no fact: the analyst should hear about a correction that did nothing."""
    done = {a.reason for a in applied}
    return [e for e in (*corrections.exclude, *corrections.change) if e.reason not in done]


def _note(applied: dict, action: str, entry: Match, fact: Fact, said: str) -> None:
    key = (action, id(entry), fact.report_id)
    if key in applied:
        applied[key].count += 1
        return
    applied[key] = Applied(action, fact.report_id, fact.raw, fact.excerpt(20), said, entry.reason, 1)


def relabel_unregistered(reports: list[Report], names: set[str]) -> list[Report]:
    """Facts the parser left without an indicator that a user's registry overlay now names
    (only the overlay's names: the package's were tried by the parser).

    The label (the words before the figure) must end with the name, so '其中新增绿地' is not
    taken for '绿地'; the unit must fit the indicator (registry.for_unit).
    """
    from reporter.units import units

    reg = registry()
    out = []
    for report in reports:
        facts = []
        for fact in report.facts:
            if not fact.indicator and fact.label and names:
                hit = reg.last_match(fact.label)
                hit = hit if hit and hit[1] in names else None
                split = units().split(fact.unit) if fact.unit is not None else None
                if hit and fact.label.endswith(hit[1]) and split:
                    ind = reg.for_unit(hit[0], split[1].dimension)
                    value = _convert(fact, reg.indicators[ind].unit) if ind else None
                    if ind and (value is not None or fact.value is None):
                        fact = dataclasses.replace(fact, indicator=ind, value=value, unit=reg.indicators[ind].unit or fact.unit)
            facts.append(fact)
        out.append(dataclasses.replace(report, facts=facts))
    return out


def _convert(fact: Fact, unit: str):
    """The fact's value in the indicator's unit (万平方米 -> 平方米), or None if they do not convert."""
    from reporter.units import units

    if fact.value is None:
        return None
    if unit == "" or fact.unit == unit:
        return fact.value
    a, b = units().split(fact.unit), units().split(unit)
    if not a or not b or a[1].dimension != b[1].dimension:
        return None
    return fact.value * a[0] * a[1].factor / (b[0] * b[1].factor)
