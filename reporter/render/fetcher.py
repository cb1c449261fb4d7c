"""The only way rendering reads a file: an allow-list of folders, no network, no redirects."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse

from reporter.errors import UserError


class RefusedFetch(UserError):
    pass


class AllowListFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed: data: URLs and files below the roots, nothing else.

    Refusals are remembered (WeasyPrint only logs a failed fetch) and check() turns them
    into one error after layout.
    """

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=False)
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

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self.allowed_path(url)
        if path is None or not path.is_file():
            self.refused.append(url)
            raise RefusedFetch(f"refused to fetch {url}")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": _mime(path)})

    def check(self) -> None:
        if self.refused:
            raise RefusedFetch(f"refused to fetch {self.refused[0]}: templates and styles may only use files in "
                               "templates/, styles/ and the output folder (nothing was written)")


def _mime(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
            ".jpeg": "image/jpeg", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf"}.get(
        path.suffix.lower(), "application/octet-stream")
