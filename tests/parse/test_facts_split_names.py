"""Names a sentence writes apart, and stocks summed up over a review span. Texts invented for
these tests (南岭区, 2030s)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reporter.parse import parse_text

RELEASE = "南岭区2034年国民经济和社会发展统计公报\n\n"
FIVE_YEARS = ("南岭区政府工作报告\n\n——2036年1月12日在南岭区第九届人民代表大会第一次会议上\n\n"
              "一、过去五年工作回顾\n\n")


def facts(text: str):
    report = parse_text(text, Path("split.txt"))
    return {(f.indicator, f.period, f.kind, f.value, f.scope) for f in report.facts}, report


# ------------------------------------------- a verb-object name split by a place phrase (在…)


@pytest.mark.parametrize("sentence,value", [
    ("全区企业在科创板上市累计达到12家。", Decimal("12")),
    ("本区公司在港股和美股上市共计9家，比上年多2家。", Decimal("9")),
    ("资本市场服务能力增强，辖区企业在境内外主板上市突破30家。", Decimal("30")),
])
def test_noun_in_place_verb_is_the_verb_noun_name(sentence, value):
    own, report = facts(RELEASE + sentence + "\n")
    assert ("listed_companies", "2034", "actual", value, "own") in own
    assert all("name_written_apart" in f.rule for f in report.facts if f.indicator == "listed_companies")


@pytest.mark.parametrize("sentence", [
    "企业在园区落户20家。",  # 落户企业 is no indicator's name
    "新增企业在境外上市5家。",  # the new ones, not the stock
    "企业在境外市场融资超过80亿元。",  # no name at all
])
def test_split_name_needs_a_whole_registered_name_and_a_stock_reading(sentence):
    own, report = facts(RELEASE + sentence + "\n")
    assert not any(i for i, *_ in own) and not any(f.indicator for f in report.context_facts)


# ------------------------------------------- a stock's 累计 is its level at the span's end


@pytest.mark.parametrize("sentence,value", [
    ("过去五年，全区企业在境外上市累计达到20家，资本市场功能不断完善。", Decimal("20")),
    ("过去五年，新登记上市企业较多，全区上市企业累计达到41家。", Decimal("41")),
    ("五年来，全区境内外上市企业累计达到17家。", Decimal("17")),
])
def test_a_stock_counted_up_over_five_years_is_its_level_at_the_end(sentence, value):
    own, _ = facts(FIVE_YEARS + sentence + "\n")
    assert ("listed_companies", "2035", "actual", value, "own") in own
    assert not any(i == "listed_companies" and "-" in p for i, p, *_ in own)


def test_a_flow_summed_over_five_years_keeps_its_span():
    own, _ = facts(FIVE_YEARS + "过去五年，全区累计新增学前学位3600个。\n")
    assert ("preschool_places_added", "2031-2035", "actual", Decimal("3600"), "own") in own


# ------------------------------------------- one share of two totals (占A和B的比重均…)


@pytest.mark.parametrize("sentence,value,qualifier", [
    ("金融业发展势头良好，增加值占地区生产总值和全市金融业增加值的比重均超过30%。", Decimal("30"), "at_least"),
    ("金融业增加值占全区GDP和全市同行业的比重都在25%以上。", Decimal("25"), "at_least"),
    ("金融保险业稳步发展，增加值预计占地区生产总值与全市金融业增加值的比重均达到35%。", Decimal("35"), "estimated"),
])
def test_a_share_of_two_totals_is_the_share_of_the_first(sentence, value, qualifier):
    own, report = facts(RELEASE + sentence + "\n")
    assert ("finance_share_of_gdp", "2034", "actual", value, "own") in own
    fact = next(f for f in report.facts if f.indicator == "finance_share_of_gdp")
    assert fact.qualifier == qualifier and "finance_value_added" not in {i for i, *_ in own}


def test_a_share_of_two_totals_needs_a_registered_share_name():
    own, report = facts(RELEASE + "旅游业持续回暖，增加值占地区生产总值和全市旅游业的比重均在5%以上。\n")
    assert not any(f.value == Decimal("5") and f.indicator for f in report.facts + report.context_facts)
