from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reporter.parse.numbers import convert, find_numbers, format_cn_numeral, parse_cn_numeral, parse_plan_value


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_cn_numeral(format_cn_numeral(n)) == n


@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["亿元", "万元", "%", "平方米", "万人", "个", "微克/立方米"]))
def test_any_written_figure_is_found_whole(value, unit):
    text = f"全区某指标达到{value}{unit}，同比增长"
    spans = find_numbers(text)
    assert len(spans) == 1
    assert spans[0].number == value
    assert spans[0].magnitude + spans[0].unit == unit


@given(st.integers(min_value=1, max_value=99999))
def test_chinese_numeral_spans_convert_with_their_unit(n):
    spans = find_numbers(f"新增学位{format_cn_numeral(n)}个。")
    if n < 10 and n != 10:
        assert spans == []  # a lone small digit (一个, 两个) is wording, not a figure
    else:
        assert [s.number for s in spans] == [Decimal(n)]


def test_words_that_look_like_numbers_are_not_numbers():
    assert find_numbers("统一部署，两会期间，“十四五”规划，第16届，一个开局、两件大事") == []
    assert find_numbers("细颗粒物（PM2.5）浓度") == []


def test_magnitudes_qualifiers_and_units():
    got = {s.raw: (s.number, s.magnitude, s.unit, s.qualifier) for s in find_numbers(
        "近6万个，10万余平方米，90余万人次，15.94万件，<3.5%，控制在3.5%以内，6%左右，1万亿元，4.1个百分点，五十余家")}
    assert got["近6万个"] == (Decimal(6), "万", "个", "approx")
    assert got["10万余平方米"] == (Decimal(10), "万", "平方米", "at_least")
    assert got["90余万人次"] == (Decimal(90), "万", "人次", "at_least")
    assert got["<3.5%"][3] == "at_most"
    assert got["控制在3.5%以内"][3] == "at_most"
    assert got["6%左右"][3] == "approx"
    assert got["1万亿元"][1] == "万亿"
    assert got["4.1个百分点"][2] == "个百分点"
    assert got["五十余家"] == (Decimal(50), "", "家", "at_least")


def test_conversion_to_canonical_units():
    assert convert(Decimal("8.8"), "万元", "元") == 88000
    assert convert(Decimal("15.94"), "万件", "") == 159400
    assert convert(Decimal("1"), "万亿元", "亿元") == 10000
    assert convert(Decimal("1.29"), "公顷", "平方米") == 12900
    assert convert(Decimal("5"), "%", "亿元") is None


def test_plan_values():
    assert parse_plan_value("5左右") == (Decimal(5), "approx")
    assert parse_plan_value("<3.5") == (Decimal("3.5"), "at_most")
    assert parse_plan_value("稳定在98.5以上") == (Decimal("98.5"), "at_least")
    assert parse_plan_value("控制在0.9以内") == (Decimal("0.9"), "at_most")
    assert parse_plan_value("与经济增长同步") == (None, "in_line")
    assert parse_plan_value("达到市级要求") == (None, "none")
    assert parse_plan_value("-") == (None, "none")
