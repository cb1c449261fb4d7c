"""SourceDocument -> Report: metadata, sections, facts, tables, terms. Never touches the disk:
the ingest use case reads the file (or the store its bytes), picks the reader and merges the
sidecar into the document's metadata before it calls `parse`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import reporter.parse.periods as pm
from reporter.errors import UserError
from reporter.fingerprint import parser_fingerprint  # noqa: F401  (where callers have found it)
from reporter.model import Fact, Report
from reporter.parse import facts as fact_finder
from reporter.parse.fact_indicator import prefer_strong_names
from reporter.parse.frame import frame_of
from reporter.parse import document, glossary, metadata, plantable, tables
from reporter.parse.sections import build, preamble_length, split_annex
from reporter.source import Block, SourceDocument

PATH_SEP = " / "  # how contexts.py joins a section path into Fact.section


@dataclass
class Text:
    """The views of a document the stages read: paragraphs (with the block each came from),
    lines before re-joining (plan tables), lines with spaces kept (flattened tables)."""

    paragraphs: list[str]
    owners: list[Block]
    lines: list[str]
    cell_lines: list[str]
    chrome: list[str]
    levels: dict[int, int]  # paragraph index -> heading level the format gave


def views(doc: SourceDocument) -> Text:
    owners = doc.text_blocks()
    paragraphs = [b.text for b in owners]
    levels = {i: b.level for i, b in enumerate(owners) if b.kind == "heading" and b.level > 0}
    lines = doc.lines or paragraphs
    cell_lines = doc.cell_lines or paragraphs
    return Text(paragraphs, owners, lines, cell_lines, doc.furniture(), levels)


def parse(doc: SourceDocument, name: str, checksum: str = "", year: int | None = None) -> Report:
    """name: the source's file name or path (the report id is its stem); year: the review year
    where the text is silent (a `--year` option; the sidecar in doc.meta can say it too)."""
    path = PurePath(name)
    text = views(doc)
    if not text.paragraphs and not doc.tables():
        raise UserError(f"{name}: no report text left after cleaning (only web chrome or page furniture)")
    given = dict(doc.meta)
    url = str(given.pop("url", "") or "")
    meta = metadata.detect(text.paragraphs, text.chrome, path, given)
    if year is not None and not any(pm.single_year(p) for p in meta.review_periods):
        meta.review_periods = [str(year)] + meta.review_periods
        meta.warnings.append(f"the text does not say its year: {year} as given")
        meta.evidence.append(f"stated: review year {year} as given (--year)")
    body, annex = split_annex(text.paragraphs)
    sections = build(body, skip=preamble_length(body, meta.title), known=text.levels)
    report_id = path.stem
    decision = document.decide(meta, text.paragraphs)  # once per document; facts override it on evidence
    frame = frame_of(decision, report_id, path.name)
    warnings = decision.lines() + doc.warnings + meta.warnings
    if frame.review_year is None and frame.plan_year is None:
        warnings.append("the report's year could not be told from the text: facts without a year in their "
                        "own sentence have an empty period (a <file>.meta.toml can give review_periods)")
    table_found, targets = table_block_facts(doc, text, frame, warnings)
    if doc.lines or not targets:  # lines: a table row is never re-joined
        targets += plantable.parse(text.lines, warnings)
    facts = fact_finder.extract(sections, frame)
    place_in_text(facts, text, len(body))
    for table in tables.find_tables(text.cell_lines):  # tables that text flattened, rebuilt from its lines
        for fact in tables.table_facts([table], frame, warnings):
            place_in_table(fact, table.rows, None)
            facts.append(fact)
    facts = prefer_strong_names(facts + table_found) + plantable.target_facts(targets, report_id, path.name)
    bare = [f for f in facts if "missing_percent_sign" in f.rule]
    if bare:
        warnings.append(f"read {len(bare)} rate(s) written without a % sign, e.g. '{bare[0].quote}'")
    for fact in facts:
        if not fact.origin.section_path and fact.section:
            fact.origin.section_path = fact.section.split(PATH_SEP)
    read_confidence(facts, doc)
    own = [f for f in facts if f.scope == "own"]
    context = [f for f in facts if f.scope != "own"]
    return Report(
        id=report_id,
        source=name,
        checksum=checksum,
        title=meta.title,
        kind=meta.kind,
        issuer=meta.issuer,
        delivered=meta.delivered,
        published=meta.published,
        review_periods=meta.review_periods,
        plan_year=meta.plan_year,
        area=area_name(decision.area),  # the one area decision, also the facts' scope
        sections=sections,
        facts=own,
        context_facts=context,
        targets=targets,
        terms=glossary.parse(annex, warnings),
        warnings=warnings,
        format=doc.format,
        url=url,
    )


def area_name(name: str | None) -> str:
    """A detected or sidecar-given place as the areas file names it (an alias -> the full name)."""
    from reporter.areas import areas

    if name and areas().get(name) is None:
        raise UserError(f"area '{name}': not in reporter/data/areas.toml, and its ending (市, 区, 县…) names no level")
    return areas().canonical(name) if name else ""


def read_confidence(facts: list[Fact], doc: SourceDocument) -> None:
    """An OCR'd source: each fact's confidence times the OCR confidence of the block it was read
    from (a product: the parser's doubt about period or scope and the engine's doubt about the
    characters are independent), the document's mean where the block is not known."""
    conf = {b.index: b.confidence for b in doc.blocks}
    content = [b.confidence for b in doc.content()]
    if all(c >= 1.0 for c in content):
        return
    mean = sum(content) / len(content)
    for fact in facts:
        fact.confidence = round(fact.confidence * conf.get(fact.origin.block, mean), 3)


