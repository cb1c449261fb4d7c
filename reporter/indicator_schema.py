"""The schema of reporter/data/indicators.toml (and a user's --registry overlay).

Checked on load (reporter/datafiles.py), so a typo in an editor's file is one line naming the
file, the key and what was expected, never a KeyError deep in the parser.
"""
from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from reporter.datafiles import Schema


class IndicatorRow(Schema):
    id: str
    zh: str
    en: str | None = None
    unit: str
    units: list[str] | None = None
    dimension: str
    aliases: list[str] = []
    better: Literal["higher", "lower"] = "higher"
    weak: list[str] = []  # names that count only when the report never uses a strong one
    table_names: list[str] = []
    per_capita: str | None = None  # the id of this indicator's per-capita series
    share: str | None = None  # the id of its share of a total
    flow: bool = False
    stock: bool = False
    needs: str = ""  # a word the clause must hold
    unless: str = ""  # a word that rules the match out
    # a growth rate's basis as reports give it: "comparable" (at comparable prices, e.g. GDP) or
    # "nominal"; growth computed from levels is always nominal, so the two are shown side by side
    basis: Literal["comparable", "nominal"] | None = None

    @field_validator("id")
    @classmethod
    def plain_id(cls, value: str) -> str:
        if not value or not all(c.isascii() and (c.isalnum() or c == "_") for c in value):
            raise ValueError("an id is ASCII letters, digits and _")
        return value


class NameList(Schema):
    names: list[str]
    of: str | None = None  # sub_sector: the indicator whose total this is a part of


class SeriesBreak(Schema):
    """An indicator whose name or definition changed: figures of the old series are not compared
    with the new one (no change, growth or trend across the break); tables and charts show it."""

    indicator: str
    old_names: list[str]  # how reports name the old series (城镇登记失业率); found in a figure's label
    since: int | None = None  # the first year of the new series, for figures whose label does not say
    note: str  # printed under tables and charts that show both sides

    @field_validator("old_names")
    @classmethod
    def some_names(cls, value: list[str]) -> list[str]:
        if not value or not all(v.strip() for v in value):
            raise ValueError("name the old series as reports write it, e.g. [\"城镇登记失业率\"]")
        return value


class IndicatorFile(Schema):
    indicator: list[IndicatorRow] = []
    not_indicator: list[NameList] = []
    sub_sector: list[NameList] = []
    words: dict[str, list[str]] = {}
    dimensions: dict[str, str] = {}
    series_break: list[SeriesBreak] = []
