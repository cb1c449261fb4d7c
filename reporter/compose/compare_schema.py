"""The schema of templates/compare.toml (imported only when the file is validated)."""
from __future__ import annotations

from reporter.datafiles import Schema


class Caveat(Schema):
    """Indicators whose figures differ in definition between areas, and the note compare prints."""

    indicators: list[str]
    note: str | dict[str, str]  # one text (Chinese), or one per language: {zh = "…", en = "…"}


class Row(Schema):
    indicator: str
    growth: str | None = None


class CompareConfig(Schema):
    row: list[Row] = []  # the indicators compared by default (empty: the brief's headline rows)
    caveat: list[Caveat] = []
