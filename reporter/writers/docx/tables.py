"""Tables as one WordprocessingML string each: a data table with fixed layout, widths measured from
content, a repeated shaded header row and numbers unbroken and right-aligned; and the bilingual
side-by-side layout (one row per pair, one column per language).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Emu, Pt

from reporter.writers.docx.runs import Body, quoteattr
from reporter.writers.docx.widths import column_widths, is_numeric

if TYPE_CHECKING:
    from reporter.writers.docx.walker import Walker

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
CELL_PADDING_EM = 1.4  # LibreOffice's and Word's default cell margins, both sides, in em of table text
TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="04A0"/>')
SPACES = re.compile(r"\s+")


def cell_text(el) -> str:
    """A cell's text as laid out: footnote markers count as a short superscript."""
    return SPACES.sub(" ", el.text_content()).strip()


def table_open(walker: Walker, style, width_xml: str, grid: list[int], layout: str = "") -> str:
    sid = walker.styles.style_id(style, WD_STYLE_TYPE.TABLE)
    tblstyle = f"<w:tblStyle w:val={quoteattr(sid)}/>" if sid else ""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return f"<w:tbl><w:tblPr>{tblstyle}{width_xml}{layout}{TBL_LOOK}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>"


def table(walker: Walker, el) -> None:
    """The whole table as one string: fixed layout, widths measured from content, a repeated
    shaded header row, numbers unbroken and right-aligned, footnote references in cells."""
    rows = [tr for tr in el.iter("tr")]
    if not rows:
        return
    grid = [[c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in rows]
    ncols = max(len(cells) for cells in grid)
    if ncols == 0:
        return
    texts = [[cell_text(c) for c in cells] for cells in grid]
    size = walker.settings.table_font_size
    available = TEXT_WIDTH_CM / (size * 2.54 / 72)
    header = texts[0] if all(c.tag.lower() == "th" for c in grid[0]) else None
    widths = column_widths([t + [""] * (ncols - len(t)) for t in texts], available, CELL_PADDING_EM, header)
    twips = [int(w * size * 20) for w in widths]  # 1 em = size pt = size*20 twips
    half_points = int(ST_HpsMeasure.convert_to_xml(Pt(size)))
    out = [table_open(walker, walker.styles.get("Table Grid", "Normal Table"), f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>',
                      twips, '<w:tblLayout w:type="fixed"/>')]
    saved = walker.target
    walker.in_table = True
    try:
        for i, cells in enumerate(grid):
            header = all(c.tag.lower() == "th" for c in cells)
            out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header and i == 0 else "<w:tr>")
            for j in range(ncols):
                if j >= len(cells):  # a short row: empty cells as python-docx's add_row made them
                    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips[j]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                else:
                    out.append(data_cell(walker, cells[j], twips[j], half_points, header, is_numeric(texts[i][j])))
            out.append("</w:tr>")
    finally:
        walker.in_table = False
        walker.target = saved
    out.append("</w:tbl>")
    walker.target.parts.append("".join(out))


def data_cell(walker: Walker, el, twips: int, half_points: int, header: bool, numeric: bool) -> str:
    """One w:tc: its paragraph at the table's text size, right-aligned for a number column, the
    header shaded, a number never broken inside itself."""
    right = "num" in el.get("class", "") or el.get("style", "").find("right") >= 0
    walker.target = Body()
    para = walker.add_paragraph(None, size=half_points, align="right" if right else None)
    walker.content(para, el, bold=header)
    tcpr = f'<w:tcW w:w="{twips}" w:type="dxa"/>'
    if header:
        tcpr += '<w:shd w:val="clear" w:color="auto" w:fill="D9E2EC"/>'
    if numeric:
        tcpr += "<w:noWrap/>"
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para.xml()}</w:tc>"


def columns(walker: Walker, el) -> None:
    """div.bilingual > div.pair > div (one per language): a table, one row per pair and one
    column per language, so Chinese and English stay side by side as in the PDF."""
    pairs = [p for p in el if isinstance(p.tag, str) and "pair" in p.get("class", "").split()]
    width = max((len([c for c in p if isinstance(c.tag, str)]) for p in pairs), default=0)
    if width < 2:  # one language: plain paragraphs
        for pair in pairs:
            for cell_el in pair:
                walker.within(cell_el, walker.target)
        return
    twips = Emu(walker.document._block_width // width).twips  # as python-docx's add_table shares it
    out = [table_open(walker, walker.styles.get("Table Grid", "Normal Table"), '<w:tblW w:type="auto" w:w="0"/>',
                      [twips] * width)]
    for pair in pairs:
        out.append("<w:tr>")
        cells = [c for c in pair if isinstance(c.tag, str)]
        for j in range(width):
            cell = Body()
            if j < len(cells):
                walker.within(cells[j], cell)
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>{cell.xml() or "<w:p/>"}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    walker.target.parts.append("".join(out))
