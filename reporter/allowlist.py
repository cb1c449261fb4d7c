"""The folders rendering may read, and nothing else: no network, no file outside them.

Plain logic with no WeasyPrint import; the PDF writer adapts it to WeasyPrint's fetcher and
the Markdown stage uses it to refuse references before anything is laid out.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from reporter.errors import UserError


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class RefusedFetch(UserError):
    pass


class AllowList:
    """Files below the roots may be read; every refusal is remembered for check()."""

    def __init__(self, roots: list[Path]):
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def allowed_path(self, url: str) -> Path | None:
        parsed = urlparse(url)
        if parsed.scheme not in ("file", ""):
            return None
        path = Path(unquote(parsed.path)).resolve()
        if any(path == root or root in path.parents for root in self.roots):
            return path
        return None

    def read(self, url: str) -> tuple[Path, bytes]:
        path = self.allowed_path(url)
        if path is None or not path.is_file():
            self.refused.append(url)
            raise RefusedFetch(f"refused to fetch {url}")
        return path, path.read_bytes()

    def check(self) -> None:
        if self.refused:
            raise RefusedFetch(f"refused to fetch {self.refused[0]}: templates and styles may only use files in "
                               "templates/ and styles/ (nothing was written)")


def check_url(url: str, allow: AllowList, fetched: bool) -> None:
    """Links (href) may point anywhere; anything fetched must be data: or an allowed file."""
    url = url.strip()
    if not url or url.startswith(("#", "data:")):
        return
    if not fetched and re.match(r"^(https?|mailto):", url):
        return
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) and not url.startswith("file:"):
        raise RefusedFetch(f"refused {url}: templates may not load anything from the network (nothing was written)")
    if url.startswith("file:") or url.startswith("/"):
        if allow.allowed_path(url) is None:
            raise RefusedFetch(f"refused {url}: outside templates/ and styles/ (nothing was written)")


def check_css(css: str, allow: AllowList, base: Path) -> None:
    for m in CSS_URL.finditer(css):
        url = m.group(1) or m.group(2)
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            url = (base / url).resolve().as_uri()
        check_url(url, allow, fetched=True)
