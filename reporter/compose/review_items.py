"""What a product would show with a caveat, as a checklist (`reporter review`, and the brief's cover count).

An item is one thing an analyst should look at before the brief goes out: two sources that
disagree, a figure the parser was unsure of, a series break, a part-year figure standing for a
year, a correction that no longer matches anything. Each has a stable key (what it is about,
not its position), so a review recorded in the corrections file (`[[reviewed]] item = key`)
still counts when the corpus grows, and a short id the command line takes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from reporter.model import Fact

LOW_CONFIDENCE = 0.8  # a figure below this is listed (0.9 a plain match, 0.8 a growth that inherits its subject)
KINDS = ("conflict", "low_confidence", "series_break", "part_year", "stale_correction")


@dataclass
class Item:
    key: str  # stable: kind and what it is about
    kind: str  # one of KINDS
    title: str  # indicator and period, in the outputs' words
    facts: list[Fact] = field(default_factory=list)  # the figures concerned (numbered from 1 on the command line)
    note: str = ""  # the registry's note, the correction's reason
    status: str = ""  # "" unreviewed | accept | correct | drop (from the corrections file)
    reason: str = ""  # the reviewer's reason, when reviewed

    @property
    def id(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:6]


def _shown_facts(ctx: dict) -> list[Fact]:
    """Every figure the brief prints in its tables, once."""
    out: dict[int, Fact] = {}
    for row in ctx["headline"]:
        for c in row.cells:
            for f in (c.actual, c.growth, c.target, c.growth_target, c.partial, c.partial_growth):
                if f is not None:
                    out.setdefault(id(f), f)
    for yt in ctx["targets"]:
        for line in yt.lines:
            for f in (line.target, line.actual):
                if f is not None:
                    out.setdefault(id(f), f)
    return list(out.values())


def _fact_key(f: Fact) -> str:
    return f"{f.report_id}:{f.indicator or ''}:{f.period}:{f.kind}:{f.raw}"


def from_brief(ctx: dict, stale: list, t) -> list[Item]:
    """The brief's caveats, in the order the brief shows them; `stale` are corrections matching nothing."""
    items: list[Item] = []
    for c in ctx["all_conflicts"]:
        kind_word = t(f"kind_{c.kind}")
        items.append(Item(f"conflict:{c.indicator}:{c.period}:{c.kind}", "conflict",
                          f"{c.label} {c.period}（{kind_word}）", list(c.facts)))
    for row in ctx["headline"]:
        if row.break_note:
            items.append(Item(f"series_break:{row.indicator}", "series_break", row.label,
                              [c.actual for c in row.cells if c.actual is not None], row.break_note))
        for c in row.cells:
            part = c.partial or c.partial_growth
            if part is not None:
                items.append(Item(f"part_year:{row.indicator}:{c.year}:{part.period}", "part_year",
                                  f"{row.label} {c.year}（{c.partial_period}）",
                                  [f for f in (c.partial, c.partial_growth) if f is not None]))
    names = {row.indicator: row.label for row in ctx["headline"]}
    names.update({line.indicator: line.label for yt in ctx["targets"] for line in yt.lines})
    for f in _shown_facts(ctx):
        if f.confidence < LOW_CONFIDENCE and f.value is not None:  # words (达到市级要求) carry no number to doubt
            items.append(Item(f"low_confidence:{_fact_key(f)}", "low_confidence",
                              f"{names.get(f.indicator, f.label)} {f.period}（{t(f'kind_{f.kind}')}）", [f],
                              f.rule))
    for entry in stale:
        items.append(Item(f"stale_correction:{entry.report}:{entry.quote or ''}:{entry.raw or ''}", "stale_correction",
                          f"report '{entry.report}' {entry.quote or entry.raw!r}", [], entry.reason))
    return items


def mark_reviewed(items: list[Item], reviewed: list) -> list[Item]:
    """Each item's status from the corrections file's [[reviewed]] entries (the last one wins)."""
    done = {r.item: r for r in reviewed}
    for item in items:
        record = done.get(item.key)
        if record is not None and item.kind != "stale_correction":
            item.status, item.reason = record.action, record.reason
    return items


def counts(items: list[Item]) -> dict:
    return {"total": len(items), "unreviewed": sum(1 for i in items if not i.status)}
