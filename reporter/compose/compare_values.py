"""The one place that decides whether two figures may be compared, and how (every product asks here).

A wrong comparison costs more than a missing one, so arithmetic is the exception:
- a change, growth or CAGR is computed only between two *exact* figures (no bound such as
  突破5000亿元, no 约/预计), of the same definition (not across a series break in the indicator
  registry) and of the same period kind (a year with a year, the same months with the same
  months; never a five-year total with one year's figure);
- two figures said of the same thing *agree* or *conflict*: a bound agrees with a value on its
  side of the bound (≥5,000 and 5,408.1 agree), figures of different period kinds or
  definitions are not comparable at all (neither agree nor conflict);
- a growth a report gives (often at comparable prices) and a growth computed from levels
  (current prices) are two different things, shown side by side with their labels, never
  subtracted into a "discrepancy".
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reporter.model import Fact
from reporter.periods import Period, period_years
from reporter.registry import registry

BOUNDS = ("at_least", "at_most", "in_line")
ESTIMATES = ("approx", "estimated")
TOLERANCE = Decimal("0.05")  # an approximate figure agrees with one within 5 %

# why no arithmetic (the templates word each through the catalogue key `compare_<reason>`)
REASONS = ("no_value", "bound", "estimate", "unit", "period_kind", "definition")


def period_kind(period: str) -> str:
    """'2023' -> year; '2016-2020' -> span:5; '2021-01..2021-06' -> part:01-06; '2021-10' -> month:10."""
    parsed = Period.parse(period)
    if parsed is not None and parsed.is_year:
        return "year"
    if parsed is not None and parsed.kind == "months":
        return f"part:{parsed.first[1]:02d}-{parsed.last[1]:02d}"
    if parsed is not None and parsed.kind == "month":
        return f"month:{parsed.last[1]:02d}"
    years = period_years(period)
    if years and years[1] > years[0]:
        return f"span:{years[1] - years[0] + 1}"
    return "unknown"


def definition(fact: Fact) -> str:
    """'' for an indicator without a series break; else 'old' or 'new' (the registry says which names
    and years are the old series)."""
    brk = registry().breaks.get(fact.indicator or "")
    if brk is None:
        return ""
    if any(name in (fact.label or "") for name in brk.old_names):
        return "old"
    years = period_years(fact.period)
    if brk.since is not None and years is not None and years[1] < brk.since:
        return "old"
    return "new"


def break_note(indicator: str | None) -> str:
    brk = registry().breaks.get(indicator or "")
    return brk.note if brk else ""


def exact(fact: Fact | None) -> bool:
    return fact is not None and fact.value is not None and fact.qualifier == "none"


def like_for_like(a: Fact, b: Fact) -> str:
    """'' when the two figures measure the same thing over the same kind of period; else why not."""
    if a.unit != b.unit:
        return "unit"
    if period_kind(a.period) != period_kind(b.period) or period_kind(a.period) == "unknown":
        return "period_kind"
    if definition(a) != definition(b):
        return "definition"
    return ""


def why_not(before: Fact, after: Fact) -> str:
    """'' when a change, growth and CAGR may be computed from before to after; else the reason."""
    if before.value is None or after.value is None:
        return "no_value"
    if before.qualifier in BOUNDS or after.qualifier in BOUNDS:
        return "bound"
    if before.qualifier != "none" or after.qualifier != "none":
        return "estimate"
    return like_for_like(before, after)


@dataclass(frozen=True)
class Computed:
    """Arithmetic between two exact, like-for-like figures (growth and CAGR in %, computed from levels)."""

    change: Decimal
    growth: Decimal | None  # None when the earlier value is 0
    cagr: Decimal | None  # only over more than one year
    years: int


def compute(before: Fact, after: Fact, years: int) -> Computed | None:
    """The change before -> after over `years` years, or None when why_not(before, after) says no."""
    if why_not(before, after):
        return None
    change = after.value - before.value
    if before.value == 0:
        return Computed(change, None, None, years)
    ratio = after.value / before.value
    growth = ((ratio - 1) * 100).quantize(Decimal("0.1"))
    cagr = None
    if years > 1 and ratio > 0:
        cagr = Decimal(str((float(ratio) ** (1 / years) - 1) * 100)).quantize(Decimal("0.1"))
    return Computed(change, growth, cagr, years)


def _bound_agrees(bound: Fact, other: Fact) -> bool:
    """Does other lie on the bound's side? Two bounds agree unless they leave no room between them."""
    lo = bound.qualifier == "at_least"
    if other.qualifier in ("at_least", "at_most"):
        if other.qualifier == bound.qualifier:
            return True
        low, high = (bound.value, other.value) if lo else (other.value, bound.value)
        return low <= high
    return other.value >= bound.value if lo else other.value <= bound.value


def agreement(a: Fact, b: Fact) -> str:
    """same | consistent | conflict | not_comparable: what two figures of one thing say together."""
    if a.value is None or b.value is None or "in_line" in (a.qualifier, b.qualifier) or like_for_like(a, b):
        return "not_comparable"
    if a.qualifier in ("at_least", "at_most"):
        return "consistent" if _bound_agrees(a, b) else "conflict"
    if b.qualifier in ("at_least", "at_most"):
        return "consistent" if _bound_agrees(b, a) else "conflict"
    if a.value == b.value:
        return "same"
    if a.qualifier in ESTIMATES or b.qualifier in ESTIMATES:
        base = max(abs(a.value), abs(b.value))
        return "consistent" if base and abs(a.value - b.value) / base <= TOLERANCE else "conflict"
    return "conflict"


def disagreeing(facts: list[Fact]) -> bool:
    """Do two sources' figures (one indicator, one period, one kind) conflict?"""
    return any(x.report_id != y.report_id and agreement(x, y) == "conflict"
               for i, x in enumerate(facts) for y in facts[i + 1:])


@dataclass(frozen=True)
class GrowthViews:
    """A report's growth and the growth computed from levels: two labelled things, never a gap."""

    reported: Fact | None
    reported_basis: str  # comparable | nominal | "" (the registry's `basis` of the growth indicator)
    computed: Decimal | None  # from levels, current prices


def growth_views(reported: Fact | None, computed: Computed | None) -> GrowthViews:
    basis = ""
    if reported is not None:
        ind = registry().get(reported.indicator)
        basis = (ind.basis if ind is not None else None) or ""
    return GrowthViews(reported, basis, computed.growth if computed else None)


def may_compare_status(actual: Fact, target: Fact) -> bool:
    """Whether an actual may be judged against a target: same definition and unit, both with a value."""
    return (actual.value is not None and target.value is not None and actual.unit == target.unit
            and definition(actual) == definition(target))
