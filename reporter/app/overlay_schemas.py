"""Schemas of an analyst's own files (reporter.toml, a registry overlay): apart from
reporter/app/overlays.py so a command without such files never imports pydantic."""
from __future__ import annotations

from pydantic import model_validator

from reporter.datafiles import Schema
from reporter.indicator_schema import SeriesBreak


class ProjectSettings(Schema):
    """reporter.toml: the project's own files."""

    registry: str | None = None
    corrections: str | None = None


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
