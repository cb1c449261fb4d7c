"""The Word package around the body: the reference file emptied of its text, page setup with a
header and page-number fields, document properties, "update fields on open" (so Word and
LibreOffice fill the contents' page numbers), the organisation in docProps/app.xml, and the body
spliced in as text and parsed once.
"""
from __future__ import annotations

import re

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from lxml import etree

from reporter.i18n import Messages
from reporter.writers.docx.runs import escape
from reporter.writers.docx.styles import DocxSettings, set_fonts

BODY_NS = nsdecls("w", "r", "wp", "a", "pic")


def open_reference(settings: DocxSettings):
    """A python-docx document from the reference file, without its text: it lends its styles."""
    document = docx.Document(str(settings.reference)) if settings.reference else docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def set_properties(document, title: str, lang: str, settings: DocxSettings, meta: dict) -> None:
    """Core properties (title, language, author) and the organisation where Word shows it; the
    style settings first, then the Document's meta (author, company)."""
    props = document.core_properties
    props.title = title
    props.language = lang
    company = settings.organisation or meta.get("company", "")
    props.author = settings.author or meta.get("author", "") or company
    props.last_modified_by = props.author
    props.comments = ""
    set_company(document, company)


def update_fields_on_open(document) -> None:
    """w:updateFields: Word asks to refresh fields; LibreOffice refreshes the TOC when converting."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    settings.append(flag)


def set_company(document, company: str) -> None:
    """docProps/app.xml <Company>, where Word shows the organisation."""
    if not company:
        return
    for rel in document.part.package.rels.values() if hasattr(document.part.package, "rels") else []:
        if rel.reltype.endswith("/extended-properties"):
            part = rel.target_part
            text = part.blob.decode("utf-8")
            escaped = escape(company)
            if "<Company>" in text:
                text = re.sub(r"<Company>.*?</Company>|<Company/>", f"<Company>{escaped}</Company>", text, flags=re.S)
            else:
                text = text.replace("</Properties>", f"<Company>{escaped}</Company></Properties>")
            part._blob = text.encode("utf-8")
            return


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


def page_setup(document, title: str, settings: DocxSettings, messages: Messages) -> None:
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



def fill_body(document, xml: str) -> None:
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

