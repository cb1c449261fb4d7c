"""Document -> PDF with WeasyPrint and styles/print.css.

Every HTML and CSS object gets the same allow-list fetcher (a CSS built without it, or its
@import, would read anything). A missing glyph is only a log line in WeasyPrint, so the
log is watched and a '.notdef' fails the render instead of printing boxes.
"""
from __future__ import annotations

import logging
import re

from reporter.errors import UserError
from reporter.render.document import Document
from reporter.render.fonts import require_cjk_font, warn_if_no_harfbuzz_subset
from reporter.writers.html import Layout


class GlyphWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "notdef" in message or "No glyph" in message:
            self.missing.append(message)


def write(doc: Document, layout: Layout) -> bytes:
    from weasyprint import CSS, HTML

    require_cjk_font()
    warn_if_no_harfbuzz_subset()
    html = layout.page(doc, "print")
    watch = GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        css = CSS(filename=str(layout.styles / "print.css"), url_fetcher=layout.fetcher)
        pdf = HTML(string=html, base_url=str(layout.styles) + "/", url_fetcher=layout.fetcher).write_pdf(
            stylesheets=[css])
    finally:
        logger.removeHandler(watch)
    if watch.missing:
        chars = re.findall(r'"(.*?)" \((U\+[0-9A-F]+)\)', " ".join(watch.missing))
        which = ", ".join(f"{c} {code}" for c, code in chars[:5]) or watch.missing[0]
        raise UserError(f"no installed font has {which}: the PDF would show boxes (nothing was written); "
                        "install fonts-noto-cjk or remove the character")
    return pdf
