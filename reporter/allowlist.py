"""The folders rendering may read, and nothing else: no network, no file outside them.

Plain logic with no WeasyPrint import; the PDF writer adapts it to WeasyPrint's fetcher and
the Markdown stage uses it to refuse references before anything is laid out.

`resolve_inside` is the one resolver for every editor file a command reads (catalogues, styles
and their imports, reference.docx, docx.toml, brief.toml, term bases, registries, corrections,
the project file): the file must really be inside its allowed root once symlinks are followed,
else one line and nothing is read. A file named on the command line has its own folder as root.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from reporter.errors import UserError


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


class RefusedFetch(UserError):
    pass


class OutsideRoot(UserError):
    """A file, or a symlink on its way, that leads out of the folder it must be read from."""


def is_inside(path: Path, root: Path) -> bool:
    """PATH (already resolved) is ROOT (resolved) or below it."""
    return path == root or root in path.parents


def resolve_inside(root: Path, name: str | Path, what: str) -> Path | None:
    """ROOT/NAME resolved (symlinks followed) if it is a file inside ROOT; None if there is none;
    OutsideRoot if NAME is absolute, climbs with '..' or leads (through a symlink) out of ROOT."""
    pieces = Path(name).parts
    if Path(name).is_absolute() or ".." in pieces:
        raise OutsideRoot(f"{what}: {name} is outside {root}; refused (nothing was written)")
    candidate = root.joinpath(*pieces)
    if not (candidate.is_symlink() or candidate.exists()):
        return None
    real, base = candidate.resolve(), root.resolve()
    if not is_inside(real, base):
        raise OutsideRoot(f"{what}: {candidate} leads outside {root} (a symlink?); refused (nothing was written)")
    return real if real.is_file() else None


def resolve_given(path: Path, what: str) -> Path:
    """A file named on the command line: it must exist and may not be a symlink out of its folder."""
    found = resolve_inside(path.parent, path.name, what)
    if found is None:
        raise UserError(f"{what} {path}: no such file")
    return found


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
        if any(is_inside(path, root) for root in self.roots):
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
