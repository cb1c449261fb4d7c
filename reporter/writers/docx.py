"""Document -> DOCX: python-docx for the package (styles, sections, headers, properties, images),
the body written as WordprocessingML text in one pass and parsed once.

Why text: python-docx builds every run, cell and property through proxy objects and XPath;
on a 2,000-row table that is seconds where one string and one lxml parse take a tenth of that.
Styles come from styles/reference.docx (restyle it in Word, like pandoc's). Every style gets
the East Asian font (w:eastAsia; python-docx's Font.name never writes it) with the theme-font
attributes that would override it removed, so Chinese never falls back to MS Mincho; a run
names fonts only where they differ from its paragraph style's. Styles are found by name,
falling back to outline level, because LibreOffice, WPS and Chinese-locale Word name them
differently.
"""
from __future__ import annotations

import base64
import binascii
import functools
import io
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Cm, Emu, Pt
from lxml import etree

from reporter.datafiles import Schema, load_file
from reporter.document import Document
from reporter.i18n import Messages
from reporter.writers import WriteContext
from reporter.writers.docx_parts import (Footnotes, column_widths, escape, is_numeric, quoteattr, set_company,
                                         update_fields_on_open)

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins
CELL_PADDING_EM = 1.4  # LibreOffice's and Word's default cell margins, both sides, in em of table text
MONO_FONT = "Noto Sans Mono CJK SC"
PICTURE_WIDTH = Cm(16)
FOOTNOTE_HALF_POINTS = 17  # 8.5 pt

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "figure", "blockquote", "dl", "pre", "hr", "section", "main", "nav"}
TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="04A0"/>')
BODY_NS = nsdecls("w", "r", "wp", "a", "pic")
INLINE_NS = nsdecls("wp", "a", "pic", "r")


@dataclass
class DocxSettings:
    east_asia_font: str = "Noto Serif CJK SC"
    heading_font: str = "Noto Sans CJK SC"
    latin_font: str = "Noto Serif CJK SC"
    english_font: str = "Noto Serif"  # runs inside lang="en" blocks (bilingual products)
    author: str = ""
    organisation: str = ""
    table_font_size: float = 9.0
    reference: Path | None = None

    @classmethod
    def from_styles(cls, ctx: WriteContext) -> "DocxSettings":
        path = ctx.style("docx.toml")
        data = load_file(path, DocxFonts).model_dump() if path.exists() else {}
        ref = ctx.style("reference.docx")
        return cls(**data, reference=ref if ref.exists() else None)


class DocxFonts(Schema):
    """styles/docx.toml: the Word output's fonts, table text size, and the document's author/organisation."""

    east_asia_font: str = "Noto Serif CJK SC"
    heading_font: str = "Noto Sans CJK SC"
    latin_font: str = "Noto Serif CJK SC"
    english_font: str = "Noto Serif"
    author: str = ""
    organisation: str = ""
    table_font_size: float = 9.0


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """rFonts with explicit faces and no theme attributes; East Asian language zh-CN."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


class Styles:
    """Style lookup by w:name (case-insensitive), then by outline level; fonts fixed once, and
    remembered per style id so runs repeat them only where they differ."""

    def __init__(self, document, settings: DocxSettings):
        self.doc = document
        self.settings = settings
        self.by_name = {s.name.lower(): s for s in document.styles if s.name}
        self.fonts: dict[str | None, tuple[str, str]] = {}  # paragraph style id -> (east asian, latin)
        self._ids: dict[tuple, str | None] = {}
        for style in document.styles:
            if style.type in (1, 2, 3):  # paragraph, character, table
                is_heading = (style.name or "").lower().startswith(("heading", "title"))
                font = settings.heading_font if is_heading else settings.east_asia_font
                set_fonts(style.element.get_or_add_rPr(), font, settings.latin_font)
                if style.type == 1:
                    self.fonts[style.style_id] = (font, settings.latin_font)
                    if style.element.get(qn("w:default")) in ("1", "true", "on"):
                        self.fonts[None] = (font, settings.latin_font)  # a paragraph without pStyle
        defaults = document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                set_fonts(rpr, settings.east_asia_font, settings.latin_font)

    def get(self, *names: str, level: int | None = None):
        for name in names:
            if name.lower() in self.by_name:
                return self.by_name[name.lower()]
        if level is not None:
            for style in self.doc.styles:
                ppr = style.element.find(qn("w:pPr"))
                lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
                if lvl is not None and lvl.get(qn("w:val")) == str(level - 1):
                    return style
            return self.heading(level)
        return self.by_name.get("normal")

    def style_id(self, style, kind=WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id a pStyle/tblStyle names; None for the default style of its kind (python-docx
        writes none then) or a fallback of another kind (a reference file without table styles)."""
        if style is None:
            return None
        el = style.element
        key = (id(el), kind)
        if key not in self._ids:
            wrong_kind = el.get(qn("w:type"), "paragraph") != ("table" if kind == WD_STYLE_TYPE.TABLE else "paragraph")
            default = el.get(qn("w:default")) in ("1", "true", "on")
            self._ids[key] = None if wrong_kind or default else style.style_id
        return self._ids[key]

    def heading(self, level: int):
        """A reference.docx without heading styles still gets navigable headings."""
        name = f"Heading {level}"
        style = self.doc.styles.add_style(name, 1)
        style.base_style = self.by_name.get("normal")
        ppr = style.element.get_or_add_pPr()
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(level - 1))
        ppr.append(lvl)
        style.font.bold = True
        style.font.size = Pt(max(11, 18 - 2 * level))
        set_fonts(style.element.get_or_add_rPr(), self.settings.heading_font, self.settings.latin_font)
        self.fonts[style.style_id] = (self.settings.heading_font, self.settings.latin_font)
        self.by_name[name.lower()] = style
        return style


