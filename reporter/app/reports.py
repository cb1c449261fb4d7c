"""Use cases that look at stored reports: one report's metadata, outline and warnings (`show`)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from reporter.errors import UserError
from reporter.model import Report
from reporter.store import Store

SHOWN_FIELDS = ("id", "source", "area", "kind", "issuer", "delivered", "published", "review_periods", "plan_year", "checksum")


def stored_report(store: Path, report_id: str) -> Report:
    report = Store(store).report(report_id)
    if report is None:
        raise UserError(f"no report '{report_id}' in {store} (see `reporter reports`)")
    return report


def show_lines(report: Report, leads: bool = False) -> Iterator[str]:
    """`reporter show`: metadata, the section outline with themes, and every warning."""
    yield f"{report.title}\n"
    for key in SHOWN_FIELDS:
        yield f"  {key:15} {getattr(report, key)}"
    yield f"  {'counts':15} {len(report.facts)} facts, {len(report.targets)} plan targets, {len(report.terms)} terms\n"
    yield "Outline:"
    for section in report.all_sections():
        if section.is_lead and not leads:
            continue
        mark = "· " if section.is_lead else ""
        themes = f"  [{', '.join(section.themes)}]" if section.themes else ""
        title = section.title or "（首个标题前的段落）"
        comma = "、" if section.level == 1 and section.number else ""
        yield f"  {'  ' * (section.level - 1)}{mark}{section.number}{comma}{title}{themes}"
    decision = [w.removeprefix("document: ") for w in report.warnings if w.startswith("document: ")]
    if decision:  # the document stage's decision (period, plan year, area) and its evidence
        yield "\nDocument (decided once; facts override it only on their own evidence):"
        for line in decision:
            yield f"  {'  ' if line.startswith('evidence: ') else ''}{line}"
    warnings = [w for w in report.warnings if not w.startswith("document: ")]
    if warnings:
        yield "\nWarnings (what the cleaner and parser had to guess):"
        for w in warnings:
            yield f"  - {w}"
