"""The years a report's date may fall in (reporter/data/dates.toml: 1949 to ten years ahead).

Dates come from untrusted text and sidecars; one absurd date (`0001-01-01`) would otherwise make
the digest plan thousands of quarters. The parser ignores a date outside the window (with a
warning), a sidecar's is refused, and the digest's planning is clipped to it.
"""
from __future__ import annotations

from datetime import date
from reporter.settings import per_data


@per_data
def _settings() -> tuple[int, int, int]:
    from reporter.datafiles import package_data

    data = package_data("dates.toml", "reporter.parse_schemas:DatesFile")
    return data["earliest_year"], data["years_after_today"], data["digest_catch_up_quarters"]


def catch_up_quarters() -> int:
    """How many quarters after one holding a report `digest --due` plans (quiet quarters)."""
    return _settings()[2]


def year_window(today: date | None = None) -> tuple[int, int]:
    """(first, last) year a report may be dated, inclusive."""
    earliest, ahead, _ = _settings()
    return earliest, (today or date.today()).year + ahead


def year_ok(year: int, today: date | None = None) -> bool:
    first, last = year_window(today)
    return first <= year <= last


def date_ok(iso: str, today: date | None = None) -> bool:
    """An ISO date ('2024-01-09') within the window."""
    try:
        return year_ok(int(iso[:4]), today)
    except ValueError:
        return False
