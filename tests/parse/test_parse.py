"""Metadata per seed, facts, plan tables of both layouts, glossary — and texts of our own."""
from decimal import Decimal
from pathlib import Path

import pytest

from reporter.parse import parse_text

EXPECTED = {
    "000": ("government_work_report", "2021-01-12", None, ["2020", "2016-2020"], 2021),
    "001": ("news", None, "2021-12-20", ["2021", "2017-2021"], 2022),
    "002": ("plan_report", "2024-01-09", "2024-02-09", ["2023"], 2024),
    "003": ("plan_report", "2021-12-13", None, ["2021"], 2022),
    "004": ("performance_report", None, None, ["2019"], None),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_metadata_per_seed(parsed, key):
    r = parsed[key]
    assert (r.kind, r.delivered, r.published, r.review_periods, r.plan_year) == EXPECTED[key]


def facts_of(report, indicator, period=None, kind=None):
    return [f for f in report.facts if f.indicator == indicator and (period is None or f.period == period)
            and (kind is None or f.kind == kind)]


def test_headline_facts(parsed):
    (gdp,) = facts_of(parsed["003"], "gdp", "2021")
    assert (gdp.value, gdp.unit, gdp.kind, gdp.qualifier) == (Decimal("5408.1"), "亿元", "actual", "none")
    assert "5408.1亿元" in gdp.quote and gdp.quote[gdp.start:gdp.end] == gdp.raw
    assert facts_of(parsed["003"], "gdp_growth", "2021")[0].value == Decimal("8.1")
    (gdp23,) = facts_of(parsed["002"], "gdp", "2023")
    assert (gdp23.value, gdp23.qualifier) == (6000, "at_least")
    assert facts_of(parsed["002"], "district_budget_revenue", "2023")[0].value == Decimal("452.7")
    assert facts_of(parsed["002"], "pm25", "2023", "actual")[0].value == 36


def test_canonical_units_and_qualifiers(parsed):
    income = facts_of(parsed["004"], "disposable_income", "2019")[0]
    assert (income.value, income.unit, income.qualifier) == (88000, "元", "estimated")
    hotline = facts_of(parsed["000"], "hotline_requests")[0]
    assert hotline.value == 159400
    demolished = facts_of(parsed["002"], "illegal_construction_demolished", "2023")[0]
    assert (demolished.value, demolished.qualifier) == (100000, "at_least")
    per_capita = facts_of(parsed["000"], "gdp_per_capita")[0]
    assert (per_capita.value, per_capita.unit) == (63000, "美元")


def test_targets_from_text_and_in_line(parsed):
    targets = {f.indicator: f for f in parsed["002"].facts if f.kind == "target" and f.period == "2024"
               and not f.section.startswith("附件")}
    assert (targets["gdp_growth"].value, targets["gdp_growth"].qualifier) == (5, "approx")
    assert targets["unemployment_rate"].qualifier == "at_most"
    assert targets["disposable_income_growth"].qualifier == "in_line"
    assert targets["disposable_income_growth"].value is None


def table_rows(report):
    return {(t.number, t.name): t for t in report.targets}


@pytest.mark.parametrize("key,year,listed,fintech", [("002", 2024, 85, 10), ("003", 2022, 74, 3)])
def test_plan_tables_both_layouts(parsed, key, year, listed, fintech):
    report = parsed[key]
    rows = {t.indicator: t for t in report.targets}
    assert len(report.targets) == 21 and {t.plan_year for t in report.targets} == {year}
    assert rows["quality_listed_companies"].value == listed
    assert rows["fintech_head_institutions"].value == fintech
    assert (rows["unemployment_rate"].value, rows["unemployment_rate"].qualifier) == (Decimal("3.5"), "at_most")
    assert rows["pm25"].value is None and rows["pm25"].plan_text == "达到市级要求"
    assert rows["pm25"].attribute == "约束性" and rows["pm25"].dimension == "绿色发展"
    assert rows["food_safety_pass_rate"].group == "食品药品安全"
    assert rows["drug_safety_pass_rate"].number == 16
    assert [t.dimension for t in report.targets].count("创新发展") == 4
    assert all(t.indicator for t in report.targets)
    target_facts = [f for f in report.facts if f.section.startswith("附件")]
    assert len(target_facts) == 21 and all(f.kind == "target" and f.period == str(year) for f in target_facts)


def test_glossaries(parsed):
    assert len(parsed["002"].terms) == 40 and len(parsed["003"].terms) == 28
    assert parsed["003"].terms[0].term == "五子"
    assert parsed["003"].terms[1].definition.startswith("2021年西城区提出")


# ---------------------------------------------------------------- texts of our own

OWN_PLAN = """关于东城区2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划的报告

——2031年1月5日在东城区人民代表大会第二次会议上

东城区发展和改革委员会主任

各位代表：

一、2030年国民经济和社会发展计划执行情况

全年地区生产总值达到3210.5亿元、增长4.2%，区级一般公共预算收入完成210亿元、同比下降1.5%。

（一）经济稳中有进

消费市场回暖。社会消费品零售总额预计实现800亿元、增长3%，其中网上零售额120亿元、增长9%。

二、2031年国民经济和社会发展目标任务及主要举措

地区生产总值增速安排4%左右，登记失业率控制在3%以内。

附件1

东城区2031年国民经济和社会发展计划表

评价维度
序号
指标名称
2031年
计划
指标属性
创新发展
1
地区生产总值增速(%
4左右
预期性
2
高质量上市挂牌企业数量(家)
30
预期性
绿色发展
3
细颗粒物(PM2.5)年均浓度(微克/立方米)
达到
市级要求
约束性
"""


def test_an_unseen_plan_report_parses_from_its_own_signals():
    r = parse_text(OWN_PLAN, Path("own.txt"))
    assert (r.kind, r.delivered, r.review_periods, r.plan_year) == ("plan_report", "2031-01-05", ["2030"], 2031)
    assert r.issuer == "东城区发展和改革委员会"
    by = {(f.indicator, f.kind): f for f in r.facts if not f.section.startswith("附件")}
    assert by[("gdp", "actual")].value == Decimal("3210.5")
    assert by[("district_budget_revenue_growth", "actual")].value == Decimal("-1.5")
    assert by[("retail_sales_growth", "actual")].qualifier == "estimated"
    assert by[("gdp_growth", "target")].period == "2031"
    # 网上零售额 is not retail sales: its growth must not be filed under retail_sales_growth
    assert [f.value for f in r.facts if f.indicator == "retail_sales_growth"] == [3]
    assert [(t.number, t.dimension, t.value) for t in r.targets] == [
        (1, "创新发展", 4), (2, "创新发展", 30), (3, "绿色发展", None)]


def test_sidecar_meta_overrides_a_field(tmp_path):
    from reporter.app.ingest import parse_file as parse_report

    src = tmp_path / "perf.txt"
    src.write_text("某区2019年度绩效管理工作报告\n\n一、总体情况\n\n地区生产总值增长6%。\n", "utf-8")
    (tmp_path / "perf.txt.meta.toml").write_text('delivered = "2020-03-01"\n', "utf-8")
    r = parse_report(src)
    assert (r.kind, r.delivered, r.review_periods) == ("performance_report", "2020-03-01", ["2019"])


@pytest.mark.parametrize("cut_before,expect", [("30\n预期性", "row 2"), ("高质量上市挂牌企业数量", "ends with row number 2")])
def test_half_a_plan_table_is_warned(cut_before, expect):
    r = parse_text(OWN_PLAN[: OWN_PLAN.index(cut_before)], Path("half.txt"))
    assert r.targets[0].value == 4
    assert any(expect in w and "cut off" in w for w in r.warnings)


def test_seed_tables_are_not_flagged_as_cut(parsed):
    for key in ("002", "003"):
        assert not [w for w in parsed[key].warnings if "cut off" in w]
