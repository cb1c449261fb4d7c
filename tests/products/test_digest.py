"""The digest's context from small hand-made reports: quarters, arrivals, latest values, targets."""
from datetime import date
from decimal import Decimal

import pytest

from reporter.compose import digest
from reporter.errors import UserError
from reporter.i18n import messages
from reporter.model import Fact, Report
from reporter.quarters import Quarter, last_ended, partial_year, period_end


def fact(indicator, value, period, kind="actual", unit="亿元", qualifier="none", report="r1"):
    return Fact(label=indicator, value=None if value is None else Decimal(value), unit=unit, raw=f"{value}{unit}",
                qualifier=qualifier, period=period, kind=kind, quote=f"{indicator} {value}{unit}", indicator=indicator,
                report_id=report, source=f"{report}.txt")


def report(rid, facts=(), kind="plan_report", delivered=None, published=None, review=None, plan=None):
    return Report(id=rid, source=f"{rid}.txt", checksum=f"sum-{rid}", title=f"title {rid}", kind=kind, issuer=None,
                  delivered=delivered, published=published, review_periods=[str(review)] if review else [],
                  plan_year=plan, facts=[f for f in facts])


HEADLINE = [{"indicator": "gdp", "growth": "gdp_growth"}, {"indicator": "pm25"}]


def test_quarter_arithmetic():
    assert str(Quarter.parse("2024q1")) == "2024Q1"
    assert Quarter(2024, 1).prev() == Quarter(2023, 4) and Quarter(2023, 4).next() == Quarter(2024, 1)
    assert Quarter(2024, 1).end == date(2024, 3, 31) and Quarter(2023, 4).start == date(2023, 10, 1)
    assert last_ended(date(2024, 4, 2)) == Quarter(2024, 1)
    assert last_ended(date(2024, 3, 31)) == Quarter(2023, 4)
    with pytest.raises(UserError):
        Quarter.parse("2024Q5")


def test_periods_end_and_year_so_far():
    assert period_end("2021-01..2021-10") == date(2021, 10, 31)
    assert period_end("2016-2020") == date(2020, 12, 31)
    assert period_end("2024Q1") == date(2024, 3, 31)
    assert partial_year("2021-01..2021-06") == (2021, 1, 6)
    assert partial_year("2021-01..2021-12") is None  # the whole year is not a part of it
    assert partial_year("2021-04..2021-06") is None  # not the year so far
    assert partial_year("2021") is None


def test_arrival_by_first_date_and_statistics_period():
    a = digest.arrival(report("a", delivered="2031-01-05", published="2031-02-01"))
    assert (a.quarter, a.how) == (Quarter(2031, 1), "delivered")
    assert digest.arrival(report("b", published="2031-05-02")).quarter == Quarter(2031, 2)
    stats = report("s", [fact("gdp", "100", "2031-01..2031-06")], kind="statistics_release", published="2031-07-20")
    a = digest.arrival(stats)
    assert (a.quarter, a.how) == (Quarter(2031, 2), "period")
    assert digest.arrival(report("c")) is None
    assert digest.arrival(report("d", delivered="not a date")) is None  # never guessed


def test_as_of_quarter_end_only_what_had_arrived():
    old = report("r1", [fact("gdp", "100", "2030", report="r1")], delivered="2031-01-05", review=2030)
    later = report("r2", [fact("gdp", "110", "2031", report="r2")], delivered="2032-01-06", review=2031)
    t = messages("zh")
    ctx = digest.build([old, later], Quarter(2031, 3), HEADLINE, t)
    assert ctx["quiet"] and [r.latest.value for r in ctx["latest"]] == [Decimal("100")]
    ctx = digest.build([old, later], Quarter(2032, 1), HEADLINE, t)
    row = ctx["latest"][0]
    assert not ctx["quiet"] and [s.report.id for s in ctx["new_sources"]] == ["r2"]
    assert (row.latest.value, row.previous.value, row.change, row.change_pct, row.new) == (
        Decimal("110"), Decimal("100"), Decimal("10"), Decimal("10.0"), True)
    assert ctx["unknown"] == [t_name("pm25")]


