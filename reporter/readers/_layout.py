"""Page layout -> blocks: the part of the PDF reader that knows nothing of the PDF library.

Characters with their boxes, font size and weight, and the ruling lines of each page go in;
blocks come out: table cells from the ruling (merged cells filled across what they span, a table
continued on the next page joined to its first part), running headers, footers and page
numbers set aside as furniture, hard line breaks re-joined where a line runs to the right edge
and the next one is not indented, headings where the size or weight says so. Coordinates are
PDF points measured from the page's top-left corner.
"""
from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter
from dataclasses import dataclass, field

from reporter.source import Block

# a page number as printed ('— 3 —', '第3页 共9页', '3/9', 'Page 3'), or as OCR reads a dash ('一')
PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－~～一]*\s*\d{1,4}\s*[—–\-－~～一]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
MARGIN = 0.1  # running headers and footers sit in the top and bottom tenth of a page
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


# ---------------------------------------------------------------- furniture


def furniture_keys(pages: list[Page], lines: dict[int, list[Line]]) -> set[str]:
    """Texts in a page's top or bottom band that recur on other pages (page numbers masked):
    running headers and footers. One page alone has none to compare, so none is found."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_key(line) for line in lines[page.number] if _in_margin(line, page)}
        seen.update(keys)
    need = max(2, len(pages) // 3)
    return {k for k, n in seen.items() if n >= need}


def _margin_chars(page: Page) -> list[Char]:
    """The characters in a page's top and bottom bands, where running headers and footers are."""
    top, bottom = page.height * MARGIN, page.height * (1 - MARGIN)
    return [c for c in page.chars if c.top < top or c.bottom > bottom]


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom < page.height * MARGIN or line.top > page.height * (1 - MARGIN)


def is_furniture(line: Line, page: Page, keys: set[str]) -> bool:
    if not _in_margin(line, page):
        return False
    return bool(PAGE_NUMBER.match(re.sub(r"\s+", " ", line.text).strip())) or _key(line) in keys


# ---------------------------------------------------------------- tables


def rules_of(page: Page) -> tuple[list[Rule], list[Rule]]:
    """The page's thin rules, split into horizontal and vertical (boxes become their 4 edges)."""
    horiz, vert = [], []
    for r in page.rules:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if h <= 2.5 and w >= 8:
            horiz.append(r)
        elif w <= 2.5 and h >= 8:
            vert.append(r)
        elif w >= 8 and h >= 8:  # a rectangle drawn as one path: its frame
            horiz += [Rule(r.x0, r.top, r.x1, r.top), Rule(r.x0, r.bottom, r.x1, r.bottom)]
            vert += [Rule(r.x0, r.top, r.x0, r.bottom), Rule(r.x1, r.top, r.x1, r.bottom)]
    return horiz, vert


def table_regions(page: Page) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rules that touch one another: each group with at least two cells is a table."""
    horiz, vert = rules_of(page)
    rules = horiz + vert
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horiz):
        for j, v in enumerate(vert, len(horiz)):
            if v.x0 - TOL <= h.x1 and v.x1 + TOL >= h.x0 and h.top - TOL <= v.bottom and h.bottom + TOL >= v.top:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, r in enumerate(rules):
        g = groups.setdefault(find(i), ([], []))
        g[0 if i < len(horiz) else 1].append(r)
    return [g for g in groups.values() if len(_stops([(h.top + h.bottom) / 2 for h in g[0]])) >= 2
            and len(_stops([(v.x0 + v.x1) / 2 for v in g[1]])) >= 2 and _cells(g) >= 2]


def _cells(group: tuple[list[Rule], list[Rule]]) -> int:
    rows = len(_stops([(h.top + h.bottom) / 2 for h in group[0]])) - 1
    cols = len(_stops([(v.x0 + v.x1) / 2 for v in group[1]])) - 1
    return rows * cols


def _stops(values: list[float]) -> list[float]:
    """Distinct positions, those within TOL of each other taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOL:
            out.append(v)
    return out


