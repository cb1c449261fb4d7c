"""Document -> DOCX with python-docx, walking the same HTML tree the PDF is laid out from.

Styles come from styles/reference.docx (restyle it in Word, like pandoc's). Every style and
run gets the East Asian font (w:eastAsia; python-docx's Font.name never writes it) and the
theme-font attributes that would override it are removed, so Chinese never falls back to
MS Mincho. Styles are found by name, falling back to outline level, because LibreOffice,
WPS and Chinese-locale Word name them differently.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from reporter.datafiles import Schema, load_file
from reporter.document import Document
from reporter.i18n import Messages
from reporter.writers import WriteContext

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "figure", "blockquote", "dl", "pre", "hr", "section", "main", "nav"}


@dataclass
class DocxSettings:
    east_asia_font: str = "Noto Serif CJK SC"
    heading_font: str = "Noto Sans CJK SC"
    latin_font: str = "Noto Serif CJK SC"
    english_font: str = "Noto Serif"  # runs inside lang="en" blocks (bilingual products)
    reference: Path | None = None

    @classmethod
    def from_styles(cls, styles: Path) -> "DocxSettings":
        path = styles / "docx.toml"
        data = load_file(path, DocxFonts).model_dump() if path.exists() else {}
        ref = styles / "reference.docx"
        return cls(**data, reference=ref if ref.exists() else None)


class DocxFonts(Schema):
    """styles/docx.toml: the Word output's fonts."""

    east_asia_font: str = "Noto Serif CJK SC"
    heading_font: str = "Noto Sans CJK SC"
    latin_font: str = "Noto Serif CJK SC"
    english_font: str = "Noto Serif"


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
    """Style lookup by w:name (case-insensitive), then by outline level; fonts fixed once."""

    def __init__(self, document, settings: DocxSettings):
        self.doc = document
        self.settings = settings
        self.by_name = {s.name.lower(): s for s in document.styles if s.name}
        for style in document.styles:
            if style.type in (1, 2, 3):  # paragraph, character, table
                is_heading = (style.name or "").lower().startswith(("heading", "title"))
                font = settings.heading_font if is_heading else settings.east_asia_font
                set_fonts(style.element.get_or_add_rPr(), font, settings.latin_font)
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
        self.by_name[name.lower()] = style
        return style


