"""Document -> PDF with WeasyPrint and styles/print.css.

Every HTML and CSS object gets the same allow-list fetcher (a CSS built without it, or its
@import, would read anything). A missing glyph is only a log line in WeasyPrint, so the
log is watched and a '.notdef' fails the render instead of printing boxes.
"""
from __future__ import annotations

import logging
import re

from reporter.allowlist import AllowList, RefusedFetch
from reporter.document import Document
from reporter.errors import UserError
from reporter.fonts import require_cjk_font, warn_if_no_harfbuzz_subset
from reporter.writers import WriteContext
from reporter.writers.css import check_stylesheet

MIME = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}


def fetcher(allow: AllowList):
    """WeasyPrint's URLFetcher narrowed to data: URLs and the allow-list; no redirects."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AllowListFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=False)

        def fetch(self, url: str, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path, body = allow.read(url)
            return URLFetcherResponse(url, body=body, headers={
                "Content-Type": MIME.get(path.suffix.lower(), "application/octet-stream")})

    return AllowListFetcher()


class GlyphWatch(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "notdef" in message or "No glyph" in message:
            self.missing.append(message)


def write(doc: Document, ctx: WriteContext) -> bytes:
    from weasyprint import CSS, HTML

    require_cjk_font()
    warn_if_no_harfbuzz_subset()
    html = ctx.page(doc, "print", "")
    watch = GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    fetch = fetcher(ctx.allow)
    css_path = ctx.styles / "print.css"
    check_stylesheet(css_path.read_text("utf-8"), str(css_path.name))
    try:
        css = CSS(filename=str(css_path), url_fetcher=fetch)
        pdf = HTML(string=html, base_url=str(ctx.styles) + "/", url_fetcher=fetch).write_pdf(stylesheets=[css])
    finally:
        logger.removeHandler(watch)
    ctx.allow.check()
    if watch.missing:
        chars = re.findall(r'"(.*?)" \((U\+[0-9A-F]+)\)', " ".join(watch.missing))
        which = ", ".join(f"{c} {code}" for c, code in chars[:5]) or watch.missing[0]
        raise UserError(f"no installed font has {which}: the PDF would show boxes (nothing was written); "
                        "install fonts-noto-cjk or remove the character")
    return pdf


__all__ = ["write", "RefusedFetch"]