def _covers(rules: list[Rule], at: float, lo: float, hi: float, horizontal: bool) -> bool:
    """Is there a rule at `at` spanning the middle of (lo, hi)?"""
    mid = (lo + hi) / 2
    for r in rules:
        pos = (r.top + r.bottom) / 2 if horizontal else (r.x0 + r.x1) / 2
        span = (r.x0, r.x1) if horizontal else (r.top, r.bottom)
        if abs(pos - at) <= TOL and span[0] - TOL <= mid <= span[1] + TOL:
            return True
    return False


@dataclass
class Grid:
    """A table's grid: row and column stops, and which logical cell each grid cell belongs to
    (merged cells share one)."""

    ys: list[float]
    xs: list[float]
    cell: list[list[int]]

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] - TOL <= x <= self.xs[-1] + TOL and self.ys[0] - TOL <= y <= self.ys[-1] + TOL):
            return None
        r = sum(1 for v in self.ys[1:-1] if y > v)
        c = sum(1 for v in self.xs[1:-1] if x > v)
        return r, c


def grid_of(horiz: list[Rule], vert: list[Rule]) -> Grid:
    """Cells between the stops, joined where the rule between two of them is missing."""
    ys = _stops([(h.top + h.bottom) / 2 for h in horiz])
    xs = _stops([(v.x0 + v.x1) / 2 for v in vert])
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _covers(vert, xs[c + 1], ys[r], ys[r + 1], horizontal=False):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _covers(horiz, ys[r + 1], xs[c], xs[c + 1], horizontal=True):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    return Grid(ys, xs, [[find(r * cols + c) for c in range(cols)] for r in range(rows)])


