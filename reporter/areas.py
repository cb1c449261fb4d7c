"""Areas: the place a report speaks for, and the places it quotes (its city, the nation, its
sub-districts). Shared contract between the areas issue (21) and the facts issue (19).

Names, aliases, levels and parents are editor data (`reporter/data/areas.toml`, validated on
load); a place not in the file is still accepted, its level read from its suffix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from reporter.settings import current

LEVELS = ("nation", "province", "city", "district", "county", "sub_district")


@dataclass(frozen=True)
class Area:
    name: str  # the full official name as the reports write it, e.g. 某市某区 (a city, then the district)
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
    """The level an administrative name's suffix implies (某市 -> city, 某区 -> district);
    None when the name ends in none of them. 中国/全国 is the nation."""
    name = name.strip()
    if name in ("中国", "全国", "中华人民共和国"):
        return "nation"
    for suffix, level in _SUFFIX_LEVELS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None


# ---------------------------------------------------------------- the areas file


@dataclass(frozen=True)
class Known:
    """One area of the areas file with the words that name it."""

    area: Area
    aliases: tuple[str, ...]
    en: str


class Areas:
    """The areas file as lookups: any name or alias -> the area; an area's ancestors."""

    def __init__(self, rows: list[Known]):
        self.rows = {k.area.name: k for k in rows}
        self.words = {w: k.area.name for k in rows for w in (k.area.name, *k.aliases)}
        # longest first, so a city+district name wins over the city alone in the same line
        self.by_length = sorted(self.words, key=len, reverse=True)

    def get(self, name: str | None) -> Area | None:
        """The area a name or alias means: from the file, else read from its suffix; None for
        text that is no administrative name."""
        if not name:
            return None
        name = name.strip()
        if name in self.words:
            return self.rows[self.words[name]].area
        level = level_from_suffix(name)
        if level is None:
            return None
        # the parent: the known name written last before the place's own part (某省某市某区 -> 某市)
        inside = [(name.rfind(w) + len(w), len(w), w) for w in self.by_length
                  if w in name[:-1] and level_from_suffix(w) is not None and not name.endswith(w)]
        parent = self.words[max(inside)[2]] if inside else None
        return Area(name, level, parent)

    def canonical(self, name: str) -> str:
        """The file's name for NAME (an alias or the name itself); NAME when the file does not know it."""
        return self.words.get(name.strip(), name.strip())

    def short(self, name: str) -> str:
        """The name without its parent's in front (a city's district by its own name)."""
        area = self.get(name)
        parent = area.parent if area else None
        return name[len(parent):] if parent and name.startswith(parent) and len(name) > len(parent) else name

    def en(self, name: str) -> str:
        known = self.rows.get(self.canonical(name))
        return known.en if known else ""

    def ancestors(self, name: str) -> list[Area]:
        """Parent, grandparent, … up to the nation (as far as the file and the name say)."""
        out: list[Area] = []
        area = self.get(name)
        while area is not None and area.parent and len(out) < 8:
            area = self.get(area.parent)
            if area is None:
                break
            out.append(area)
        return out

    def ancestor_at(self, name: str, level: str) -> Area | None:
        """The ancestor of NAME at LEVEL (a district's city, province or nation)."""
        return next((a for a in self.ancestors(name) if a.level == level), None)

    def found_in(self, text: str) -> list[str]:
        """Names of the file's areas written in TEXT, longest words first, each once."""
        out: list[str] = []
        for word in self.by_length:
            if word in text and self.words[word] not in out and not any(word in w for w in _covering(out, self)):
                out.append(self.words[word])
        return out


def _covering(names: list[str], areas: Areas) -> list[str]:
    return [w for n in names for w in (n, *areas.rows[n].aliases)]


def areas() -> Areas:
    """The areas file of the settings in force (a project's `areas_file`, else reporter/data/areas.toml),
    checked against reporter/area_schema.py (once per content)."""
    return _areas_for(current().areas_key)


@lru_cache(maxsize=8)
def _areas_for(key: tuple) -> Areas:
    """Keyed by (file, its content, the package data version): an edited file under new Settings is read again."""
    from reporter.datafiles import file_data, package_data

    schema = "reporter.area_schema:AreasFile"
    data = file_data(Path(key[0]), schema) if key[0] else package_data("areas.toml", schema)
    return Areas([Known(Area(a["name"], a["level"], a["parent"]), tuple(a["aliases"]), a["en"]) for a in data["area"]])


# ---------------------------------------------------------------- a report's area

_SPEAKER = "人民政府|人民代表大会|政府工作报告|国民经济和社会发展|统计局|统计公报|财政局|发展和改革|经济运行|经济发展数据|年度|关于"
# an administrative name the file may not know, in the opening of an issuer or title:
# an optional province and city, then a district, county or city name, before a body or report word
_NAME = re.compile(r"((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?市)?[\u4e00-\u9fff]{2,4}?(?:区|县|市))"
                   rf"(?=(?:\d{{4}}年)?(?:{_SPEAKER}))")
_NOT_PLACE = re.compile(r"^(?:全|本|该|我|各|城|市|区|县|地|新区|辖区)")


def name_in(text: str) -> str | None:
    """An administrative name the areas file does not hold, where a title or issuer names its
    speaker (…区人民政府, …区2023年国民经济…): a general layout, never a listed place."""
    for m in _NAME.finditer(text):
        name = re.sub(r"^.*?(?:\d{4}年|[（(]|年度)", "", m.group(1))
        if len(name) >= 3 and not _NOT_PLACE.match(name) and level_from_suffix(name):
            return name
    return None


def detect(issuer: str | None, title: str | None, opening: str = "") -> tuple[Area | None, str]:
    """The area a report speaks for and why: the issuer first, then the title, then the opening
    text; within one, the most local area named (a district before its city). None when no
    place is named (the products then ask for a sidecar `area = …`)."""
    known = areas()
    for where, text in (("issuer", issuer or ""), ("title", title or ""), ("opening", opening[:600])):
        if not text:
            continue
        found = [known.get(n) for n in known.found_in(text)]
        if where != "opening":  # a speaker the file does not know (成华区人民政府)
            found.append(known.get(name_in(text) or ""))
        found = [a for a in found if a is not None and a.level != "nation"]
        if found:
            best = max(found, key=lambda a: LEVELS.index(a.level))
            if LEVELS.index(best.level) < LEVELS.index(speaker_level(opening)):
                return None, f"{where} names {best.name}, but the text speaks as a {speaker_level(opening)}"
            return best, where
    return None, ""


_SPEAKS = {"district": re.compile(r"全区|区委|区政府|本区|我区"), "county": re.compile(r"全县|县委|县政府|本县|我县"),
           "city": re.compile(r"全市|市委|市政府|本市|我市")}


def speaker_level(text: str) -> str:
    """The level the text speaks as (全区/区委… a district), by the most frequent of these words;
    a report that says 全区 is a district's even where it names only its city."""
    counts = {level: len(rx.findall(text[:4000])) for level, rx in _SPEAKS.items()}
    level = max(counts, key=lambda k: counts[k])
    return level if counts[level] else "nation"


def area_of(report) -> str:
    """The area of a report stored before reports knew theirs (its JSON has no `area`): detected
    from its issuer, title and opening paragraphs as the parser would; "" when none is named."""
    opening = "".join(p for s in report.all_sections() for p in [s.title, *s.paragraphs][:3])[:4000]
    area, _ = detect(report.issuer, report.title, opening)
    return areas().canonical(area.name) if area else ""