# ---------------------------------------------------------------- WordprocessingML as text

def _attr(value: str) -> str:
    return quoteattr(value)


def fonts_xml(east_asia: str, latin: str) -> str:
    la = _attr(latin)
    return f'<w:rFonts w:ascii={la} w:hAnsi={la} w:eastAsia={_attr(east_asia)} w:cs={la}/>'


def text_xml(text: str) -> str:
    """Run content: tabs and line breaks as Word's own elements (as python-docx's run.text does)."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    out = []
    for piece in re.split(r"([\t\r\n])", text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(out)


@functools.lru_cache(maxsize=256)
def run_properties(fonts: tuple[str, str] | None, bold: bool, italic: bool, sup: bool, size: int | None,
                   english: bool) -> str:
    """A run's rPr (children in schema order); a document has a handful of distinct ones."""
    out = fonts_xml(*fonts) if fonts is not None else ""
    if bold:
        out += "<w:b/>"
    if italic:
        out += "<w:i/>"
    if size is not None:
        out += f'<w:sz w:val="{size}"/>'
    if sup:
        out += '<w:vertAlign w:val="superscript"/>'
    if english:  # Word's proofing and hyphenation language for this run
        out += '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


@dataclass
class Para:
    """One w:p being written: its properties and runs (XML text), serialised when the body is."""

    style_id: str | None
    style_fonts: tuple[str, str] | None  # what the paragraph style already carries
    size: int | None = None  # half-points for every run (table text)
    indent: int | None = None  # left indent, twips
    align: str | None = None  # w:jc
    runs: list[str] = field(default_factory=list)
    tabs: str = ""  # w:tabs (a contents line: a right tab with dot leader for its page number)

    def xml(self) -> str:
        ppr = ""
        if self.style_id is not None:
            ppr += f"<w:pStyle w:val={_attr(self.style_id)}/>"
        ppr += self.tabs
        if self.indent is not None:
            ppr += f'<w:ind w:left="{self.indent}"/>'
        if self.align is not None:
            ppr += f'<w:jc w:val="{self.align}"/>'
        return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(self.runs)}</w:p>"

    def rpr(self, fonts: tuple[str, str] | None, bold=False, italic=False, sup=False, size: int | None = None,
            english=False) -> str:
        """rPr in schema order; fonts only where the paragraph style does not carry them."""
        size = self.size if self.size is not None else size
        return run_properties(None if fonts == self.style_fonts else fonts, bool(bold), bool(italic), bool(sup),
                              size, english)

    def add(self, content: str, rpr: str = "") -> None:
        self.runs.append(f"<w:r>{rpr}{content}</w:r>")


