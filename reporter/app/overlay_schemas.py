"""Schemas of an analyst's own files (reporter.toml, a registry overlay): apart from
reporter/app/overlays.py so a command without such files never imports pydantic."""
from __future__ import annotations

import re

from pydantic import field_validator, model_validator

from reporter.datafiles import Schema
from reporter.indicator_schema import SeriesBreak


class ProjectSettings(Schema):
    """reporter.toml: the project's store, files and defaults (paths relative to the file).
    Unknown keys are refused (a typo is one line naming the file, the key and what was expected)."""

    store: str | None = None  # the SQLite store (default build/reporter.db)
    out: str | None = None  # the output folder (default build/)
    area: str | None = None  # only the reports of this area (products that take --area)
    templates: str | None = None  # a folder of templates over the shipped ones
    styles: str | None = None  # a folder of styles over the shipped ones
    corrections: str | None = None  # the corrections file (`reporter review` writes to it)
    registry: str | None = None  # an indicators overlay
    areas_file: str | None = None  # an areas file in place of the package's (names, aliases, levels, parents)
    termbase: str | None = None  # a term base overlay (the summary's --termbase)
    years: str | None = None  # the default --years, e.g. "2019-2024"
    formats: dict[str, str] = {}  # per product, e.g. brief = "pdf,html"

    @field_validator("years")
    @classmethod
    def a_range(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\s*\d{4}\s*(?:[-–]\s*\d{4}\s*)?", value):
            raise ValueError("expected a year or a range like \"2019-2024\"")
        return value

    @field_validator("formats")
    @classmethod
    def format_lists(cls, value: dict[str, str]) -> dict[str, str]:
        for product, formats in value.items():
            if not re.fullmatch(r"[a-z]+(,[a-z]+)*", formats.replace(" ", "")):
                raise ValueError(f"{product}: expected comma-separated formats like \"pdf,docx\"")
        return value


class OverlayIndicator(Schema):
    id: str
    zh: str | None = None
    en: str | None = None
    unit: str | None = None
    units: list[str] | None = None
    dimension: str | None = None
    aliases: list[str] = []
    better: str | None = None
    basis: str | None = None


class Overlay(Schema):
    """A user's indicators file: new indicators in full, or a known id with more aliases."""

    indicator: list[OverlayIndicator] = []
    dimensions: dict[str, str] = {}
    series_break: list[SeriesBreak] = []

    @model_validator(mode="after")
    def new_ones_whole(self):
        from reporter.registry import registry

        known = registry().indicators
        for i, ind in enumerate(self.indicator):
            if ind.id not in known and not (ind.zh and ind.unit is not None and ind.dimension):
                raise ValueError(f"indicator.{i} ({ind.id}): a new indicator needs zh, unit and dimension")
        return self
