"""Fact's new fields (scope, confidence, rule) and Report.context_facts load from older stored JSON."""
from decimal import Decimal

from reporter.model import Fact, fact_from_dict, report_from_dict, to_jsonable


def test_old_fact_json_without_new_fields_loads_with_defaults():
    old = {"label": "地区生产总值", "value": "5408.1", "unit": "亿元", "raw": "5408.1亿元", "qualifier": "none",
           "period": "2021", "kind": "actual", "quote": "地区生产总值5408.1亿元", "start": 6, "end": 13,
           "indicator": "gdp", "report_id": "003", "section": "", "source": "003.txt"}
    f = fact_from_dict(old)
    assert (f.value, f.scope, f.confidence, f.rule) == (Decimal("5408.1"), "own", 1.0, "")
    assert fact_from_dict({**old, "some_future_key": 1}).indicator == "gdp"


def test_report_round_trip_keeps_context_facts():
    fact = Fact("地区生产总值", Decimal("1"), "亿元", "1亿元", "none", "2021", "actual", "q", scope="city",
                confidence=0.8, rule="indicator=name; period=clause")
    report = {"id": "r", "source": "r.txt", "checksum": "", "title": "t", "kind": "other", "issuer": None,
              "delivered": None, "published": None, "review_periods": [], "plan_year": None, "sections": [],
              "facts": [], "targets": [], "terms": [], "warnings": []}
    assert report_from_dict(report).context_facts == []  # stored before context_facts existed
    back = report_from_dict({**report, "context_facts": [to_jsonable(fact)]})
    assert back.context_facts == [fact]
