"""The indicator registry (reporter/data/indicators.toml): names -> indicator ids and units."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(frozen=True)
class Registry:
    indicators: dict[str, Indicator]
    by_name: dict[str, str]
    pattern: re.Pattern
    dimensions: dict[str, str]  # id -> display name, in order

    def get(self, indicator_id: str | None) -> Indicator | None:
        return self.indicators.get(indicator_id) if indicator_id else None

    def last_match(self, text: str) -> tuple[str, str] | None:
        """The indicator named nearest the end of text (longest name at each place)."""
        found = None
        for m in self.pattern.finditer(text):
            found = (self.by_name[m.group(0)], m.group(0))
        return found

    def lookup(self, name: str) -> str | None:
        """A whole name (a plan-table row) -> id: exact, else the longest alias inside it."""
        key = name.strip()
        if key in self.by_name:
            return self.by_name[key]
        hit = self.last_match(key)
        return hit[0] if hit else None

    def for_unit(self, indicator_id: str, unit_dimension: str) -> str | None:
        """Pick the id a figure of this unit belongs to: gdp + % -> gdp_growth."""
        ind = self.indicators[indicator_id]
        dims = {units().split(u)[1].dimension for u in ind.units if units().split(u)}
        if unit_dimension in dims or (ind.unit == "" and unit_dimension in ("count", "persons")):
            return indicator_id
        if unit_dimension == "percent" and f"{indicator_id}_growth" in self.indicators:
            return f"{indicator_id}_growth"
        return None


_OVERLAY: list = [None]  # a user's indicators file (`--registry FILE`), merged over the package's


def use_overlay(path) -> None:
    """Merge a user's indicators file (same format as the package's) into every later registry()."""
    _OVERLAY[0] = path
    registry.cache_clear()


def _rows(text: str) -> tuple[list[dict], dict]:
    data = tomllib.loads(text)
    return data.get("indicator", []), data.get("dimensions", {})


@lru_cache(maxsize=1)
def registry() -> Registry:
    text = resources.files("reporter.data").joinpath("indicators.toml").read_text("utf-8")
    rows, dimensions = _rows(text)
    if _OVERLAY[0] is not None:
        from pathlib import Path

        extra_rows, extra_dims = _rows(Path(_OVERLAY[0]).read_text("utf-8"))
        base = {r["id"]: r for r in rows}
        for row in extra_rows:  # a known id gains aliases; a new id is added whole
            if row["id"] in base:
                known = base[row["id"]]
                known["aliases"] = list(known.get("aliases", [])) + list(row.get("aliases", []))
            else:
                rows.append(row)
        dimensions = {**dimensions, **extra_dims}
    indicators: dict[str, Indicator] = {}
    by_name: dict[str, str] = {}
    for row in rows:
        ind = Indicator(
            id=row["id"],
            zh=row["zh"],
            en=row.get("en", ""),
            unit=row["unit"],
            units=tuple(row.get("units", [row["unit"]])),
            dimension=row["dimension"],
            aliases=tuple(row.get("aliases", [])),
            better=row.get("better", "higher"),
        )
        indicators[ind.id] = ind
        for name in (ind.zh, *ind.aliases):
            by_name.setdefault(name, ind.id)
    names = sorted(by_name, key=len, reverse=True)
    return Registry(indicators, by_name, re.compile("|".join(re.escape(n) for n in names)), dimensions)
