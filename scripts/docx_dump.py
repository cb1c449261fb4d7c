#!/usr/bin/env python3
"""A DOCX as lines to diff: every paragraph (body, cells, footnotes) with its style and paragraph
properties, each run with its effective fonts (its own rFonts, else its paragraph style's), table,
row and cell properties, images, and the header, footer, settings, styles and properties parts.

Why: a writer change that should not change the output (speed work) is checked by an empty diff,
which a byte comparison cannot give (ids, attribute order, fonts moved from runs to styles).
Use: python scripts/docx_dump.py before.docx > a; python scripts/docx_dump.py after.docx > b; diff a b
"""
from __future__ import annotations

import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WHOLE_PARTS = ("docProps/core", "docProps/app", "word/header", "word/footer", "word/settings", "word/styles")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def name(el) -> str:
    return etree.QName(el).localname


def attrs(el) -> str:
    return "" if el is None else " ".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(el.attrib.items()))


def props(el) -> str:
    return " ".join(sorted(f"{name(c)}[{attrs(c)}]" for c in el)) if el is not None else ""


class Dump:
    def __init__(self, styles_xml: bytes):
        self.lines: list[str] = []
        self.fonts: dict[str | None, tuple[str, str]] = {}  # paragraph style id -> (rFonts, lang)
        for style in etree.fromstring(styles_xml).iter(q("style")):
            sid = style.get(q("styleId"))
            self.fonts[sid] = (attrs(style.find(f"{q('rPr')}/{q('rFonts')}")), attrs(style.find(f"{q('rPr')}/{q('lang')}")))
            if style.get(q("default")) == "1" and style.get(q("type")) == "paragraph":
                self.fonts[None] = self.fonts[sid]
                self.default = sid

    def paragraph(self, p, indent: str) -> None:
        ppr = p.find(q("pPr"))
        style = ppr.find(q("pStyle")).get(q("val")) if ppr is not None and ppr.find(q("pStyle")) is not None else None
        rest = [c for c in ppr if name(c) != "pStyle"] if ppr is not None else []
        self.lines.append(f"{indent}P style={style or self.default} {' '.join(sorted(f'{name(c)}[{attrs(c)}]' for c in rest))}")
        style_fonts, style_lang = self.fonts.get(style, ("", ""))
        for r in p.iter(q("r")):
            self.run(r, indent, style_fonts, style_lang)

    def run(self, r, indent: str, style_fonts: str, style_lang: str) -> None:
        rpr = r.find(q("rPr"))
        own = {name(c): c for c in rpr} if rpr is not None else {}
        fonts = attrs(own["rFonts"]) if "rFonts" in own else style_fonts
        lang = attrs(own["lang"]) if "lang" in own else style_lang
        others = sorted(f"{k}[{attrs(c)}]" for k, c in own.items() if k not in ("rFonts", "lang"))
        content = []
        for c in r:
            kind = name(c)
            if kind == "t":
                content.append(repr(c.text or ""))
            elif kind == "instrText":
                content.append("instr" + repr(c.text))
            elif kind == "drawing":
                content.append(f"drawing[{attrs(c.find(f'.//{{{WP}}}extent'))}]")
            elif kind != "rPr":
                content.append(f"{kind}[{attrs(c)}]")
        shown = f" fonts={fonts} lang={lang}" if r.find(q("t")) is not None else ""
        self.lines.append(f"{indent}  R {' '.join(others)}{shown} :: {' '.join(content)}")

    def blocks(self, parent, indent: str = "") -> None:
        for el in parent:
            kind = name(el)
            if kind == "p":
                self.paragraph(el, indent)
            elif kind == "tbl":
                self.table(el, indent)
            elif kind not in ("sectPr", "tcPr"):
                self.lines.append(f"{indent}?{kind}")

    def table(self, tbl, indent: str) -> None:
        self.lines.append(f"{indent}TABLE {props(tbl.find(q('tblPr')))}")
        self.lines.append(f"{indent}GRID {' '.join(g.get(q('w')) for g in tbl.find(q('tblGrid')))}")
        for tr in tbl.findall(q("tr")):
            self.lines.append(f"{indent} ROW {props(tr.find(q('trPr')))}")
            for tc in tr.findall(q("tc")):
                self.lines.append(f"{indent}  CELL {props(tc.find(q('tcPr')))}")
                self.blocks(tc, indent + "   ")


def dump(path: str) -> list[str]:
    with zipfile.ZipFile(path) as z:
        d = Dump(z.read("word/styles.xml"))
        d.blocks(etree.fromstring(z.read("word/document.xml")).find(q("body")))
        if "word/footnotes.xml" in z.namelist():
            for note in etree.fromstring(z.read("word/footnotes.xml")).findall(q("footnote")):
                d.lines.append(f"FOOTNOTE {note.get(q('id'))} {note.get(q('type'))}")
                for p in note.findall(q("p")):
                    d.paragraph(p, "  ")
        for part in sorted(z.namelist()):
            if part.startswith(WHOLE_PARTS):
                d.lines.append(f"PART {part}: {z.read(part).decode('utf-8', 'replace')}")
            elif part.startswith("word/media"):
                d.lines.append(f"MEDIA {part} {len(z.read(part))}")
    return d.lines


if __name__ == "__main__":
    print("\n".join(dump(sys.argv[1])))
