"""The schema of one term-base row (pydantic), imported only when a term-base text is checked
for the first time (reporter/termbase.py keeps what a checked text gave in the data cache)."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import field_validator, model_validator

from reporter.datafiles import Schema

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CELL = 2000


class TermRow(Schema):
    """One row of a term base file."""

    zh: str
    en: str
    category: str
    status: Literal["official", "reviewed", "draft", "rejected"]
    source: str = ""
    note: str = ""

    @field_validator("zh", "en", "category")
    @classmethod
    def not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("zh", "en", "category", "source", "note")
    @classmethod
    def printable(cls, value: str) -> str:
        if CONTROL.search(value):
            raise ValueError("contains a control character")
        if len(value) > MAX_CELL:
            raise ValueError(f"longer than {MAX_CELL} characters")
        return value

    @field_validator("status", mode="before")
    @classmethod
    def legacy_status(cls, value):
        return "reviewed" if isinstance(value, str) and value.strip() == "approved" else value

    @model_validator(mode="after")
    def official_has_source(self) -> "TermRow":
        if self.status == "official" and not self.source.strip():
            raise ValueError("an official row needs a source")
        return self
