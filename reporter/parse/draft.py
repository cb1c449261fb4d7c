"""The fact being decided: each decider (fact_indicator, scope, fact_value, fact_period,
fact_kind, fact_confidence) reads it and settles its part, in that order."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reporter.registry import Indicator, NameHit


@dataclass
class Subject:
    id: str
    name_start: int  # where its name stands in the sentence (for the quote)
    weak: bool = False
    sub: bool = False  # named as a sub-sector of the indicator: its figures are scope sub_sector


@dataclass
class Draft:
    name_start: int  # where the quote starts (the indicator's name, else the clause)
    indicator: str | None = None
    why: str = ""  # the notes that become the fact's rule ('indicator=…')
    label: str = ""
    name_end: int = 0  # a name after the figure (postposed) extends the quote to here
    confidence: float = 0.9
    scope: str = "own"
    hit: NameHit | None = None  # the name found in the figure's clause
    post: NameHit | None = None  # a name after the figure
    ind: Indicator | None = None  # the indicator once its unit is settled
    unit: str = ""
    value: Decimal | None = None
    kind: str = "actual"
    period: str = ""
    period_rule: str = ""
    qualifier: str = "none"
