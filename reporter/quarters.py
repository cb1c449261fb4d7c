"""Calendar quarters ('2024Q1') and where a fact's period ends, for the quarterly digest."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from reporter.errors import UserError
from reporter.periods import Period

QUARTER = re.compile(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*")
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


def period_end(period: str) -> date | None:
    """'2023' -> 2023-12-31; '2021-01..2021-10' -> 2021-10-31; '2016-2020' -> 2020-12-31; '2024Q1' -> 2024-03-31.
    A single month ('2023-10') is not a period's own figure: None."""
    parsed = Period.parse(period)
    return None if parsed is None or parsed.kind == "month" else parsed.end


def partial_year(period: str) -> tuple[int, int, int] | None:
    """The year so far: '2021-01..2021-10' -> (2021, 1, 10), '2021Q1' -> (2021, 1, 3); else None."""
    parsed = Period.parse(period)
    return parsed.year_so_far() if parsed is not None else None
