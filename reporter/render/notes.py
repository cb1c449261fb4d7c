"""Footnotes collected while a template renders: cite() returns the marker, the
definitions are written at the end as Markdown footnotes (one per distinct text)."""
from __future__ import annotations

from markupsafe import Markup

from reporter.render.filters import md_text


class Footnotes:
    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def cite(self, text: str) -> Markup:
        n = self._ids.setdefault(str(text), len(self._ids) + 1)
        return Markup(f"[^{n}]")

    def __len__(self) -> int:
        return len(self._ids)

    def definitions(self) -> Markup:
        lines = [f"[^{n}]: {md_text(text)}" for text, n in self._ids.items()]
        return Markup("\n\n" + "\n".join(lines) + "\n") if lines else Markup("")
