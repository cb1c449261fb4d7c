"""Issue 19: the seed misattributions are gone from the products' contexts (brief, appendix,
summary, digest), not only from the facts; a figure below the confidence threshold is marked
with its reason in the footnote."""
from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from reporter.model import Fact

PRODUCTS = [("brief", {"years": "2019-2024"}), ("appendix", {"years": "2019-2024"}),
            ("summary", {"year": "2021"}), ("summary", {"year": "2019"}), ("digest", {"quarter": "2021Q4"})]


def facts_in(value, seen=None, depth=0) -> list[Fact]:
    """Every Fact reachable from a context (dicts, lists, dataclasses, plain objects)."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 12 or isinstance(value, (str, bytes, int, float, Decimal, type(None))):
        return []
    seen.add(id(value))
    if isinstance(value, Fact):
        return [value]
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
    elif dataclasses.is_dataclass(value):
        items = [getattr(value, f.name, None) for f in dataclasses.fields(value)]
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("reporter"):
        items = list(vars(value).values())
    else:
        return []
    out: list[Fact] = []
    for item in items:
        out.extend(facts_in(item, seen, depth + 1))
    return out


@pytest.fixture(scope="module")
def contexts(parsed, tmp_path_factory):
    from reporter.app.render import RenderOptions, build_context
    from reporter.settings import Settings

    reports = list(parsed.values())
    out = {}
    tmp = tmp_path_factory.mktemp("ctx")
    for name, options in PRODUCTS:
        built = build_context(RenderOptions(name, Settings(store=tmp / "none.db", out=tmp), dict(options), reports=reports))
        out[f"{name} {options}"] = facts_in(built.context)
    return out


def test_every_product_context_shows_facts(contexts):
    for name, facts in contexts.items():
        assert facts, f"{name}: no facts reached the context (the walk would prove nothing)"


def test_fixed_asset_investment_growth_is_not_a_full_year_figure(contexts):
    for name, facts in contexts.items():
        bad = [f for f in facts if f.indicator == "fixed_asset_investment_growth" and f.value == Decimal("1.7")
               and f.period == "2021"]
        assert not bad, f"{name}: the 1-10月 growth shown as 2021's"


def test_a_sub_districts_coverage_and_another_rate_are_not_the_districts(contexts):
    for name, facts in contexts.items():
        bad = [f for f in facts if f.indicator == "property_service_coverage" and f.scope == "own"
               and f.report_id.startswith("001") and f.value in (Decimal("85.5"), Decimal("100"))]
        assert not bad, f"{name}: {[(f.value, f.quote) for f in bad]}"


def test_green_space_does_not_inherit_the_previous_sentences_months(contexts):
    for name, facts in contexts.items():
        bad = [f for f in facts if f.indicator == "green_space_added" and f.period == "2020-01..2020-11"]
        assert not bad, f"{name}: {[f.quote for f in bad]}"


def test_completed_revenue_is_not_labelled_estimated(contexts):
    for name, facts in contexts.items():
        bad = [f for f in facts if f.indicator == "district_budget_revenue" and f.value == Decimal("431.1")
               and f.qualifier == "estimated"]
        assert not bad, f"{name}: 完成431.1亿元 labelled 预计"


def test_a_figure_below_the_threshold_is_marked_with_its_reason(tmp_path):
    """A seed-like report given without its year: its figures are printed with the mark, and the
    footnote says why; a plain figure of a report with its year has no mark."""
    from reporter import confidence
    from reporter.app.render import RenderOptions, build_context
    from reporter.compose.sources import citation
    from reporter.i18n import messages
    from reporter.parse import parse_text
    from reporter.render.filters import low_mark

    r = parse_text("一、市场消费\n南岭区实现社会消费品零售总额200.1亿元，同比增长3.3%。\n", Path("noyear.txt"))
    low = next(f for f in r.facts if f.indicator == "retail_sales")
    assert confidence.is_low(low)
    assert confidence.settings()["mark"] in str(low_mark(low))
    note = citation(low, r, messages("zh"))
    assert "期间不明" in note
    plain = parse_text("南岭区2033年国民经济和社会发展统计公报\n\n全区实现社会消费品零售总额200.1亿元。\n", Path("y.txt"))
    fact = next(f for f in plain.facts if f.indicator == "retail_sales")
    assert str(low_mark(fact)) == "" and "存疑" not in citation(fact, plain, messages("zh"))


def test_the_appendix_and_brief_mark_a_low_figure_and_give_its_reason(tmp_path):
    """A work report dated only by its delivery (an inferred year) whose growth lost its % sign:
    below the threshold, so the appendix prints it with the mark and the reason, never plain."""
    from reporter.app.render import RenderOptions, render_product
    from reporter.parse import parse_text
    from reporter.settings import Settings

    text = ("南岭区政府工作报告\n\n——2034年1月9日在南岭区人民代表大会上\n\n各位代表：\n\n一、过去一年的工作\n\n"
            "全区地区生产总值980.5亿元，比上年增长8.5左右。\n")
    report = parse_text(text, tmp_path / "low.txt")
    growth = next(f for f in report.facts if f.indicator == "gdp_growth")
    assert growth.period == "2033" and growth.confidence < 0.6
    out = tmp_path / "out"
    render_product(RenderOptions("appendix", Settings(store=tmp_path / "none.db", out=out), {"years": "2033-2033"}, "md",
                                 reports=[report]))
    md = next(out.rglob("*.md")).read_text("utf-8")
    row = next(line for line in md.splitlines() if "8.5" in line and "|" in line)
    assert "(?)" in row and "原文缺少%号" in row
