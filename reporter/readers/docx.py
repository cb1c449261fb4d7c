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
import zlib

from reporter.errors import UserError
from reporter.source import Block, SourceDocument

NAME = "docx"
SUFFIXES = (".docx",)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
ANNEX = re.compile(r"^附件\s*[：:\d]?")
MAX_PARTS = 2000  # a Word file has tens of parts; thousands is a ZIP bomb or not Word
MAX_UNPACKED = 512 * 2**20  # bytes all entries unpack to


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def read(name: str, data: bytes) -> SourceDocument:
    check_package(name, data)
    import docx

    from lxml import etree

    try:  # opening: python-docx and lxml raise many kinds on a damaged part, each the file's fault
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001
        raise UserError(f"{name}: a damaged Word document ({type(exc).__name__}: {' '.join(str(exc).split())[:80]})") from None
    try:  # walking: what a malformed part gives (a style id or grid that does not resolve)
        blocks = body_blocks(document, footnotes(document))
        meta = core_meta(document)
    except (ValueError, KeyError, IndexError, etree.LxmlError) as exc:
        raise UserError(f"{name}: a damaged Word document ({type(exc).__name__}: {' '.join(str(exc).split())[:80]})") from None
    from reporter.clean import tidy_document

    for i, block in enumerate(blocks):
        block.index = i
    return tidy_document(SourceDocument(blocks, NAME, meta, []))


def check_package(name: str, data: bytes) -> None:
    """A .docx is a ZIP holding word/document.xml: say plainly what it is when it is not."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > MAX_UNPACKED or len(names) > MAX_PARTS:
                raise UserError(f"{name}: a ZIP archive that unpacks to {unpacked / 2**20:.0f} MiB in {len(names)} "
                                "entries: too large for a Word document")
            bad = z.testzip()  # every entry read once: a damaged one is named here, not deep in a parser
    # what zipfile raises for bytes that are no usable ZIP: a bad or truncated archive (BadZipFile, EOFError,
    # zlib.error, OSError, ValueError), an unsupported compression method (NotImplementedError) or an
    # encrypted entry (RuntimeError): each is the same answer to the user, not a Word document
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        hint = "; it looks like a Word 97-2003 file: name it .doc" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise UserError(f"{name}: not a Word document (a .docx is a ZIP archive; this file is not one{hint})") from None
    if bad is not None:
        raise UserError(f"{name}: a damaged Word document (entry {bad[:60]} does not unpack)")
    if "word/document.xml" not in names:
        shown = ", ".join(" ".join(n.split())[:40] for n in names[:3]) or "nothing"
        raise UserError(f"{name}: a ZIP archive but not a Word document (no word/document.xml; it holds {shown})")


def body_blocks(document, notes: dict[str, str] | None = None) -> list[Block]:
    """Paragraphs and tables in the order the body has them (content controls opened); an annex
    starts at its 附件 line; a footnote follows the paragraph that cites it, as `注：…`."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    notes = notes or {}
    blocks: list[Block] = []
    annex = False
    for child in body_children(document.element.body):
        if child.tag == f"{W}p":
            text = paragraph_text(child)
            if not text:
                continue
            annex = annex or bool(ANNEX.match(text)) and len(blocks) > 3
            level = heading_level(Paragraph(child, document))
            cited = [notes[i] for i in child.xpath("./w:r/w:footnoteReference/@w:id") if i in notes]
            blocks.append(Block("heading" if level else "paragraph", text, level=level, annex=annex, notes=cited))
            blocks += [Block("paragraph", note if note.startswith("注") else f"注：{note}", annex=annex) for note in cited]
        elif child.tag == f"{W}tbl":
            rows = table_rows(Table(child, document))
            if rows:
                blocks.append(Block("table", "", rows=rows, annex=annex))
    return blocks


def body_children(element, depth: int = 0):
    """The body's paragraphs and tables, through content controls (w:sdt) that wrap them."""
    for child in element.iterchildren():
        if child.tag == f"{W}sdt" and depth < 20:
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_children(content, depth + 1)
        elif child.tag in (f"{W}p", f"{W}tbl"):
            yield child


TEXT_NODES = ".//w:t[not(ancestor::w:txbxContent)] | .//w:tab[not(ancestor::w:txbxContent)] | .//w:br[not(ancestor::w:txbxContent)]"


def paragraph_text(p) -> str:
    """A paragraph's text with its tracked insertions and hyperlinks, without deleted text
    (w:delText) and without text boxes anchored in it (their copy in mc:Fallback would double it)."""
    breaks = {f"{W}tab": "\t", f"{W}br": "\n"}
    nodes = p.xpath(TEXT_NODES)  # python-docx's elements know the w: prefix
    return "".join(breaks[n.tag] if n.tag in breaks else (n.text or "") for n in nodes).strip()


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


def footnotes(document) -> dict[str, str]:
    """The footnotes' texts by id (the separators left out)."""
    from lxml import etree

    part = next((p for p in document.part.package.iter_parts() if str(p.partname).endswith("/footnotes.xml")), None)
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
        if text and note.get(f"{W}id") is not None:
            out[note.get(f"{W}id")] = text
    return out


def core_meta(document) -> dict[str, str]:
    """The title the file's properties give (often a template's leftover: only when it is Chinese text)."""
    try:
        title = (document.core_properties.title or "").strip()
    except (ValueError, AttributeError):
        return {}
    return {"title": title} if re.search(r"[\u4e00-\u9fff]{4,}", title) and len(title) <= 80 else {}
