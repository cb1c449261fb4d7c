"""PDF: the text layer read with PDFium (pypdfium2), laid out into blocks by _layout.

PDFium gives each character's box, size and font, and the page's path objects (the table
rules), at about pdftotext's speed; pdfplumber gives the same from pure Python ~6x slower (see
docs/ARCHITECTURE.md). Pages without a text layer are read by OCR when it is switched on
(`reporter ingest --ocr`); otherwise a PDF of images is refused in one line saying so.
"""
from __future__ import annotations

import ctypes
from pathlib import Path

from reporter.clean import tidy_document, tidy_line
from reporter.errors import UserError
from reporter.readers import ocr
from reporter.readers._glyphs import Char, Page, Rule
from reporter.readers._layout import layout
from reporter.source import SourceDocument
from reporter.textui import progress

NAME = "pdf"
SUFFIXES = (".pdf",)
PROGRESS_FROM = 20  # pages: a shorter PDF reads in a blink, no bar
MIN_CHARS = 20  # a page with fewer characters in its text layer is taken as an image


def sniff(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def read(name: str, data: bytes) -> SourceDocument:
    """A PDF's bytes -> its blocks; a broken, encrypted or image-only PDF is one line."""
    import pypdfium2 as pdfium

    path = Path(name)
    if b"%PDF-" not in data[:1024]:
        raise UserError(f"{path}: not a PDF (no %PDF- header): a different kind of file with a .pdf name?")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UserError(_open_error(path, exc)) from None
    try:
        return _read(path, doc)
    except pdfium.PdfiumError as exc:
        raise UserError(f"{path}: the PDF is damaged ({exc})") from None
    finally:
        doc.close()


def _open_error(path: Path, exc: Exception) -> str:
    if "password" in str(exc).lower():
        return f"{path}: the PDF is encrypted with a password; save an unprotected copy to read it"
    return f"{path}: not a readable PDF ({exc})"


def _read(path: Path, doc) -> SourceDocument:
    count = len(doc)
    if count == 0:
        raise UserError(f"{path}: the PDF has no pages")
    pages: list[Page] = []
    images: list[int] = []
    steps = progress(range(count), f"reading {path.name}", quiet=count < PROGRESS_FROM)
    for n in steps:
        page = doc[n]
        try:
            read_page = page_of(page, n + 1)
        finally:
            page.close()
        if sum(1 for c in read_page.chars if c.text.strip()) < MIN_CHARS:
            images.append(n + 1)
        pages.append(read_page)
    warnings: list[str] = []
    if images:
        pages = _ocr_pages(path, doc, pages, images, warnings)
    blocks, lines = layout(pages)
    if images:
        ocr.repair_cells(blocks)
    lines = [tidy_line(line, warnings) for line in lines]
    return tidy_document(SourceDocument(blocks, format="ocr" if len(images) == count else NAME, meta=_meta(doc), warnings=warnings,
                                        lines=lines, cell_lines=lines))


def _ocr_pages(path: Path, doc, pages: list[Page], images: list[int], warnings: list[str]) -> list[Page]:
    """Pages without a text layer: OCR them when it is on, else refuse (all images) or warn."""
    if not ocr.enabled():
        if len(images) == len(pages):
            raise UserError(f"{path}: the PDF has no text layer (scanned pages); {ocr.HOW_TO_ENABLE}")
        warnings.append(f"{len(images)} page(s) without a text layer were skipped ({_pages(images)}); {ocr.HOW_TO_ENABLE}")
        return [p for p in pages if p.number not in images]
    rendered = ocr.read_pages(lambda n: _render(doc, n), images, path.name)
    by_number = {p.number: p for p in rendered}
    low = [p.number for p in rendered if p.confidence < ocr.LOW_CONFIDENCE]
    warnings.append(f"read {len(images)} page(s) by OCR ({ocr.engine_name()}); figures from them carry its confidence")
    if low:
        warnings.append(f"OCR confidence is low on page(s) {_pages(low)}: check the figures read from them")
    return [by_number.get(p.number, p) for p in pages]


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:8]))
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")


def _render(doc, number: int):
    """Page `number` (1-based) as a grayscale image at the OCR resolution."""
    page = doc[number - 1]
    try:
        return page.render(scale=ocr.DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()


def _meta(doc) -> dict[str, str]:
    """Title from the document information, when it says one."""
    import pypdfium2 as pdfium

    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):  # optional: a broken info dict is not a broken PDF
        return {}
    title = (info.get("Title") or "").strip()
    return {"title": title} if title else {}


# ---------------------------------------------------------------- one page


def page_of(page, number: int) -> Page:
    """One page's characters (PDFium's own spaces and line breaks left out) and ruling lines."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = _chars(raw, textpage, height)
    finally:
        textpage.close()
    return Page(number, width, height, chars, _rules(raw, page, height))


def _chars(raw, textpage, height: float) -> list[Char]:
    tp = textpage.raw
    rect = raw.FS_RECTF()
    ref = ctypes.byref(rect)
    buf = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    unicode, generated, box, size_of = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    text_object, void_p = raw.FPDFText_GetTextObject, ctypes.c_void_p
    out: list[Char] = []
    last_obj, bold = None, False
    for i in range(raw.FPDFText_CountChars(tp)):
        code = unicode(tp, i)
        if code in (0, 10, 13, 0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000 or (code == 32 and generated(tp, i)):
            continue  # PDFium's own line breaks and word spaces, and what is no character
        box(tp, i, ref)
        key = ctypes.cast(text_object(tp, i), void_p).value
        if key != last_obj:  # a text object has one font: ask once per object
            raw.FPDFText_GetFontInfo(tp, i, buf, len(buf), ctypes.byref(flags))
            name = buf.value.lower()
            bold = b"bold" in name or b"heavy" in name or b"black" in name or bool(flags.value & (1 << 18))
            last_obj = key
        out.append(Char(chr(code), rect.left, height - rect.top, rect.right, height - rect.bottom, size_of(tp, i), bold))
    return out


def _rules(raw, page, height: float) -> list[Rule]:
    """Path objects' bounds: the table rules (a thin path is a line, a box gives its edges).
    Walked with PDFium's own calls: a page of a printed Word file holds thousands of objects,
    and wrapping each in a Python object costs more than reading the page's text."""
    out: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    boxes = [ctypes.byref(v) for v in (left, bottom, right, top)]
    stack = [(raw.FPDFPage_CountObjects(page.raw), lambda i: raw.FPDFPage_GetObject(page.raw, i), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 2:  # a form XObject: its objects too
                stack.append((raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), depth + 1))
            elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, *boxes):
                if right.value - left.value > 1 or top.value - bottom.value > 1:
                    out.append(Rule(left.value, height - top.value, right.value, height - bottom.value))
    return out
