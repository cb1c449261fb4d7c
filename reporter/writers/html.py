"""Document -> a standalone HTML file (styles/screen.css inlined, charts as inline PNG images)."""
from __future__ import annotations

from reporter.allowlist import check_css
from reporter.document import Document
from reporter.writers import WriteContext
from reporter.writers.css import check_fetches, check_stylesheet


def write(doc: Document, ctx: WriteContext) -> bytes:
    css_path = ctx.style("screen.css")
    css = css_path.read_text("utf-8") if css_path.exists() else ""
    check_css(css, ctx.allow, css_path.parent)
    check_fetches(css, ctx.allow, css_path.parent)
    check_stylesheet(css, css_path.name, css_path.parent)
    return ctx.page(doc, "screen", css).encode("utf-8")
