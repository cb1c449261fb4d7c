"""The schema of templates/brief.toml, imported only when the file is validated (a changed
file): the brief itself reads the checked data from the data-file cache (datafiles.file_data).
Indicator ids are checked against the registry on every load, in compose/brief.py."""
from __future__ import annotations

from pydantic import model_validator

from reporter.datafiles import Schema


class HeadlineConfig(Schema):
    indicator: str
    growth: str | None = None


class ChartConfig(Schema):
    """A level (bars) with its growth (line), or one indicator's actual against its target."""

    title: str
    bars: list[str] = []
    line: str | None = None
    actual: str | None = None

    @model_validator(mode="after")
    def one_kind(self) -> "ChartConfig":
        if bool(self.actual) == bool(self.bars):
            raise ValueError("give either actual = \"id\" or bars = [\"id\", …]")
        return self


class BriefConfig(Schema):
    """templates/brief.toml: the brief's title, headline rows and charts."""

    title: str | None = None
    headline: list[HeadlineConfig]
    chart: list[ChartConfig] = []
