"""The indicator registry (reporter/data/indicators.toml): names -> indicator ids and units.

How a name is matched (see docs/ARCHITECTURE.md, "How facts are found"):
- every indicator lists names in a small pattern syntax: `[x]` is optional, `(a|b)` is a choice,
  everything else is literal (full-width brackets are literal text). `地区生产总值[（GDP）]`,
  `[全社会]固定资产投资[(总额|额)]`, `社会消费品零售[总]额` each cover the ways reports write them;
- text and names are compared after the cleaner's normalisation (simplified characters,
  full-width punctuation, no stray spaces), so a name is written once;
- at each place the longest name wins, and a name listed under [[not_indicator]] (a different
  series: 城镇居民人均可支配收入, 服务业增加值, 财政总收入…) wins over the shorter indicator name
  inside it and stops the match;
- `weak` names (plain 一般公共预算收入) count only when the same report never uses the
  indicator's strong names (then they are a broader total, see parse/facts.py);
- relations (growth, per_capita, share) say which id a figure of another unit belongs to.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reporter.settings import Settings, current
from reporter.units import units


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    unit: str
    units: tuple[str, ...]
    dimension: str
    aliases: tuple[str, ...]
    better: str = "higher"
    weak: tuple[str, ...] = ()
    table_names: tuple[str, ...] = ()
    per_capita: str | None = None
    share: str | None = None
    flow: bool = False  # a count of new things: a 累计/总数 figure is the stock, not this
    stock: bool = False  # a stock: a 新增 figure is the flow, not this
    needs: str = ""  # a regex the figure's clause (or the words right after it) must match
    unless: str = ""  # a regex the figure's clause must not match
    basis: str | None = None  # a growth rate's basis: comparable (prices) | nominal | None (not said)


@dataclass(frozen=True)
class SeriesBreak:
    """indicators.toml [[series_break]]: the indicator's old series (by name, or before `since`)."""

    indicator: str
    old_names: tuple[str, ...]
    since: int | None
    note: str


@dataclass(frozen=True)
class NameHit:
    id: str | None  # None: a known name of something that is not an indicator
    name: str  # the text as matched
    start: int
    end: int
    weak: bool = False
    sub: bool = False  # a sub-sector or narrower series of the indicator (第三产业增加值 of gdp)


@dataclass(frozen=True)
class Registry:
    indicators: dict[str, Indicator]
    by_name: dict[str, str]  # literal names (zh and plain aliases) -> id, for exact lookups
    pattern: re.Pattern
    dimensions: dict[str, str]  # id -> display name, in order
    name_patterns: tuple[tuple[re.Pattern, str | None, str], ...] = ()  # (name, id, ""|"weak"|"sub")
    words: dict = field(default_factory=dict)  # [words] of indicators.toml: scope and kind signals
    digit_names: re.Pattern | None = None  # names with a figure inside ('…500米服务半径覆盖率', 'PM2.5')
    breaks: dict = field(default_factory=dict)  # indicator id -> SeriesBreak
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # whole name -> (id, weak)

    def get(self, indicator_id: str | None) -> Indicator | None:
        return self.indicators.get(indicator_id) if indicator_id else None

    def _identify(self, text: str) -> tuple[str | None, bool]:
        return _identify(self, text)

    def hits(self, text: str) -> list[NameHit]:
        """Every indicator (or known non-indicator) name in text, longest at each place."""
        out = []
        pos = 0
        while True:
            m = self.pattern.search(text, pos)
            if not m:
                return out
            start, best, ident, flag = m.start(), -1, None, ""
            for pattern, pid, pflag in self.name_patterns:  # the longest name at this place
                n = pattern.match(text, start)
                if n and n.end() > best:
                    best, ident, flag = n.end(), pid, pflag
            out.append(NameHit(ident, text[start:best], start, best, flag == "weak", flag == "sub"))
            pos = best

    def last_hit(self, text: str) -> NameHit | None:
        found = self.hits(text)
        return found[-1] if found else None

    def last_match(self, text: str) -> tuple[str, str] | None:
        """The indicator named nearest the end of text (longest name at each place)."""
        hit = self.last_hit(text)
        return (hit.id, hit.name) if hit and hit.id else None

    def lookup(self, name: str) -> str | None:
        """A whole name (a plan-table row) -> id: exact, else the longest alias inside it."""
        key = name.strip()
        if key in self.by_name:
            return self.by_name[key]
        for ind in self.indicators.values():
            if key in ind.table_names:
                return ind.id
        ident, _ = self._identify(key)
        if ident:
            return ident
        hit = self.last_hit(key)
        return hit.id if hit else None

    def for_unit(self, indicator_id: str, unit_dimension: str) -> str | None:
        """Pick the id a figure of this unit belongs to: gdp + % -> gdp_growth."""
        ind = self.indicators[indicator_id]
        dims = {units().split(u)[1].dimension for u in ind.units if units().split(u)}
        if unit_dimension in dims or (ind.unit == "" and unit_dimension in ("count", "persons")):
            return indicator_id
        if unit_dimension == "percent" and f"{indicator_id}_growth" in self.indicators:
            return f"{indicator_id}_growth"
        return None


