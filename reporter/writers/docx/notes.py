"""Footnotes: each citation a real Word footnote at the foot of its page (a footnotes part python-docx
does not make), or, where there is none, the document's own list of notes as paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from reporter.document import Document
from reporter.writers.docx.runs import escape, quoteattr

if TYPE_CHECKING:
    from reporter.writers.docx.walker import Walker

FOOTNOTE_HALF_POINTS = 17  # 8.5 pt
SPACES = re.compile(r"\s+")

FOOTNOTES_XML = (
    f'<w:footnotes {nsdecls("w")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


@dataclass
class Footnotes:
    """Word footnotes: each citation a footnote at the foot of its page (Word's own numbering).

    Notes are kept as WordprocessingML text and parsed once by close(): one parse instead of a
    dozen element constructions per note."""

    root: object
    east_asia: str
    latin: str
    size_half_points: int = FOOTNOTE_HALF_POINTS
    next_id: int = 1
    pending: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, document, east_asia: str, latin: str) -> "Footnotes":
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(FOOTNOTES_XML),
                       document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        return cls(part.element, east_asia, latin)

    def rpr(self, superscript: bool, size: int | None = None) -> str:
        """A note's run properties (rPr in schema order: fonts, size, then vertical alignment)."""
        fonts = (f'<w:rFonts w:ascii={quoteattr(self.latin)} w:hAnsi={quoteattr(self.latin)} '
                 f'w:eastAsia={quoteattr(self.east_asia)}/>')
        sup = '<w:vertAlign w:val="superscript"/>' if superscript else ""
        return f'<w:rPr>{fonts}<w:sz w:val="{size or self.size_half_points}"/>{sup}</w:rPr>'

    def add(self, text: str) -> int:
        """A footnote with this text; returns its id for the reference."""
        n = self.next_id
        self.next_id += 1
        self.pending.append(
            f'<w:footnote w:id="{n}"><w:p><w:r>{self.rpr(True)}<w:footnoteRef/></w:r>'
            f'<w:r>{self.rpr(False)}<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
        return n

    def close(self) -> None:
        """Put the notes added so far into footnotes.xml."""
        if self.pending:
            notes = parse_xml(f'<w:footnotes {nsdecls("w")}>{"".join(self.pending)}</w:footnotes>')
            self.root.extend(list(notes))
            self.pending.clear()


def note_texts(doc: Document) -> dict[str, str]:
    """Footnote id (fn:3) -> its text, from the document's footnote list."""
    out = {}
    for div in doc.body.iter("div"):
        if "footnote" in div.get("class", "").split():
            for li in div.iter("li"):
                if li.get("id"):
                    out[li.get("id")] = SPACES.sub(" ", li.text_content()).strip()
    return out


def note_list(walker: Walker, el) -> None:
    """div.footnote: nothing where each citation is already a Word footnote at the foot of its page,
    else the notes as numbered paragraphs."""
    if walker.word_notes is not None:
        return
    heading = walker.add_paragraph(walker.styles.get("Normal"))
    walker.run(heading, walker.t("notes"), bold=True)
    for n, li in enumerate(el.iter("li"), start=1):
        p = walker.add_paragraph(walker.styles.get("Normal"), indent=Cm(0.5).twips, size=FOOTNOTE_HALF_POINTS)
        walker.run(p, f"{n}. ", bold=True)
        walker.content(p, li)
