"""Terminal output: aligned tables that count Chinese characters as two columns, and a
progress bar that shows only on a terminal (cron and pipes stay quiet)."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterable, Iterator, Sequence, TypeVar


T = TypeVar("T")
_QUIET: ContextVar[bool] = ContextVar("reporter_quiet", default=False)


@contextmanager
def bars_off(flag: bool = True) -> Iterator[None]:
    """No progress bars inside (a reader's page bar under `reporter ingest -q`)."""
    token = _QUIET.set(flag)
    try:
        yield
    finally:
        _QUIET.reset(token)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], max_width: int = 60) -> str:
    cells = [[str(h) for h in headers]] + [[_cut(str(c), max_width) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            return out + "…"
        out += ch
    return out


def progress(items: Sequence[T], label: str, quiet: bool = False) -> Iterator[T]:
    """Yield items, drawing 'label [####    ] 3/5 name' on stderr when it is a terminal."""
    show = not quiet and not _QUIET.get() and sys.stderr.isatty()
    total = len(items)
    start = time.monotonic()
    for i, item in enumerate(items):
        if show:
            done = int(24 * i / max(total, 1))
            sys.stderr.write(f"\r{label} [{'#' * done}{' ' * (24 - done)}] {i}/{total} {str(item)[-40:]:<40}")
            sys.stderr.flush()
        yield item
    if show:
        sys.stderr.write(f"\r{label} [{'#' * 24}] {total}/{total} in {time.monotonic() - start:.1f} s{' ' * 40}\n")


def display_width(text: str) -> int:
    """Terminal columns of TEXT (wide characters count two); the cleaner's rule, imported on use
    so a progress bar does not load the cleaner's patterns."""
    from reporter.clean import display_width as width

    return width(text)
