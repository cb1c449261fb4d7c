"""The walk over the Document's HTML tree: blocks to paragraphs, inline elements to runs, each in
its element's language (runs inside lang="en" get the English face and proofing language). Tables,
figures and the contents are written by their own modules, called from block().
"""
from __future__ import annotations

import re

from docx.shared import Cm

from reporter.document import Document
from reporter.i18n import Messages
from reporter.writers.docx.contents import bookmark_name, contents
from reporter.writers.docx.notes import FOOTNOTE_HALF_POINTS, Footnotes, note_list
from reporter.writers.docx.pictures import figure
from reporter.writers.docx.runs import Body, Para, text_xml
from reporter.writers.docx.styles import DocxSettings, Styles
from reporter.writers.docx.tables import columns, table

MONO_FONT = "Noto Sans Mono CJK SC"
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "figure", "blockquote", "dl", "pre",
              "hr", "section", "main", "nav"}
OPEN_PAREN_BREAK = re.compile(r"(?<!\u200b)（")


def inline_text(value: str | None) -> str:
    """An element's text or tail as run text: source line breaks are spaces."""
    return value.replace("\n", " ") if value else ""


class Walker:
    """Walks blocks into `target` (the body, or a table cell while one is written), keeping what
    the walk has made so far: cited notes, heading bookmarks, picture ids."""

    def __init__(self, document, styles: Styles, doc: Document, settings: DocxSettings, messages: Messages,
                 notes: dict[str, str] | None = None, footnotes: Footnotes | None = None):
        self.notes = notes or {}  # footnote id (fn:3) -> its text, for real Word footnotes
        self.word_notes = footnotes
        self.in_table = False  # table cells get a break hint before "（"
        self.cited: dict[str, int] = {}  # footnote ref -> the Word footnote made for it
        self.bookmarks: dict[str, int] = {}  # heading id -> its bookmark number (the contents point there)
        self.document = document
        self.target = Body()
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
        self.target.parts.append(p)
        return p

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
        self.run(paragraph, inline_text(el.text), bold, italic, sup, mono)
        for child in el:
            self.inline(paragraph, child, bold, italic, sup, mono)
            self.run(paragraph, inline_text(child.tail), bold, italic, sup, mono)

    def paragraph(self, el, style, **kw) -> Para:
        p = self.add_paragraph(style, **kw)
        self.run(p, inline_text(el.text))
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
                self.block(child)
            else:
                self.inline(p, child)
            self.run(p, inline_text(child.tail))
        return p

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
        classes = el.get("class", "").split()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(el, int(tag[1]))
        elif tag == "p":
            self.paragraph(el, self.styles.get("Normal"))
        elif tag in ("ul", "ol"):
            self.list(el, tag, list_level)
        elif tag == "table":
            table(self, el)
        elif tag == "figure":
            figure(self, el)
        elif tag == "div" and "toc" in classes:
            contents(self, el)
        elif tag == "div" and "footnote" in classes:
            note_list(self, el)
        elif tag == "div" and "bilingual" in classes:
            columns(self, el)
        elif tag == "blockquote":
            self.quote(el)
        elif tag == "dl":
            self.definitions(el)
        elif tag == "pre":
            p = self.add_paragraph(self.styles.get("Normal"))
            self.run(p, el.text_content(), mono=True)
        elif tag != "hr":  # div, section, main and unknown wrappers: their children
            self.wrapper(el, list_level)

    def heading(self, el, level: int) -> None:
        p = self.paragraph(el, self.styles.get(f"Heading {level}", level=level))
        if el.get("id"):  # the contents' page numbers point here (PAGEREF)
            n = len(self.bookmarks) + 1
            self.bookmarks[el.get("id")] = n
            p.runs.insert(0, f'<w:bookmarkStart w:id="{n}" w:name="{bookmark_name(el.get("id"))}"/>')
            p.runs.append(f'<w:bookmarkEnd w:id="{n}"/>')

    def quote(self, el) -> None:
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() == "p":
                self.paragraph(child, self.styles.get("Quote", "Intense Quote", "Normal"), indent=Cm(0.8).twips)
            else:
                self.block(child)

    def definitions(self, el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag.lower() == "dt":
                self.inline(self.add_paragraph(self.styles.get("Normal")), child, bold=True)
            else:
                self.inline(self.add_paragraph(self.styles.get("Normal"), indent=Cm(0.8).twips), child)

    def wrapper(self, el, list_level: int) -> None:
        """A div, section, main or unknown element: its blocks, and any loose text as paragraphs."""
        if inline_text(el.text).strip():
            p = self.add_paragraph(self.styles.get("Normal"))
            self.run(p, inline_text(el.text))
        for child in el:
            self.block(child, list_level)
            if child.tail and child.tail.strip():
                p = self.add_paragraph(self.styles.get("Normal"))
                self.run(p, child.tail.strip())

    def within(self, el, container: Body) -> None:
        """Walk el's blocks into container (a cell or the body), in el's language."""
        saved, self.target = self.target, container
        lang = el.get("lang")
        if lang:
            self.langs.append(lang)
        try:
            for child in el:
                self.block(child)
        finally:
            self.target = saved
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
            self.run(p, inline_text(li.text))
            nested = []
            for child in li:
                if isinstance(child.tag, str) and child.tag.lower() in ("ul", "ol"):
                    nested.append(child)
                else:
                    self.inline(p, child)
                    self.run(p, inline_text(child.tail))
            for child in nested:
                self.list(child, child.tag.lower(), level + 1)
