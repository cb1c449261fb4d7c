"""Document -> DOCX: python-docx for the package (styles, sections, headers, properties, images),
the body written as WordprocessingML text in one pass and parsed once.

Styles come from styles/reference.docx (restyle it in Word, like pandoc's). The modules, in the
order write() uses them:
- styles: the settings (styles/docx.toml), fonts fixed on every style, styles found by name;
- package: the reference file emptied, page setup, properties, the body spliced in;
- notes: real Word footnotes; walker: the HTML tree to paragraphs, with runs (runs), tables
  (tables, widths measured by widths), figures (pictures) and the contents (contents).
"""
from __future__ import annotations

import io

from reporter.document import Document
from reporter.writers import WriteContext
from reporter.writers.docx.notes import Footnotes, note_texts
from reporter.writers.docx.package import fill_body, open_reference, page_setup, set_properties, update_fields_on_open
from reporter.writers.docx.styles import DocxSettings, Styles
from reporter.writers.docx.walker import Walker


def write(doc: Document, ctx: WriteContext) -> bytes:
    settings = DocxSettings.from_styles(ctx)
    document = open_reference(settings)
    styles = Styles(document, settings)
    page_setup(document, doc.title, settings, ctx.messages)
    set_properties(document, doc.title, doc.lang, settings, doc.meta)
    update_fields_on_open(document)
    notes = note_texts(doc)
    footnotes = Footnotes.attach(document, settings.east_asia_font, settings.latin_font) if notes else None
    walker = Walker(document, styles, doc, settings, ctx.messages, notes, footnotes)
    for child in doc.body:
        walker.block(child)
    fill_body(document, walker.target.xml())
    if footnotes is not None:
        footnotes.close()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
