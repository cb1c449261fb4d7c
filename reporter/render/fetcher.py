"""The only way rendering reads a file: an allow-list of folders, no network, no redirects."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from reporter.errors import UserError


class RefusedFetch(UserError):
    pass


class AllowListFetcher:
    """A WeasyPrint url_fetcher that reads only below the given roots and remembers refusals."""

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

    def __call__(self, url: str, timeout: int = 10, ssl_context=None, **_ignored):
        if url.startswith("data:"):
            from weasyprint.urls import default_url_fetcher

            return default_url_fetcher(url)
        path = self.allowed_path(url)
        if path is None or not path.is_file():
            self.refused.append(url)
            raise RefusedFetch(f"refused to fetch {url}: rendering reads only from {', '.join(map(str, self.roots))}")
        return {"string": path.read_bytes(), "mime_type": _mime(path), "redirected_url": url}

    def check(self) -> None:
        if self.refused:
            raise RefusedFetch(f"refused to fetch {self.refused[0]}: templates and styles may only use files in "
                               "templates/, styles/ and the output folder (nothing was written)")


def _mime(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}.get(
        path.suffix.lower(), "application/octet-stream")
