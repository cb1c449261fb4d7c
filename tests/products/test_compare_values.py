"""One comparison module for every product (issue 23): no change, growth or CAGR from a bound, an
estimate, another definition or a span total; bounds agree or conflict by direction; reported
growth and computed growth are two labelled things. The five cases of the issue each have a test."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from reporter.compose import appendix, brief, compare_values, digest
from reporter.i18n import messages
from reporter.model import Fact, Report
from reporter.quarters import Quarter


def fact(report, indicator, period, value, qualifier="none", kind="actual", unit="亿元", raw=None, label="x"):
    raw = raw or f"{value}{unit}"
    return Fact(label=label, value=None if value is None else Decimal(value), unit=unit, raw=raw, qualifier=qualifier,
                period=period, kind=kind, quote=f"{label}{raw}。", indicator=indicator, report_id=report,
                section="一、回顾 / （二）经济", source=f"/x/{report}.txt")


def report(rid, year, facts, kind="plan_report", delivered=None):
    return Report(id=rid, source=f"/x/{rid}.txt", checksum=rid, title=f"{year}年计划执行情况的报告", kind=kind,
                  issuer=None, delivered=delivered or f"{year}-12-10", published=None, review_periods=[str(year)],
                  plan_year=year + 1, facts=facts)


HEADLINE = [{"indicator": "gdp", "growth": "gdp_growth"}, {"indicator": "unemployment_rate"},
            {"indicator": "compulsory_places_added"}]


@pytest.fixture
def tricky():
    """Bounds, estimates, a span total, a series break and comparable-price growth in one corpus."""
    return [
        report("r19", 2019, [fact("r19", "gdp", "2019", "4500", qualifier="estimated", raw="预计4500亿元"),
                             fact("r19", "unemployment_rate", "2019", "0.86", unit="%", label="城镇登记失业率")]),
        report("r20", 2020, [fact("r20", "gdp", "2020", "5000", qualifier="at_least", raw="突破5000亿元")]),
        report("r21", 2021, [fact("r21", "gdp", "2021", "5408.1"), fact("r21", "gdp_growth", "2021", "7.6", unit="%"),
                             fact("r21", "gdp", "2021", "5000", qualifier="at_least", raw="突破5000亿元"),
                             fact("r21", "compulsory_places_added", "2021", "13000", unit="个")]),
        report("n21", 2021, [fact("n21", "gdp", "2021", "5000", qualifier="at_least", raw="突破5000亿元"),
                             fact("n21", "compulsory_places_added", "2017-2021", "60000", qualifier="approx",
                                  unit="个", raw="近6万个")], kind="news", delivered="2021-12-20"),
        report("r22", 2022, [fact("r22", "gdp", "2022", "5600")]),
        report("r23", 2023, [fact("r23", "gdp", "2023", "6000", qualifier="at_least", raw="突破6000亿元"),
                             fact("r23", "gdp_growth", "2023", "5.8", unit="%"),
                             fact("r23", "unemployment_rate", "2023", "2.35", unit="%", label="登记失业率")]),
    ]


def compared_pairs(obj, seen=None):
    """Every (before, after, computed values) a context holds, wherever it is nested."""
    seen = seen if seen is not None else set()
    if id(obj) in seen or isinstance(obj, (str, bytes, int, float, Decimal, type(None))):
        return
    seen.add(id(obj))
    pairs = (("before", "after", ("change", "computed", "cagr")), ("previous", "latest", ("change", "change_pct")))
    for a, b, values in pairs:
        if hasattr(obj, a) and hasattr(obj, b) and isinstance(getattr(obj, a), Fact):
            yield getattr(obj, a), getattr(obj, b), [getattr(obj, v) for v in values]
    if isinstance(obj, dict):
        items = list(obj.values())
    elif isinstance(obj, (list, tuple, set)):
        items = list(obj)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, Fact):
        items = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    else:
        items = []
    for item in items:
        yield from compared_pairs(item, seen)


def assert_no_forbidden_arithmetic(context) -> int:
    n = 0
    for before, after, values in compared_pairs(context):
        computed = [v for v in values if v is not None]
        if computed:
            n += 1
            assert compare_values.exact(before) and compare_values.exact(after), (before.raw, after.raw, computed)
            assert compare_values.like_for_like(before, after) == "", (before.raw, after.raw)
    return n


# --------------------------------------------------------------- the module itself


def test_bound_against_a_value_is_consistent_or_conflict_by_direction():
    at_least = fact("a", "gdp", "2021", "5000", qualifier="at_least")
    at_most = fact("a", "gdp", "2021", "5000", qualifier="at_most")
    assert compare_values.agreement(at_least, fact("b", "gdp", "2021", "5408.1")) == "consistent"
    assert compare_values.agreement(at_least, fact("b", "gdp", "2021", "4900")) == "conflict"
    assert compare_values.agreement(at_most, fact("b", "gdp", "2021", "4900")) == "consistent"
    assert compare_values.agreement(fact("b", "gdp", "2021", "5408.1"), at_most) == "conflict"
    assert compare_values.agreement(at_least, fact("b", "gdp", "2021", "4000", qualifier="at_most")) == "conflict"


def test_no_arithmetic_from_a_bound_an_estimate_a_span_or_across_a_break():
    exact = fact("a", "gdp", "2021", "5408.1")
    assert compare_values.compute(fact("a", "gdp", "2020", "5000", qualifier="at_least"), exact, 1) is None
    assert compare_values.compute(fact("a", "gdp", "2020", "4500", qualifier="estimated"), exact, 1) is None
    assert compare_values.compute(fact("a", "gdp", "2016-2020", "20000"), exact, 1) is None
    old = fact("a", "unemployment_rate", "2019", "0.86", unit="%", label="城镇登记失业率")
    new = fact("a", "unemployment_rate", "2023", "2.35", unit="%", label="登记失业率")
    assert compare_values.why_not(old, new) == "definition"
    done = compare_values.compute(fact("a", "gdp", "2019", "100"), fact("a", "gdp", "2021", "121"), 2)
    assert (done.change, done.growth, done.cagr) == (Decimal("21"), Decimal("21.0"), Decimal("10.0"))


def test_period_kinds():
    assert [compare_values.period_kind(p) for p in ("2023", "2016-2020", "2021-01..2021-06", "2021-10", "")] == \
        ["year", "span:5", "part:01-06", "month:10", "unknown"]


# --------------------------------------------------------------- the five cases


def test_case1_gdp_lower_bound_and_exact_value_are_not_a_conflict(tricky):
    ctx = brief.build(tricky, 2019, 2023, indicators=None, t=messages("zh"))
    assert not [c for c in ctx["conflicts"] if c.indicator == "gdp"]
    a, b = tricky[2].facts[2], tricky[2].facts[0]
    assert compare_values.agreement(a, b) == "consistent"


def test_case2_a_five_year_total_is_never_set_against_an_annual_figure(tricky):
    ctx = brief.build(tricky, 2019, 2023, t=messages("zh"))
    assert not [c for c in ctx["conflicts"] if c.indicator == "compulsory_places_added"]
    total, annual = tricky[3].facts[1], tricky[2].facts[3]
    assert compare_values.agreement(total, annual) == "not_comparable"
    assert compare_values.why_not(total, annual) in ("estimate", "period_kind")
    assert compare_values.like_for_like(total, annual) == "period_kind"


def test_case3_the_digest_does_no_arithmetic_on_bounds(tricky):
    t = messages("zh")
    q4 = digest.build(tricky, Quarter(2021, 4), HEADLINE, t)
    gdp = next(r for r in q4["latest"] if r.indicator == "gdp")
    assert gdp.latest.value == Decimal("5408.1") and gdp.previous.qualifier == "at_least"
    assert gdp.change is None and gdp.change_pct is None and gdp.not_computed == "bound"
    q24 = digest.build(tricky, Quarter(2024, 1), HEADLINE, t)
    gdp = next(r for r in q24["latest"] if r.indicator == "gdp")
    assert gdp.latest.qualifier == "at_least" and gdp.change is None and gdp.change_pct is None
    assert gdp.growth is not None and gdp.growth.value == Decimal("5.8")  # the report's own, shown as given
    assert assert_no_forbidden_arithmetic(q4) >= 0 and assert_no_forbidden_arithmetic(q24) >= 0


def test_case3b_a_two_year_change_says_it_is_over_two_years():
    rs = [report("a", 2021, [fact("a", "district_budget_revenue", "2021", "428.1")]),
          report("b", 2023, [fact("b", "district_budget_revenue", "2023", "452.7"),
                             fact("b", "district_budget_revenue_growth", "2023", "8.8", unit="%")])]
    ctx = digest.build(rs, Quarter(2024, 1), [{"indicator": "district_budget_revenue",
                                                 "growth": "district_budget_revenue_growth"}], messages("zh"))
    row = ctx["latest"][0]
    assert row.change == Decimal("24.6") and row.years == 2


def test_case4_no_comparison_across_a_definition_change(tricky):
    ctx = brief.build(tricky, 2019, 2023, t=messages("zh"))
    trend = next(tr for tr in ctx["trends"] if tr.indicator == "unemployment_rate")
    assert trend.direction is None and trend.not_compared == "definition"
    row = next(r for r in ctx["headline"] if r.indicator == "unemployment_rate")
    assert row.break_note and [c.series for c in row.cells if c.actual] == ["old", "new"]


def test_case4_the_break_is_drawn_apart_in_charts(tricky):
    from reporter.compose import brief_charts
    from reporter.corpus import Corpus

    cfg = brief_charts.ChartSettings("失业率", [], None, "unemployment_rate")
    chart = brief_charts.chart_series(Corpus.of(tricky), [2019, 2020, 2021, 2022, 2023], cfg, messages("zh"))
    names = [s["name"] for s in chart["series"]]
    assert any("旧口径" in n for n in names) and "城镇登记失业率" in chart["note"]
    old = next(s for s in chart["series"] if "旧口径" in s["name"])
    assert old["values"] == [0.86, None, None, None, None]


def test_case5_reported_comparable_growth_is_not_a_discrepancy(tricky):
    rs = tricky + [report("r20b", 2020, [fact("r20b", "gdp", "2020", "5000")])]
    ctx = brief.build(rs, 2020, 2021, t=messages("zh"))
    change = next(c for c in ctx["changes"] if c.indicator == "gdp" and c.first_year == 2020)
    assert change.computed == Decimal("8.2") and change.reported.value == Decimal("7.6")
    assert change.reported_basis == "comparable" and not hasattr(change, "gap")


# --------------------------------------------------------------- every product's context


def test_every_product_context_computes_only_from_exact_like_figures(tricky):
    t = messages("zh")
    b = brief.build(tricky, 2019, 2023, t=t)
    assert assert_no_forbidden_arithmetic(b) >= 1  # the exact pair 2021 -> 2022 is computed
    assert {(c.first_year, c.year): c.not_computed for c in b["changes"] if c.indicator == "gdp"}[(2019, 2020)] == "bound"
    for q in (Quarter(2021, 4), Quarter(2022, 4), Quarter(2024, 1)):
        assert_no_forbidden_arithmetic(digest.build(tricky, q, HEADLINE, t))
    assert_no_forbidden_arithmetic(appendix.build(tricky, 2019, 2023, t))


def test_summary_prints_only_the_reports_own_growth(parsed):
    """The summary joins a reported growth to its level and computes nothing: every number in its
    headline sentences is one the report wrote."""
    from reporter.compose import summary
    from reporter.termbase import load_checked

    rep = parsed["002"]
    ctx = summary.build([rep], 2023, None, "zh", load_checked(None), messages("zh"), messages("en"))
    head = next(b for b in ctx["blocks"] if b.key == "headline")
    written = " ".join(f.raw + f.quote for f in rep.facts)
    for row in head.rows:
        for number in re.findall(r"\d+(?:\.\d+)?", row.zh):
            assert number in written, (number, row.zh)


def test_seed_brief_has_no_bound_conflict_and_no_computed_growth_from_a_bound(parsed):
    ctx = brief.build(list(parsed.values()), 2019, 2024, t=messages("zh"))
    assert "gdp" not in {c.indicator for c in ctx["conflicts"]}
    assert_no_forbidden_arithmetic(ctx)
    trend = next(tr for tr in ctx["trends"] if tr.indicator == "unemployment_rate")
    assert trend.direction is None and trend.not_compared == "definition"
