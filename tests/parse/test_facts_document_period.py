"""Issue 19, classes 1-2: the document's own period (decided once, by the document stage) and
part-year spans kept across line breaks and clauses. Texts invented for these tests (南岭区,
北川县, 2030s); each asserts indicator, period, kind, value and scope."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reporter.parse import parse_text


def parse(text: str, year: int | None = None):
    return parse_text(text, Path("doc.txt"), year=year)


def keys(report):
    return {(f.indicator, f.period, f.kind, f.value, f.scope) for f in report.facts + report.context_facts}


def decision(report) -> str:
    return next(w for w in report.warnings if w.startswith("document: reviews"))


# ---------------------------------------------------------------- 1. the document's own period


def test_speech_dated_only_by_a_collapsed_date_line():
    text = ("在南岭区科技工作大会上的讲话\n\n南岭区人民政府区长  李明\n\n2033518\n\n"
            "一、过去一年的工作\n\n全区地区生产总值达到812.4亿元，增长6.1%。\n")
    r = parse(text)
    assert r.delivered == "2033-05-18"
    assert {("gdp", "2032", "actual", Decimal("812.4"), "own"),
            ("gdp_growth", "2032", "actual", Decimal("6.1"), "own")} <= keys(r)
    assert "reviews 2032" in decision(r) and "area 南岭区 (district)" in decision(r)


def test_a_repost_page_date_later_than_every_year_named_is_not_the_reports():
    text = ("• 来源：范文网\n• 时间：2035-09-15\n区人民政府区长政府工作报告\n\n各位代表：\n\n一、过去五年工作回顾\n\n"
            "过去的五年，南岭区发展很不平凡。预计，2033年全区地区生产总值达到900亿元，年均增长7.5%。\n")
    r = parse(text)
    assert ("gdp", "2033", "actual", Decimal("900"), "own") in keys(r)
    assert ("gdp_growth", "2029-2033", "actual", Decimal("7.5"), "own") in keys(r)
    assert any("repost" in w for w in r.warnings)


def test_the_text_year_rests_on_the_delivery_month_and_lowers_confidence():
    text = ("北川县政府工作报告\n\n——2035年1月8日在北川县第三届人民代表大会第二次会议上\n\n各位代表：\n\n"
            "一、过去一年的工作\n\n全县社会消费品零售总额实现120.5亿元。\n")
    r = parse(text)
    fact = next(f for f in r.facts if f.indicator == "retail_sales")
    assert (fact.period, fact.kind, fact.value, fact.scope) == ("2034", "actual", Decimal("120.5"), "own")
    assert "year inferred" in decision(r) and fact.confidence < 0.9 and "period_default" in fact.rule


def test_a_text_with_no_year_gives_no_period_and_stays_below_the_threshold():
    from reporter import confidence

    r = parse("一、市场消费\n1-4月，南岭区实现社会消费品零售总额200.1亿元，同比增长3.3%。\n")
    fact = next(f for f in r.facts if f.indicator == "retail_sales")
    assert (fact.period, fact.kind, fact.value, fact.scope) == ("", "actual", Decimal("200.1"), "own")
    assert confidence.is_low(fact)


def test_a_given_year_is_stated_evidence():
    r = parse("一、市场消费\n全区实现社会消费品零售总额200.1亿元。\n", year=2036)
    assert ("retail_sales", "2036", "actual", Decimal("200.1"), "own") in keys(r)
    assert any("as given (--year)" in w for w in r.warnings)


# ---------------------------------------------------------------- 2. part-year spans


def test_month_span_kept_across_a_line_break_for_the_growth_after_its_level():
    text = ("南岭区2033年计划执行情况的报告\n\n一、2033年计划执行情况\n\n"
            "项目建设有序推进，1-10月全区固定资产投资完成96.3\n\n亿元、增长2.7%，建安投资完成40.1亿元。\n")
    r = parse(text)
    assert {("fixed_asset_investment", "2033-01..2033-10", "actual", Decimal("96.3"), "own"),
            ("fixed_asset_investment_growth", "2033-01..2033-10", "actual", Decimal("2.7"), "own")} <= keys(r)


def test_up_to_a_month_inside_a_paragraph_is_not_inherited_by_the_next_sentence():
    text = ("南岭区2031年政府工作报告\n\n——2032年1月6日在南岭区人民代表大会上\n\n一、2031年工作回顾\n\n"
            "生态环境持续改善。截至11月，降尘量平均值4.2吨/平方公里。全年新增城市绿地9100平方米。\n")
    r = parse(text)
    assert ("green_space_added", "2031", "actual", Decimal("9100"), "own") in keys(r)


def test_first_three_quarters_at_a_paragraphs_head_holds_for_its_clauses():
    text = ("南岭区2034年前三季度经济运行情况\n\n前三季度，全区实现地区生产总值640.2亿元，同比增长4.4%；"
            "一般公共预算收入51.3亿元，同比增长2.0%。\n")
    r = parse(text)
    assert {("gdp", "2034-01..2034-09", "actual", Decimal("640.2"), "own"),
            ("gdp_growth", "2034-01..2034-09", "actual", Decimal("4.4"), "own"),
            ("district_budget_revenue", "2034-01..2034-09", "actual", Decimal("51.3"), "own")} <= keys(r)


def test_a_single_month_beside_the_cumulative_one_is_not_the_span():
    text = ("南岭区2032年4月份主要经济指标完成情况\n\n一、投资\n\n4月份，全区完成固定资产投资8.8亿元。"
            "1-4月份，全区固定资产投资额30.6亿元，与去年同期相比下降12.5%。\n")
    r = parse(text)
    got = keys(r)
    assert ("fixed_asset_investment_growth", "2032-01..2032-04", "actual", Decimal("-12.5"), "own") in got
    assert not any(k[0] == "fixed_asset_investment" and k[1] == "2032-01..2032-04" and k[3] == Decimal("8.8") for k in got)


def test_a_statistics_summary_named_without_the_word_communique_is_not_dated_a_year_early():
    r = parse("南岭区2033年国民经济和社会发展情况\n\n全区实现地区生产总值812.4亿元，增长6.1%。\n")
    assert {("gdp", "2033", "actual", Decimal("812.4"), "own"),
            ("gdp_growth", "2033", "actual", Decimal("6.1"), "own")} <= keys(r)
    assert "year stated" in decision(r)


def test_a_bare_year_heading_dates_the_figures_below_it():
    r = parse("统计数据\n\n2031\n\n全区实现地区生产总值812.4亿元，增长6.1%。\n")
    assert ("gdp", "2031", "actual", Decimal("812.4"), "own") in keys(r)


def test_a_half_year_plan_reports_quarter_figures_keep_its_year():
    text = ("南岭区2034年上半年国民经济和社会发展计划执行情况\n\n一、上半年计划执行情况\n\n"
            "1-3月，全区地区生产总值300.1亿元，增长4.2%。上半年，全区地区生产总值612.4亿元，增长5.1%。\n")
    got = keys(parse(text))
    assert {("gdp", "2034-01..2034-03", "actual", Decimal("300.1"), "own"),
            ("gdp", "2034-01..2034-06", "actual", Decimal("612.4"), "own"),
            ("gdp_growth", "2034-01..2034-06", "actual", Decimal("5.1"), "own")} <= got


def test_masked_years_give_no_period_rather_than_a_guess():
    r = parse("南岭区20XX年政府工作报告\n\n各位代表：\n\n一、20XX年工作回顾\n\n全区实现地区生产总值812.4亿元。\n")
    fact = next(f for f in r.facts if f.indicator == "gdp")
    assert (fact.period, fact.value) == ("", Decimal("812.4")) and fact.confidence < 0.6


def test_a_cumulative_span_inside_a_paragraph_still_holds_for_the_sentences_after_it():
    text = ("南岭区2033年政府工作报告\n\n——2033年12月20日在南岭区人民代表大会上\n\n一、2033年工作回顾\n\n"
            "经济运行稳中有进。1-11月，全区固定资产投资完成88.2亿元，增长4.1%。社会消费品零售总额实现300.4亿元。\n")
    got = keys(parse(text))
    assert ("fixed_asset_investment", "2033-01..2033-11", "actual", Decimal("88.2"), "own") in got
    assert ("retail_sales", "2033-01..2033-11", "actual", Decimal("300.4"), "own") in got
