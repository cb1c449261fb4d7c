"""Word (.docx) through python-docx: paragraphs and tables in body order, heading styles and
outline levels as section levels, tables as rows of cells, footnotes after the text.

python-docx reads the document part; footnotes (which it has no API for) come from the
footnotes part of the same package, parsed with lxml. Every failure is one line: a ZIP that
is not a Word document, a file that is not a ZIP at all, a document with no text.
"""
from __future__ import annotations

import io
import re
import zipfile

from reporter.errors import UserError
from reporter.source import Block, SourceDocument

NAME = "docx"
SUFFIXES = (".docx",)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.I)
ANNEX = re.compile(r"^附件\s*[：:\d]?")
MAX_PARTS = 2000  # a Word file has tens of parts; thousands is a ZIP bomb or not Word


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def read(name: str, data: bytes) -> SourceDocument:
    check_package(name, data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UserError(f"{name}: not a readable Word document ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Exception as exc:  # lxml and python-docx raise many kinds on a damaged part
        if type(exc).__name__ in ("XMLSyntaxError", "InvalidXmlError", "UnrecognizedImageError"):
            raise UserError(f"{name}: a damaged Word document ({type(exc).__name__})") from None
        raise
    from reporter.clean import tidy_document

    blocks = body_blocks(document)
    blocks += [Block("paragraph", text) for text in footnotes(document)]
    for i, block in enumerate(blocks):
        block.index = i
    meta = core_meta(document)
    return tidy_document(SourceDocument(blocks, NAME, meta, []))


def check_package(name: str, data: bytes) -> None:
    """A .docx is a ZIP holding word/document.xml: say plainly what it is when it is not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise UserError(f"{name}: not a Word document (a .docx is a ZIP archive; this file is not one)") from None
    if len(names) > MAX_PARTS:
        raise UserError(f"{name}: a ZIP archive of {len(names)} entries, not a Word document")
    if "word/document.xml" not in names:
        shown = ", ".join(names[:3]) or "nothing"
        raise UserError(f"{name}: a ZIP archive but not a Word document (no word/document.xml; it holds {shown})")


def body_blocks(document) -> list[Block]:
    """Paragraphs and tables in the order the body has them; an annex starts at its 附件 line."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    annex = False
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if not text:
                continue
            annex = annex or bool(ANNEX.match(text)) and len(blocks) > 3
            level = heading_level(para)
            blocks.append(Block("heading" if level else "paragraph", text, level=level, annex=annex))
        elif child.tag == f"{W}tbl":
            rows = table_rows(Table(child, document))
            if rows:
                blocks.append(Block("table", "", rows=rows, annex=annex))
    return blocks


def heading_level(para) -> int:
    """1.. for a heading (a Heading N style, or an outline level in the paragraph or its style)."""
    style = para.style
    names = []
    while style is not None and len(names) < 10:
        names.append(style.name or "")
        lvl = outline_level(style.element)
        if lvl is not None:
            return lvl
        style = style.base_style
    lvl = outline_level(para._p)
    if lvl is not None:
        return lvl
    for name in names:
        m = HEADING_STYLE.match(name.strip())
        if m:
            return max(1, int(m.group(1)))
    return 0


def outline_level(element) -> int | None:
    found = element.find(f"{W}pPr/{W}outlineLvl")
    if found is None:
        return None
    try:
        value = int(found.get(f"{W}val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < 9 else None  # 9 is body text


def table_rows(table) -> list[list[str]]:
    """Rows of cell texts on the table's grid (a merged cell's text in each grid cell it spans);
    a nested table's text stays in its cell."""
    rows = []
    for row in table.rows:
        try:
            cells = [cell.text.strip() for cell in row.cells]
        except (IndexError, ValueError, AttributeError):  # a malformed grid: the cells as written
            cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")).strip() for tc in row._tr.iter(f"{W}tc")]
        if any(cells):
            rows.append(cells)
    return rows


def footnotes(document) -> list[str]:
    """The footnotes' texts, numbered as Word numbers them (the separators left out)."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if str(p.partname).endswith("/footnotes.xml")), None)
    if part is None:
        return []
    try:
        root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return []
    out = []
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
        if text:
            out.append(f"注{len(out) + 1}：{text}")
    return out


def core_meta(document) -> dict[str, str]:
    """The title the file's properties give (often a template's leftover: only when it is Chinese text)."""
    try:
        title = (document.core_properties.title or "").strip()
    except (ValueError, AttributeError):
        return {}
    return {"title": title} if re.search(r"[\u4e00-\u9fff]{4,}", title) and len(title) <= 80 else {}
