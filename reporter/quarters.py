"""Calendar quarters ('2024Q1') and where a fact's period ends, for the quarterly digest."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reporter.errors import UserError

QUARTER = re.compile(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*")
PARTIAL = re.compile(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})")
FIRST_YEAR, LAST_YEAR = 1900, 2999  # a quarter asked for by name; outside, date arithmetic has no meaning here


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """'2024Q1' (also '2024-q1') -> Quarter; anything else is an error the user can fix."""
        m = QUARTER.fullmatch(text or "")
        if not m:
            raise UserError(f"--quarter '{text}': expected a quarter like 2024Q1")
        if not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
            raise UserError(f"--quarter '{text.strip()}': the year must be from {FIRST_YEAR} to {LAST_YEAR}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}Q{self.q}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.q // 4, self.q % 4 + 1)

    def prev(self) -> "Quarter":
        return Quarter(self.year - (self.q == 1), (self.q - 2) % 4 + 1)


def quarters(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from first through last (empty when first is after last)."""
    out, q = [], first
    while q <= last:
        out.append(q)
        q = q.next()
    return out


def last_ended(today: date) -> Quarter:
    """The latest quarter that is over on `today`."""
    return Quarter.of(today).prev()


def iso_date(text: str | None) -> date | None:
    """A model date string ('2024-01-09') -> date; anything unreadable -> None (never guessed)."""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))


def period_end(period: str) -> date | None:
    """'2023' -> 2023-12-31; '2021-01..2021-10' -> 2021-10-31; '2016-2020' -> 2020-12-31; '2024Q1' -> 2024-03-31."""
    m = PARTIAL.fullmatch(period or "")
    if m:
        year, month = int(m.group(3)), int(m.group(4))
        return _month_end(year, month) if 1 <= month <= 12 else None
    m = QUARTER.fullmatch(period or "")
    if m:
        return Quarter(int(m.group(1)), int(m.group(2))).end
    years = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", period or "")
    if years:
        return date(int(years.group(2) or years.group(1)), 12, 31)
    return None


def partial_year(period: str) -> tuple[int, int, int] | None:
    """The year so far: '2021-01..2021-10' -> (2021, 1, 10), '2021Q1' -> (2021, 1, 3); else None."""
    m = PARTIAL.fullmatch(period or "")
    if m and m.group(1) == m.group(3):
        first, last = int(m.group(2)), int(m.group(4))
        if first == 1 and last < 12:
            return int(m.group(1)), first, last
        return None
    m = QUARTER.fullmatch(period or "")
    if m and m.group(2) == "1":  # the first quarter is the year so far; a later one alone is not
        return int(m.group(1)), 1, 3
    return None
