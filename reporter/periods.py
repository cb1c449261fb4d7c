"""Periods as written in facts ('2023', '2016-2020', '2021-01..2021-10') and year ranges."""
from __future__ import annotations

import re

from reporter.errors import UserError


def period_years(period: str) -> tuple[int, int] | None:
    """'2016-2020' -> (2016, 2020); '2021-01..2021-10' -> (2021, 2021); '' -> None."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", period)]
    return (min(years), max(years)) if years else None


def is_single_year(period: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", period))


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
