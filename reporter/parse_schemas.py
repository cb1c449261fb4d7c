"""Schemas of the parser's data files (units, kinds, cleaning): checked on load, so an editor's
typo is one line naming the file and key, and a pattern that is not a valid regex says so."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import field_validator

from reporter.datafiles import Schema
from reporter.model import REPORT_KINDS


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return value


class UnitRow(Schema):
    dimension: str
    factor: float | int

    @field_validator("factor")
    @classmethod
    def positive(cls, value):
        if value <= 0:
            raise ValueError("a factor is a positive number")
        return value


class UnitsFile(Schema):
    units: dict[str, UnitRow]
    magnitudes: dict[str, int | str]

    @field_validator("magnitudes")
    @classmethod
    def numbers(cls, value: dict[str, int | str]) -> dict[str, int | str]:
        for name, text in value.items():
            try:
                if Decimal(str(text)) <= 0:
                    raise InvalidOperation
            except InvalidOperation:
                raise ValueError(f"{name}: '{text}' is not a positive number") from None
        return value


class KindRule(Schema):
    kind: str
    pattern: str

    @field_validator("kind")
    @classmethod
    def known(cls, value: str) -> str:
        if value not in REPORT_KINDS:
            raise ValueError(f"kind is one of {', '.join(REPORT_KINDS)}")
        return value

    @field_validator("pattern")
    @classmethod
    def valid_pattern(cls, value: str) -> str:
        return _regex(value)


class NewsRules(Schema):
    chrome: str

    @field_validator("chrome")
    @classmethod
    def valid_chrome(cls, value: str) -> str:
        return _regex(value)


class KindsFile(Schema):
    title_rule: list[KindRule] = []
    opening_rule: list[KindRule] = []
    news: NewsRules | None = None
    plan_periods: dict[str, str] = {}

    @field_validator("plan_periods")
    @classmethod
    def spans(cls, value: dict[str, str]) -> dict[str, str]:
        for name, span in value.items():
            if not re.fullmatch(r"\d{4}-\d{4}", span):
                raise ValueError(f"{name}: '{span}' is not a span like 2021-2025")
        return value


class CleaningFile(Schema):
    chrome_line: list[str]
    top_marker: list[str]
    bottom_marker: list[str]
    glued_meta: str
    page_footer: list[str]
    block_start: list[str]
    repairs: list[Literal["ocr_dash_before_date", "year_fused_to_count", "unit_parenthesis", "adjacent_repeats"]] = []

    @field_validator("chrome_line", "top_marker", "bottom_marker", "page_footer", "block_start", "glued_meta")
    @classmethod
    def patterns(cls, value: list[str] | str) -> list[str] | str:
        return _regex(value) if isinstance(value, str) else [_regex(v) for v in value]


class WebPageFile(Schema):
    """reporter/data/webpage.toml: what a web page reader drops as site chrome, as data."""

    drop_tags: list[str]
    chrome_attr: str
    chrome_line: list[str]
    date_meta: list[str]
    title_meta: list[str]
    url_meta: list[str]
    date_line: str
    title_suffix: str
    min_article_chars: int = 80

    @field_validator("chrome_attr", "date_line", "title_suffix")
    @classmethod
    def pattern(cls, value: str) -> str:
        return _regex(value)

    @field_validator("chrome_line")
    @classmethod
    def patterns(cls, value: list[str]) -> list[str]:
        return [_regex(v) for v in value]


class DatesFile(Schema):
    earliest_year: int
    years_after_today: int
    digest_catch_up_quarters: int

    @field_validator("digest_catch_up_quarters")
    @classmethod
    def bounded(cls, value: int) -> int:
        if not 0 <= value <= 40:
            raise ValueError("between 0 and 40")
        return value

    @field_validator("earliest_year")
    @classmethod
    def plausible(cls, value: int) -> int:
        if not 1800 <= value <= 2100:
            raise ValueError("a year between 1800 and 2100")
        return value

    @field_validator("years_after_today")
    @classmethod
    def small(cls, value: int) -> int:
        if not 0 <= value <= 10:
            raise ValueError("between 0 and 10")
        return value


class ConfidenceFile(Schema):
    """confidence.toml: below `threshold` a figure is never printed plain (products mark it and
    give the reason in its footnote; `reporter facts` lists only facts at or above it unless `--min-confidence` says otherwise)."""

    threshold: float
    mark: str
    reasons: dict[str, str] = {}

    @field_validator("threshold")
    @classmethod
    def unit_interval(cls, value: float) -> float:
        if not 0 <= value <= 1:
            raise ValueError("a threshold between 0 and 1")
        return value

    @field_validator("mark")
    @classmethod
    def short(cls, value: str) -> str:
        if not 1 <= len(value) <= 4 or re.search(r"[<>&|\[\]\n`*_]", value):
            raise ValueError("1-4 characters, none of < > & | [ ] ` * _ or a line break")
        return value
