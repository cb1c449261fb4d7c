"""What a page is made of, for the PDF and OCR readers: characters (or OCR words) with their
boxes, rules, pages; lines built from characters. Coordinates are PDF points from the page's
top-left corner. Knows nothing of the PDF library or the OCR engine."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter

TOL = 2.0  # points: rules closer than this are one rule; a cell edge may miss a char by this much


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    confidence: float = 1.0  # an OCR engine's confidence in this text (1.0 for a text layer)


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page: int
    confidence: float = 1.0


@dataclass(slots=True)
class Rule:
    """A ruling line: horizontal when it is wider than tall."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Item:
    """A page's content in order: a line of text or a table (rows of cells)."""

    page: int
    top: float
    line: Line | None = None
    rows: list[list[str]] | None = None
    merged_last: set[int] = field(default_factory=set)  # columns that use vertical merging
    confidence: float = 1.0
    xs: list[float] = field(default_factory=list)  # a table's column stops


# ---------------------------------------------------------------- lines


def mean_confidence(parts: list[tuple[float, int]]) -> float:
    """The OCR confidence of a piece of text: its words' confidences weighted by their length
    (a mean, not the minimum: one smudged word should not zero a whole paragraph; the parser
    multiplies it into each figure's own confidence)."""
    weight = sum(n for _, n in parts)
    if not weight:
        return 1.0
    return round(sum(c * n for c, n in parts) / weight, 3)


def join_text(a: str, b: str) -> str:
    """Two pieces of one phrase: Chinese runs on; Latin words broken at a line end get a space."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def lines_of(chars: list[Char], page: int) -> list[Line]:
    """Characters -> lines, top to bottom: characters whose middles sit within half a character
    of each other share a line, ordered left to right (a PDF may draw the quotes of a line after
    its text); a gap of more than 2.5 characters splits a line into pieces (columns, cells)."""
    out: list[Line] = []
    row: list[Char] = []
    first = 0.0
    for mid, _, ch in sorted(((c.top + c.bottom) / 2, i, c) for i, c in enumerate(chars)):
        if row and mid - first > max(min(ch.size, row[0].size), 1.0) / 2:
            out += _pieces(row, page)
            row = []
        if not row:
            first = mid
        row.append(ch)
    if row:
        out += _pieces(row, page)
    return [line for line in out if line.text]


def _pieces(row: list[Char], page: int) -> list[Line]:
    row.sort(key=attrgetter("x0"))
    out, cur = [], [row[0]]
    for ch in row[1:]:
        last = cur[-1]
        if ch.x0 - last.x1 > 2.5 * max(ch.size, last.size, 1.0):
            out.append(_line(cur, page))
            cur = []
        cur.append(ch)
    out.append(_line(cur, page))
    return out


def _line(chars: list[Char], page: int) -> Line:
    """One pass over a line's characters: its text (a space kept between Latin words that OCR
    or a PDF without space characters set apart), box, usual size, weight and confidence."""
    parts: list[str] = []
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    sizes: Counter[float] = Counter()
    bold = ink = weight = 0
    conf = 0.0
    prev = None
    for ch in chars:
        text = ch.text
        if (prev is not None and ch.x0 - prev.x1 > 0.25 * max(ch.size, 1.0) and _latin(prev.text[-1:]) and _latin(text[:1])):
            parts.append(" ")
        parts.append(text)
        conf += ch.confidence * len(text)
        weight += len(text)
        prev = ch
        if text.strip():
            ink += 1
            x0, top, x1, bottom = min(x0, ch.x0), min(top, ch.top), max(x1, ch.x1), max(bottom, ch.bottom)
            sizes[round(ch.size, 1)] += 1
            bold += ch.bold
    if not ink:  # spaces only: the line is dropped by the caller
        return Line("", chars[0].x0, chars[0].top, chars[-1].x1, chars[0].bottom, chars[0].size, False, page)
    return Line("".join(parts).strip(), x0, top, x1, bottom, sizes.most_common(1)[0][0], bold * 2 > ink, page,
                round(conf / weight, 3) if weight else 1.0)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
