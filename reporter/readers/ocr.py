"""OCR of Chinese page images (scanned PDFs, .png/.jpg/.tif) with Tesseract 5 and chi_sim.

Tesseract (Apache-2.0, Debian's tesseract-ocr + tesseract-ocr-chi-sim, ~50 MB) runs as a
separate process per page, one thread each, as many at once as there are cores; its word
confidences become the blocks' confidence. It takes seconds a page, so it is off by default:
`reporter ingest --ocr` or REPORTER_OCR=1 turns it on. The comparison with RapidOCR is in
docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from reporter.clean import tidy_document, tidy_line
from reporter.errors import UserError
from reporter.readers._glyphs import Char, Page, Rule
from reporter.readers._layout import layout
from reporter.readers._ocr_cells import mean_confidence as _confidence, recognise_cells
from reporter.source import SourceDocument
from reporter.textui import progress

NAME = "ocr"
SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
DPI = 300  # pages are rendered for OCR at this resolution (Tesseract reads ~300 dpi best)
LANG = "chi_sim"
LOW_CONFIDENCE = 0.80  # a page whose mean word confidence is lower gets a warning
PAGE_TIMEOUT = 180  # seconds: one page that takes longer is refused, not waited on forever
MAX_PIXELS = 60_000_000  # an image larger than this is refused (a decompression bomb, not a page)
CELL_PASS = True  # the cells of ruled tables read again one by one (reporter/readers/_ocr_cells.py)
HOW_TO_ENABLE = ("run `reporter ingest --ocr` (or set REPORTER_OCR=1) to read it by OCR "
                 "(Tesseract with chi_sim: bash scripts/setup.sh installs it)")

_ON: ContextVar[bool | None] = ContextVar("reporter_ocr", default=None)


def enabled() -> bool:
    """OCR on for this ingest (`--ocr`), else as the REPORTER_OCR setting says (off)."""
    flag = _ON.get()
    if flag is not None:
        return flag
    return os.environ.get("REPORTER_OCR", "").strip().lower() in ("1", "true", "yes", "on")


@contextmanager
def ocr_on(flag: bool = True) -> Iterator[None]:
    token = _ON.set(flag)
    try:
        yield
    finally:
        _ON.reset(token)


@lru_cache(maxsize=1)
def engine_name() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        return ""
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    first = (out.stdout or out.stderr).splitlines()[:1]
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    if LANG not in langs:
        return ""
    return f"{first[0].strip() if first else 'tesseract'} {LANG}"


def _need_engine() -> str:
    exe = shutil.which("tesseract")
    if exe is None or not engine_name():
        raise UserError(f"OCR needs Tesseract with Chinese ({LANG}): apt-get install tesseract-ocr tesseract-ocr-chi-sim, or bash scripts/setup.sh")
    return exe


# ---------------------------------------------------------------- pages


def read_pages(render: Callable[[int], object], numbers: list[int], name: str) -> list[Page]:
    """OCR the pages `numbers` (render(n) gives page n's image, in this thread: PDFium is not
    thread-safe), Tesseract processes running in parallel, a progress bar on a terminal."""
    exe = _need_engine()
    workers = max(1, min(os.cpu_count() or 1, 4))
    pages: list[Page] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for n in progress(numbers, f"OCR {name}", quiet=False):
            pending.append(pool.submit(ocr_image, exe, render(n), n, DPI))
            while len(pending) > workers:
                pages.append(pending.popleft().result())
        pages += [f.result() for f in pending]
    return pages


def ocr_image(exe: str, image, number: int, dpi: float) -> Page:
    """One page image -> a Page of Tesseract's words, each with its line's box and height (the
    layout groups them into lines and paragraphs as it does a text layer's characters)."""
    buf = io.BytesIO()
    image.save(buf, "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", LANG, "--dpi", str(int(dpi)), "tsv"], input=buf.getvalue(),
                              capture_output=True, timeout=PAGE_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise UserError(f"OCR of page {number} took longer than {PAGE_TIMEOUT} s") from None
    if proc.returncode:
        raise UserError(f"OCR of page {number} failed: {proc.stderr.decode(errors='replace').strip()[:200]}")
    page = _page(number, image, 72.0 / dpi, proc.stdout)
    if CELL_PASS:
        recognise_cells(exe, LANG, image, page, 72.0 / dpi, PAGE_TIMEOUT, _words)
        page.confidence = _confidence(page.chars)
    return page


def _page(number: int, image, k: float, tsv: bytes) -> Page:
    chars = _words(tsv.decode("utf-8", "replace"), k)
    return Page(number, image.width * k, image.height * k, chars, rules=ruling(image, k), confidence=_confidence(chars))


def ruling(image, k: float, min_mm: float = 10.0) -> list[Rule]:
    """The ruling lines of a page image: runs of dark pixels at least `min_mm` long (longer than
    any stroke of a character at body sizes), one Rule per pixel row or column of a run; the
    layout merges those closer than a couple of points, as it does a text layer's rules."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < 128
    min_px = int(min_mm / 25.4 * 72 / k)
    out = [Rule(x0 * k, y * k, x1 * k, (y + 1) * k) for y, x0, x1 in _runs(dark, min_px)]
    out += [Rule(y * k, x0 * k, (y + 1) * k, x1 * k) for y, x0, x1 in _runs(dark.T, min_px)]
    return out


def _runs(dark, min_px: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of each run of True at least min_px long, row by row."""
    import numpy as np

    edges = np.diff(np.pad(dark, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    keep = ends - starts >= min_px
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))


def _words(tsv: str, k: float) -> list[Char]:
    """Tesseract's TSV -> words as Chars: box from the word, top/bottom and size from its line."""
    out: list[Char] = []
    line_box = (0.0, 0.0)
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            level, left, top, width, height = (int(row[f]) for f in ("level", "left", "top", "width", "height"))
            conf = float(row["conf"])
        except (TypeError, ValueError, KeyError):
            continue
        if level == 4:
            line_box = (top * k, (top + height) * k)
        text = (row.get("text") or "").strip()
        if level != 5 or not text or conf < 0:
            continue
        text = ocr_repair(text)
        if not text:
            continue
        size = max(line_box[1] - line_box[0], 1.0)
        out.append(Char(text, left * k, line_box[0], (left + width) * k, line_box[1], size, False, conf / 100.0))
    return out


# Tesseract's usual misreadings of a printed Chinese page: a table rule read as '|' (never
# text in these reports), '〈' for a bracket, and the dash of '——2024年…' as two '一'.
REPAIRS = str.maketrans({"|": None, "〈": "(", "〉": ")", "丨": None})
DASHES = re.compile(r"^一一(?=\d)")


def ocr_repair(word: str) -> str:
    return DASHES.sub("——", word.translate(REPAIRS)).replace("((", "(").strip()


NUMBER_CELL = re.compile(r"^[“”\"'‘’`|丨,.、\s]*(\d{1,3})[“”\"'‘’`|丨,.、\s]+$|^[“”\"'‘’`|丨,.、\s]+(\d{1,3})$")


def repair_cells(blocks: list) -> None:
    """A table cell that is a row number with a stray mark OCR read beside it ('7“', '|16|')."""
    for block in blocks:
        if block.kind == "table":
            block.rows = [[NUMBER_CELL.sub(r"\1\2", cell) for cell in row] for row in block.rows]


# ---------------------------------------------------------------- image files


def sniff(head: bytes) -> bool:
    return head.startswith(MAGIC)


def read(name: str, data: bytes) -> SourceDocument:
    """An image file (every frame of a TIFF a page) -> blocks by OCR; refused when OCR is off."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    path = Path(name)
    if not enabled():
        raise UserError(f"{path}: an image has no text to read without OCR; {HOW_TO_ENABLE}")
    exe = _need_engine()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as im:
            frames = [(f.convert("L"), _dpi(f)) for f in ImageSequence.Iterator(im)]
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise UserError(f"{path}: not a readable image ({exc})") from None
    pages = [ocr_image(exe, img, n, dpi) for n, (img, dpi) in progress(list(enumerate(frames, 1)), f"OCR {path.name}", quiet=len(frames) < 2)]
    warnings = [f"read {len(pages)} image page(s) by OCR ({engine_name()})"]
    blocks, lines = layout(pages)
    repair_cells(blocks)
    lines = [tidy_line(line, warnings) for line in lines]
    return tidy_document(SourceDocument(blocks, format=NAME, warnings=warnings, lines=lines, cell_lines=lines))


def _dpi(image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50 <= value <= 1200 else DPI
