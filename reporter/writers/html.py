"""Document -> a standalone HTML file (styles/screen.css inlined, charts as inline SVG)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from reporter.render.document import Document, check_css
from reporter.render.fetcher import AllowListFetcher


@dataclass
class Layout:
    env: jinja2.Environment
    styles: Path
    fetcher: AllowListFetcher

    def page(self, doc: Document, mode: str, inline_css: str = "") -> str:
        return self.env.get_template("_layout.html.j2").render(
            title=doc.title, lang=doc.lang, body=Markup(doc.body_html()), mode=mode, inline_css=Markup(inline_css))


def write(doc: Document, layout: Layout) -> bytes:
    css_path = layout.styles / "screen.css"
    css = css_path.read_text("utf-8") if css_path.exists() else ""
    check_css(css, layout.fetcher, layout.styles)
    return layout.page(doc, "screen", css).encode("utf-8")
