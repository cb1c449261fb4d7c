"""Issue 19, classes 3-4: tables read by column roles (area groups, 本月 | 累计, 绝对值 | 增长%),
an unreadable header gives no facts, and scope from the area hierarchy. Texts invented for these
tests (南岭区 of 临江市, 云山市); each asserts indicator, period, kind, value and scope."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reporter.parse import parse_text


def parse(text: str):
    return parse_text(text, Path("tab.txt"))


def keys(report):
    return {(f.indicator, f.period, f.kind, f.value, f.scope) for f in report.facts + report.context_facts}


RELEASE = "南岭区2033年1-6月主要经济指标完成情况\n\n"


# ---------------------------------------------------------------- 3. tables by structure


def test_area_column_groups_give_the_city_its_cells_and_the_district_its_own():
    text = RELEASE + ("指标 | 单位 | 临江市 | 南岭区 |\n本期 | ±% | 本期 | ±% |\n"
                      "社会消费品零售总额 | 亿元 | 4100.2 | 3.1 | 310.5 | -2.4 |\n"
                      "公共财政预算收入 | 亿元 | 1900.7 | 1.0 | 150.3 | 6.6 |\n")
    r = parse(text)
    got = keys(r)
    assert {("retail_sales", "2033-01..2033-06", "actual", Decimal("310.5"), "own"),
            ("retail_sales_growth", "2033-01..2033-06", "actual", Decimal("-2.4"), "own"),
            ("district_budget_revenue", "2033-01..2033-06", "actual", Decimal("150.3"), "own"),
            ("retail_sales", "2033-01..2033-06", "actual", Decimal("4100.2"), "city")} <= got
    own = {(f.indicator, f.value) for f in r.facts}
    assert ("retail_sales", Decimal("4100.2")) not in own and ("retail_sales_growth", Decimal("3.1")) not in own
    city = next(f for f in r.context_facts if f.value == Decimal("4100.2"))
    assert "area:临江市" in city.rule  # the areas layer reads whose figure it is


def test_whole_city_and_this_district_columns():
    text = RELEASE + ("指标 | 全市 | 本区 |\n绝对值 | 增长% | 绝对值 | 增长% |\n"
                      "地区生产总值（亿元） | 20500.1 | 5.2 | 880.8 | 4.9 |\n")
    got = keys(parse(text))
    assert ("gdp", "2033-01..2033-06", "actual", Decimal("880.8"), "own") in got
    assert ("gdp_growth", "2033-01..2033-06", "actual", Decimal("4.9"), "own") in got
    assert ("gdp", "2033-01..2033-06", "actual", Decimal("20500.1"), "city") in got


def test_this_month_and_cumulative_columns():
    text = RELEASE + ("指标 | 单位 | 本月 | 累计 |\n| | | 绝对值 | 增长% | 绝对值 | 增长% |\n"
                      "固定资产投资 | 亿元 | 12.1 | 3.0 | 70.4 | 5.5 |\n")
    got = keys(parse(text))
    assert ("fixed_asset_investment", "2033-01..2033-06", "actual", Decimal("70.4"), "own") in got
    assert ("fixed_asset_investment_growth", "2033-01..2033-06", "actual", Decimal("5.5"), "own") in got
    assert ("fixed_asset_investment", "2033-01..2033-06", "actual", Decimal("12.1"), "own") not in got


def test_area_columns_whose_sides_cannot_be_told_give_no_facts_and_a_warning():
    text = ("主要经济指标\n\n指标 | 单位 | 东坡区 | 西坡区 |\n本期 | ±% | 本期 | ±% |\n"
            "地区生产总值 | 亿元 | 100.1 | 2.0 | 200.2 | 3.0 |\n西坡区和东坡区的情况如上。\n")
    r = parse_text(text, Path("tab.txt"), year=2033)
    assert not any(f.value in (Decimal("100.1"), Decimal("200.2")) and f.scope == "own" for f in r.facts)


def test_a_header_whose_groups_do_not_share_out_gives_no_facts():
    text = RELEASE + ("指标 | 全市 | 本区 |\n本期 | ±% | 累计 |\n地区生产总值 | 20500.1 | 5.2 | 880.8 | 4.9 |\n")
    r = parse(text)
    assert not [f for f in r.facts if f.indicator and f.indicator.startswith("gdp") and "table" in f.rule]
    assert any("header could not be read" in w for w in r.warnings)


# ---------------------------------------------------------------- 4. scope from the area hierarchy


def test_whole_city_in_a_district_report_is_the_parent_city():
    text = ("南岭区2033年国民经济和社会发展统计公报\n\n全市地区生产总值20500亿元，增长5.2%。"
            "南岭区地区生产总值880.8亿元，增长4.9%。\n")
    got = keys(parse(text))
    assert ("gdp", "2033", "actual", Decimal("20500"), "city") in got
    assert ("gdp_growth", "2033", "actual", Decimal("5.2"), "city") in got
    assert ("gdp", "2033", "actual", Decimal("880.8"), "own") in got


def test_whole_city_in_a_citys_own_report_is_its_own():
    text = ("云山市2033年国民经济和社会发展统计公报\n\n全市地区生产总值3500.5亿元，增长5.0%。\n")
    got = keys(parse(text))
    assert ("gdp", "2033", "actual", Decimal("3500.5"), "own") in got
    assert ("gdp_growth", "2033", "actual", Decimal("5"), "own") in got


def test_another_area_named_in_the_sentence_is_context_not_own():
    text = ("南岭区2033年1-5月经济运行情况\n\n1-5月，临江市实现社会消费品零售总额4100.2亿元，同比增长3.1%，"
            "南岭区实现社会消费品零售总额310.5亿元，同比下降2.4%。\n")
    r = parse(text)
    own = {(f.indicator, f.value) for f in r.facts}
    assert ("retail_sales", Decimal("310.5")) in own and ("retail_sales_growth", Decimal("-2.4")) in own
    assert ("retail_sales", Decimal("4100.2")) not in own and ("retail_sales_growth", Decimal("3.1")) not in own
    assert ("retail_sales", "2033-01..2033-05", "actual", Decimal("4100.2"), "city") in keys(r)


def test_a_sub_district_named_before_the_indicator_is_a_part():
    text = ("南岭区2033年政府工作报告\n\n一、2033年工作回顾\n\n"
            "桃源街道32个小区组建物管会，物业管理覆盖率达81.5%，业委会党组织覆盖率达100%。\n")
    r = parse(text)
    assert not [f for f in r.facts if f.indicator == "property_service_coverage"]
    assert ("property_service_coverage", "2033", "actual", Decimal("81.5"), "sub_area") in keys(r)


def test_a_development_zone_figure_is_not_the_districts():
    text = ("南岭区2033年政府工作报告\n\n一、2033年工作回顾\n\n"
            "高新园区实现地区生产总值120亿元，增长9%。全区地区生产总值880.8亿元。\n")
    r = parse(text)
    own = {(f.indicator, f.value) for f in r.facts}
    assert ("gdp", Decimal("880.8")) in own and ("gdp", Decimal("120")) not in own


def test_town_and_country_words_and_generic_places_are_not_parts_or_other_areas():
    text = ("南岭区2033年国民经济和社会发展统计公报\n\n全区城镇居民人均可支配收入52000元，增长5%。"
            "城市社区建设稳步推进，全区地区生产总值880.8亿元。\n")
    got = keys(parse(text))
    assert ("urban_disposable_income", "2033", "actual", Decimal("52000"), "own") in got
    assert ("gdp", "2033", "actual", Decimal("880.8"), "own") in got


@pytest.mark.parametrize("sentence", ["南岭区与南岭经开区共实现地区生产总值1020.3亿元。", "全区（含高新区）地区生产总值1020.3亿元。",
                                      "包括开发区在内，全区地区生产总值1020.3亿元。"])
def test_a_district_with_its_development_zone_is_not_the_district_alone(sentence):
    r = parse("南岭区2033年国民经济和社会发展统计公报\n\n" + sentence + "\n")
    assert not [f for f in r.facts if f.indicator == "gdp"]
    assert ("gdp", "2033", "actual", Decimal("1020.3"), "with_zone") in keys(r)


def test_a_table_without_a_readable_header_gives_no_facts_and_says_so():
    text = RELEASE + "地区生产总值 | 亿元 | 880.8 | 4.9 |\n社会消费品零售总额 | 亿元 | 310.5 | -2.4 |\n"
    r = parse(text)
    assert not [f for f in r.facts + r.context_facts if "table" in f.rule]
    assert any("no facts taken from it" in w for w in r.warnings)
