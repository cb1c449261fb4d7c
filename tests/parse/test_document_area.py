"""One area decision per report (document.area_of): Report.area and the facts' scope come from
the same decision, so they never disagree."""
from __future__ import annotations

from pathlib import Path

from reporter.app.ingest import parse_file
from reporter.parse import parse_text


def decision_line(report) -> str:
    return next(w for w in report.warnings if w.startswith("document: reviews"))


def test_report_area_and_fact_scope_come_from_one_decision():
    text = ("经济发展数据（2031年1-3月）\n\n一、总体情况\n\n"
            "今年以来，福田区及各区经济运行总体平稳，全区地区生产总值为1234.5亿元，同比增长5.2%。\n")
    r = parse_text(text, Path("q1.txt"))
    assert r.area == "深圳市福田区" and "area 深圳市福田区 (district)" in decision_line(r)
    gdp = next(f for f in r.facts if f.indicator == "gdp")
    assert (gdp.period, gdp.scope) == ("2031-01..2031-03", "own") and "area_default" not in gdp.rule


def test_a_city_named_by_a_district_speaker_settles_neither():
    text = ("2031年杭州市政府工作报告\n\n一、2030年工作回顾\n\n"
            "全区上下团结奋斗，全区地区生产总值达到812.4亿元。全市地区生产总值达到20100亿元。区委区政府…全区…\n")
    r = parse_text(text, Path("speech.txt"))
    assert r.area == "" and "area ? (?)" in decision_line(r)
    assert any("no place the report speaks for" in w and "speaks as a district" in w for w in r.warnings)
    city = [f for f in r.facts + r.context_facts if f.indicator == "gdp" and f.value == 20100]
    assert city and all(f.scope == "city" for f in city)  # 全市 is not the speaker's own figure


def test_the_sidecar_area_is_also_the_scope_area(tmp_path):
    src = tmp_path / "note.txt"
    src.write_text("2031年主要经济指标完成情况\n\n全市地区生产总值达到30100亿元。全区地区生产总值达到812.4亿元。\n", "utf-8")
    (tmp_path / "note.txt.meta.toml").write_text('area = "渝中区"\n', "utf-8")
    r = parse_file(src)
    assert r.area == "重庆市渝中区" and "area 渝中区 (district)" in decision_line(r)
    own = {float(f.value) for f in r.facts if f.indicator == "gdp"}
    city = {float(f.value) for f in r.context_facts if f.indicator == "gdp" and f.scope == "city"}
    assert (own, city) == ({812.4}, {30100.0})
