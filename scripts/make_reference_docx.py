"""Regenerate styles/reference.docx, the Word styles the DOCX writer borrows.

Editors may instead open styles/reference.docx in Word/WPS/LibreOffice, change the styles
(Normal, Heading 1-4, List Bullet, Table Grid, Caption, Quote ...) and save it.
"""
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor

doc = docx.Document()
normal = doc.styles["Normal"]
normal.font.size = Pt(10.5)
normal.paragraph_format.line_spacing = 1.4
normal.paragraph_format.space_after = Pt(4)
for level, size in ((1, 20), (2, 15), (3, 12), (4, 11)):
    style = doc.styles[f"Heading {level}"]
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0x1F, 0x3B, 0x57)
    style.font.bold = True
doc.styles["Caption"].font.size = Pt(9)
doc.add_paragraph("reporter reference document: only its styles are used.")
out = Path(__file__).resolve().parent.parent / "styles" / "reference.docx"
doc.save(out)
print(f"wrote {out}")
