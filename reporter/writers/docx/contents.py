"""The contents: a list of headings with PAGEREF fields to their headings' bookmarks."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docx.shared import Cm

from reporter.writers.docx.tables import TEXT_WIDTH_CM

if TYPE_CHECKING:
    from reporter.writers.docx.walker import Walker


def contents(walker: Walker, el) -> None:
    """The contents as a list of headings, each with a PAGEREF field to its heading's bookmark:
    LibreOffice lays the page numbers out itself (a TOC field's cached result it would show as
    stored, without numbers), Word fills them on opening (dirty fields, updateFields)."""
    title = walker.add_paragraph(walker.styles.get("TOC Heading", "Normal"))
    walker.run(title, walker.t("contents"), bold=True)
    entries = []
    for a in el.iter("a"):
        depth = sum(1 for anc in a.iterancestors() if isinstance(anc.tag, str) and anc.tag.lower() == "ul")
        entries.append((depth, a.text_content(), (a.get("href") or "").lstrip("#")))
    paragraphs = []
    for depth, text, target in entries or [(1, walker.t("toc_field_hint"), "")]:
        p = walker.add_paragraph(walker.styles.get(f"TOC {depth}", "Normal"), indent=Cm(0.6 * (depth - 1)).twips)
        p.tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{int(TEXT_WIDTH_CM * 567)}"/></w:tabs>'
        paragraphs.append((p, text, target))
    for p, text, target in paragraphs:
        walker.run(p, text)
        if target:  # a page reference LibreOffice and Word compute on layout, no field update needed
            rpr = p.rpr(walker.body_fonts)
            p.add("<w:tab/>", rpr)
            p.add('<w:fldChar w:fldCharType="begin" w:dirty="true"/>', rpr)  # Word: refresh on opening
            p.add(f'<w:instrText xml:space="preserve"> PAGEREF {bookmark_name(target)} \\h </w:instrText>', rpr)
            p.add('<w:fldChar w:fldCharType="separate"/>', rpr)  # no cached number: never a wrong one
            p.add('<w:fldChar w:fldCharType="end"/>', rpr)
    page_break = walker.add_paragraph(walker.styles.get("Normal"))
    page_break.add('<w:br w:type="page"/>', page_break.rpr(walker.body_fonts))  # the body starts on a new page


def bookmark_name(heading_id: str) -> str:
    """A heading's id (s-0a1b…) as a Word bookmark name (letters, digits, _; at most 40)."""
    return ("_Toc" + re.sub(r"[^A-Za-z0-9_]", "_", heading_id))[:40]
