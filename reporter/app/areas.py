"""Use cases about areas: which area a product is about, and what `reporter areas` lists."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.errors import AreaNeeded, UserError
from reporter.model import Report


def own_areas(reports: list[Report]) -> list[str]:
    """The areas with reports of their own, in the order first stored."""
    return list(dict.fromkeys(r.area for r in reports if r.area))


def chosen_area(reports: list[Report], given: str | None) -> str:
    """--area resolved to the areas file's name; without it, the store's only area with own reports
    (none or several: a usage error naming them, exit 2)."""
    from reporter.areas import areas
    from reporter.corpus import held

    if given:
        name = areas().canonical(given)
        if not any(h.area.name == name for h in held(reports)):
            have = ", ".join(h.area.name for h in held(reports)) or "none"
            raise UserError(f"--area {given}: the store holds no report or figure of it (areas: {have})")
        return name
    mine = own_areas(reports)
    unplaced = sum(1 for r in reports if not r.area)
    if len(mine) == 1 and not unplaced:
        return mine[0]
    if not mine:
        return ""  # no report names a place: the products speak of the reports as they are, unnamed
    more = f" ({unplaced} report(s) name none: a sidecar area = \"…\" places them)" if unplaced else ""
    raise AreaNeeded(f"the store holds {len(mine)} area(s), say which with --area: {', '.join(mine)}{more}")


def of_area(reports: list[Report], given: str) -> list[Report]:
    """What `facts --area` lists: the area's own reports and others as sources of what they quote of it."""
    from reporter.corpus import area_reports

    return area_reports(reports, chosen_area(reports, given))


def related_areas(store: Path, names: list[str]) -> set[str] | None:
    """The stored areas a product of NAMES reads: each of them and every area below one (whose
    reports quote its figures), and every area below a parent of one, since the parent's figure
    (for an area's share of it) may be quoted by a sibling that is not compared; None when the
    store does not record areas (read them all)."""
    from reporter.areas import areas
    from reporter.store import Store

    stored = Store(store).areas()
    if stored is None:
        return None
    known = areas()
    wanted = {known.canonical(n) for n in names}
    wanted |= {parent.name for n in wanted for parent in known.ancestors(n)[:1]}
    return {a for a in stored if a in wanted or any(x.name in wanted for x in known.ancestors(a))}


@dataclass
class AreaLine:
    area: str
    level: str
    parent: str
    reports: int
    quoted_by: int
    years: str
    facts: int


def area_lines(reports: list[Report]) -> list[AreaLine]:
    """One line per area the store holds: its level and parent, its own reports (and the reports
    quoting its figures), the years its facts cover, its facts."""
    from reporter.corpus import held

    return [AreaLine(h.area.name, h.area.level, h.area.parent or "-", h.reports, h.quoted_by,
                     year_span(h.years), h.facts) for h in held(reports)]


def year_span(years: list[int]) -> str:
    """2019, 2020, 2021, 2023 -> '2019-2021, 2023'."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs) or "-"


def short_name(area: str) -> str:
    """The area's name without its parent's (某市某区 -> 某区): what file names carry."""
    if not area:
        return ""
    from reporter.areas import areas

    return "".join(c for c in areas().short(area) if c.isalnum()) or "area"


def named(prefix: str, area: str, rest: str) -> str:
    """An output's base name: brief-某区-2021-2024 (brief-2021-2024 for reports of no named area)."""
    short = short_name(area)
    return f"{prefix}-{short}-{rest}" if short else f"{prefix}-{rest}"


def area_title(t, area: str, title: str, lang: str = "zh") -> str:
    """A product's title with its area: 某市某区多年对比简报; English uses the file's English name."""
    from reporter.areas import areas

    if not area:
        return title
    shown = (areas().en(area) or area) if lang == "en" else area
    return t("area_title", area=shown, title=title)


def properties(area: str, reports: list[Report]) -> dict:
    """DOCX core properties of an area's product: the author is the issuer its reports name most
    (else the area), the company the area."""
    from collections import Counter

    issuers = Counter(r.issuer for r in reports if r.area == area and r.issuer)
    author = issuers.most_common(1)[0][0] if issuers else area
    return {"author": author, "company": area} if area else {}
