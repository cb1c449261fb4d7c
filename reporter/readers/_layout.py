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
from dataclasses import dataclass

from reporter.readers._glyphs import Char, Item, Line, Page, join_text, lines_of, mean_confidence
from reporter.readers._tables import rows_of, aligned_table, grid_of, join_tables, table_regions, table_rows
from reporter.source import Block

# a page number as printed ('— 3 —', '第3页 共9页', '3/9', 'Page 3'), or as OCR reads a dash ('一')
PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－~～一]*\s*\d{1,4}\s*[—–\-－~～一]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
MARGIN = 0.1  # running headers and footers sit in the top and bottom tenth of a page


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
    for run in rows_of(content):
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
        blocks[-1].page_starts = [(b.page, b.text[:16]) for a, b in zip(g, g[1:]) if b.page != a.page]
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

