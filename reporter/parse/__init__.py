"""Source file -> Report: read, clean, then parse metadata, sections, facts, tables, terms."""
from __future__ import annotations

import hashlib
from pathlib import Path

from reporter.clean import clean
from reporter.errors import UserError
from reporter.fingerprint import parser_fingerprint  # noqa: F401  (where callers have found it)
from reporter.model import Report
from reporter.parse import facts as fact_finder
from reporter.parse import document, glossary, metadata, plantable, tables
from reporter.parse.sections import build, preamble_length, split_annex
from reporter.readers import decode_source, read_bytes


def parse_text(text: str, path: Path, checksum: str = "", year: int | None = None) -> Report:
    """year: the review year where the text is silent (a `--year` option; a sidecar can say it too)."""
    cleaned = clean(text)
    if not cleaned.paragraphs:
        raise UserError(f"{path}: no report text left after cleaning (only web chrome or page furniture)")
    meta = metadata.detect(cleaned.paragraphs, cleaned.chrome, path)
    if year is not None and not any(p.isdigit() for p in meta.review_periods):
        meta.review_periods = [str(year)] + meta.review_periods
        meta.warnings.append(f"the text does not say its year: {year} as given")
        meta.evidence.append(f"stated: review year {year} as given (--year)")
    body, annex = split_annex(cleaned.paragraphs)
    sections = build(body, skip=preamble_length(body, meta.title))
    report_id = path.stem
    decision = document.decide(meta, cleaned.paragraphs)  # once per document; facts override it on evidence
    frame = fact_finder.frame_of(decision, report_id, path.name)
    warnings = decision.lines() + cleaned.warnings + meta.warnings
    if frame.review_year is None and frame.plan_year is None:
        warnings.append("the report's year could not be told from the text: facts without a year in their "
                        "own sentence have an empty period (a <file>.meta.toml can give review_periods)")
    targets = plantable.parse(cleaned.lines, warnings)  # lines: a table row is never re-joined
    facts = fact_finder.extract(sections, frame)
    facts += tables.table_facts(tables.find_tables(cleaned.cell_lines), frame, warnings)
    facts = fact_finder.prefer_strong_names(facts) + plantable.target_facts(targets, report_id, path.name)
    bare = [f for f in facts if "missing_percent_sign" in f.rule]
    if bare:
        warnings.append(f"read {len(bare)} rate(s) written without a % sign, e.g. '{bare[0].quote}'")
    own = [f for f in facts if f.scope == "own"]
    context = [f for f in facts if f.scope != "own"]
    return Report(
        id=report_id,
        source=str(path),
        checksum=checksum,
        title=meta.title,
        kind=meta.kind,
        issuer=meta.issuer,
        delivered=meta.delivered,
        published=meta.published,
        review_periods=meta.review_periods,
        plan_year=meta.plan_year,
        area=area_name(meta.area),
        sections=sections,
        facts=own,
        context_facts=context,
        targets=targets,
        terms=glossary.parse(annex, warnings),
        warnings=warnings,
    )


def area_name(name: str | None) -> str:
    """A detected or sidecar-given place as the areas file names it (an alias -> the full name)."""
    from reporter.areas import areas

    if name and areas().get(name) is None:
        raise UserError(f"area '{name}': not in reporter/data/areas.toml, and its ending (市, 区, 县…) names no level")
    return areas().canonical(name) if name else ""


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_bytes(path: Path, data: bytes, year: int | None = None) -> Report:
    return parse_text(decode_source(path, data), path, checksum_of(data), year)


def parse_report(path: Path) -> Report:
    return parse_bytes(path, read_bytes(path))
