"""The demonstration product's context: a few real figures and every element type.

`parts` repeats the body, so the same template also makes the 50-page benchmark document.
"""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace


def fact(value: str, unit: str, qualifier: str, quote: str, source: str) -> SimpleNamespace:
    return SimpleNamespace(value=Decimal(value), unit=unit, qualifier=qualifier, quote=quote, source=source)


def build(parts: int = 1, charts: int | None = None) -> dict:
    """parts: how often the body repeats; charts: how many of the parts draw their chart (default all)."""
    src03, src02 = "2021年计划执行报告（2021-12-13）", "2023年计划执行报告（2024-01-09）"  # cited by title, never file
    facts = [
        fact("5408.1", "亿元", "none", "地区生产总值达到5408.1亿元、增长8.1%", src03),
        fact("8.1", "%", "none", "地区生产总值达到5408.1亿元、增长8.1%", src03),
        fact("8.8", "%", "none", "区级一般公共预算收入实现452.7亿元，同比增长8.8%", src02),
        fact("36", "微克/立方米", "approx", "全年细颗粒物（PM2.5）累计浓度为36微克/立方米", src02),
    ]
    rows = [
        {"name": "地区生产总值", "value": "5,408.1亿元", "change": "+8.1%", "note": "2021年"},
        {"name": "区级一般公共预算收入", "value": "452.7亿元", "change": "+8.8%", "note": "2023年"},
        {"name": "细颗粒物（PM2.5）年均浓度", "value": "36微克/立方米", "change": "—", "note": "未完成 | 市级要求31"},
        {"name": "高质量上市挂牌企业数量", "value": "85家", "change": "74→85", "note": "2024年计划"},
    ]
    return {
        "sources": [src03, src02],
        "facts": facts,
        "rows": rows,
        "change_pp": Decimal("5.4"),
        "series": {"years": ["2019", "2020", "2021", "2023"], "gdp": [4500, 5000, 5408.1, 6000],
                   "growth": [6, None, 8.1, 5.8]},
        "parts": [{"title": f"第{i + 1}部分 示例章节", "lead": "模板、Markdown、HTML、PDF 与 DOCX 使用同一份内容。",
                   "chart": charts is None or i < charts} for i in range(parts)],
    }
