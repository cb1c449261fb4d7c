"""The Period type: every stored period text reads into a Period and back unchanged, and the
questions callers ask (years, end, year so far) agree with the text."""
from datetime import date

from hypothesis import given, strategies as st

from reporter.periods import Period, is_single_year, overlaps, period_years
from reporter.quarters import partial_year, period_end


def test_each_form_round_trips_with_its_kind():
    for text, kind in (("2023", "year"), ("2016-2020", "years"), ("2021-01..2021-10", "months"),
                       ("2023-10", "month"), ("2024Q1", "quarter"), ("2020-11..2021-02", "months")):
        p = Period.parse(text)
        assert p is not None and p.kind == kind and str(p) == text


def test_questions_follow_the_span():
    assert Period.parse("2016-2020").span == (2016, 2020)
    assert Period.parse("2021-01..2021-10").end == date(2021, 10, 31)
    assert Period.parse("2024Q3").end == date(2024, 9, 30)
    assert Period.parse("2021-01..2021-10").year_so_far() == (2021, 1, 10)
    assert Period.parse("2021Q1").year_so_far() == (2021, 1, 3)
    assert Period.parse("2021Q2").year_so_far() is None  # a later quarter alone is not the year so far
    assert Period.parse("2021-01..2021-12").year_so_far() is None
    assert Period.parse("2021-03..2021-10").year_so_far() is None
    assert period_end("2023-10") is None and period_end("2016-2020") == date(2020, 12, 31)
    assert partial_year("2021-01..2021-05") == (2021, 1, 5)


def test_not_a_period():
    for text in ("", "abc", "2020-2016", "20233", "2023-1", "2023Q5", None):
        assert Period.parse(text) is None
    assert period_years("2016—2020年") == (2016, 2020)  # a label still gives its years
    assert not is_single_year("2016-2020") and is_single_year("2023")
    assert overlaps("2021-01..2021-10", 2021, 2024) and not overlaps("2019", 2021, 2024)


@given(st.integers(1949, 2100), st.integers(1, 12), st.integers(0, 11))
def test_month_spans_round_trip(year, first, length):
    last = min(12, first + length)
    p = Period.months(year, first, last)
    assert Period.parse(str(p)) == p and p.span == (year, year)
    assert (p.year_so_far() is not None) == (first == 1 and last < 12)


@given(st.text(max_size=30))
def test_parse_never_raises(text):
    p = Period.parse(text)
    assert p is None or Period.parse(str(p)) == p
