"""Use cases of the data model itself: select facts, and export the corpus as data files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.model import Fact, Report, to_jsonable
from reporter.periods import overlaps, parse_range
from reporter.store import all_facts

FACT_COLUMNS = ["source", "indicator", "period", "kind", "value", "unit", "qualifier", "quote"]
EXTRA_COLUMNS = ["label", "raw", "section", "report_id", "start", "end", "scope", "confidence"]


@dataclass
class FactFilter:
    years: str | None = None
    indicators: list[str] | None = None
    kind: str | None = None


def select_facts(facts: list[Fact], which: FactFilter) -> list[Fact]:
    years = parse_range(which.years) if which.years else None
    return [f for f in facts
            if (not years or overlaps(f.period, *years))
            and (not which.indicators or f.indicator in which.indicators)
            and (not which.kind or f.kind == which.kind)]


def confident(facts: list[Fact], floor: float | None = None) -> tuple[list[Fact], int, float]:
    """The facts at or above `floor` (default: the plain-figure threshold of confidence.toml), how
    many were left out, and the floor used: an export should not hand out guesses as plain rows."""
    from reporter import confidence

    floor = confidence.threshold() if floor is None else floor
    kept = [f for f in facts if f.confidence >= floor]
    return kept, len(facts) - len(kept), floor


def fact_row(f: Fact) -> dict:
    return {
        "source": f.source, "indicator": f.indicator or "", "period": f.period, "kind": f.kind,
        "value": "" if f.value is None else str(f.value), "unit": f.unit, "qualifier": f.qualifier, "quote": f.quote,
        "label": f.label, "raw": f.raw, "section": f.section, "report_id": f.report_id, "start": f.start, "end": f.end,
        "scope": f.scope, "confidence": f.confidence,
    }


def fact_rows(facts: list[Fact]) -> list[dict]:
    return [fact_row(f) for f in facts]


def export(reports: list[Report], fmt: str, out_dir: Path) -> tuple[Path, int]:
    """The whole corpus as corpus.json, facts.csv or corpus.xlsx; returns the path and the fact count."""
    from reporter.writers import data
    from reporter.writers.files import atomic_write_bytes

    facts = all_facts(reports)
    if fmt == "json":
        payload, target = data.json_bytes(to_jsonable(reports)), out_dir / "corpus.json"
    elif fmt == "csv":
        payload, target = data.csv_bytes(fact_rows(facts), FACT_COLUMNS + EXTRA_COLUMNS), out_dir / "facts.csv"
    else:
        from reporter.compose.tables import facts_frame, targets_frame

        payload = data.xlsx_bytes({"facts": facts_frame(facts), "plan_targets": targets_frame(reports)})
        target = out_dir / "corpus.xlsx"
    return atomic_write_bytes(target, payload), len(facts)


def facts_text(rows: list[dict], fmt: str) -> str:
    """`reporter facts --format csv|json`: the rows as the data writers write them."""
    from reporter.writers.data import csv_text, json_text

    return csv_text(rows, FACT_COLUMNS + EXTRA_COLUMNS) if fmt == "csv" else json_text(rows)


def explanations(facts: list[Fact], reports: list | None = None) -> str:
    """Why each fact got its indicator, period, kind, scope and value (`facts --explain`), after the
    document stage's decision (with its evidence) that the facts of each report started from."""
    from reporter.parse.explain import explain

    shown = {f.report_id for f in facts}
    heads = []
    for report in reports or []:
        decision = [w.removeprefix("document: ") for w in report.warnings if w.startswith("document: ")]
        if report.id in shown and decision:
            heads.append(f"{report.id}: " + "\n  ".join(decision))
    return "\n\n".join(heads + ["\n  ".join(explain(f)) for f in facts])
