"""Writers: a Document (or data tables) in, the bytes of one file format out.

Document writers share one signature, `write(doc: Document, ctx: WriteContext) -> bytes`, and
are found by format name in WRITERS; each module is imported only when its format is asked
for (WeasyPrint is slow to import). A new output format is a new module plus one entry here.
Data writers (xlsx, csv, json) live in writers/data.py.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # annotations only: registering commands (cli) must not import lxml
    from reporter.allowlist import AllowList
    from reporter.document import Document
    from reporter.i18n import Messages

WRITERS = {
    "pdf": "reporter.writers.pdf",
    "docx": "reporter.writers.docx",
    "html": "reporter.writers.html",
    "md": "reporter.writers.md",
}
DATA_FORMATS = ("xlsx", "csv", "json")


@dataclass
class WriteContext:
    """What a writer needs besides the Document: where styles are, the HTML shell, the reading
    allow-list and the words of the output's language."""

    styles: Path
    page: Callable[[Document, str, str], str]  # (doc, "screen"|"print", inline css) -> the HTML page
    allow: AllowList
    messages: Messages
    user_styles: Path | None = None  # `--styles DIR`: its files replace styles/ ones of the same name

    def style(self, name: str) -> Path:
        """A style file, the user's first (print.css, screen.css, reference.docx, docx.toml), through
        the one resolver: a symlink out of its folder is refused (paths.style_file)."""
        from reporter.allowlist import resolve_inside

        if self.user_styles is not None:
            found = resolve_inside(self.user_styles, name, "--styles")
            if found is not None:
                return found
        return resolve_inside(self.styles, name, "styles/") or self.styles / name


def writer(fmt: str) -> ModuleType:
    return importlib.import_module(WRITERS[fmt])