class Body:
    """Where blocks go: the document body or a table cell; a list of XML pieces and Paras."""

    def __init__(self):
        self.parts: list[str | Para] = []

    def xml(self) -> str:
        return "".join(p if isinstance(p, str) else p.xml() for p in self.parts)


class Walker:
    def __init__(self, document, styles: Styles, doc: Document, settings: DocxSettings, messages: Messages,
                 notes: dict[str, str] | None = None, footnotes: Footnotes | None = None):
        self.notes = notes or {}  # footnote id (fn:3) -> its text, for real Word footnotes
        self.word_notes = footnotes
        self.in_table = False  # table cells get a break hint before "（"
        self.cited: dict[str, int] = {}  # footnote ref -> the Word footnote made for it
        self.bookmarks: dict[str, int] = {}  # heading id -> its bookmark number (the contents point there)
        self.document = document
        self.d = Body()
        self.t = messages.t
        self.styles = styles
        self.doc = doc
        self.settings = settings
        self.langs: list[str] = []  # lang attributes of the elements being walked, innermost last
        self.body_fonts = (settings.east_asia_font, settings.latin_font)
        self.english_fonts = (settings.east_asia_font, settings.english_font)
        self.mono_fonts = (MONO_FONT, MONO_FONT)
        self.picture_id = 0

    def add_paragraph(self, style, **kw) -> Para:
        sid = self.styles.style_id(style)
        p = Para(sid, self.styles.fonts.get(sid), **kw)
        self.d.parts.append(p)
        return p

    # ------------------------------------------------------------ inline

    def run(self, paragraph: Para, text: str, bold=False, italic=False, sup=False, mono=False):
        if not text:
            return
        self._run(paragraph, text, bold, italic, sup, mono)

    def _run(self, paragraph: Para, text: str, bold, italic, sup, mono):
        # LibreOffice's Chinese line breaker sees "1,012.9¹（+10.6%²）" as one word and, when it does
        # not fit, breaks it anywhere ("1,012. / 9"); a zero-width space before "（" is the legal break
        if self.in_table and "（" in text:
            text = OPEN_PAREN_BREAK.sub("\u200b（", text)
        english = bool(self.langs) and self.langs[-1].lower().startswith("en")
        fonts = self.mono_fonts if mono else self.english_fonts if english else self.body_fonts
        paragraph.add(text_xml(text), paragraph.rpr(fonts, bold, italic, sup, english=english))

    def inline(self, paragraph: Para, el, bold=False, italic=False, sup=False, mono=False) -> None:
        """An inline element: its own formatting on top of the surrounding one."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        lang = el.get("lang") if tag else None
        if lang:
            self.langs.append(lang)
        try:
            self._inline(paragraph, el, tag, bold, italic, sup, mono)
        finally:
            if lang:
                self.langs.pop()

    def _inline(self, paragraph: Para, el, tag: str, bold, italic, sup, mono) -> None:
        if tag == "br":
            paragraph.add("<w:br/>", paragraph.rpr(None))
        elif tag == "sup" and self.word_notes is not None and self._note_ref(el) in self.notes:
            self.cite(paragraph, self._note_ref(el))
        elif tag not in ("svg", "script", "style"):
            self.content(paragraph, el, bold or tag in ("strong", "b", "th"), italic or tag in ("em", "i"),
                         sup or tag == "sup", mono or tag == "code")

    def cite(self, paragraph: Para, ref: str) -> None:
        """The first citation of a source text is a Word footnote; a repeat points to its number
        (Word numbers footnotes in order of their ids, which are given in reading order)."""
        if ref in self.cited:
            self._run(paragraph, str(self.cited[ref]), False, False, True, False)
            return
        self.cited[ref] = self.word_notes.add(self.notes[ref])
        size = paragraph.size if paragraph.size is not None else FOOTNOTE_HALF_POINTS
        paragraph.add(f'<w:footnoteReference w:id="{self.cited[ref]}"/>', self.word_notes.rpr(True, size))

    @staticmethod
    def _note_ref(el) -> str:
        link = next((a for a in el.iter("a") if "footnote-ref" in a.get("class", "")), None)
        return (link.get("href") or "").lstrip("#") if link is not None else ""

    def content(self, paragraph: Para, el, bold=False, italic=False, sup=False, mono=False) -> None:
        """An element's text and children; each child's tail is in this element's formatting."""
        self.run(paragraph, _text(el.text), bold, italic, sup, mono)
        for child in el:
            self.inline(paragraph, child, bold, italic, sup, mono)
            self.run(paragraph, _text(child.tail), bold, italic, sup, mono)

    def paragraph(self, el, style, **kw) -> Para:
        p = self.add_paragraph(style, **kw)
        self.run(p, _text(el.text))
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
                self.block(child)
            else:
                self.inline(p, child)
            self.run(p, _text(child.tail))
        return p

    # ------------------------------------------------------------ blocks

    def block(self, el, list_level: int = 0) -> None:
        if not isinstance(el.tag, str):
            return
        lang = el.get("lang")
        if lang:
            self.langs.append(lang)
        try:
            self._block(el, list_level)
        finally:
            if lang:
                self.langs.pop()

    def _block(self, el, list_level: int = 0) -> None:
        tag = el.tag.lower()
        cls = el.get("class", "")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1])
            p = self.paragraph(el, self.styles.get(f"Heading {level}", level=level))
            if el.get("id"):  # the contents' page numbers point here (PAGEREF)
                n = len(self.bookmarks) + 1
                self.bookmarks[el.get("id")] = n
                p.runs.insert(0, f'<w:bookmarkStart w:id="{n}" w:name="{bookmark_name(el.get("id"))}"/>')
                p.runs.append(f'<w:bookmarkEnd w:id="{n}"/>')
        elif tag == "p":
            self.paragraph(el, self.styles.get("Normal"))
        elif tag in ("ul", "ol"):
            self.list(el, tag, list_level)
        elif tag == "table":
            self.table(el)
        elif tag == "figure":
            self.figure(el)
        elif tag == "div" and "toc" in cls.split():
            self.toc(el)
        elif tag == "div" and "footnote" in cls.split():
            self.footnotes(el)
        elif tag == "div" and "bilingual" in cls.split():
            self.columns(el)
        elif tag == "blockquote":
            for child in el:
                if isinstance(child.tag, str) and child.tag.lower() == "p":
                    self.paragraph(child, self.styles.get("Quote", "Intense Quote", "Normal"), indent=Cm(0.8).twips)
                else:
                    self.block(child)
        elif tag == "dl":
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                if child.tag.lower() == "dt":
                    self.inline(self.add_paragraph(self.styles.get("Normal")), child, bold=True)
                else:
                    self.inline(self.add_paragraph(self.styles.get("Normal"), indent=Cm(0.8).twips), child)
        elif tag == "pre":
            p = self.add_paragraph(self.styles.get("Normal"))
            self.run(p, el.text_content(), mono=True)
        elif tag == "hr":
            return
        else:  # div, section, main and unknown wrappers: their children
            if _text(el.text).strip():
                p = self.add_paragraph(self.styles.get("Normal"))
                self.run(p, _text(el.text))
            for child in el:
                self.block(child, list_level)
                if child.tail and child.tail.strip():
                    p = self.add_paragraph(self.styles.get("Normal"))
                    self.run(p, child.tail.strip())

    def columns(self, el) -> None:
        """div.bilingual > div.pair > div (one per language): a table, one row per pair and one
        column per language, so Chinese and English stay side by side as in the PDF."""
        pairs = [p for p in el if isinstance(p.tag, str) and "pair" in p.get("class", "").split()]
        width = max((len([c for c in p if isinstance(c.tag, str)]) for p in pairs), default=0)
        if width < 2:  # one language: plain paragraphs
            for pair in pairs:
                for cell_el in pair:
                    self.within(cell_el, self.d)
            return
        twips = Emu(self.document._block_width // width).twips  # as python-docx's add_table shares it
        out = [self._tbl_open(self.styles.get("Table Grid", "Normal Table"), '<w:tblW w:type="auto" w:w="0"/>',
                              [twips] * width)]
        for pair in pairs:
            out.append("<w:tr>")
            cells = [c for c in pair if isinstance(c.tag, str)]
            for j in range(width):
                cell = Body()
                if j < len(cells):
                    self.within(cells[j], cell)
                out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>{cell.xml() or "<w:p/>"}</w:tc>')
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.d.parts.append("".join(out))

    def within(self, el, container: Body) -> None:
        """Walk el's blocks into container (a cell or the body), in el's language."""
        saved, self.d = self.d, container
        lang = el.get("lang")
        if lang:
            self.langs.append(lang)
        try:
            for child in el:
                self.block(child)
        finally:
            self.d = saved
            if lang:
                self.langs.pop()

    def list(self, el, tag: str, level: int) -> None:
        base = "List Bullet" if tag == "ul" else "List Number"
        name = base if level == 0 else f"{base} {level + 1}"
        style = self.styles.get(name, base, "Normal")
        for li in el:
            if not isinstance(li.tag, str) or li.tag.lower() != "li":
                continue
            p = self.add_paragraph(style)
            self.run(p, _text(li.text))
            nested = []
            for child in li:
                if isinstance(child.tag, str) and child.tag.lower() in ("ul", "ol"):
                    nested.append(child)
                else:
                    self.inline(p, child)
                    self.run(p, _text(child.tail))
            for child in nested:
                self.list(child, child.tag.lower(), level + 1)

    def _tbl_open(self, style, width_xml: str, grid: list[int], layout: str = "") -> str:
        sid = self.styles.style_id(style, WD_STYLE_TYPE.TABLE)
        tblstyle = f"<w:tblStyle w:val={_attr(sid)}/>" if sid else ""
        cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
        return f"<w:tbl><w:tblPr>{tblstyle}{width_xml}{layout}{TBL_LOOK}</w:tblPr><w:tblGrid>{cols}</w:tblGrid>"

    def table(self, el) -> None:
        """The whole table as one string: fixed layout, widths measured from content, a repeated
        shaded header row, numbers unbroken and right-aligned, footnote references in cells."""
        rows = [tr for tr in el.iter("tr")]
        if not rows:
            return
        grid = [[c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in rows]
        ncols = max(len(cells) for cells in grid)
        if ncols == 0:
            return
        texts = [[_cell_text(c) for c in cells] for cells in grid]
        size = self.settings.table_font_size
        available = TEXT_WIDTH_CM / (size * 2.54 / 72)
        header = texts[0] if all(c.tag.lower() == "th" for c in grid[0]) else None
        widths = column_widths([t + [""] * (ncols - len(t)) for t in texts], available, CELL_PADDING_EM, header)
        twips = [int(w * size * 20) for w in widths]  # 1 em = size pt = size*20 twips
        half_points = int(ST_HpsMeasure.convert_to_xml(Pt(size)))
        out = [self._tbl_open(self.styles.get("Table Grid", "Normal Table"), f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/>',
                              twips, '<w:tblLayout w:type="fixed"/>')]
        saved = self.d
        self.in_table = True
        try:
            for i, cells in enumerate(grid):
                header = all(c.tag.lower() == "th" for c in cells)
                out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header and i == 0 else "<w:tr>")
                for j in range(ncols):
                    if j >= len(cells):  # a short row: empty cells as python-docx's add_row made them
                        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips[j]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
                        continue
                    cell_el = cells[j]
                    right = "num" in cell_el.get("class", "") or cell_el.get("style", "").find("right") >= 0
                    self.d = Body()
                    para = self.add_paragraph(None, size=half_points, align="right" if right else None)
                    self.content(para, cell_el, bold=header)
                    tcpr = f'<w:tcW w:w="{twips[j]}" w:type="dxa"/>'
                    if header:
                        tcpr += '<w:shd w:val="clear" w:color="auto" w:fill="D9E2EC"/>'
                    if is_numeric(texts[i][j]):
                        tcpr += "<w:noWrap/>"  # a number is never broken inside itself
                    out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para.xml()}</w:tc>")
                out.append("</w:tr>")
        finally:
            self.in_table = False
            self.d = saved
        out.append("</w:tbl>")
        self.d.parts.append("".join(out))

    def figure(self, el) -> None:
        """A chart's PNG (from the chart objects, else the figure's own inline PNG) and its caption."""
        png = self.doc.images.png(el.get("id", "")) or inline_png(el)
        drawing = self.picture(png) if png else None
        if drawing:
            p = self.add_paragraph(None, align="center")
            p.add(drawing, p.rpr(self.body_fonts))
        for cap in el.iter("figcaption"):
            p = self.add_paragraph(self.styles.get("Caption", "Normal"), align="center")
            self.run(p, cap.text_content())

    def picture(self, png: bytes) -> str | None:
        """A w:drawing of the image at the picture width, as python-docx's add_picture makes it;
        None for bytes that are not an image python-docx can size (an inline image is input)."""
        try:
            rid, image = self.document.part.get_or_add_image(io.BytesIO(png))
        except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError, ValueError, IndexError,
                struct.error):
            return None
        cx, cy = image.scaled_dimensions(PICTURE_WIDTH, None)
        self.picture_id += 1
        n = self.picture_id
        return (f'<w:drawing><wp:inline {INLINE_NS}><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}"/>'
                '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
                '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name={_attr(image.filename)}/><pic:cNvPicPr/></pic:nvPicPr>'
                f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
                f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
                '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')

    def toc(self, el) -> None:
        """The contents as a list of headings, each with a PAGEREF field to its heading's bookmark:
        LibreOffice lays the page numbers out itself (a TOC field's cached result it would show as
        stored, without numbers), Word fills them on opening (dirty fields, updateFields)."""
        title = self.add_paragraph(self.styles.get("TOC Heading", "Normal"))
        self.run(title, self.t("contents"), bold=True)
        entries = []
        for a in el.iter("a"):
            depth = sum(1 for anc in a.iterancestors() if isinstance(anc.tag, str) and anc.tag.lower() == "ul")
            entries.append((depth, a.text_content(), (a.get("href") or "").lstrip("#")))
        paragraphs = []
        for depth, text, target in entries or [(1, self.t("toc_field_hint"), "")]:
            p = self.add_paragraph(self.styles.get(f"TOC {depth}", "Normal"), indent=Cm(0.6 * (depth - 1)).twips)
            p.tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{int(TEXT_WIDTH_CM * 567)}"/></w:tabs>'
            paragraphs.append((p, text, target))
        for p, text, target in paragraphs:
            self.run(p, text)
            if target:  # a page reference LibreOffice and Word compute on layout, no field update needed
                rpr = p.rpr(self.body_fonts)
                p.add("<w:tab/>", rpr)
                p.add('<w:fldChar w:fldCharType="begin" w:dirty="true"/>', rpr)  # Word: refresh on opening
                p.add(f'<w:instrText xml:space="preserve"> PAGEREF {bookmark_name(target)} \\h </w:instrText>', rpr)
                p.add('<w:fldChar w:fldCharType="separate"/>', rpr)  # no cached number: never a wrong one
                p.add('<w:fldChar w:fldCharType="end"/>', rpr)
        page_break = self.add_paragraph(self.styles.get("Normal"))
        page_break.add('<w:br w:type="page"/>', page_break.rpr(self.body_fonts))  # the body starts on a new page

    def footnotes(self, el) -> None:
        if self.word_notes is not None:
            return  # each citation is already a Word footnote at the foot of its page
        heading = self.add_paragraph(self.styles.get("Normal"))
        self.run(heading, self.t("notes"), bold=True)
        for n, li in enumerate(el.iter("li"), start=1):
            p = self.add_paragraph(self.styles.get("Normal"), indent=Cm(0.5).twips, size=FOOTNOTE_HALF_POINTS)
            self.run(p, f"{n}. ", bold=True)
            self.content(p, li)


