"""Units of measure (reporter/data/units.toml) and exact conversion between them."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from reporter.settings import per_data


@dataclass(frozen=True)
class UnitInfo:
    name: str
    dimension: str
    factor: Decimal


@dataclass(frozen=True)
class Units:
    units: dict[str, UnitInfo]
    magnitudes: dict[str, Decimal]

    def split(self, written: str) -> tuple[Decimal, UnitInfo] | None:
        """'亿元' -> (1e8, 元); '万元/人' -> (1e4, 元/人); '' -> plain count."""
        if written == "":
            return Decimal(1), UnitInfo("", "count", Decimal(1))
        if written in self.units:
            return Decimal(1), self.units[written]
        for mag in sorted(self.magnitudes, key=len, reverse=True):
            if written.startswith(mag) and written[len(mag) :] in self.units:
                return self.magnitudes[mag], self.units[written[len(mag) :]]
        return None


@per_data
def units() -> Units:
    from reporter.datafiles import package_data

    data = package_data("units.toml", "reporter.parse_schemas:UnitsFile")
    return Units(
        units={k: UnitInfo(k, v["dimension"], Decimal(str(v["factor"]))) for k, v in data["units"].items()},
        magnitudes={k: Decimal(str(v)) for k, v in data["magnitudes"].items()},
    )


def convert(value: Decimal, written_unit: str, target_unit: str) -> Decimal | None:
    """Value in written_unit -> value in target_unit, or None if they do not convert."""
    u = units()
    src, dst = u.split(written_unit), u.split(target_unit)
    if src is None or dst is None:
        return None
    (smag, sinfo), (dmag, dinfo) = src, dst
    if written_unit != "" and target_unit == "" and sinfo.dimension in ("count", "persons"):
        return _tidy(value * smag)
    if sinfo.dimension != dinfo.dimension:
        return None
    return _tidy(value * smag * sinfo.factor / (dmag * dinfo.factor))


def _tidy(d: Decimal) -> Decimal:
    """5408.10 -> 5408.1 and 1.5E+5 -> 150000: the value reads as it was written."""
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral() else d