def table_rows(grid: Grid, chars: list[Char], page: int) -> tuple[list[list[str]], set[int], float]:
    """Each grid cell's text (a merged cell's text in every grid cell it spans, as Word tables
    read back), the columns that use vertical merging, and the confidence of the text."""
    by_cell: dict[int, list[Char]] = {}
    for ch in chars:
        at = grid.locate((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2)
        if at is not None:
            by_cell.setdefault(grid.cell[at[0]][at[1]], []).append(ch)
    text = {}
    for cid, cell_chars in by_cell.items():
        joined = ""
        for line in lines_of(cell_chars, page):
            joined = join_text(joined, line.text)
        text[cid] = joined
    rows = [[text.get(cid, "") for cid in row] for row in grid.cell]
    merged = {c for c in range(len(grid.xs) - 1) for r in range(len(grid.ys) - 2) if grid.cell[r][c] == grid.cell[r + 1][c]}
    conf = mean_confidence([(c.confidence, len(c.text)) for c in chars])
    return _drop_empty(rows), merged, conf


def _drop_empty(rows: list[list[str]]) -> list[list[str]]:
    return [row for row in rows if any(cell.strip() for cell in row)]


# ---------------------------------------------------------------- page items


def page_items(page: Page, keys: set[str], furniture: list[Line]) -> list[Item]:
    """A page's lines and tables top to bottom; furniture lines go to `furniture`."""
    grids = [grid_of(h, v) for h, v in table_regions(page)]
    table_chars: dict[int, list[Char]] = {}
    free: list[Char] = []
    for ch in page.chars:
        mid = ((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2)
        g = next((k for k, grid in enumerate(grids) if grid.locate(*mid) is not None), None)
        if g is None:
            free.append(ch)
        else:
            table_chars.setdefault(g, []).append(ch)
    items: list[Item] = []
    content = []
    for line in lines_of(free, page.number):
        if is_furniture(line, page, keys):
            furniture.append(line)
        else:
            content.append(line)
    for run in _rows(content):
        table = aligned_table(run)
        if table is not None:
            items.append(table)
        else:
            items += [Item(page.number, line.top, line=line, confidence=line.confidence) for row in run for line in row]
    for g, chars in table_chars.items():
        rows, merged, conf = table_rows(grids[g], chars, page.number)
        if rows:
            items.append(Item(page.number, grids[g].ys[0], rows=rows, merged_last=merged, confidence=conf, xs=grids[g].xs))
    items.sort(key=lambda i: i.top)
    return items


def _rows(lines: list[Line]) -> list[list[list[Line]]]:
    """Lines (top to bottom, pieces of a row left to right) -> runs of rows: a run is either rows
    of two or more pieces that follow one another closely (a table by aligned columns, maybe), or
    a single row of one piece."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(line.top - rows[-1][0].top) < line.size / 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    runs: list[list[list[Line]]] = []
    for row in rows:
        prev = runs[-1] if runs else None
        if (prev and len(row) > 1 and len(prev[-1]) > 1
                and row[0].top - prev[-1][0].bottom < 2.5 * row[0].size):
            prev.append(row)
        else:
            runs.append([row])
    return runs


def aligned_table(run: list[list[Line]]) -> Item | None:
    """Three or more rows whose pieces stand in the same columns (a piece's span on the x axis
    overlaps one column only): a table without rules. Columns are the union of the pieces'
    spans, so left-, right- and centre-aligned columns are all found."""
    if len(run) < 3:
        return None
    spans = sorted((line.x0, line.x1) for row in run for line in row)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < 2 or len(columns) != max(len(row) for row in run):
        return None
    rows = []
    for row in run:
        cells = [""] * len(columns)
        for line in row:
            c = next(k for k, (a, b) in enumerate(columns) if a <= line.x0 <= b)
            cells[c] = join_text(cells[c], line.text)
        rows.append(cells)
    first = run[0][0]
    conf = mean_confidence([(line.confidence, len(line.text)) for row in run for line in row])
    return Item(first.page, first.top, rows=rows, confidence=conf, xs=[c[0] for c in columns] + [columns[-1][1]])


def join_tables(items: list[Item]) -> list[Item]:
    """A table whose next part opens the following page with the same outer edges is one table:
    the part's columns are mapped onto the first part's by position, its repeated header row
    dropped, and a merged cell cut by the page break runs on into the empty cells below it."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if not (item.rows and prev is not None and prev.rows and item.page == prev.page + 1 and _same_edges(prev, item)):
            out.append(item)
            continue
        rows = [_map_columns(row, item.xs, prev.xs) for row in item.rows]
        if rows[0] == prev.rows[0]:
            rows = rows[1:]
        for c in prev.merged_last:
            for row in rows:
                if row[c].strip():
                    break
                row[c] = prev.rows[-1][c]
        prev.rows.extend(rows)
        prev.merged_last |= {c for c in range(len(prev.xs) - 1) if _maps_from(c, item, prev)}
        prev.confidence = min(prev.confidence, item.confidence)
    return out


def _same_edges(a: Item, b: Item) -> bool:
    return bool(a.xs and b.xs) and abs(a.xs[0] - b.xs[0]) <= 2 * TOL and abs(a.xs[-1] - b.xs[-1]) <= 2 * TOL


def _column_at(xs: list[float], x: float) -> int:
    return max(0, min(len(xs) - 2, sum(1 for v in xs[1:-1] if x > v)))


def _map_columns(row: list[str], xs: list[float], onto: list[float]) -> list[str]:
    """A row of a part with columns `xs` as a row of columns `onto` (the middle of each target
    column falls in one source column: a source cell spanning two target columns fills both)."""
    return [row[_column_at(xs, (onto[j] + onto[j + 1]) / 2)] for j in range(len(onto) - 1)]


def _maps_from(c: int, item: Item, prev: Item) -> bool:
    return _column_at(item.xs, (prev.xs[c] + prev.xs[c + 1]) / 2) in item.merged_last


# ---------------------------------------------------------------- paragraphs and headings


@dataclass
class Body:
    """The body text's measure: its size, left edge and right edge (most lines share them)."""

    size: float
    left: float
    right: float


def body_of(lines: list[Line]) -> Body:
    if not lines:
        return Body(12.0, 0.0, 0.0)
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    size = sizes.most_common(1)[0][0]
    main = [line for line in lines if abs(line.size - size) < 0.6] or lines
    left = Counter(round(line.x0) for line in main).most_common(1)[0][0]
    rights = sorted(line.x1 for line in main)
    return Body(size, float(left), rights[int(len(rights) * 0.95) - (1 if len(rights) > 1 else 0)])


def continues(prev: Line, cur: Line, body: Body) -> bool:
    """Does `cur` carry on the paragraph `prev` ends? Yes when `prev` runs to the right edge
    (a hard line break, not a paragraph end), `cur` is not indented and both look alike."""
    size = max(prev.size, 1.0)
    if abs(prev.size - cur.size) > 0.6 or prev.bold != cur.bold:
        return False
    if prev.x1 < body.right - 2.5 * size:  # left-aligned CJK lines end up to ~2 characters short
        return False
    if cur.page == prev.page and cur.top - prev.bottom > 1.5 * size:
        return False
    centred = (abs((cur.x0 + cur.x1) / 2 - (body.left + body.right) / 2) < size and cur.x0 > body.left + size
               and cur.x1 < body.right - size)
    return centred or cur.x0 < body.left + size / 2  # a centred last line, or a line not indented


def blocks_of(items: list[Item], furniture: list[Line]) -> list[Block]:
    """Items -> blocks: lines joined into paragraphs, headings by size or weight, tables as
    they are, furniture kept last-in-page order so warnings can count it."""
    lines = [i.line for i in items if i.line is not None]
    body = body_of(lines)
    groups: list[list[Line] | Item] = []
    for item in items:
        if item.line is None:
            groups.append(item)
        elif groups and isinstance(groups[-1], list) and continues(groups[-1][-1], item.line, body):
            groups[-1].append(item.line)
        else:
            groups.append([item.line])
    blocks: list[Block] = []
    for g in groups:
        if isinstance(g, Item):
            blocks.append(Block("table", rows=g.rows or [], page=g.page, index=len(blocks), confidence=g.confidence))
            continue
        text = ""
        for line in g:
            text = join_text(text, line.text)
        conf = mean_confidence([(line.confidence, len(line.text)) for line in g])
        if _heading_like(g, body):
            # level 0: size and weight tell a heading, not its rank (一、 and （一） print alike
            # once the faces are substituted); the parser's numbering patterns rank it
            blocks.append(Block("heading", text, level=0, page=g[0].page, index=len(blocks), confidence=conf))
        else:
            blocks.append(Block("paragraph", text, page=g[0].page, index=len(blocks), confidence=conf))
    for line in furniture:
        blocks.append(Block("furniture", line.text, page=line.page, index=len(blocks), confidence=line.confidence))
    return blocks


def _style(group: list[Line]) -> tuple[float, bool]:
    return (group[0].size, group[0].bold)


def _heading_like(group: list[Line], body: Body) -> bool:
    """Larger than the body or bold at its size, short, and not a sentence that ends."""
    size, bold = _style(group)
    text = "".join(line.text for line in group)
    if len(text) > 80 or text.endswith(("。", "；", ";")) or size < body.size - 0.6:
        return False
    return size > body.size + 1.5 or (bold and size >= body.size - 0.6)


def layout(pages: list[Page]) -> tuple[list[Block], list[str]]:
    """Pages -> blocks, the whole pure half of the reader, and the content lines before
    re-joining when no table was ruled (a table laid out by aligned columns only, or read by
    OCR, is then found in them by the parser's text table finders)."""
    lines = {p.number: lines_of(_margin_chars(p), p.number) for p in pages}
    keys = furniture_keys(pages, lines)
    furniture: list[Line] = []
    items: list[Item] = []
    for page in pages:
        items += page_items(page, keys, furniture)
    blocks = blocks_of(join_tables(items), furniture)
    ruled = any(b.kind == "table" for b in blocks)
    return blocks, [] if ruled else [i.line.text for i in items if i.line is not None]