def add_field(paragraph, instruction: str, placeholder: str, settings: DocxSettings) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) Word fills in when it opens or updates the file."""
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


class Walker:
    def __init__(self, document, styles: Styles, doc: Document, settings: DocxSettings, messages: Messages):
        self.d = document
        self.t = messages.t
        self.styles = styles
        self.doc = doc
        self.settings = settings
        self.langs: list[str] = []  # lang attributes of the elements being walked, innermost last

    # ------------------------------------------------------------ inline

    def run(self, paragraph, text: str, bold=False, italic=False, sup=False, mono=False):
        if not text:
            return
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if sup:
            run.font.superscript = True
        font = "Noto Sans Mono CJK SC" if mono else self.settings.east_asia_font
        english = bool(self.langs) and self.langs[-1].lower().startswith("en")
        latin = font if mono else self.settings.english_font if english else self.settings.latin_font
        set_fonts(run._r.get_or_add_rPr(), font, latin)
        if english:  # Word's proofing and hyphenation language for this run
            run._r.get_or_add_rPr().find(qn("w:lang")).set(qn("w:val"), "en-US")

    def inline(self, paragraph, el, bold=False, italic=False, sup=False, mono=False) -> None:
        """An inline element: its own formatting on top of the surrounding one."""
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        lang = el.get("lang") if isinstance(el.tag, str) else None
        if lang:
            self.langs.append(lang)
        try:
            self._inline(paragraph, el, tag, bold, italic, sup, mono)
        finally:
            if lang:
                self.langs.pop()

    def _inline(self, paragraph, el, tag: str, bold, italic, sup, mono) -> None:
        if tag == "br":
            paragraph.add_run().add_break()
        elif tag not in ("svg", "script", "style"):
            self.content(paragraph, el, bold or tag in ("strong", "b", "th"), italic or tag in ("em", "i"),
                         sup or tag == "sup", mono or tag == "code")

    def content(self, paragraph, el, bold=False, italic=False, sup=False, mono=False) -> None:
        """An element's text and children; each child's tail is in this element's formatting."""
        self.run(paragraph, _text(el.text), bold, italic, sup, mono)
        for child in el:
            self.inline(paragraph, child, bold, italic, sup, mono)
            self.run(paragraph, _text(child.tail), bold, italic, sup, mono)

    def paragraph(self, el, style):
        p = self.d.add_paragraph(style=style)
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
            self.paragraph(el, self.styles.get(f"Heading {level}", level=level))
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
                    p = self.paragraph(child, self.styles.get("Quote", "Intense Quote", "Normal"))
                    p.paragraph_format.left_indent = Cm(0.8)
                else:
                    self.block(child)
        elif tag == "dl":
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                p = self.d.add_paragraph(style=self.styles.get("Normal"))
                if child.tag.lower() == "dt":
                    self.inline(p, child, bold=True)
                else:
                    p.paragraph_format.left_indent = Cm(0.8)
                    self.inline(p, child)
        elif tag == "pre":
            p = self.d.add_paragraph(style=self.styles.get("Normal"))
            self.run(p, el.text_content(), mono=True)
        elif tag == "hr":
            return
        else:  # div, section, main and unknown wrappers: their children
            if _text(el.text).strip():
                p = self.d.add_paragraph(style=self.styles.get("Normal"))
                self.run(p, _text(el.text))
            for child in el:
                self.block(child, list_level)
                if child.tail and child.tail.strip():
                    p = self.d.add_paragraph(style=self.styles.get("Normal"))
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
        table = self.d.add_table(rows=0, cols=width)
        table.style = self.styles.get("Table Grid", "Normal Table")
        for pair in pairs:
            row = table.add_row()
            for tc, cell_el in zip(row._tr.tc_lst, [c for c in pair if isinstance(c.tag, str)]):
                cell = _Cell(tc, table)
                self.within(cell_el, cell)
                if len(cell.paragraphs) > 1 and not cell.paragraphs[0].text:
                    first = cell.paragraphs[0]._p
                    first.getparent().remove(first)  # a new cell's empty paragraph

    def within(self, el, container) -> None:
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
            p = self.d.add_paragraph(style=style)
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

    def table(self, el) -> None:
        rows = [tr for tr in el.iter("tr")]
        if not rows:
            return
        ncols = max(len([c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]) for tr in rows)
        table = self.d.add_table(rows=0, cols=ncols)
        table.style = self.styles.get("Table Grid", "Normal Table")
        for i, tr in enumerate(rows):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            row = table.add_row()
            tcs = row._tr.tc_lst  # no Table.cell(): it rebuilds the whole grid on every call
            header = all(c.tag.lower() == "th" for c in cells)
            if header and i == 0:
                trpr = row._tr.get_or_add_trPr()
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                trpr.append(flag)
            for tc, cell_el in zip(tcs, cells):
                cell = _Cell(tc, table)
                para = cell.paragraphs[0]
                self.content(para, cell_el, bold=header)
                if "num" in cell_el.get("class", "") or cell_el.get("style", "").find("right") >= 0:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if header:
                    _shade(tc, "D9E2EC")

    def figure(self, el) -> None:
        png = self.doc.images.png(el.get("id", ""))
        if png:
            self.d.add_picture(io.BytesIO(png), width=Cm(16))
            picture = self.d.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in picture.runs:
                set_fonts(run._r.get_or_add_rPr(), self.settings.east_asia_font, self.settings.latin_font)
        for cap in el.iter("figcaption"):
            p = self.d.add_paragraph(style=self.styles.get("Caption", "Normal"))
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(p, cap.text_content())

    def toc(self, el) -> None:
        """Word's TOC field stays empty until Word updates it, so a static list goes first."""
        title = self.d.add_paragraph(style=self.styles.get("TOC Heading", "Normal"))
        self.run(title, self.t("contents"), bold=True)
        for a in el.iter("a"):
            depth = sum(1 for anc in a.iterancestors() if isinstance(anc.tag, str) and anc.tag.lower() == "ul")
            p = self.d.add_paragraph(style=self.styles.get(f"TOC {depth}", "Normal"))
            p.paragraph_format.left_indent = Cm(0.6 * (depth - 1))
            self.run(p, a.text_content())
        field = self.d.add_paragraph(style=self.styles.get("Normal"))
        add_field(field, 'TOC \\o "1-3" \\h \\z \\u', self.t("toc_field_hint"), self.settings)
        page_break = field.add_run()
        page_break.add_break(WD_BREAK.PAGE)  # as in the PDF, the body starts on a new page
        set_fonts(page_break._r.get_or_add_rPr(), self.settings.east_asia_font, self.settings.latin_font)

    def footnotes(self, el) -> None:
        heading = self.d.add_paragraph(style=self.styles.get("Normal"))
        self.run(heading, self.t("notes"), bold=True)
        for n, li in enumerate(el.iter("li"), start=1):
            p = self.d.add_paragraph(style=self.styles.get("Normal"))
            p.paragraph_format.left_indent = Cm(0.5)
            self.run(p, f"{n}. ", bold=True)
            self.content(p, li)
            for run in p.runs:
                run.font.size = Pt(8.5)


def _text(value: str | None) -> str:
    return (value or "").replace("\n", " ")


def _shade(tc, fill: str) -> None:
    tcpr = tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


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


def write(doc: Document, ctx: WriteContext) -> bytes:
    settings = DocxSettings.from_styles(ctx.styles)
    document = docx.Document(str(settings.reference)) if settings.reference else docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)  # the reference file lends its styles, not its text
    styles = Styles(document, settings)
    _page_setup(document, doc.title, settings, ctx.messages)
    document.core_properties.title = doc.title
    document.core_properties.language = doc.lang
    walker = Walker(document, styles, doc, settings, ctx.messages)
    for child in doc.body:
        walker.block(child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

