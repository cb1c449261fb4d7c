"""Readers turn a source file's bytes into text. One module per format.

A reader module in this package defines SUFFIXES (a tuple like (".txt",)) and
read(path) -> str. Adding HTML, DOCX or PDF support is a new module here: the registry
below finds it, nothing else changes.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from reporter.errors import UserError

MAX_BYTES = 50 * 1024 * 1024


def _reader_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]


@lru_cache(maxsize=1)
def suffix_map() -> dict[str, ModuleType]:
    return {s: mod for mod in _reader_modules() for s in mod.SUFFIXES}


def supported(path: Path) -> bool:
    return path.suffix.lower() in suffix_map()


def read_bytes(path: Path) -> bytes:
    """A source file's bytes, refusing what no reader takes or what is too large."""
    readers = suffix_map()
    if path.suffix.lower() not in readers:
        known = ", ".join(sorted(readers))
        raise UserError(f"{path}: no reader for '{path.suffix or '(no suffix)'}' files (known: {known})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise UserError(f"{path}: {size / 1e6:.0f} MB is larger than the {MAX_BYTES // 2**20} MiB limit for one source")
    return path.read_bytes()


def decode_source(path: Path, data: bytes) -> str:
    """Bytes already read -> text, by the reader for the file's suffix."""
    return suffix_map()[path.suffix.lower()].read(path, data)
