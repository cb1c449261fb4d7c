"""The document stage: decide ONCE what a document reviews, its plan year and whose report it is.

Every fact starts from this decision and overrides it only on evidence in its own heading,
sentence or clause. The decision keeps its evidence (one line per signal that was used) so
`reporter show` can print why, and a `basis`: 'stated' when the text itself names the year
(title, heading, dateline), 'inferred' when it rests on a default (a delivery or publication
month, the latest year the text names), 'none' when nothing settles it. Facts whose period
comes from an inferred decision get a lower confidence (see facts.fact_from_span).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import reporter.parse.periods as pm
from reporter.areas import LEVELS, areas, level_from_suffix
from reporter.areas import detect as detect_area
from reporter.parse.metadata import Metadata

AREA_NAME = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:自治县|新区|区|县|市|旗))")
ISSUER_TAIL = re.compile(r"(?:人民政府|政府|统计局|财政局|发展和改革委员会|发改委|人大|区长|县长|市长|办公室)")
# an office before the area name is not part of it ('在东江市南岭区' -> 东江市, 南岭区)
LEADING_NOISE = re.compile(r"^(?:关于|在|于)")
CONGRESS = re.compile(r"在\s*([\u4e00-\u9fff]{2,14}?)\s*第?[一二三四五六七八九十\d]{0,4}届?\s*人民代表大会")
JUNK_BEFORE = re.compile(r"[年月份日占说在于对向]|政府|大会|会议")
# words ending in an area suffix that are not places
NOT_PLACE = re.compile(r"^[全本各该此我辖其]|[的是了对向为从由到个家]|大会|会议|^(?:城区|市区|辖区|全区|本区|全市|本市|各区|该区|园区|社区|校区|景区|街区|小区|城市|都市|超市|上市|开市|直辖市|新城区|老城区|中心城区|主城区|核心区|功能区|示范区|试验区|保护区|商务区|片区|开发区|城[二三四五六七八九十]区|地区|市区|城区)$|(?:园区|社区|校区|景区|街区|小区|功能区|示范区|试验区|保护区|商务区|片区|开发区|市场|城市|都市|超市|上市|股市|楼市|车市|夜市|集市|菜市|门市|商业区|住宅区|生活区|风景区|重点区|保税区|自贸区|节省|反省)$|^(?:山区|郊区|林区|牧区|矿区|灾区|学区|库区|湖区|老区|特区)$|(?:实现|完成|达到|其他|周边|重点|相关|贫困|落后|发达|沿海|内陆|边远)地区$")


@dataclass
class Decision:
    """What the document is about, decided once, with the evidence for each part."""

    review_year: int | None
    span: str | None  # the multi-year span it looks back over (a five-year review), if any
    plan_year: int | None
    writing_year: int | None
    release_months: tuple[int, int] | None
    area: str | None = None  # the reporting area's name (东江市南岭区, 南岭区)
    level: str | None = None  # its level (areas.LEVELS), from the name's suffix
    basis: str = "none"  # stated | inferred | none: how the review year was settled
    evidence: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The decision as `reporter show` prints it (kept with the report's warnings)."""
        months = f"{self.release_months[0]}-{self.release_months[1]}月" if self.release_months else "whole year"
        head = (f"document: reviews {self.review_year or '?'} ({months}), span {self.span or '-'}, "
                f"plan year {self.plan_year or '-'}, area {self.area or '?'} ({self.level or '?'}), "
                f"year {self.basis}")
        return [head] + [f"document: evidence: {e}" for e in self.evidence]


def area_of(meta: Metadata, paragraphs: list[str]) -> tuple[str | None, str | None, str]:
    """The reporting area, decided once for both the report (Report.area) and its facts' scope:
    a sidecar's `area`; else the areas file's places (and a speaker it does not know) in the issuer,
    title and opening (areas.detect, which refuses a name above the level the text speaks as);
    else the congress the report is given to; else the place the opening names most."""
    if meta.area:  # the sidecar said it (metadata.detect merged it and left the evidence line)
        return meta.area, _level(meta.area), f"area {meta.area} as given"
    area, where = detect_area(meta.issuer, meta.title, "".join(paragraphs[:40])[:4000])
    if area is not None:
        return area.name, area.level, f"area {area.name} from the {where}"
    if where:  # a place named, but the text speaks as a lower level: no guess
        return None, None, f"area not settled: {where}"
    for par in paragraphs[:12]:  # '——在东江市南岭区第十三届人民代表大会…': the congress the report is given to
        m = CONGRESS.search(par[:120])
        names = _places(m.group(1)) if m else []
        if names:
            name = max(names, key=_depth)
            return name, level_from_suffix(name), f"area {name} from the congress it is given to ('{m.group(0)[:30]}')"
    return _most_named(paragraphs)


