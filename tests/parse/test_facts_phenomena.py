"""One test per phenomenon of issue 9 (items 2-6), on short texts written for these tests.

Places, years and figures are invented (东河区, 2030s); each test asserts indicator, period,
kind, value and scope of the facts it is about.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reporter.parse import parse_text


def parse(text: str, name: str = "own.txt", tmp: Path | None = None):
    """In memory, or (tmp given) as a file read with the sidecar beside it, as an ingest reads it."""
    if tmp is None:
        return parse_text(text, Path(name))
    from reporter.app.ingest import parse_file

    (tmp / name).write_text(text, "utf-8")
    return parse_file(tmp / name)


def every(report):
    return report.facts + report.context_facts


def facts(report, indicator, **want):
    out = [f for f in every(report) if f.indicator == indicator]
    for key, value in want.items():
        out = [f for f in out if getattr(f, key) == value]
    return out


def key(f):
    return (f.indicator, f.period, f.kind, f.value, f.scope)


GWR_HEAD = """东河区政府工作报告

——2034年1月10日在东河区第五届人民代表大会第三次会议上

各位代表：

一、2033年工作回顾

"""


# ---------------------------------------------------------------- 2. periods


def test_release_period_from_its_title_months():
    r = parse("东河区2032年1-5月主要经济指标完成情况\n全区地区生产总值850.5亿元，同比增长5.1%。\n")
    assert r.kind == "statistics_release"
    assert {key(f) for f in r.facts} >= {
        ("gdp", "2032-01..2032-05", "actual", Decimal("850.5"), "own"),
        ("gdp_growth", "2032-01..2032-05", "actual", Decimal("5.1"), "own"),
    }


@pytest.mark.parametrize("words,period", [("前三季度", "2031-01..2031-09"), ("上半年", "2031-01..2031-06"),
                                          ("一季度", "2031-01..2031-03"), ("1-4季度", "2031")])
def test_release_period_words(words, period):
    r = parse(f"东河区2031年{words}经济运行情况\n社会消费品零售总额320亿元，增长4%。\n")
    (f,) = facts(r, "retail_sales")
    assert key(f) == ("retail_sales", period, "actual", 320, "own")


def test_single_month_is_not_the_cumulative_figure():
    r = parse("东河区2031年1-10月经济运行情况\n"
              "10月份，社会消费品零售总额41亿元。1-10月份，社会消费品零售总额402亿元，增长3.2%。\n")
    assert {key(f) for f in facts(r, "retail_sales")} == {
        ("retail_sales", "2031-10", "actual", 41, "own"),
        ("retail_sales", "2031-01..2031-10", "actual", 402, "own"),
    }


def test_five_year_average_and_span_totals():
    r = parse(GWR_HEAD + "过去五年，地区生产总值年均增长6.5%，固定资产投资五年累计完成900亿元，"
              "2033年地区生产总值达到1200亿元。\n")
    assert key(facts(r, "gdp_growth")[0]) == ("gdp_growth", "2029-2033", "actual", Decimal("6.5"), "own")
    assert key(facts(r, "fixed_asset_investment")[0]) == ("fixed_asset_investment", "2029-2033", "actual", 900, "own")
    assert key(facts(r, "gdp")[0]) == ("gdp", "2033", "actual", 1200, "own")


def test_base_year_level_and_a_ratio_that_is_not_growth():
    r = parse(GWR_HEAD + "常住人口由2028年的80.5万人减少到78.2万人。一般公共预算收入40亿元，是2028年的1.5倍。\n")
    assert {key(f) for f in facts(r, "resident_population")} == {
        ("resident_population", "2028", "actual", Decimal("80.5"), "own"),
        ("resident_population", "2033", "actual", Decimal("78.2"), "own"),
    }
    assert not facts(r, "district_budget_revenue_growth")  # 1.5倍 is a ratio, not growth


def test_last_year_in_a_news_item_and_this_years_target():
    r = parse("东河区召开经济工作会\n2034年1月20日\n去年全区地区生产总值达900亿元，增长5.5%。"
              "今年地区生产总值预期增长5%左右。\n")
    assert key(facts(r, "gdp")[0]) == ("gdp", "2033", "actual", 900, "own")
    assert {key(f) for f in facts(r, "gdp_growth")} == {
        ("gdp_growth", "2033", "actual", Decimal("5.5"), "own"),
        ("gdp_growth", "2034", "target", 5, "own"),
    }


def test_a_report_with_no_year_still_yields_its_facts(tmp_path):
    r = parse("东河区经济简讯\n全区地区生产总值实现500亿元。\n")
    (f,) = facts(r, "gdp")
    assert (f.period, f.value, f.scope) == ("", 500, "own") and f.confidence < 0.7  # no year: doubtful
    assert any("year could not be told" in w for w in r.warnings)
    (tmp_path / "silent.txt.meta.toml").write_text('review_periods = ["2031"]\n', "utf-8")
    r = parse("东河区经济简讯\n全区地区生产总值实现500亿元。\n", "silent.txt", tmp_path)
    assert key(facts(r, "gdp")[0]) == ("gdp", "2031", "actual", 500, "own")


def test_year_said_through_the_five_year_plan():
    r = parse("20xx年东河区政府工作报告\n一、20xx年工作回顾\n20xx年是“十五五”规划的第二年。全区实现地区生产总值600亿元。\n")
    assert key(facts(r, "gdp")[0]) == ("gdp", "2027", "actual", 600, "own")


# ---------------------------------------------------------------- 3. names


@pytest.mark.parametrize("sentence,indicator,value", [
    ("公共财政预算收入45亿元", "district_budget_revenue", 45),
    ("一般预算收入45亿元", "district_budget_revenue", 45),
    ("社会消费品零售额300亿元", "retail_sales", 300),
    ("全社会固定资产投资200亿元", "fixed_asset_investment", 200),
    ("固定资产投资（不含农户）210亿元", "fixed_asset_investment", 210),
    ("地区生产总值（GDP）700亿元", "gdp", 700),
    ("本地生产总值700亿元", "gdp", 700),
    ("经济总量达到700亿元", "gdp", 700),
    ("人均地区生产总值15.2万元", "gdp_per_capita", 152000),
    ("城镇居民人均可支配收入61000元", "urban_disposable_income", 61000),
    ("农民人均纯收入23000元", "rural_disposable_income", 23000),
    ("居民人均可支配收入52000元", "disposable_income", 52000),
    ("外贸进出口总值410亿元", "import_export", 410),
])
def test_names_as_reports_write_them(sentence, indicator, value):
    r = parse(GWR_HEAD + f"全年{sentence}。\n")
    found = [key(f) for f in r.facts if f.value == value]
    assert found == [(indicator, "2033", "actual", value, "own")]


def test_one_estimate_governs_a_list_and_respective_figures():
    r = parse(GWR_HEAD + "预计全年地区生产总值增长6%、区级一般公共预算收入增长5%以上。"
              "社会消费品零售总额、固定资产投资分别增长4.5%和7.2%。\n")
    by = {f.indicator: f for f in r.facts}
    assert (by["gdp_growth"].qualifier, by["district_budget_revenue_growth"].qualifier) == ("estimated", "at_least")
    assert key(by["retail_sales_growth"]) == ("retail_sales_growth", "2033", "actual", Decimal("4.5"), "own")
    assert key(by["fixed_asset_investment_growth"]) == ("fixed_asset_investment_growth", "2033", "actual", Decimal("7.2"), "own")
    assert by["retail_sales_growth"].qualifier == "none"


def test_plain_budget_revenue_is_the_districts_only_without_a_district_level_name():
    alone = parse(GWR_HEAD + "一般公共预算收入60亿元，增长3%。\n")
    assert {key(f) for f in alone.facts if f.indicator} == {
        ("district_budget_revenue", "2033", "actual", 60, "own"),
        ("district_budget_revenue_growth", "2033", "actual", 3, "own"),
    }
    both = parse(GWR_HEAD + "一般公共预算收入600亿元，增长3%。区级一般公共预算收入120亿元，增长4%。\n")
    assert {key(f) for f in both.facts if f.indicator} == {
        ("district_budget_revenue", "2033", "actual", 120, "own"),
        ("district_budget_revenue_growth", "2033", "actual", 4, "own"),
    }
    assert {f.value for f in both.context_facts if f.scope == "broader"} == {600, 3}


# ---------------------------------------------------------------- 4. whose figure


def test_city_figure_beside_the_districts_own():
    r = parse(GWR_HEAD + "全市地区生产总值增长5.0%，全区地区生产总值增长6.1%。\n")
    assert {key(f) for f in facts(r, "gdp_growth")} == {
        ("gdp_growth", "2033", "actual", Decimal("5.0"), "city"),
        ("gdp_growth", "2033", "actual", Decimal("6.1"), "own"),
    }
    assert [f.value for f in r.facts if f.indicator == "gdp_growth"] == [Decimal("6.1")]


def test_share_fulfilment_comparison_and_adjusted_basis_are_not_the_indicator():
    r = parse(GWR_HEAD + "地区生产总值980亿元，占全市19.4%，完成全年计划的52%，增长7.1%，高于全市平均水平1.2%。"
              "区级一般公共预算收入50亿元，扣除留抵退税因素后增长5.4%。\n")
    assert {key(f) for f in r.facts if f.indicator} == {
        ("gdp", "2033", "actual", 980, "own"),
        ("gdp_growth", "2033", "actual", Decimal("7.1"), "own"),
        ("district_budget_revenue", "2033", "actual", 50, "own"),
    }
    scopes = {f.value: f.scope for f in r.context_facts}
    assert scopes[Decimal("19.4")] == "share" and scopes[52] == "fulfilment"
    assert scopes[Decimal("1.2")] == "comparison" and scopes[Decimal("5.4")] == "adjusted"
    adjusted = next(f for f in r.context_facts if f.scope == "adjusted")
    assert key(adjusted) == ("district_budget_revenue_growth", "2033", "actual", Decimal("5.4"), "adjusted")


def test_sub_sectors_are_not_the_total():
    r = parse(GWR_HEAD + "零售业销售额增长3%，网上零售额增长9%，第三产业增加值500亿元，增长6%。"
              "社会消费品零售总额260亿元。\n")
    own = [key(f) for f in r.facts if f.indicator]
    assert own == [("retail_sales", "2033", "actual", 260, "own")]
    assert {key(f) for f in r.context_facts if f.indicator} == {  # recorded beside the totals, as parts
        ("retail_sales_growth", "2033", "actual", 3, "sub_sector"),
        ("retail_sales_growth", "2033", "actual", 9, "sub_sector"),
        ("gdp", "2033", "actual", 500, "sub_sector"),
        ("gdp_growth", "2033", "actual", 6, "sub_sector"),
    }


def test_finance_share_of_gdp_through_its_subject():
    r = parse(GWR_HEAD + "金融业增加值300亿元，占地区生产总值比重为31.5%。服务业增加值占地区生产总值比重达到90%。\n")
    assert key(facts(r, "finance_value_added")[0]) == ("finance_value_added", "2033", "actual", 300, "own")
    assert [key(f) for f in facts(r, "finance_share_of_gdp")] == [
        ("finance_share_of_gdp", "2033", "actual", Decimal("31.5"), "own")]


# ---------------------------------------------------------------- 5. values as written


def test_signs_units_and_typos():
    r = parse(GWR_HEAD + "地区生产总值2242104万元，同比下降2.5%。进出口总额增长-3.1%。人均地区生产总值8.6万元。"
              "固定资产投资增长4.1.%。社会消费品零售总额１２３亿元。登记失业率为2.8。\n")
    got = {f.indicator: key(f) for f in r.facts if f.indicator}
    assert got["gdp"] == ("gdp", "2033", "actual", Decimal("224.2104"), "own")
    assert got["gdp_growth"] == ("gdp_growth", "2033", "actual", Decimal("-2.5"), "own")
    assert got["import_export_growth"] == ("import_export_growth", "2033", "actual", Decimal("-3.1"), "own")
    assert got["gdp_per_capita"] == ("gdp_per_capita", "2033", "actual", 86000, "own")
    assert got["fixed_asset_investment_growth"] == ("fixed_asset_investment_growth", "2033", "actual", Decimal("4.1"), "own")
    assert got["retail_sales"] == ("retail_sales", "2033", "actual", 123, "own")
    assert got["unemployment_rate"] == ("unemployment_rate", "2033", "actual", Decimal("2.8"), "own")
    assert any("4.1.%" in w for w in r.warnings) and any("without a % sign" in w for w in r.warnings)


def test_traditional_characters_and_converter_debris():
    r = parse("東河區2031年前三季度經濟運行情況\n——地區(qū)生產(chǎn)總值612.3億元，同比增長(zhǎng)4.4%。\n")
    assert {key(f) for f in r.facts if f.indicator} == {
        ("gdp", "2031-01..2031-09", "actual", Decimal("612.3"), "own"),
        ("gdp_growth", "2031-01..2031-09", "actual", Decimal("4.4"), "own"),
    }
    assert any("traditional" in w for w in r.warnings) and any("pinyin" in w for w in r.warnings)


def test_target_adjusted_in_the_year_keeps_both():
    r = parse(GWR_HEAD + "区级一般公共预算收入目标由年初的50亿元调整为45亿元，全年完成46.2亿元。\n")
    got = facts(r, "district_budget_revenue")
    assert [key(f) for f in got] == [
        ("district_budget_revenue", "2033", "target", 50, "own"),
        ("district_budget_revenue", "2033", "target", 45, "own"),
        ("district_budget_revenue", "2033", "actual", Decimal("46.2"), "own"),
    ]
    assert "target=original" in got[0].rule and "target=adjusted" in got[1].rule


# ---------------------------------------------------------------- 6. statistics tables

PIPE = """东河区2032年1-6月主要经济指标
指标名称 | 计量单位 | 全市本期 | 全市±% | 全区本期 | 全区±% |
地区生产总值 | 亿元 | 15000.2 | 5.0 | 812.4 | 6.2 |
社会消费品零售总额 | 亿元 | 6100 | 3.1 | 300.5 | -- |
零售业销售额 | 亿元 | 5000 | 2.0 | 250 | 1.0 |
"""

CELLS = """东河区2032年国民经济和社会发展统计公报
表2 2032年东河区财政收支
指标
累计（亿元）
同比（%）
一般公共预算收入总计
400.1
-1.2
#区级一般公共预算收入
88.8
2.5
其中：税收收入
70.2
3.0
"""

SPACED = """东河区2032年国民经济和社会发展统计公报
表1  2032年主要指标
指标 本期（亿元）  增长（%）
地区生产总值 812.4 6.2
固定资产投资 120.0 -3.5
"""


def test_pipe_table_city_and_district_column_groups():
    r = parse(PIPE)
    assert {key(f) for f in every(r) if f.indicator} == {
        ("gdp", "2032-01..2032-06", "actual", Decimal("15000.2"), "city"),
        ("gdp_growth", "2032-01..2032-06", "actual", Decimal("5.0"), "city"),
        ("gdp", "2032-01..2032-06", "actual", Decimal("812.4"), "own"),
        ("gdp_growth", "2032-01..2032-06", "actual", Decimal("6.2"), "own"),
        ("retail_sales", "2032-01..2032-06", "actual", 6100, "city"),
        ("retail_sales_growth", "2032-01..2032-06", "actual", Decimal("3.1"), "city"),
        ("retail_sales", "2032-01..2032-06", "actual", Decimal("300.5"), "own"),  # '--': no growth value
        ("retail_sales", "2032-01..2032-06", "actual", 5000, "sub_sector"),  # 零售业: a part of the total
        ("retail_sales_growth", "2032-01..2032-06", "actual", 2, "sub_sector"),
        ("retail_sales", "2032-01..2032-06", "actual", 250, "sub_sector"),
        ("retail_sales_growth", "2032-01..2032-06", "actual", 1, "sub_sector"),
    }
    assert not [f for f in r.facts if f.value in (5000, 250)]


def test_one_cell_per_line_table_takes_the_release_year():
    r = parse(CELLS)
    assert {key(f) for f in r.facts if f.indicator} == {
        ("district_budget_revenue", "2032", "actual", Decimal("88.8"), "own"),
        ("district_budget_revenue_growth", "2032", "actual", Decimal("2.5"), "own"),
    }


def test_flattened_table_rows():
    r = parse(SPACED)
    assert {key(f) for f in r.facts if f.indicator} == {
        ("gdp", "2032", "actual", Decimal("812.4"), "own"),
        ("gdp_growth", "2032", "actual", Decimal("6.2"), "own"),
        ("fixed_asset_investment", "2032", "actual", Decimal("120.0"), "own"),
        ("fixed_asset_investment_growth", "2032", "actual", Decimal("-3.5"), "own"),
    }


# ---------------------------------------------------------------- 7. confidence and explain


def test_every_fact_says_how_sure_and_why():
    from reporter.parse.explain import explain

    r = parse(GWR_HEAD + "地区生产总值980亿元，增长7.1%。\n")
    for f in r.facts:
        assert 0 < f.confidence <= 1 and f.rule
        lines = explain(f)
        assert [line.split(":")[0] for line in lines[1:5]] == ["indicator", "period", "kind", "scope"]


MONTHLY = """东河区2032年1-5月主要经济指标
指标 | 单位 | 本月 | | 1-5月 | |
| | 绝对值 | ±% | 绝对值 | ±% |
社会消费品零售总额 | 亿元 | 60.1 | 2.0 | 300.5 | 3.5 |
"""


def test_month_and_cumulative_column_groups():
    r = parse(MONTHLY)
    assert {key(f) for f in r.facts if f.indicator} == {
        ("retail_sales", "2032-05", "actual", Decimal("60.1"), "own"),
        ("retail_sales_growth", "2032-05", "actual", Decimal("2.0"), "own"),
        ("retail_sales", "2032-01..2032-05", "actual", Decimal("300.5"), "own"),
        ("retail_sales_growth", "2032-01..2032-05", "actual", Decimal("3.5"), "own"),
    }


def test_half_year_plan_report_takes_its_months():
    r = parse("东河区2033年上半年国民经济和社会发展计划执行情况的报告\n一、2033年上半年计划执行情况\n地区生产总值增长5.5%。\n")
    assert [key(f) for f in r.facts if f.indicator] == [("gdp_growth", "2033-01..2033-06", "actual", Decimal("5.5"), "own")]


def test_a_year_given_by_the_caller_where_the_text_is_silent():
    r = parse_text("东河区经济简讯\n全区地区生产总值实现500亿元。\n", Path("x.txt"), year=2031)
    assert key(facts(r, "gdp")[0]) == ("gdp", "2031", "actual", 500, "own")


def test_a_stock_of_institutions_is_not_the_new_ones():
    r = parse(GWR_HEAD + "全区各类金融机构达到726家。新引进东方银行、北方保险等持牌金融机构12家。推动5家金融机构落户。\n")
    assert [key(f) for f in facts(r, "new_financial_institutions")] == [
        ("new_financial_institutions", "2033", "actual", 12, "own"),
        ("new_financial_institutions", "2033", "actual", 5, "own"),
    ]


def test_from_base_year_to_end_year_and_the_average_growth():
    r = parse(GWR_HEAD.replace("一、2033年工作回顾", "一、过去五年工作回顾")
              + "五年来，地区生产总值由2028年的1500亿元增加到2033年的2100亿元，年均增长6.2%。城镇调查失业率4.5%。\n")
    assert [key(f) for f in facts(r, "gdp")] == [("gdp", "2028", "actual", 1500, "own"), ("gdp", "2033", "actual", 2100, "own")]
    assert [key(f) for f in facts(r, "gdp_growth")] == [("gdp_growth", "2029-2033", "actual", Decimal("6.2"), "own")]
    assert not facts(r, "unemployment_rate")  # surveyed is not the registered rate
    assert [key(f) for f in facts(r, "surveyed_unemployment_rate")] == [
        ("surveyed_unemployment_rate", "2033", "actual", Decimal("4.5"), "own")]


def test_a_component_after_qizhong_is_not_the_total():
    r = parse(GWR_HEAD + "拆除违法建设8万余平方米，其中院内拆违300处、1万余平方米。新增东方科技、北方药业等5家上市企业，"
              "辖区上市企业累计达到40家。\n")
    assert [key(f) for f in r.facts if f.indicator == "illegal_construction_demolished"] == [
        ("illegal_construction_demolished", "2033", "actual", 80000, "own")]
    assert [key(f) for f in r.context_facts if f.indicator == "illegal_construction_demolished"] == [
        ("illegal_construction_demolished", "2033", "actual", 10000, "component")]
    assert [key(f) for f in facts(r, "listed_companies")] == [("listed_companies", "2033", "actual", 40, "own")]


@pytest.mark.parametrize("layout", ["cells", "spaced"])
def test_tables_with_a_unit_column(layout):
    rows = [["指标名称", "计量单位", "1-5月", "同比增长（%）"], ["地区生产总值", "亿元", "812.4", "6.2"],
            ["社会消费品零售总额", "亿元", "300.5", "-1.5"]]
    body = "\n".join(c for row in rows for c in row) if layout == "cells" else "\n".join("  ".join(r) for r in rows)
    r = parse("东河区2032年1-5月主要经济指标\n" + body + "\n")
    assert {key(f) for f in r.facts if f.indicator} == {
        ("gdp", "2032-01..2032-05", "actual", Decimal("812.4"), "own"),
        ("gdp_growth", "2032-01..2032-05", "actual", Decimal("6.2"), "own"),
        ("retail_sales", "2032-01..2032-05", "actual", Decimal("300.5"), "own"),
        ("retail_sales_growth", "2032-01..2032-05", "actual", Decimal("-1.5"), "own"),
    }


def test_a_figure_inside_a_name_and_renovated_is_not_new():
    r = parse(GWR_HEAD + "公园绿地500米服务半径覆盖率提高至91.5%。新建8处城市绿地2.1公顷，改造5处城市绿地共3公顷。\n")
    assert [key(f) for f in facts(r, "park_service_coverage")] == [
        ("park_service_coverage", "2033", "actual", Decimal("91.5"), "own")]
    assert [key(f) for f in facts(r, "green_space_added")] == [("green_space_added", "2033", "actual", 21000, "own")]


def test_year_columns_and_city_district_groups_over_two_header_rows():
    r = parse("东河区2032年国民经济和社会发展统计公报\n表3 主要指标\n指标 | 单位 | 2031年 | 2032年 | 增长% |\n"
              "地区生产总值 | 亿元 | 780.1 | 812.4 | 4.1 |\n全区经济指标\n指标 | 全市 | | 全区 | |\n| 本期 | ±% | 本期 | ±% |\n"
              "社会消费品零售总额（亿元） | 6100 | 3.1 | 300.5 | 2.2 |\n")
    assert {key(f) for f in every(r) if f.indicator} == {
        ("gdp", "2031", "actual", Decimal("780.1"), "own"),
        ("gdp", "2032", "actual", Decimal("812.4"), "own"),
        ("gdp_growth", "2032", "actual", Decimal("4.1"), "own"),
        ("retail_sales", "2032", "actual", 6100, "city"),
        ("retail_sales_growth", "2032", "actual", Decimal("3.1"), "city"),
        ("retail_sales", "2032", "actual", Decimal("300.5"), "own"),
        ("retail_sales_growth", "2032", "actual", Decimal("2.2"), "own"),
    }


def test_a_horizon_year_is_a_target_and_not_the_reports_year():
    r = parse("东河区经济发展情况\n全区地区生产总值实现650亿元。到2035年，地区生产总值力争达到1000亿元。\n")
    assert "2035" not in r.review_periods
    assert [key(f) for f in facts(r, "gdp")] == [("gdp", "", "actual", 650, "own"), ("gdp", "2035", "target", 1000, "own")]


def test_hard_wrapped_communique_keeps_its_title_apart():
    body = ("2032年，全区经济运行稳中有进，各项事业协调发展，人民生活持续改善，社会大局和谐稳定，"
            "根据统一核算结果，全区地区生产总值实现905.2亿元，按可比价格计算，比上年增长5.3%。" * 3)
    from reporter.clean import display_width

    lines, cur = [], ""
    for ch in body:
        if display_width(cur + ch) > 60:
            lines.append(cur)
            cur = ""
        cur += ch
    lines.append(cur)
    r = parse("2032年东河区国民经济和社会发展统计公报\n" + "\n".join(lines) + "\n")
    assert r.kind == "statistics_release" and r.review_periods[0] == "2032"
    assert {key(f) for f in r.facts if f.indicator == "gdp"} == {("gdp", "2032", "actual", Decimal("905.2"), "own")}


def test_this_year_in_an_undated_part_year_release():
    r = parse("东河区经济运行情况\n一、主要指标完成情况\n今年1-9月，全区地区生产总值实现700.2亿元，同比增长4.1%。\n"
              "2031年前三季度，全区社会消费品零售总额250亿元。\n")
    assert r.kind == "statistics_release"
    assert {key(f) for f in r.facts if f.indicator in ("gdp", "retail_sales")} == {
        ("gdp", "2031-01..2031-09", "actual", Decimal("700.2"), "own"),
        ("retail_sales", "2031-01..2031-09", "actual", 250, "own"),
    }


def test_a_targets_heading_named_主要预期目标():
    r = parse(GWR_HEAD + "全区地区生产总值完成980亿元。\n二、2034年主要预期目标\n地区生产总值增长5%以上；"
              "细颗粒物（PM2.5）年均浓度完成市级下达指标。\n")
    assert r.plan_year == 2034
    assert {key(f) for f in r.facts if f.indicator} == {
        ("gdp", "2033", "actual", 980, "own"),
        ("gdp_growth", "2034", "target", 5, "own"),
        ("pm25", "2034", "target", None, "own"),
    }


def test_annex_plan_table_as_a_pipe_table():
    r = parse("关于东河区2033年国民经济和社会发展计划执行情况与2034年国民经济和社会发展计划的报告\n"
              "——2034年1月5日在东河区人民代表大会第二次会议上\n一、2033年国民经济和社会发展计划执行情况\n"
              "全年地区生产总值达到3210.5亿元。\n附件1\n东河区2034年国民经济和社会发展计划表\n"
              "| 评价维度 | 序号 | 指标名称 | 2034年计划 | 指标属性 |\n| 创新发展 | 1 | 地区生产总值增速（%） | 5左右 | 预期性 |\n"
              "| | 2 | 高质量上市挂牌企业数量（家） | 30 | 预期性 |\n")
    assert [(t.number, t.dimension, t.indicator, t.value) for t in r.targets] == [
        (1, "创新发展", "gdp_growth", 5), (2, "创新发展", "quality_listed_companies", 30)]
    assert ("gdp_growth", "2034", "target", 5, "own") in {key(f) for f in r.facts}


@pytest.mark.parametrize("words", ["前5个月", "一至五月", "1—5月"])
def test_cumulative_months_written_in_other_ways(words):
    r = parse(f"东河区2032年{words}经济运行情况\n社会消费品零售总额300亿元，增长4%。\n")
    assert key(facts(r, "retail_sales")[0]) == ("retail_sales", "2032-01..2032-05", "actual", 300, "own")