def _identify(reg: Registry, text: str) -> tuple[str | None, bool]:
    """A whole name -> (id, weak), remembered by the registry itself (its own memo, so two
    registries in one process never share answers)."""
    known = reg.memo.get(text)
    if known is None:
        known = reg.memo[text] = _identify_uncached(reg, text)
    return known


def _identify_uncached(reg: Registry, text: str) -> tuple[str | None, bool]:
    for pattern, ident, flag in reg.name_patterns:
        if pattern.fullmatch(text):
            return (None if flag == "sub" else ident), flag == "weak"
    return reg.by_name.get(text), False


def name_regex(name: str) -> str:
    """'[全社会]固定资产投资[(总额|额)]' -> a regex: [..] optional, (a|b) a choice, rest literal."""
    out = []
    for ch in name:
        if ch == "[":
            out.append("(?:")
        elif ch == "]":
            out.append(")?")
        elif ch == "(":
            out.append("(?:")
        elif ch in ")|":
            out.append(ch)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def required_length(name: str) -> int:
    """Characters a name needs at least (optional parts removed): the matcher's order."""
    depth, n = 0, 0
    for ch in re.sub(r"\([^()]*\)", "X", name):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            n += 1
    return n


def load_indicator_data(overlay: Path | None = None) -> dict:
    """The one place indicators.toml (and a user's overlay) is read, each checked against the schema."""
    from reporter.datafiles import package_data

    data = package_data("indicators.toml", "reporter.indicator_schema:IndicatorFile", exclude_none=True)
    if overlay is not None:
        from reporter.datafiles import load_file
        from reporter.indicator_schema import IndicatorFile

        extra = load_file(Path(overlay), IndicatorFile).model_dump(exclude_none=True)
        base = {r["id"]: r for r in data["indicator"]}
        for row in extra.get("indicator", []):  # a known id gains aliases; a new id is added whole
            if row["id"] in base:
                known = base[row["id"]]
                known["aliases"] = list(known.get("aliases", [])) + list(row.get("aliases", []))
            else:
                data["indicator"].append(row)
        data["dimensions"] = {**data.get("dimensions", {}), **extra.get("dimensions", {})}
        data["series_break"] = list(data.get("series_break", [])) + list(extra.get("series_break", []))
    return data


def build_registry(data: dict) -> Registry:
    indicators: dict[str, Indicator] = {}
    by_name: dict[str, str] = {}
    names: list[tuple[str, str | None, bool]] = []
    for row in data["indicator"]:
        ind = Indicator(
            id=row["id"],
            zh=row["zh"],
            en=row.get("en", ""),
            unit=row["unit"],
            units=tuple(row.get("units", [row["unit"]])),
            dimension=row["dimension"],
            aliases=tuple(row.get("aliases", [])),
            better=row.get("better", "higher"),
            weak=tuple(row.get("weak", [])),
            table_names=tuple(row.get("table_names", [])),
            per_capita=row.get("per_capita"),
            share=row.get("share"),
            flow=bool(row.get("flow", False)),
            stock=bool(row.get("stock", False)),
            needs=row.get("needs", ""),
            unless=row.get("unless", ""),
            basis=row.get("basis"),
        )
        indicators[ind.id] = ind
        for name in (ind.zh, *ind.aliases):
            if not re.search(r"[\[\]()|]", name):
                by_name.setdefault(name, ind.id)
            names.append((name, ind.id, ""))
        names.extend((name, ind.id, "weak") for name in ind.weak)
    for row in data.get("not_indicator", []):
        names.extend((name, None, "") for name in row["names"])
    for row in data.get("sub_sector", []):  # a part of an indicator's total: recorded with scope sub_sector
        names.extend((name, row["of"], "sub") for name in row["names"])
    names.sort(key=lambda n: (-required_length(n[0]), -len(n[0])))
    compiled = tuple((re.compile(name_regex(n)), ident, weak) for n, ident, weak in names)
    pattern = re.compile("|".join(name_regex(n) for n, _, _ in names))
    with_digits = [n for n, _, _ in names if re.search(r"\d", n)]
    digit_names = re.compile("|".join(name_regex(n) for n in with_digits)) if with_digits else None
    breaks = {b["indicator"]: SeriesBreak(b["indicator"], tuple(b["old_names"]), b.get("since"), b["note"])
              for b in data.get("series_break", []) if b["indicator"] in indicators}
    return Registry(indicators, by_name, pattern, data.get("dimensions", {}), compiled, data.get("words", {}),
                    digit_names, breaks)


def registry(settings: Settings | None = None) -> Registry:
    """The registry of SETTINGS (default: the settings the calling use case entered): the
    package's indicators with the settings' overlay merged over them."""
    return _registry_for((settings or current()).registry_key)


@lru_cache(maxsize=8)
def _registry_for(key: tuple) -> Registry:
    """Keyed by (overlay path, overlay content, package data version): an edited overlay under new
    Settings is another key, so it is read again without clearing anything."""
    overlay = key[0]
    return build_registry(load_indicator_data(Path(overlay) if overlay else None))
