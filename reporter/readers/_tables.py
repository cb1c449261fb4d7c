"""Tables on a page: a grid from its ruling lines (merged cells where a rule is missing), a
table by aligned columns where there are no rules, and a table's parts on consecutive pages
joined into one."""
from __future__ import annotations

from dataclasses import dataclass

from reporter.readers._glyphs import TOL, Char, Item, Line, Page, Rule, join_text, lines_of, mean_confidence


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


def rows_of(lines: list[Line]) -> list[list[list[Line]]]:
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
