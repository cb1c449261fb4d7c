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


# The suffix of an administrative name says its level when the areas file does not know it.
# Longest first: 自治州 before 州, 新区 before 区.
_SUFFIX_LEVELS = (
    ("自治区", "province"), ("特别行政区", "province"), ("省", "province"),
    ("自治州", "city"), ("地区", "city"), ("盟", "city"), ("市", "city"),
    ("自治县", "county"), ("县", "county"), ("旗", "county"),
    ("新区", "district"), ("区", "district"),
    ("街道", "sub_district"), ("镇", "sub_district"), ("乡", "sub_district"),
)


def level_from_suffix(name: str) -> str | None:
    """The level an administrative name's suffix implies (北京市 -> city, 西城区 -> district);
    None when the name ends in none of them. 中国/全国 is the nation."""
    name = name.strip()
    if name in ("中国", "全国", "中华人民共和国"):
        return "nation"
    for suffix, level in _SUFFIX_LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None
