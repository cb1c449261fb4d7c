"""Readers turn a source file's bytes into text. One module per format.

A reader module in this package defines SUFFIXES (a tuple like (".txt",)) and
read(path) -> str. Adding HTML, DOCX or PDF support is a new module here: the registry
below finds it, nothing else changes.
"""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import tomllib
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Iterator

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
    return _read(path)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode_source(path: Path, data: bytes) -> str:
    """Bytes already read -> text, by the reader for the file's suffix, control characters normalised."""
    return read_text(path, data)[0]


def read_text(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Bytes already read -> (text, warnings): the reader for the file's suffix, then control
    characters normalised so no stored text can break a writer (XML cannot hold most of them)."""
    reader = suffix_map().get(path.suffix.lower())
    if reader is None:
        raise UserError(f"{path}: no reader for '{path.suffix or '(no suffix)'}' files (known: {', '.join(sorted(suffix_map()))})")
    text, warnings = normalise_controls(reader.read(path, data))
    if not text.strip():
        raise UserError(f"{path}: no text in the file (only control characters)")
    return text, warnings


# ---------------------------------------------------------------- control characters

# vertical tab, form feed, NEL, line and paragraph separators break a line; every other C0/C1
# control, DEL and the non-characters U+FFFE/U+FFFF are dropped (tab, LF and CR are text).
BREAKS = "\x0b\x0c\x85\u2028\u2029"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def normalise_controls(text: str) -> tuple[str, list[str]]:
    found: dict[str, int] = {}

    def fix(m: re.Match) -> str:
        found[m.group()] = found.get(m.group(), 0) + 1
        return "\n" if m.group() in BREAKS else ""

    text = CONTROLS.sub(fix, text)
    if not found:
        return text, []
    total = sum(found.values())
    kinds = ", ".join(f"U+{ord(c):04X}×{n}" for c, n in sorted(found.items()))
    return text, [f"the source held {total} control character(s) ({kinds}): line and page breaks became new lines, the rest were dropped"]


# ---------------------------------------------------------------- sidecars

SIDECAR_SUFFIX = ".meta.toml"
SIDECAR_TEXT = ("title", "issuer", "area")
SIDECAR_DATES = ("delivered", "published")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar_bytes(path: Path) -> bytes | None:
    """The bytes of `<file>.meta.toml` beside a source, or None when there is none."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return None
    return _read(sidecar)


_GIVEN: ContextVar[dict | None] = ContextVar("reporter_sidecar", default=None)


@contextmanager
def sidecar_given(fields: dict) -> Iterator[None]:
    """Parse with these sidecar fields instead of the file beside the source: a report re-parsed
    from the store uses the sidecar stored with it (or none), never whatever is on disk now."""
    token = _GIVEN.set(fields)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def load_sidecar(path: Path, data: bytes | None = None) -> dict:
    """A sidecar's fields as the parser takes them (plain strings, ints and lists of strings):
    TOML dates become ISO strings; a bad key or value is one line naming the file and the key."""
    if data is None and _GIVEN.get() is not None:
        return dict(_GIVEN.get())
    if data is None:
        data = read_sidecar_bytes(path)
        if data is None:
            return {}
    name = sidecar_path(path)
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{name}: not valid TOML ({exc})") from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise UserError(f"{name}: not valid TOML (nested too deep)") from None
    return {key: _sidecar_value(name, key, value) for key, value in raw.items()}


def _sidecar_value(name: Path, key: str, value):
    from reporter.model import REPORT_KINDS

    def bad(expected: str) -> UserError:
        return UserError(f"{name}: '{key}' must be {expected}, not {value!r}")

    if key in SIDECAR_TEXT:
        if not isinstance(value, str) or not value.strip():
            raise bad("a non-empty string")
        return value.strip()
    if key == "kind":
        if value not in REPORT_KINDS:
            raise bad(f"one of {', '.join(REPORT_KINDS)}")
        return value
    if key in SIDECAR_DATES:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise bad("a date like 2020-03-01")
    if key == "plan_year":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            raise bad("a year like 2024")
        return value
    if key == "review_periods":
        items = value if isinstance(value, list) else [value]
        periods = [str(v).strip() for v in items if isinstance(v, (str, int)) and not isinstance(v, bool)]
        if len(periods) != len(items) or not all(re.fullmatch(r"\d{4}(-\d{4})?", p) for p in periods):
            raise bad('a list of years or spans like ["2023", "2016-2020"]')
        return periods
    if isinstance(value, dt.date):  # a field this layer does not know: the parser decides on it
        return value.isoformat()
    return value
