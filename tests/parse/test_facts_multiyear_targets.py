"""Issue 19, classes 5-6: multi-year statements (span averages, multiples, cumulative change) as
their own kinds, never annual growth; targets (adjusted, a news item's 预期目标 list, 未来五年
主要目标, a target inside an actual sentence). Texts invented for these tests (南岭区, 2030s)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reporter.parse import parse_text


def parse(text: str):
    return parse_text(text, Path("multi.txt"))


def keys(report):
    return {(f.indicator, f.period, f.kind, f.value, f.scope) for f in report.facts + report.context_facts}


def own(report):
    return {(f.indicator, f.period, f.kind, f.value) for f in report.facts}


FIVE = ("南岭区政府工作报告\n\n——2036年1月9日在南岭区人民代表大会上\n\n各位代表：\n\n一、过去五年工作回顾\n\n"
        "过去的五年，是南岭区发展很不平凡的五年。")


# ---------------------------------------------------------------- 5. multi-year statements


def test_a_multiple_of_a_base_year_is_not_growth_and_keeps_the_subject_for_the_average():
    r = parse(FIVE + "2035年全区地区生产总值达到1200亿元，是2030年的1.52倍，年均增长8.7%。\n")
    assert ("gdp", "2035", "actual", Decimal("1200")) in own(r)
    assert ("gdp_growth", "2031-2035", "actual", Decimal("8.7")) in own(r)
    assert not any(f.value == Decimal("1.52") for f in r.facts)
    assert any(f.value == Decimal("1.52") and f.scope == "multiple" for f in r.context_facts)


def test_a_rise_since_a_year_five_years_back_is_cumulative_not_annual():
    r = parse(FIVE + "地区生产总值实现1500.2亿元、较2030年增长31%，社会消费品零售总额达到600亿元。\n")
    assert ("gdp", "2035", "actual", Decimal("1500.2")) in own(r)
    assert not any(f.indicator == "gdp_growth" for f in r.facts)
    assert ("gdp_growth", "2035", "actual", Decimal("31"), "cumulative") not in keys(r)
    assert any(f.value == Decimal("31") and f.scope == "cumulative" for f in r.context_facts)


def test_a_rise_over_the_year_before_stays_annual_growth():
    text = ("南岭区2035年国民经济和社会发展统计公报\n\n全区地区生产总值980.5亿元，比2034年增长5.5%。\n")
    assert ("gdp_growth", "2035", "actual", Decimal("5.5"), "own") in keys(parse(text))


def test_an_average_over_the_plan_period_gets_the_span():
    text = ("在南岭区工会代表大会上的区域形势报告\n\n南岭区人民政府区长  王明\n\n2036620\n\n"
            "一、“十五五”时期南岭区经济社会发展情况\n\n“十五五”期末，全区地区生产总值达到2100亿元，年均增长6.4%。"
            "一般公共预算收入达到160.5亿元，年均增长5.1%。\n")
    r = parse(text)
    assert {("gdp", "2035", "actual", Decimal("2100")), ("gdp_growth", "2031-2035", "actual", Decimal("6.4")),
            ("district_budget_revenue_growth", "2031-2035", "actual", Decimal("5.1"))} <= own(r)


# ---------------------------------------------------------------- 6. targets


def test_an_adjusted_budget_gives_the_original_and_the_adjusted_target():
    text = ("南岭区2035年重点工作完成情况\n\n一、2035年完成情况\n\n南岭区一般公共预算收入由年初预算210.5亿元调整为190.2亿元左右，"
            "增长由年初的3%调整为-5%左右。全年一般公共预算收入完成190.9亿元。\n")
    r = parse(text)
    got = own(r)
    assert {("district_budget_revenue", "2035", "target", Decimal("210.5")),
            ("district_budget_revenue", "2035", "target", Decimal("190.2")),
            ("district_budget_revenue_growth", "2035", "target", Decimal("-5")),
            ("district_budget_revenue", "2035", "actual", Decimal("190.9"))} <= got


def test_a_news_items_expected_targets_list():
    text = ("南岭区召开人民代表大会 发布时间：2036-01-12\n\n会议提出，2036年经济社会发展主要预期目标是：地区生产总值增长5%左右，"
            "一般公共预算收入增长3%，城镇调查失业率控制在5.5%以内。\n")
    got = own(parse(text))
    assert {("gdp_growth", "2036", "target", Decimal("5")),
            ("district_budget_revenue_growth", "2036", "target", Decimal("3"))} <= got


def test_a_five_year_target_has_its_end_year():
    text = (FIVE + "\n\n二、今后五年的奋斗目标\n\n未来五年经济社会发展的主要目标是：地区生产总值年均增长5.5%左右。\n\n"
            "三、2036年工作安排\n\n2036年主要预期目标是：地区生产总值增长5%。\n")
    r = parse(text)
    assert ("gdp_growth", "2036", "target", Decimal("5")) in own(r)
    assert not any(f.kind == "actual" and f.value == Decimal("5.5") for f in r.facts)


def test_a_target_inside_an_actual_sentence():
    text = ("南岭区2035年计划执行情况的报告\n\n一、2035年计划执行情况\n\n全年城镇登记失业率2.1%，完成控制在3.2%以内的目标；"
            "地区生产总值增长5.6%。\n")
    got = keys(parse(text))
    assert ("gdp_growth", "2035", "actual", Decimal("5.6"), "own") in got
    assert not any(k[3] == Decimal("3.2") and k[2] == "actual" and k[4] == "own" for k in got)


def test_a_five_year_target_level_is_for_the_end_year_and_its_average_for_the_span():
    text = (FIVE + "\n\n二、今后五年的奋斗目标\n\n未来五年经济社会发展的主要目标是：地区生产总值年均增长5.5%左右，"
            "到期末一般公共预算收入达到150亿元。\n")
    got = own(parse(text))
    assert ("gdp_growth", "2036-2040", "target", Decimal("5.5")) in got
    assert ("district_budget_revenue", "2040", "target", Decimal("150")) in got


def test_an_average_over_the_last_three_years_spans_three_years():
    text = ("南岭区2035年国民经济和社会发展统计公报\n\n全区地区生产总值980.5亿元，近三年年均增长6.2%。\n")
    got = keys(parse(text))
    assert ("gdp_growth", "2033-2035", "actual", Decimal("6.2"), "own") in got
    assert ("gdp", "2035", "actual", Decimal("980.5"), "own") in got