def _most_named(paragraphs: list[str]) -> tuple[str | None, str | None, str]:
    """A place the areas file does not know, named most often in the opening (twice or more, or
    the only place of its level; no rival of its level as often). Short names only (2-3 characters and a suffix: 南岭区, 东湖新区):
    a longer run that ends in 区 is more likely a phrase (列中心城区, 深化大口岸区) than a place."""
    counts = Counter(n for p in paragraphs[:30] for n in _places(p[:600]) if len(n) <= 4)
    if counts:
        name, n = max(counts.items(), key=lambda kv: (kv[1], _depth(kv[0])))
        rivals = [o for o, k in counts.items() if o != name and k == n and _depth(o) == _depth(name)]
        if rivals:
            return None, None, f"area not settled: the opening names {name} and {rivals[0]} equally often"
        alone = sum(1 for other in counts if _depth(other) == _depth(name)) == 1
        if n >= 2 or alone:  # named most often, or the only place of its level the opening names
            return name, level_from_suffix(name), f"area {name}: the place the opening names most ({n} times)"
    return None, None, "area not named in the issuer, title or opening"


def _level(name: str) -> str | None:
    area = areas().get(name)
    return area.level if area else level_from_suffix(name)


def _depth(name: str) -> int:
    level = level_from_suffix(name)
    return LEVELS.index(level) if level in LEVELS else -1


def _places(text: str) -> list[str]:
    """Administrative names in a text: '东江市南岭区人民政府' -> ['东江市', '南岭区']."""
    out = []
    for m in AREA_NAME.finditer(text):
        name = JUNK_BEFORE.split(m.group(1))[-1]  # '月份南岭区', '数说东湖区' -> the name after the last non-name word
        joined = re.match(r"^[和与及、](.{3,})$", name)
        if joined:  # '西坡区和东坡区': the second name ('和平区' keeps its 和: too short a rest)
            name = joined.group(1)
        name = LEADING_NOISE.sub("", name) if len(name) > 3 else name
        if len(name) >= 2 and not NOT_PLACE.search(name) and level_from_suffix(name):
            out.append(name)
    return out


def is_own_area(name: str, decision: Decision) -> bool:
    """A name is the reporting area if it is the area or a short form of it (南岭 / 南岭区)."""
    if not decision.area:
        return False
    for area in dict.fromkeys((decision.area, areas().short(decision.area))):  # 东江市南岭区 and 南岭区
        core = re.sub(r"(自治县|新区|区|县|市|旗)$", "", area)
        if name == area or area.endswith(name) or name.endswith(area) or (len(core) >= 2 and name.startswith(core)):
            return True
    return False


def relation(name: str, decision: Decision) -> str:
    """Whose figure a column or clause headed by an area name gives: own | city | nation | other_area."""
    if name in ("全国",) or level_from_suffix(name) == "nation":
        return "nation"
    if name in ("全区", "本区", "全县", "本县") or is_own_area(name, decision):
        return "own"
    if name in ("全市", "本市"):
        return "own" if decision.level == "city" else "city"
    level = level_from_suffix(name)
    if level in ("city", "province") and decision.level in ("district", "county", "sub_district"):
        return "city"
    return "other_area"


def basis_of(evidence: list[str]) -> str:
    """stated | inferred: the prefix of the last evidence line that settled the review year."""
    for line in reversed(evidence):
        if re.search(r"review|release about", line):
            return line.split(":", 1)[0]
    return "inferred"


def decide(meta: Metadata, paragraphs: list[str]) -> Decision:
    """The decision from the metadata's findings and the evidence they left."""
    evidence = list(meta.evidence)
    basis = basis_of(evidence)
    review = next((y for p in meta.review_periods if (y := pm.single_year(p))), None)
    span = next((p for p in meta.review_periods if pm.years_of(p)), None)
    area, level, why = area_of(meta, paragraphs)
    evidence = [*evidence, why]
    if area is None:
        reason = why.removeprefix("area not settled: ").removeprefix("area ")
        meta.warnings.append(f"no place the report speaks for ({reason}); a <file>.meta.toml can say area = \"…\"")
    if meta.release_months:
        evidence.append(f"months {meta.release_months[0]}-{meta.release_months[1]}月 from the title or opening")
    if span:
        evidence.append(f"looks back over {span} (五年 / a plan period ending in its year)")
    return Decision(review, span, meta.plan_year, meta.writing_year, meta.release_months, area, level,
                    basis if review or meta.plan_year else "none", evidence)