def bookmark_name(heading_id: str) -> str:
    """A heading's id (s-0a1b…) as a Word bookmark name (letters, digits, _; at most 40)."""
    return ("_Toc" + re.sub(r"[^A-Za-z0-9_]", "_", heading_id))[:40]


PNG_URI = "data:image/png;base64,"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_INLINE_PNG = 20 * 1024 * 1024


def inline_png(figure) -> bytes | None:
    """The PNG of a figure's <img src="data:image/png;base64,...">: a Markdown file rendered as
    written (no chart objects behind it) keeps its charts, as Pandoc would."""
    for img in figure.iter("img"):
        src = (img.get("src") or "").strip()
        if src.startswith(PNG_URI) and len(src) <= MAX_INLINE_PNG * 4 // 3 + len(PNG_URI) + 4:
            try:
                data = base64.b64decode(src[len(PNG_URI):], validate=True)
            except binascii.Error:
                continue
            if data.startswith(PNG_SIGNATURE):
                return data
    return None


OPEN_PAREN_BREAK = re.compile(r"(?<!\u200b)（")
SPACES = re.compile(r"\s+")


def _cell_text(el) -> str:
    """A cell's text as laid out: footnote markers count as a short superscript."""
    return SPACES.sub(" ", el.text_content()).strip()


