"""Compose-side rules of issue 11 on small corpora of our own: changes across missing years,
CAGR, no growth from bounds, part-year figures, source names, labels, corrections."""
from decimal import Decimal

import pytest

from reporter.compose import appendix, brief
from reporter.compose.corrections import apply
from reporter.compose.corrections_schema import Corrections
from reporter.compose.labels import is_real_label
from reporter.compose.sources import SourceNames, file_name, section_ref, short_title
from reporter.i18n import messages
from reporter.model import Fact, Report


def fact(report, indicator, period, value, qualifier="none", kind="actual", unit="亿元", raw=None, quote=None,
         section="一、回顾 / （二）经济"):
    raw = raw or f"{value}{unit}"
    return Fact(label="x", value=None if value is None else Decimal(value), unit=unit, raw=raw, qualifier=qualifier,
                period=period, kind=kind, quote=quote or f"某指标为{raw}。", indicator=indicator, report_id=report,
                section=section, source=f"/abs/path/{report}.txt")


def report(rid, year, facts, kind="plan_report", title="关于某区某年计划执行情况的报告"):
    return Report(id=rid, source=f"/somewhere/on/disk/{rid}.txt", checksum=rid, title=title, kind=kind, issuer=None,
                  delivered=f"{year}-12-10", published=None, review_periods=[str(year)], plan_year=year + 1, facts=facts)


@pytest.fixture
def corpus():
    return [
        report("r1", 2019, [fact("r1", "gdp", "2019", "100"), fact("r1", "gdp_growth", "2019", "5", unit="%")]),
        report("r2", 2021, [fact("r2", "gdp", "2021", "121"), fact("r2", "gdp_growth", "2021", "6", unit="%"),
                            fact("r2", "fixed_asset_investment", "2021-01..2021-10", "163.3"),
                            fact("r2", "fixed_asset_investment_growth", "2021-01..2021-10", "1.7", unit="%")]),
        report("r3", 2022, [fact("r3", "gdp", "2022", "130", qualifier="at_least", raw="突破130亿元")]),
    ]


def test_change_across_a_missing_year_with_cagr(corpus):
    ctx = brief.build(corpus, 2019, 2022)
    c = {(x.indicator, x.first_year, x.year): x for x in ctx["changes"]}[("gdp", 2019, 2021)]
    assert c.change == Decimal("21") and c.computed == Decimal("21.0") and c.cagr == Decimal("10.0")
    assert c.reported is None  # a two-year span has no reported growth to compare with


def test_no_growth_against_a_bound(corpus):
    ctx = brief.build(corpus, 2019, 2022)
    spans = {(x.first_year, x.year): x for x in ctx["changes"] if x.indicator == "gdp"}
    assert set(spans) == {(2019, 2021), (2021, 2022), (2019, 2022)}
    for key in ((2021, 2022), (2019, 2022)):
        assert spans[key].computed is None and spans[key].cagr is None and spans[key].not_computed == "bound"


def test_part_year_figure_is_shown_with_its_period(corpus):
    ctx = brief.build(corpus, 2019, 2022, indicators=["fixed_asset_investment"])
    (row,) = [r for r in ctx["headline"] if r.indicator == "fixed_asset_investment"]
    cell = next(c for c in row.cells if c.year == 2021)
    assert cell.partial.value == Decimal("163.3") and cell.partial_growth.value == Decimal("1.7")
    assert cell.partial_period == "1-10月" and cell.missing is None


def test_trend_sentence_names_direction_and_cagr(corpus):
    ctx = brief.build(corpus, 2019, 2021)
    (gdp,) = [t for t in ctx["trends"] if t.indicator == "gdp"]
    assert gdp.direction == "up" and gdp.change.cagr == Decimal("10.0") and gdp.growth.value == Decimal("6")


def test_sources_are_named_by_short_title_date_and_section(corpus):
    t = messages("zh")
    names = SourceNames.of(corpus, t)
    text = names.cite(corpus[1].facts[0])
    assert text.startswith("2021年计划执行报告（2021-12-10），一（二）：“")
    assert "/" not in text and ".txt" not in text
    assert file_name(corpus[0]) == "r1.txt"
    assert section_ref("三、总体情况 / （十一）民生 / 1.养老") == "三（十一）1"
    assert section_ref("一个很长很长的没有编号的新闻小标题在这里") .endswith("…")
    news = report("n1", 2021, [], kind="news", title="短标题")
    assert short_title(news, t) == "短标题"


@pytest.mark.parametrize("label,ok", [
    ("新增学前教育学位", True), ("公共文化活动场次", True), ("区属国资国企资产总额", True),
    ("为", False), ("完成", False), ("500米", False), ("建成槐柏树街等", False), ("人均收入达", False),
    ("利润总额同比增长", False), ("基建”“新场景”入库项目", False), ("）服务设施", False), ("持续推进", False), ("市场主体由", False),
    ("", False), ("某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某", False),
])
def test_real_labels_are_noun_phrases(label, ok):
    assert is_real_label(label) is ok


def test_corrections_exclude_and_change_with_reasons(corpus):
    corr = Corrections.model_validate({
        "exclude": [{"report": "r1", "raw": "100亿元", "reason": "五年合计，不是一年"}],
        "change": [{"report": "r2", "quote": "121", "period": "2020", "reason": "指上年"}],
    })
    fixed, applied = apply(corpus, corr)
    assert [f.indicator for f in fixed[0].facts] == ["gdp_growth"]
    assert fixed[1].facts[0].period == "2020"
    assert corpus[1].facts[0].period == "2021"  # the originals are untouched
    assert {(a.action, a.reason) for a in applied} == {("exclude", "五年合计，不是一年"), ("change", "指上年")}


def test_a_scope_change_takes_the_figure_out_of_the_areas_own(corpus):
    corr = Corrections.model_validate({"change": [{"report": "r2", "raw": "121亿元", "scope": "subdistrict",
                                                   "reason": "一个街道的数"}]})
    fixed, applied = apply(corpus, corr)
    assert "121亿元" not in [f.raw for f in fixed[1].facts] and applied[0].what.endswith("subdistrict")
    ctx = brief.build(fixed, 2019, 2022)
    assert all(c.after.raw != "121亿元" for c in ctx["changes"])


def test_a_correction_without_a_reason_is_refused():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Corrections.model_validate({"exclude": [{"report": "r1", "raw": "1", "reason": " "}]})


def test_appendix_lists_registered_first_and_only_real_labels(corpus):
    extra = Fact(label="完成", value=Decimal(3), unit="个", raw="3个", qualifier="none", period="2021", kind="actual",
                 quote="完成3个。", report_id="r2")
    named = Fact(label="新增养老床位", value=Decimal(30), unit="张", raw="30张", qualifier="none", period="2021",
                 kind="actual", quote="新增养老床位30张。", report_id="r2")
    corpus[1].facts += [extra, named]
    built = appendix.build_with_tables(corpus, 2019, 2022)
    assert [r["label"] for r in built.context["others"]] == ["新增养老床位"]
    assert built.context["left_out"] == 1
    wide = built.sheets["指标×年份"]
    assert list(wide["指标代码"]).count("gdp") == 1 and wide.columns[-1] == "指标代码"
    assert wide.loc[wide["指标代码"] == "gdp", "2021年实际"].item() == 121.0
