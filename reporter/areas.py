"""Areas: the place a report speaks for, and the places it quotes (its city, the nation, its
sub-districts). Shared contract between the areas issue (21) and the facts issue (19).

Names, aliases, levels and parents are editor data (`reporter/data/areas.toml`, validated on
load); a place not in the file is still accepted, its level read from its suffix.
"""
from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("nation", "province", "city", "district", "county", "sub_district")


@dataclass(frozen=True)
class Area:
    name: str  # the full official name as the reports write it, e.g. 北京市西城区
    level: str  # one of LEVELS
    parent: str | None = None  # the parent area's name; None for the nation or when unknown
