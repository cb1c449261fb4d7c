"""The schema of an analyst's corrections.toml (imported only when one is read: it needs pydantic)."""
from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from reporter.datafiles import Schema
from reporter.model import FACT_KINDS
from reporter.registry import registry


class Match(Schema):
    report: str  # a report id or its prefix, e.g. "001"
    quote: str | None = None  # a piece of the fact's quote, or a longer piece of the source holding it
    raw: str | None = None  # the figure as written, e.g. "近6万个" or "6万"
    reason: str

    @model_validator(mode="after")
    def says_which(self):
        if not (self.quote or self.raw):
            raise ValueError("give quote = \"…\" (a piece of the sentence) or raw = \"…\" (the figure as written)")
        if not self.reason.strip():
            raise ValueError("reason: say why (it is printed in the appendix)")
        return self


class Change(Match):
    indicator: str | None = None
    period: str | None = None
    kind: Literal[FACT_KINDS] | None = None  # type: ignore[valid-type]
    scope: str | None = None

    @model_validator(mode="after")
    def changes_something(self):
        if not any((self.indicator, self.period, self.kind, self.scope)):
            raise ValueError("a change needs indicator, period, kind or scope")
        if self.indicator and self.indicator not in registry().indicators:
            raise ValueError(f"indicator: unknown id '{self.indicator}' (see `reporter indicators`)")
        return self


class Reviewed(Schema):
    """An item of `reporter review` looked at: accepted as it is, corrected or dropped, and why."""

    item: str  # the item's key, as `reporter review` prints it
    action: Literal["accept", "correct", "drop"]
    reason: str


class Corrections(Schema):
    """corrections.toml: [[exclude]] and [[change]] entries, and [[reviewed]] items."""

    exclude: list[Match] = []
    change: list[Change] = []
    reviewed: list[Reviewed] = []
