"""The schema of templates/compare.toml (imported only when the file is validated)."""
from __future__ import annotations

from reporter.datafiles import Schema


class Caveat(Schema):
    """Indicators whose figures differ in definition between areas, and the note compare prints."""

    indicators: list[str]
    note: str


class CompareConfig(Schema):
    caveat: list[Caveat] = []
