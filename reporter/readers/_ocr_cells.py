"""A second OCR pass over the cells of ruled tables, each cell on its own crop.

Tesseract reads a whole page as blocks of text; in a ruled table it sees short pieces hemmed in
by rules, and misreads them more often than body text (a unit '(个)' read as 'Ci'). The usual
remedy for table text is to OCR each cell alone: the crop inside the cell's rules, padded with
white and scaled up when the text is small, read as a block of text (--psm 6). All the cells of
a page go to one Tesseract process (a list of images: the model is loaded once). A cell's words
replace the page pass's words in that cell when Tesseract is more confident of them (a lone
row number or a '%' beside a bracket it reads better in the page's context); a cell the second
pass reads nothing in keeps the page pass's words.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reporter.readers._glyphs import Char, Page
from reporter.readers._tables import Grid, grid_of, table_regions

PAD = 12  # white pixels around a cell's crop
INSET = 1.5  # points: the crop stays clear of the cell's rules (a rule is under 1 pt)
MIN_TEXT_PX = 48  # a crop lower than this (in pixels) is scaled up to it
MAX_SCALE = 3.0


@dataclass
class Cell:
    grid: int
    cid: int
    box: tuple[int, int, int, int]  # pixels of the page image: left, top, right, bottom
    scale: float


def cells_of(grids: list[Grid], k: float) -> list[Cell]:
    """Every logical cell of the grids (a merged cell once) with its inner box in pixels."""
    out: list[Cell] = []
    for g, grid in enumerate(grids):
        boxes: dict[int, list[float]] = {}
        for r, row in enumerate(grid.cell):
            for c, cid in enumerate(row):
                x0, y0, x1, y1 = grid.xs[c], grid.ys[r], grid.xs[c + 1], grid.ys[r + 1]
                b = boxes.setdefault(cid, [x0, y0, x1, y1])
                b[:] = [min(b[0], x0), min(b[1], y0), max(b[2], x1), max(b[3], y1)]
        for cid, (x0, y0, x1, y1) in boxes.items():
            box = (int((x0 + INSET) / k), int((y0 + INSET) / k), int((x1 - INSET) / k), int((y1 - INSET) / k))
            if box[2] - box[0] > 4 and box[3] - box[1] > 4:
                out.append(Cell(g, cid, box, 1.0))
    return out


def _ink(image, box) -> bool:
    import numpy as np

    return bool((np.asarray(image.crop(box)) < 128).any())


def _crop(image, cell: Cell):
    from PIL import Image, ImageOps

    crop = image.crop(cell.box)
    if crop.height < MIN_TEXT_PX:
        cell.scale = min(MAX_SCALE, MIN_TEXT_PX / crop.height)
        crop = crop.resize((round(crop.width * cell.scale), round(crop.height * cell.scale)), Image.LANCZOS)
    return ImageOps.expand(crop, border=PAD, fill=255)


def recognise_cells(exe: str, lang: str, image, page: Page, k: float, timeout: float,
                    words: Callable[[str, float], list[Char]]) -> None:
    """Each inked ruled cell read again on its own crop; the reading with the higher mean word
    confidence (the page pass's or the cell's) is the one kept, and its confidence carried."""
    grids = [grid_of(h, v) for h, v in table_regions(page)]
    image = image.convert("L")
    cells = [c for c in cells_of(grids, k) if _ink(image, c.box)]
    if not cells:
        return
    tsvs = _ocr_crops(exe, lang, [_crop(image, c) for c in cells], timeout)
    old: dict[tuple[int, int], list[Char]] = {}
    for ch in page.chars:
        old.setdefault(_cell_of(grids, ch), []).append(ch)
    replaced: set[tuple[int, int]] = set()
    new: list[Char] = []
    for cell, tsv in zip(cells, tsvs):
        got = words(tsv, k / cell.scale)
        before = old.get((cell.grid, cell.cid), [])
        if not got or (before and mean_confidence(before) >= mean_confidence(got)):
            continue
        dx, dy = (cell.box[0] - PAD / cell.scale) * k, (cell.box[1] - PAD / cell.scale) * k
        for ch in got:
            ch.x0, ch.x1, ch.top, ch.bottom = ch.x0 + dx, ch.x1 + dx, ch.top + dy, ch.bottom + dy
        new += got
        replaced.add((cell.grid, cell.cid))
    page.chars = [ch for ch in page.chars if _cell_of(grids, ch) not in replaced] + new


def mean_confidence(chars: list[Char]) -> float:
    """Words' confidences weighted by their length."""
    weight = sum(len(c.text) for c in chars)
    return sum(c.confidence * len(c.text) for c in chars) / weight if weight else 0.0


def _cell_of(grids: list[Grid], ch: Char) -> tuple[int, int] | None:
    mid = ((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2)
    for g, grid in enumerate(grids):
        at = grid.locate(*mid)
        if at is not None:
            return g, grid.cell[at[0]][at[1]]
    return None


def _ocr_crops(exe: str, lang: str, crops: list, timeout: float) -> list[str]:
    """The crops through one Tesseract process (a list file of images) -> one TSV per crop."""
    with tempfile.TemporaryDirectory(prefix="reporter-ocr-") as tmp:
        names = []
        for i, crop in enumerate(crops):
            names.append(str(Path(tmp) / f"c{i}.png"))
            crop.save(names[-1], dpi=(300, 300))
        listing = Path(tmp) / "cells.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            proc = subprocess.run([exe, str(listing), "stdout", "-l", lang, "--psm", "6", "--dpi", "300", "tsv"],
                                  capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:  # the page pass's reading stands
            return [""] * len(crops)
    if proc.returncode:
        return [""] * len(crops)
    return _split_pages(proc.stdout.decode("utf-8", "replace"), len(crops))


def _split_pages(tsv: str, count: int) -> list[str]:
    """Tesseract's TSV of several images -> one TSV (with the header) per image, by page_num."""
    lines = tsv.splitlines()
    if not lines:
        return [""] * count
    header, buckets = lines[0], [[] for _ in range(count)]
    for line in lines[1:]:
        if line.startswith("level"):
            continue
        fields = line.split("\t", 2)
        try:
            n = int(fields[1]) - 1
        except (IndexError, ValueError):
            continue
        if 0 <= n < count:
            buckets[n].append(line)
    return ["\n".join([header, *rows]) for rows in buckets]
