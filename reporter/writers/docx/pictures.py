"""Figures: a chart's PNG (from the chart objects, else the figure's own inline PNG) as a Word
drawing, and its caption.
"""
from __future__ import annotations

import base64
import binascii
import io
import struct
from typing import TYPE_CHECKING

from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from reporter.writers.docx.runs import quoteattr

if TYPE_CHECKING:
    from reporter.writers.docx.walker import Walker

PICTURE_WIDTH = Cm(16)
INLINE_NS = nsdecls("wp", "a", "pic", "r")
PNG_URI = "data:image/png;base64,"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_INLINE_PNG = 20 * 1024 * 1024


def figure(walker: Walker, el) -> None:
    """A chart's PNG (from the chart objects, else the figure's own inline PNG) and its caption."""
    png = walker.doc.images.png(el.get("id", "")) or inline_png(el)
    drawing = picture(walker, png) if png else None
    if drawing:
        p = walker.add_paragraph(None, align="center")
        p.add(drawing, p.rpr(walker.body_fonts))
    for cap in el.iter("figcaption"):
        p = walker.add_paragraph(walker.styles.get("Caption", "Normal"), align="center")
        walker.run(p, cap.text_content())


def picture(walker: Walker, png: bytes) -> str | None:
    """A w:drawing of the image at the picture width, as python-docx's add_picture makes it;
    None for bytes that are not an image python-docx can size (an inline image is input)."""
    try:
        rid, image = walker.document.part.get_or_add_image(io.BytesIO(png))
    except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError, ValueError, IndexError,
            struct.error):
        return None
    cx, cy = image.scaled_dimensions(PICTURE_WIDTH, None)
    walker.picture_id += 1
    n = walker.picture_id
    return (f'<w:drawing><wp:inline {INLINE_NS}><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Picture {n}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name={quoteattr(image.filename)}/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')


def inline_png(el) -> bytes | None:
    """The PNG of a figure's <img src="data:image/png;base64,...">: a Markdown file rendered as
    written (no chart objects behind it) keeps its charts, as Pandoc would."""
    for img in el.iter("img"):
        src = (img.get("src") or "").strip()
        if src.startswith(PNG_URI) and len(src) <= MAX_INLINE_PNG * 4 // 3 + len(PNG_URI) + 4:
            try:
                data = base64.b64decode(src[len(PNG_URI):], validate=True)
            except binascii.Error:
                continue
            if data.startswith(PNG_SIGNATURE):
                return data
    return None
