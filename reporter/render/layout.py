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
            "inline_css": Markup(inline_css)})
