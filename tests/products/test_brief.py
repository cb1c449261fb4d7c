"""The brief's and appendix's computed tables (pandas, no rendering), then the rendered files."""
import re
import subprocess
from decimal import Decimal

import docx
import pandas as pd
import pytest

from reporter.i18n import messages

from reporter.cli import main
from reporter.compose import appendix, brief
from reporter.errors import UserError
from reporter.model import Fact


@pytest.fixture(scope="module")
def reports(parsed):
    return list(parsed.values())


@pytest.fixture(scope="module")
def ctx(reports):
    return brief.build(reports, 2021, 2024)


def cell(ctx, indicator, year):
    row = next(r for r in ctx["headline"] if r.indicator == indicator)
    return next(c for c in row.cells if c.year == year)


def test_headline_values(ctx):
    gdp21 = cell(ctx, "gdp", 2021)
    assert (gdp21.actual.value, gdp21.growth.value) == (Decimal("5408.1"), Decimal("8.1"))
    gdp23 = cell(ctx, "gdp", 2023)
    assert (gdp23.actual.value, gdp23.actual.qualifier, gdp23.growth.value) == (6000, "at_least", Decimal("5.8"))
    assert cell(ctx, "district_budget_revenue", 2021).actual.value == Decimal("428.1")
    assert cell(ctx, "district_budget_revenue", 2023).actual.value == Decimal("452.7")


def test_missing_years_say_why_and_targets_fill_2022_and_2024(ctx):
    c22, c24 = cell(ctx, "gdp", 2022), cell(ctx, "gdp", 2024)
    assert c22.actual is None and c22.missing == "无回顾2022年的报告"
    assert (c22.growth_target.value, c24.growth_target.value) == (6, 5)
    assert c24.growth_target.qualifier == "approx"


def test_met_and_missed(ctx):
    assert cell(ctx, "gdp", 2021).status == "met"  # 8.1 against about 6
    pm = cell(ctx, "pm25", 2023)
    assert (pm.actual.value, pm.target.value, pm.status) == (36, 31, "missed")  # lower is better
    assert brief.status(_fact("unemployment_rate", "2.35"), _fact("unemployment_rate", "3.5", "at_most")) == "met"
    assert brief.status(_fact("gdp_growth", "4.6"), _fact("gdp_growth", "5", "approx")) == "met"
    assert brief.status(_fact("gdp_growth", "4.4"), _fact("gdp_growth", "5", "approx")) == "missed"
    assert brief.status(_fact("disposable_income_growth", "5"), _fact("disposable_income_growth", None, "in_line")) == "not_comparable"


def _fact(indicator, value, qualifier="none"):
    return Fact(label="", value=None if value is None else Decimal(value), unit="%", raw="", qualifier=qualifier,
                period="2023", kind="actual", quote="", indicator=indicator)


def test_targets_by_year_include_the_reports_own_count(ctx):
    by_year = {y.year: y for y in ctx["targets"]}
    statements = " ".join(s for s, _ in by_year[2021].statements)
    assert "20项年度计划指标中，19项" in statements
    pm = next(l for l in by_year[2023].lines if l.indicator == "pm25")
    assert (pm.actual.value, pm.target.value, pm.status) == (36, 31, "missed")


def test_plan_tables_compared(ctx):
    assert ctx["plan_years"] == [2022, 2024]
    rows = {r.key: r for r in ctx["plan_rows"]}
    assert rows["quality_listed_companies"].move == "74 → 85 ↑"
    assert rows["fintech_head_institutions"].cells == {2022: "3", 2024: "10"}
    assert rows["pm25"].move == "未变"


def test_no_growth_is_computed_from_a_bound(reports):
    """2020's GDP is "突破5000亿元" (a lower bound): 2020→2021 shows both levels but no growth."""
    ctx = brief.build(reports, 2019, 2021)
    changes = {(c.indicator, c.first_year, c.year): c for c in ctx["changes"]}
    gdp = changes[("gdp", 2020, 2021)]
    assert (gdp.before.value, gdp.after.value) == (5000, Decimal("5408.1"))
    assert gdp.change is None and gdp.computed is None and gdp.not_computed == "bound"


def test_conflicts_are_listed_with_both_sources():
    def f(report, value):
        return Fact(label="x", value=Decimal(value), unit="亿元", raw=value, qualifier="none", period="2021", kind="actual",
                    quote=f"{report}说{value}", indicator="gdp", report_id=report, source=report)

    from reporter.model import Report

    reports = [Report(id=i, source=i, checksum=i, title=i, kind="other", issuer=None, delivered=None, published=None,
                      review_periods=["2021"], plan_year=None, facts=[f(i, v)]) for i, v in (("a", "1"), ("b", "2"))]
    (conflict,) = brief.conflicts(brief.Corpus.of(reports), [2021])
    assert {x.quote for x in conflict.facts} == {"a说1", "b说2"}


def test_highlights_are_extractive_and_themed(ctx):
    years = dict(ctx["highlights"])
    assert set(years) == {2021, 2023}
    themes = dict(years[2023])
    assert any(h.text == "中央政务服务保障水平稳步提升" for h in themes["首都功能与安全"])


def test_no_source_for_the_years(reports):
    with pytest.raises(UserError, match="no source covers 2030-2031"):
        brief.build(reports, 2030, 2031)


