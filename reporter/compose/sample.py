"""The demonstration product's context: a few real figures and every element type.

`parts` repeats the body, so the same template also makes the 50-page benchmark document. Its
words come from the catalogue and its names from the names store, so it renders in any language
with a catalogue (the test of adding a language renders it in a toy one).
"""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace


def fact(value: str, unit: str, qualifier: str, quote: str, source: str) -> SimpleNamespace:
    return SimpleNamespace(value=Decimal(value), unit=unit, qualifier=qualifier, quote=quote, source=source)


def build(parts: int = 1, charts: int | None = None, t=None, names=None) -> dict:
    """parts: how often the body repeats; charts: how many of the parts draw their chart (default all).
    t: the product's catalogue; names: its names store (None: Chinese)."""
    from reporter.i18n import messages
    from reporter.render.filters import LocaleFilters

    t = t or messages("zh")
    f = LocaleFilters(t)
    src03 = t("source_with_date", source=t("source_short_plan_report", year=2021), date="2021-12-13")
    src02 = t("source_with_date", source=t("source_short_plan_report", year=2023), date="2024-01-09")
    facts = [
        fact("5408.1", "亿元", "none", "地区生产总值达到5408.1亿元、增长8.1%", src03),
        fact("8.1", "%", "none", "地区生产总值达到5408.1亿元、增长8.1%", src03),
        fact("8.8", "%", "none", "区级一般公共预算收入实现452.7亿元，同比增长8.8%", src02),
        fact("36", "微克/立方米", "approx", "全年细颗粒物（PM2.5）累计浓度为36微克/立方米", src02),
    ]

    def name(zh: str, indicator: str):
        return names.label(zh, indicator=indicator) if names is not None else zh

    def figure(value: str, unit: str) -> str:
        shown = f.unit(unit)
        number = f.number(Decimal(value))
        return t("figure_unit", value=number, unit=shown) if shown else number

    rows = [
        {"name": name("地区生产总值", "gdp"), "value": figure("5408.1", "亿元"), "change": f.pct(Decimal("8.1"), sign=True),
         "note": t("year_label", year=2021)},
        {"name": name("区级一般公共预算收入", "district_budget_revenue"), "value": figure("452.7", "亿元"),
         "change": f.pct(Decimal("8.8"), sign=True), "note": t("year_label", year=2023)},
        {"name": name("细颗粒物（PM2.5）年均浓度", "pm25"), "value": figure("36", "微克/立方米"), "change": "—",
         "note": t("sample_note_missed", target=31)},
        {"name": name("高质量上市挂牌企业数量", "quality_listed_companies"), "value": figure("85", "家"), "change": "74→85",
         "note": t("brief_col_plan", year=2024)},
    ]
    return {
        "sources": [src03, src02],
        "facts": facts,
        "rows": rows,
        "labels": {"gdp": name("地区生产总值", "gdp"), "revenue_growth": name("区级收入增速", "district_budget_revenue_growth")},
        "change_pp": Decimal("5.4"),
        "series": {"years": ["2019", "2020", "2021", "2023"], "gdp": [4500, 5000, 5408.1, 6000],
                   "growth": [6, None, 8.1, 5.8]},
        "parts": [{"title": t("sample_part_title", number=i + 1), "lead": t("sample_lead"),
                   "chart": charts is None or i < charts} for i in range(parts)],
    }