def t_name(indicator):
    from reporter.registry import registry

    return registry().indicators[indicator].zh


def test_year_so_far_is_labelled_and_compared_with_the_same_months():
    facts = [fact("gdp", "80", "2030-01..2030-06", report="s1"), fact("gdp", "90", "2031-01..2031-06", report="s2"),
             fact("gdp", "200", "2030", report="p")]
    reports = [report("p", [facts[2]], delivered="2031-01-05", review=2030),
               report("s1", [facts[0]], kind="statistics_release"),
               report("s2", [facts[1]], kind="statistics_release")]
    ctx = digest.build(reports, Quarter(2031, 2), HEADLINE, messages("zh"))
    row = ctx["latest"][0]
    assert (row.latest.period, row.months, row.year) == ("2031-01..2031-06", (1, 6), 2031)
    assert row.previous.period == "2030-01..2030-06" and row.change == 10  # not against the whole of 2030


@pytest.mark.parametrize("target, actual, expected", [
    (fact("pm25", "35", "2031", "target", "微克/立方米", "at_most"), fact("pm25", "33", "2031", unit="微克/立方米"), "met"),
    (fact("pm25", "35", "2031", "target", "微克/立方米"), fact("pm25", "37", "2031", unit="微克/立方米"), "missed"),  # better = lower
    (fact("gdp_growth", "5", "2031", "target", "%", "approx"), fact("gdp_growth", "4.6", "2031", unit="%"), "met"),
    (fact("gdp_growth", "5", "2031", "target", "%", "at_least"), fact("gdp_growth", "4.6", "2031", unit="%"), "missed"),
])
def test_status_of_a_whole_year(target, actual, expected):
    assert digest.target_status(target, actual, None) == expected


def test_on_track_only_from_a_comparable_year_so_far():
    growth_target = fact("gdp_growth", "5", "2031", "target", "%")
    assert digest.target_status(growth_target, None, fact("gdp_growth", "5.2", "2031-01..2031-06", unit="%")) == "on_track"
    assert digest.target_status(growth_target, None, fact("gdp_growth", "4.0", "2031-01..2031-06", unit="%")) == "not_yet_known"
    level_target = fact("gdp", "100", "2031", "target")
    # a half-year running total says nothing yet about a whole-year level
    assert digest.target_status(level_target, None, fact("gdp", "120", "2031-01..2031-06")) == "not_yet_known"
    assert digest.target_status(level_target, None, None) == "not_yet_known"


def test_targets_in_force_are_the_years_own():
    plan = report("p", [fact("gdp_growth", "5", "2031", "target", "%", report="p"),
                        fact("gdp_growth", "6", "2032", "target", "%", report="p")], delivered="2031-01-05", plan=2031)
    stats = report("s", [fact("gdp_growth", "5.5", "2031-01..2031-06", unit="%", report="s")], kind="statistics_release")
    ctx = digest.build([plan, stats], Quarter(2031, 2), HEADLINE, messages("zh"))
    lines = ctx["targets"].lines
    assert [(line.indicator, line.target.value, line.status, line.months) for line in lines] == [
        ("gdp_growth", Decimal("5"), "on_track", (1, 6))]
    assert ctx["targets"].counts["on_track"] == 1


def test_undated_reports_are_named_not_placed():
    dated = report("a", delivered="2031-01-05")
    undated = report("b", [fact("gdp", "1", "2030", report="b")])
    ctx = digest.build([dated, undated], Quarter(2031, 1), HEADLINE, messages("zh"))
    assert [r.id for r in ctx["undated"]] == ["b"] and ctx["latest"] == []
    arrivals, undated_ids = digest.placed([dated, undated])
    assert [a.quarter for a in arrivals.values()] == [Quarter(2031, 1)] and [r.id for r in undated_ids] == ["b"]
    assert ("b", "sum-b") in digest.covered_sources([dated, undated], Quarter(2031, 1))
