"""Periods: the one type every layer uses for what span of time a figure covers.

A fact's period is stored as text ('2023', '2016-2020', '2021-01..2021-10', '2023-10',
'2024Q1'); `Period.parse` reads that text once into a value with a kind and a first and last
month, so callers ask it questions (its years, its end, whether it is the year so far) instead
of matching the text again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from reporter.errors import UserError

KINDS = ("year", "years", "months", "month", "quarter")
_YEAR = re.compile(r"(\d{4})")
_YEARS = re.compile(r"(\d{4})-(\d{4})")
_MONTHS = re.compile(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})[Qq]([1-4])")


@dataclass(frozen=True, order=True)
class Period:
    """A span of whole months: first (year, month) through last (year, month), and how it was
    written (kind), so that str() gives back the stored text."""

    first: tuple[int, int]
    last: tuple[int, int]
    kind: str = "year"

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls((year, 1), (year, 12), "year")

    @classmethod
    def years(cls, first: int, last: int) -> "Period":
        return cls((first, 1), (last, 12), "years")

    @classmethod
    def months(cls, year: int, first: int, last: int, last_year: int | None = None) -> "Period":
        return cls((year, first), (last_year or year, last), "months")

    @classmethod
    def quarter(cls, year: int, q: int) -> "Period":
        return cls((year, 3 * q - 2), (year, 3 * q), "quarter")

    @staticmethod
    def parse(text: str | None) -> "Period | None":
        """The stored text as a Period; None for '' or text that is no period (never raises)."""
        return _parse(text or "")

    def __str__(self) -> str:
        (y1, m1), (y2, m2) = self.first, self.last
        if self.kind == "year":
            return str(y1)
        if self.kind == "years":
            return f"{y1}-{y2}"
        if self.kind == "quarter":
            return f"{y1}Q{m2 // 3}"
        if self.kind == "month":
            return f"{y1}-{m1:02d}"
        return f"{y1}-{m1:02d}..{y2}-{m2:02d}"

    @property
    def span(self) -> tuple[int, int]:
        """(first year, last year)."""
        return self.first[0], self.last[0]

    @property
    def end(self) -> date | None:
        """The last day of the period (None for a month number out of range)."""
        year, month = self.last
        if not 1 <= month <= 12:
            return None
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    @property
    def is_year(self) -> bool:
        return self.kind == "year"

    def year_so_far(self) -> tuple[int, int, int] | None:
        """(year, 1, last month) when the period runs from January to before December of one
        year: a part-year figure ('2021-01..2021-10', '2021Q1'); else None."""
        (y1, m1), (y2, m2) = self.first, self.last
        if self.kind in ("months", "quarter") and y1 == y2 and m1 == 1 and m2 < 12:
            return y1, 1, m2
        return None

    def overlaps(self, first: int, last: int) -> bool:
        return self.first[0] <= last and self.last[0] >= first


@lru_cache(maxsize=4096)
def _parse(text: str) -> Period | None:
    text = text.strip()
    if m := _YEAR.fullmatch(text):
        return Period.year(int(m.group(1)))
    if m := _YEARS.fullmatch(text):
        first, last = int(m.group(1)), int(m.group(2))
        return Period.years(first, last) if first <= last else None
    if m := _MONTHS.fullmatch(text):
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        return Period((y1, m1), (y2, m2), "months")
    if m := _MONTH.fullmatch(text):
        return Period((int(m.group(1)), int(m.group(2))), (int(m.group(1)), int(m.group(2))), "month")
    if m := _QUARTER.fullmatch(text):
        return Period.quarter(int(m.group(1)), int(m.group(2)))
    return None


def period_years(period: str) -> tuple[int, int] | None:
    """'2016-2020' -> (2016, 2020); '2021-01..2021-10' -> (2021, 2021); '' -> None. Text that
    is not a stored period form still gives the years it names (labels such as '2016—2020年')."""
    parsed = Period.parse(period)
    if parsed is not None:
        return parsed.span
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", period or "")]
    return (min(years), max(years)) if years else None


def is_single_year(period: str) -> bool:
    parsed = Period.parse(period)
    return parsed is not None and parsed.is_year


def parse_range(text: str) -> tuple[int, int]:
    """'2021-2024' or '2023' -> (first, last); anything else is a usage error the user can fix."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", text or "")
    if not m:
        raise UserError(f"--years '{text}': expected a year or a range like 2021-2024")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first > last:
        raise UserError(f"--years '{text}': the first year is after the last")
    return first, last


def overlaps(period: str, first: int, last: int) -> bool:
    span = period_years(period)
    return span is not None and span[0] <= last and span[1] >= first