def _text(value: str | None) -> str:
    return value.replace("\n", " ") if value else ""


def add_field(paragraph, instruction: str, placeholder: str, settings: DocxSettings) -> None:
    """A Word field (PAGE, NUMPAGES) Word fills in when it opens or updates the file."""
    run = paragraph.add_run()
    set_fonts(run._r.get_or_add_rPr(), settings.east_asia_font, settings.latin_font)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(sep)
    shown = paragraph.add_run(placeholder)
    set_fonts(shown._r.get_or_add_rPr(), settings.east_asia_font, settings.latin_font)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    shown._r.append(end)


def _page_setup(document, title: str, settings: DocxSettings, messages: Messages) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
        header = section.header.paragraphs[0]
        header.text = ""
        run = header.add_run(title)
        run.font.size = Pt(8.5)
        set_fonts(run._r.get_or_add_rPr(), settings.heading_font, settings.latin_font)
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # the catalogue's "第 {page} 页 / 共 {pages} 页", with Word fields where the numbers go
        for piece in re.split(r"(\{page\}|\{pages\})", messages.entries["page_of"]):
            if piece in ("{page}", "{pages}"):
                add_field(footer, "PAGE" if piece == "{page}" else "NUMPAGES", "1", settings)
            elif piece:
                r = footer.add_run(piece)
                set_fonts(r._r.get_or_add_rPr(), settings.heading_font, settings.latin_font)