def place_in_text(facts: list[Fact], text: Text, body_end: int) -> None:
    """Each fact's page and block, from the paragraph its quote is in: one pass forward (facts
    come in reading order), falling back to a search from the top for the odd one out of order."""
    at = 0
    n = len(text.paragraphs)
    for fact in facts:
        probe = fact.quote[:24]
        if not probe:
            continue
        found = next((i for i in range(at, n) if probe in text.paragraphs[i]), None)
        if found is None:
            found = next((i for i in range(0, min(at, n)) if probe in text.paragraphs[i]), None)
        if found is None:
            continue
        at = found
        owner = text.owners[found]
        fact.origin.page, fact.origin.block = owner.page, owner.index
        fact.origin.annex = owner.annex or found >= body_end
        if owner.page_starts:
            fact.origin.page = page_at(owner, text.paragraphs[found].find(probe) + max(fact.start, 0))


def page_at(block: Block, offset: int) -> int | None:
    """The page a character of a block that runs across pages is on: the last page whose
    opening characters come at or before it."""
    page, pos = block.page, 0
    for later, opening in block.page_starts:
        found = block.text.find(opening[:8], pos) if opening[:8] else -1
        if found < 0 or found > offset:
            break
        page, pos = later, found + 1
    return page


def table_block_facts(doc: SourceDocument, text: Text, frame, warnings: list[str]):
    """Tables the reader handed over as tables: plan tables (指标属性) to targets, the others to
    facts through the same column roles as a table rebuilt from text, each fact placed at its
    table's row and column."""
    found: list[Fact] = []
    targets = []
    for block in doc.tables():
        rows = [r for r in block.rows if any(c.strip() for c in r)]
        if not rows:
            continue
        caption = caption_of(doc, block)
        if any(tables.PLAN_TABLE.search(c) for r in rows[:3] for c in r):
            targets += plantable.parse_rows(rows, caption, warnings, block)
            continue
        first = next((r for r, row in enumerate(rows) if any(tables.is_number(c) for c in row[1:])), len(rows))
        head = rows[:max(1, first)]  # header rows: those above the first with a figure in it
        table = tables.Table(head, rows[len(head):], " ".join(caption), layout="pipe")
        if not table.rows:
            continue
        for fact in tables.table_facts([table], frame, warnings):
            place_in_table(fact, table.rows, block)
            found.append(fact)
    return found, targets


def caption_of(doc: SourceDocument, block: Block, above: int = 3) -> list[str]:
    """The table's own caption and the paragraphs just above it (the year and the table's title)."""
    before = [b.text for b in doc.blocks if b.kind in ("heading", "paragraph") and b.index < block.index][-above:]
    return before + ([block.text] if block.text else [])


def place_in_table(fact: Fact, rows: list[list[str]], block: Block | None) -> None:
    """Row and column of the cell the fact was read from, counted in the table's body rows."""
    if block is not None:
        fact.origin.page, fact.origin.block, fact.origin.annex = block.page, block.index, block.annex
    for r, row in enumerate(rows):
        if row and tables.row_name(row[0]) == fact.label and fact.raw in row:
            fact.origin.row, fact.origin.column = r + 1, row.index(fact.raw) + 1
            return


def parse_text(text: str, name: str | PurePath, checksum: str = "", year: int | None = None) -> Report:
    """Text already decoded -> Report, through the same cleaner a text file goes through."""
    from reporter.clean import text_document

    return parse(text_document(text), str(name), checksum, year)


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