def test_appendix_lists_every_fact_of_facts_command(reports, capsys, tmp_path, seeds):
    store = tmp_path / "s.db"
    main(["-q", "--store", str(store), "ingest", str(seeds)])
    capsys.readouterr()
    main(["--store", str(store), "facts", "--years", "2019-2024", "--format", "json"])
    import json

    listed = json.loads(capsys.readouterr().out)
    ctx = appendix.build(reports, 2019, 2024)
    assert ctx["count"] == len(listed) > 500
    registered = sum(len(rows) for g in ctx["groups"] for _, _, rows in g.indicators)
    assert registered == sum(1 for f in listed if f["indicator"]) == ctx["registered"]  # all registered, in full
    assert registered + ctx["labelled"] + ctx["left_out"] == len(listed)  # the rest: labelled, or counted
    assert messages("zh").t("unregistered") not in [g.name for g in ctx["groups"]]


# ---------------------------------------------------------------- rendered


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("brief")
    store = out / "s.db"
    assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
    assert main(["-q", "--store", str(store), "brief", "--years", "2021-2024", "--out", str(out)]) == 0
    assert main(["-q", "--store", str(store), "appendix", "--years", "2019-2024", "--out", str(out),
                 "--format", "xlsx,csv"]) == 0
    return out


def test_brief_pdf_and_docx_show_key_figures(rendered):
    pdf = subprocess.run(["pdftotext", "-layout", str(rendered / "brief-西城区-2021-2024.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    flat = re.sub(r"\s+", "", pdf)
    for text in ("5,408.1", "+8.1%", "≥6,000", "+5.8%", "428.1", "452.7", "无回顾2022年的报告", "74→85↑"):
        assert text in flat, text
    assert re.search(r"起\s+止\s+变化\s+计算增速", pdf)  # one-word headers on one line, not 变/化
    d = docx.Document(str(rendered / "brief-西城区-2021-2024.docx"))
    headline = d.tables[0]
    assert [c.text for c in headline.rows[0].cells] == ["指标", "2021年", "2022年", "2023年", "2024年"]
    gdp = [c.text.replace("\u200b", "") for c in headline.rows[1].cells]  # a break allowed before "（"
    assert gdp[1].startswith("5,408.1（+8.1%）") and "无回顾2022年的报告" in gdp[2] and gdp[3].startswith("≥6,000")
    refs = headline.rows[1].cells[1]._tc.xpath(".//w:footnoteReference")
    assert len(refs) >= 2  # each figure cites its source as a Word footnote


def test_brief_missing_years_exit_1(capsys, rendered):
    code = main(["--store", str(rendered / "s.db"), "brief", "--years", "2030-2031", "--out", str(rendered / "x")])
    err = capsys.readouterr().err
    assert code == 1 and "no source covers 2030-2031" in err and not (rendered / "x").exists()


def test_brief_partial_range_notes_uncovered(capsys, rendered):
    code = main(["--store", str(rendered / "s.db"), "brief", "--years", "2019-2020", "--format", "md",
                 "--out", str(rendered)])
    assert code == 0
    md = (rendered / "brief-西城区-2019-2020.md").read_text("utf-8")
    assert "4,500" in md and "≥5,000" in md


def test_appendix_xlsx_has_the_same_rows(rendered, reports):
    sheets = pd.read_excel(rendered / "appendix-西城区-2019-2024.xlsx", sheet_name=None)
    ctx = appendix.build(reports, 2019, 2024)
    facts = sheets["数字明细"]
    assert len(facts) == ctx["registered"] + ctx["labelled"]
    assert facts["数值"].dtype == "float64" and facts["数值"].sum() > 0  # numbers, not text
    assert list(facts.columns)[-2:] == ["指标代码", "报告代码"] and "actual" not in set(facts["类型"])
    wide = sheets["指标×年份"]
    assert wide["指标代码"].is_unique and {"2023年实际", "2023年目标"} <= set(wide.columns)
    assert all(wide[c].dtype == "float64" for c in wide.columns if c.endswith(("实际", "目标")))
    assert len(sheets["计划表"]) == 42
    csv = pd.read_csv(rendered / "appendix-西城区-2019-2024.csv")
    assert len(csv) == len(facts)


def test_indicators_option_restricts_rows(reports):
    ctx = brief.build(reports, 2021, 2024, ["gdp", "pm25", "quality_listed_companies"])
    assert [r.indicator for r in ctx["headline"]] == ["gdp", "pm25", "quality_listed_companies"]
    assert cell(ctx, "quality_listed_companies", 2024).target.value == 85
    with pytest.raises(UserError, match="unknown id"):
        brief.build(reports, 2021, 2024, ["gdp", "no_such"])


def test_sections_that_grow_with_the_corpus_are_capped():
    """At 1,000 reports the conflicts and coverage lists would run to dozens of pages: the brief
    shows the first ones and says how many more there are."""
    from decimal import Decimal

    from reporter.compose.brief import MAX_CONFLICT_SOURCES, MAX_CONFLICTS, Conflict, capped_conflicts
    from reporter.model import Fact

    def fact(value: int, n: int) -> Fact:
        return Fact("地区生产总值", Decimal(value), "亿元", f"{value}亿元", "none", "2021", "actual", "q",
                    report_id=f"r{n}")

    # many sources agree on one value, the last one says another: the cap must not hide the conflict
    sources = [fact(100, n) for n in range(MAX_CONFLICT_SOURCES + 2)] + [fact(120, 99)]
    many = [Conflict("gdp", "地区生产总值", "2021", "actual", sources) for _ in range(MAX_CONFLICTS + 5)]
    shown, more = capped_conflicts(many)
    assert len(shown) == MAX_CONFLICTS and more == 5
    assert all(len(c.facts) == MAX_CONFLICT_SOURCES and c.facts_more == 3 for c in shown)
    assert all({f.value for f in c.facts} == {Decimal(100), Decimal(120)} for c in shown)
    assert capped_conflicts(many[:2]) == (capped_conflicts(many[:2])[0], 0)
