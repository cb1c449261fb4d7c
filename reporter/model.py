"""The one data model every stage after parsing speaks.

Plain dataclasses so they serialise to JSON/SQLite without a framework; Decimal for
values so 5408.1 stays 5408.1 and never becomes 5408.099999.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

REPORT_KINDS = (
    "government_work_report",
    "plan_report",
    "performance_report",
    "statistics_release",
    "news",
    "other",
)
FACT_SCOPES = ("own", "city", "province", "nation", "sub_area", "sub_sector", "component", "share", "fulfilment",
               "comparison", "adjusted", "broader",
               # issue 19: another area's figure; a multiple of a base year; a change over several years;
               # the area together with a development zone
               "other_area", "multiple", "cumulative", "with_zone")
QUALIFIERS = ("none", "approx", "estimated", "at_least", "at_most", "in_line")
FACT_KINDS = ("actual", "target")


@dataclass
class Section:
    """A heading of the report (一、/（一）/1./topic lead) with its own paragraphs."""

    number: str
    title: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    is_lead: bool = False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Origin:
    """Where in its source a fact was read, as structure (never parsed back from a string):
    the section path from the top heading down, the page of a PDF or scan, the table row and
    column (1-based, in the table's body and its cells), whether it is in an annex."""

    section_path: list[str] = field(default_factory=list)
    page: int | None = None
    row: int | None = None
    column: int | None = None
    annex: bool = False
    block: int | None = None  # index of the source block it came from


def origin_from_dict(d: object) -> Origin:
    """Tolerant of missing keys (older stores have no origin at all) and of extra ones."""
    if not isinstance(d, dict):
        return Origin()
    known = {k: v for k, v in d.items() if k in Origin.__dataclass_fields__}
    return Origin(**{**known, "section_path": [str(p) for p in known.get("section_path") or []]})


@dataclass
class Fact:
    """One figure from the text, in its indicator's canonical unit, with its exact quote."""

    label: str
    value: Decimal | None
    unit: str
    raw: str
    qualifier: str
    period: str
    kind: str
    quote: str
    start: int = 0
    end: int = 0
    indicator: str | None = None
    report_id: str = ""
    section: str = ""
    source: str = ""
    # whose figure: "own" (the reporting area), "city", "province", "nation", "sub_area",
    # "sub_sector" (a part of the indicator's total), "component" (after 其中, a part of a total
    # given before), "comparison" (a difference from another area or a standard), "broader"
    # (a plain name where the report also names the narrower series), "share" (a share of another total),
    # "fulfilment" (a plan-completion ratio) or "adjusted" (同口径/扣除…后 basis); "other_area" (another
    # place's figure), "multiple" (是2011年的1.48倍), "cumulative" (比2011年增长51.2%), "with_zone"
    # (the area with a development zone)
    scope: str = "own"
    # how sure the finder is (0..1) and the rule that produced the fact (see parse/explain.py)
    confidence: float = 1.0
    rule: str = ""
    origin: Origin = field(default_factory=Origin)

    def excerpt(self, context: int = 30) -> str:
        """The quote around the figure: enough to check it, short enough for a table."""
        q, start, end = self.quote, self.start, self.end
        if not (0 <= start < end <= len(q)) or q[start:end] != self.raw:
            start = q.find(self.raw)
            end = start + len(self.raw)
        if start < 0:
            return q[: 2 * context] + ("…" if len(q) > 2 * context else "")
        left, right = max(0, start - context), min(len(q), end + context)
        return ("…" if left else "") + q[left:right] + ("…" if right < len(q) else "")


@dataclass
class PlanTarget:
    """One row of an annex plan table (计划表)."""

    dimension: str
    number: int
    name: str
    unit: str
    plan_text: str
    value: Decimal | None
    qualifier: str
    attribute: str
    plan_year: int
    indicator: str | None = None
    group: str = ""
    origin: Origin = field(default_factory=Origin)  # the table row and column it was read from


@dataclass
class Term:
    """A glossary (名词解释) entry."""

    number: int
    term: str
    definition: str


@dataclass
class Report:
    id: str
    source: str
    checksum: str
    title: str
    kind: str
    issuer: str | None
    delivered: str | None
    published: str | None
    review_periods: list[str]
    plan_year: int | None
    source_key: str = ""  # the source file's absolute path at ingest (the store keeps its text too)
    # the area the report speaks for (a name of reporter/data/areas.toml, or a name read from the
    # text whose level its suffix gives); "" when the text names none. Its own facts are this area's.
    area: str = ""
    sections: list[Section] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # the reporting area's own figures (scope "own")
    targets: list[PlanTarget] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # figures of other scopes found beside the area's own: the city's or nation's, shares,
    # plan-fulfilment ratios, adjusted bases, broader totals (Fact.scope says which)
    context_facts: list[Fact] = field(default_factory=list)
    format: str = "text"  # the reader that read the source: text, docx, html, pdf, ocr ...
    url: str = ""  # a web page's address, where the page says it (or the sidecar does)

    @property
    def review_year(self) -> int | None:
        """The single year the report looks back on (a span like 2016-2020 is not one)."""
        for period in self.review_periods:
            if "-" not in period:
                return int(period)
        return None

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()


def to_jsonable(obj: Any) -> Any:
    """dataclass/Decimal tree -> plain JSON types (Decimal as a string keeps its digits)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Decimal):
        return str(obj)
    return obj


def section_from_dict(d: dict) -> Section:
    return Section(
        number=d["number"],
        title=d["title"],
        level=d["level"],
        paragraphs=list(d["paragraphs"]),
        children=[section_from_dict(c) for c in d["children"]],
        themes=list(d["themes"]),
        is_lead=d["is_lead"],
    )


def _dec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


FACT_FIELDS = frozenset(Fact.__dataclass_fields__)


def fact_from_dict(d: dict) -> Fact:
    """Tolerant of stored JSON from older versions (no scope/confidence/rule) and of extra keys."""
    known = {k: v for k, v in d.items() if k in FACT_FIELDS}
    return Fact(**{**known, "value": _dec(d.get("value")), "origin": origin_from_dict(d.get("origin"))})


def target_from_dict(d: dict) -> PlanTarget:
    known = {k: v for k, v in d.items() if k in PlanTarget.__dataclass_fields__}
    return PlanTarget(**{**known, "value": _dec(d["value"]), "origin": origin_from_dict(d.get("origin"))})


REPORT_FIELDS = frozenset(Report.__dataclass_fields__)


def _known(d: dict) -> dict:
    """A stored report's keys this version knows, lists an older version did not write as empty."""
    lists = {name: [] for name, f in Report.__dataclass_fields__.items() if f.default_factory is list}
    return {**lists, **{k: v for k, v in d.items() if k in REPORT_FIELDS}}


def report_from_dict(d: dict) -> Report:
    known = _known(d)  # tolerant of older stores (missing lists, keys since removed) and of unknown keys
    return Report(
        **{
            **known,
            "sections": [section_from_dict(s) for s in known["sections"]],
            "facts": [fact_from_dict(f) for f in known["facts"]],
            "context_facts": [fact_from_dict(f) for f in known["context_facts"]],
            "targets": [target_from_dict(t) for t in known["targets"]],
            "terms": [Term(**{k: v for k, v in t.items() if k in Term.__dataclass_fields__}) for t in known["terms"]],
        }
    )
