"""The source document: what a reader hands the parser (Pandoc's reader output, Pelican's
content + metadata), so the headings, tables and pages a PDF, web page or Word file knows are
not thrown away and guessed again from text.

Shared contract between readers (issue 20), the document stage and facts (issue 19) and areas
(issue 21). Plain data, no I/O: `parse` takes one of these and never touches the disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table", "furniture"]


@dataclass
class Block:
    """One block of a source as its format knows it.

    A heading has a `level` (1 = top; 0 when the format does not say); a table has `rows` of cell
    strings, header rows first, and its caption in `text`; furniture (running headers, footers,
    page numbers, web chrome) is kept so warnings can count it, but the parser skips it.
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    page: int | None = None  # 1-based page of a PDF or a scan
    index: int = 0  # position of the block in the source, counted from 0
    confidence: float = 1.0  # the OCR engine's confidence in this block's text (1.0 when not OCR)
    annex: bool = False  # the reader knows the block is in an annex (附件) of the report
    notes: list[str] = field(default_factory=list)  # footnotes the block's text refers to
    # a block that runs onto later pages (a paragraph across a page break): (page, the opening
    # characters of its text on that page), so a fact is cited on the page its figure is on
    page_starts: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class SourceDocument:
    """A source read into blocks, with the metadata the reader found in the file itself
    (title, issuer, delivered, published, url: ISO dates, plain strings).

    Running text (plain text, Markdown, a PDF's text layer) also keeps `lines`: the cleaned lines
    before paragraphs were re-joined, and `cell_lines`, the same with spaces kept. A table that
    text flattened is found in them (a table row is never re-joined); a format that knows its
    tables leaves both empty and hands the tables over as table blocks.
    """

    blocks: list[Block]
    format: str = "text"  # the reader's name: text, pdf, ocr, html, docx ...
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    cell_lines: list[str] = field(default_factory=list)

    def content(self) -> list[Block]:
        """The blocks the parser reads: everything but page furniture."""
        return [b for b in self.blocks if b.kind != "furniture"]

    def text_blocks(self) -> list[Block]:
        """Headings and paragraphs, in order: what becomes the report's paragraphs."""
        return [b for b in self.blocks if b.kind in ("heading", "paragraph")]

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]

    def furniture(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "furniture"]

    def pages(self) -> int:
        """How many pages the source has (0 when its format has none)."""
        return max((b.page or 0 for b in self.blocks), default=0)
