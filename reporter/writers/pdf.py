"""Document -> PDF with WeasyPrint and styles/print.css.

Every HTML and CSS object gets the same allow-list fetcher (a CSS built without it, or its
@import, would read anything). A missing glyph is only a log line in WeasyPrint, so the
log is watched and a '.notdef' fails the render instead of printing boxes.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from reporter.allowlist import AllowList, RefusedFetch
from reporter.document import Document
from reporter.errors import UserError
from reporter.limits import release_memory
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
    return layout(ctx.page(doc, "print", ""), ctx.style("print.css"), ctx.allow)


def layout(html: str, css_path: Path, allow: AllowList) -> bytes:
    """The print HTML laid out with the stylesheet; the same in this process or the PDF process."""
    from weasyprint import CSS, HTML

    require_cjk_font()
    warn_if_no_harfbuzz_subset()
    watch = GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    fetch = fetcher(allow)
    check_stylesheet(css_path.read_text("utf-8"), str(css_path.name), css_path.parent)
    try:
        css = CSS(filename=str(css_path), url_fetcher=fetch)
        document = HTML(string=html, base_url=str(css_path.parent) + "/", url_fetcher=fetch).render(stylesheets=[css])
        release_memory()  # the layout's scaffolding (styles, boxes of the source tree) before the fonts are read
        pdf = document.write_pdf()
    except (UserError, MemoryError):
        raise
    except RecursionError:
        raise UserError(f"{css_path.name}: the page is nested too deep to lay out (nothing was written)") from None
    except Exception as exc:  # noqa: BLE001 - WeasyPrint's own failure on a style or page: one line, not a traceback
        raise UserError(f"{css_path.name}: WeasyPrint could not lay out the page with this stylesheet "
                        f"({type(exc).__name__}: {str(exc)[:120]}) (nothing was written)") from None
    finally:
        logger.removeHandler(watch)
    allow.check()
    if watch.missing:
        chars = re.findall(r'"(.*?)" \((U\+[0-9A-F]+)\)', " ".join(watch.missing))
        which = ", ".join(f"{c} {code}" for c, code in chars[:5]) or watch.missing[0]
        raise UserError(f"no installed font has {which}: the PDF would show boxes (nothing was written); "
                        "install fonts-noto-cjk or remove the character")
    return pdf


WARM_UP = ("<html lang='zh-CN'><body><h1>标题 Title 2024</h1><h2>小节</h2><h3>三级</h3><p>正文 text 1,234.5 亿元"
           "<strong>加粗 bold</strong><em>强调</em><sup>1</sup></p><table><thead><tr><th>指标</th><th>2024</th></tr>"
           "</thead><tbody><tr><td>地区生产总值</td><td class='num'>5,408.1</td></tr></tbody></table>"
           "<figure><figcaption>图 chart</figcaption></figure><p><code>code 代码</code></p></body></html>")


def warm_up(css_path: Path, allow: AllowList) -> None:
    """Lay out a small page in the same fonts and styles, so WeasyPrint's import, fontconfig and
    the CJK fonts are loaded before the real document arrives. Laid out only, not written: a
    written PDF would copy every font file into memory (~90 MB for four CJK faces) for nothing."""
    try:
        from weasyprint import CSS, HTML

        fetch = fetcher(allow)
        css = CSS(filename=str(css_path), url_fetcher=fetch)
        HTML(string=WARM_UP, base_url=str(css_path.parent) + "/", url_fetcher=fetch).render(stylesheets=[css])
    except Exception:  # only a head start: the real layout reports any problem
        pass


__all__ = ["write", "RefusedFetch"]
