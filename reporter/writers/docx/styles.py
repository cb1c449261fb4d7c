"""The Word styles: fonts fixed once on every style of the reference file, and styles found by
name, falling back to outline level, because LibreOffice, WPS and Chinese-locale Word name them
differently. Every style gets the East Asian font (w:eastAsia; python-docx's Font.name never writes
it) with the theme-font attributes that would override it removed, so Chinese never falls back to
MS Mincho.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reporter.datafiles import Schema, load_file
from reporter.writers import WriteContext

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


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

