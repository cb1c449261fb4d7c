"""Hypothesis fuzz of the document stage (metadata + document.decide, area and date readers) and
of the table reader (find_tables -> table_facts with area column groups): 0 internal errors.

Texts are built from the signals these stages read (titles, datelines, collapsed dates, page
dates, area names, period words, pipe-table headers and cells) mixed with arbitrary text."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.parse import document, metadata, tables
from reporter.parse.frame import frame_of

PIECES = ["南岭区", "临江市", "全市", "本区", "全区", "北京市西城区", "和平区", "桃源街道", "高新园区", "区人民政府区长",
          "政府工作报告", "统计公报", "主要经济指标完成情况", "计划执行情况", "——", "2033年", "20XX年", "2033518", "20331231",
          "2033111", "时间：2039-09-15", "发布时间：2034-01-12", "1-5月", "截至11月", "前三季度", "去年", "今年", "上年",
          "十四五", "“十五五”时期", "预计，", "年均增长", "是2030年的1.5倍", "过去五年", "未来五年", "工作回顾", "目标任务",
          "。", "，", "\n", " | ", "|", "±%", "本期", "累计", "本月", "绝对值", "增长%", "--", "-", "12.5", "0", "亿元", "%"]
CELLS = ["指标", "单位", "计量单位", "本期", "±%", "累计", "本月", "绝对值", "增长%", "全市", "本区", "南岭区", "临江市",
         "东坡区", "西坡区", "2033年", "1-6月", "计划", "目标", "地区生产总值", "社会消费品零售总额", "公共财政预算收入",
         "亿元", "%", "--", "", "12.5", "-3.1", "100", "1e5", "９９", "同比增加1.17个百分点", "|", "  "]

text_st = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map("".join)
row_st = st.lists(st.sampled_from(CELLS), min_size=1, max_size=8).map(lambda cells: " | ".join(cells) + " |")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(text_st, min_size=1, max_size=8), st.lists(st.sampled_from(PIECES[:20]), max_size=6))
def test_document_stage_never_fails(paragraphs, chrome):
    paragraphs = [p for p in paragraphs if p.strip()] or ["空"]
    meta = metadata.detect(paragraphs, chrome, Path("fuzz.txt"))
    decision = document.decide(meta, paragraphs)
    assert decision.basis in ("stated", "inferred", "none")
    assert all(isinstance(line, str) for line in decision.lines())
    if decision.area:
        for name in ("全市", "本区", decision.area, "临江市"):
            assert document.relation(name, decision) in ("own", "city", "nation", "other_area")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row_st, min_size=1, max_size=8), st.sampled_from([None, "南岭区", "临江市"]),
       st.sampled_from([None, 2033]), st.sampled_from([None, (1, 6)]))
def test_table_reader_never_fails(rows, area, year, months):
    meta = metadata.Metadata("南岭区2033年1-6月主要经济指标", "statistics_release", area, None, None,
                             [str(year)] if year else [], None, [], year, months, [])
    decision = document.decide(meta, [])
    frame = frame_of(decision, "fuzz", "fuzz.txt")
    warnings: list[str] = []
    facts = tables.table_facts(tables.find_tables(rows), frame, warnings)
    for f in facts:
        assert f.scope in ("own", "city", "nation", "other_area", "sub_sector")
        assert 0 < f.confidence <= 1
        if not f.period:
            assert f.confidence < 0.6  # a figure with no year is never a plain figure


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=0, max_size=10))
def test_collapsed_dates_are_valid_or_none(digits):
    got = metadata.collapsed_date(digits)
    if got is not None:
        y, m, d = map(int, got.split("-"))
        assert 1 <= m <= 12 and 1 <= d <= 31 and got[:4] == digits[:4]


def test_place_names_and_phrases_that_only_end_like_one():
    from reporter.parse.document import _places

    assert _places("数说南山区2023年") == ["南山区"]
    assert _places("在上海市普陀区第十三届") == ["普陀区"] or "普陀区" in _places("在上海市普陀区第十三届")
    assert _places("山区农民收入") == [] and _places("城市社区建设") == [] and _places("全区实现地区生产总值") == []
    assert "和平区" in _places("天津市和平区2018年") and _places("代表大会上的区域形势") == []