def _note_texts(doc: Document) -> dict[str, str]:
    """Footnote id (fn:3) -> its text, from the document's footnote list."""
    out = {}
    for div in doc.body.iter("div"):
        if "footnote" in div.get("class", "").split():
            for li in div.iter("li"):
                if li.get("id"):
                    out[li.get("id")] = SPACES.sub(" ", li.text_content()).strip()
    return out


def _fill_body(document, xml: str) -> None:
    """Put the body's blocks before the section properties by parsing document.xml once with them.

    Moving parsed elements into python-docx's tree costs lxml a namespace walk per node (a second
    for a 2,000-row table); splicing the text and parsing the whole part costs a few ms."""
    text = etree.tostring(document.element, encoding="unicode")
    at = text.find("<w:body>")
    if at < 0:  # a body written some other way: move the parsed blocks in
        fragment = parse_xml(f"<w:body {BODY_NS}>{xml}</w:body>")
        sect = document.element.body.find(qn("w:sectPr"))
        for child in list(fragment):
            sect.addprevious(child) if sect is not None else document.element.body.append(child)
        return
    at += len("<w:body>")
    root = parse_xml(text[:at] + xml + text[at:])
    document.part._element = root  # what DocumentPart serialises on save
    document._element = root


def write(doc: Document, ctx: WriteContext) -> bytes:
    settings = DocxSettings.from_styles(ctx)
    document = docx.Document(str(settings.reference)) if settings.reference else docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)  # the reference file lends its styles, not its text
    styles = Styles(document, settings)
    _page_setup(document, doc.title, settings, ctx.messages)
    props = document.core_properties
    props.title = doc.title
    props.language = doc.lang
    company = settings.organisation or doc.meta.get("company", "")
    props.author = settings.author or doc.meta.get("author", "") or company
    props.last_modified_by = props.author
    props.comments = ""
    set_company(document, company)
    update_fields_on_open(document)
    notes = _note_texts(doc)
    footnotes = Footnotes.attach(document, settings.east_asia_font, settings.latin_font) if notes else None
    walker = Walker(document, styles, doc, settings, ctx.messages, notes, footnotes)
    for child in doc.body:
        walker.block(child)
    _fill_body(document, walker.d.xml())
    if footnotes is not None:
        footnotes.close()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
