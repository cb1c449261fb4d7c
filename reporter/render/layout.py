"""The HTML shell around a Document (templates/_layout.html.j2), for the HTML and PDF writers."""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from reporter.document import Document


@dataclass
class Layout:
    env: jinja2.Environment

    def page(self, doc: Document, mode: str, inline_css: str = "") -> str:
        from reporter.render.environment import render_template

        return render_template(self.env, "_layout.html.j2", {
            "title": doc.title, "lang": doc.lang, "body": Markup(doc.body_html()), "mode": mode,
            "inline_css": Markup(inline_css), "page_css": Markup(page_counter_css(self.env.globals.get("page_of", "")))})


def page_counter_css(text: str) -> str:
    """The catalogue's 'Page {page} of {pages}' as a CSS content value: strings and counters, so the
    PDF's page footer is in the product's language. Every character outside the counters is a CSS
    escape-safe string (no quote, backslash, angle bracket or line break gets through)."""
    import re

    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            safe = "".join(ch if ch.isalnum() or ch in " /.,:-()" else f"\\{ord(ch):x} " for ch in piece)
            pieces.append(f'"{safe}"')
    return " ".join(pieces) or "none"
