"""Readers turn a source file's bytes into a SourceDocument. One module per format.

A reader module in this package defines NAME (its format's name, as `reporter ingest` counts
them), SUFFIXES (a tuple like (".txt",)), `read(name, data) -> SourceDocument` and, when its
format has a signature, `sniff(head: bytes) -> bool` over the file's first 4 KiB. Adding a
format is a new module here: the registry below finds it, nothing else changes.

A reader is chosen by content first (a PDF, a Word ZIP, an HTML page say what they are in
their first bytes), then by suffix: a report saved under the wrong suffix is still read, and
a binary renamed .docx or .html gets one line saying what it is not.
"""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from reporter.errors import UserError
from reporter.readers._controls import BREAKS, CONTROLS, normalise_controls  # noqa: F401  (re-exported)
from reporter.source import SourceDocument

MAX_BYTES = 50 * 1024 * 1024
HEAD = 4096  # bytes a reader's sniff sees


def _reader_modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]


@lru_cache(maxsize=1)
def suffix_map() -> dict[str, ModuleType]:
    return {s: mod for mod in _reader_modules() for s in mod.SUFFIXES}


@lru_cache(maxsize=1)
def sniffers() -> list[ModuleType]:
    return [mod for mod in _reader_modules() if hasattr(mod, "sniff")]


def supported(path: Path) -> bool:
    return path.suffix.lower() in suffix_map()


def known_suffixes() -> str:
    return ", ".join(sorted(suffix_map()))


def choose(path: Path, data: bytes) -> ModuleType:
    """The reader for these bytes: the one whose signature they carry, else the suffix's."""
    head = data[:HEAD]
    for mod in sniffers():
        if mod.sniff(head):
            return mod
    reader = suffix_map().get(path.suffix.lower())
    if reader is None:
        raise UserError(f"{path}: no reader for '{path.suffix or '(no suffix)'}' files (known: {known_suffixes()})")
    return reader


def read_bytes(path: Path) -> bytes:
    """A source file's bytes, refusing what is too large or what no reader takes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from exc
    if size > MAX_BYTES:
        raise UserError(f"{path}: {size / 1e6:.0f} MB is larger than the {MAX_BYTES // 2**20} MiB limit for one source")
    data = _read(path)
    choose(path, data)  # refuse what no reader takes before anything is parsed
    return data


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_document(path: Path, data: bytes) -> SourceDocument:
    """Bytes already read -> SourceDocument, by the reader chosen for them. No disk access:
    the store re-parses from its stored bytes with the same call."""
    reader = choose(path, data)
    doc = reader.read(str(path), data)
    doc.format = doc.format or reader.NAME
    if not any(b.text.strip() or b.rows for b in doc.content()):
        raise UserError(f"{path}: no report text left after reading it as {reader.NAME} (only chrome or page furniture)")
    return doc


def read_text(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings) for a text file: decoded, control characters normalised."""
    from reporter.readers.text import decode_text

    return decode_text(str(path), data)


def format_counts(formats: list[str]) -> str:
    """'3 text, 1 docx, 1 html': what an ingest read, most first."""
    return ", ".join(f"{n} {name}" for name, n in sorted(Counter(formats).items(), key=lambda kv: (-kv[1], kv[0])))


# ---------------------------------------------------------------- sidecars

SIDECAR_SUFFIX = ".meta.toml"
SIDECAR_TEXT = ("title", "issuer", "url", "area")
SIDECAR_DATES = ("delivered", "published")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar_bytes(path: Path) -> bytes | None:
    """The bytes of `<file>.meta.toml` beside a source, or None when there is none."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return None
    return _read(sidecar)


def load_sidecar(path: Path, data: bytes | None) -> dict:
    """A sidecar's bytes -> its fields as the parser takes them (plain strings, ints and lists
    of strings): TOML dates become ISO strings; a bad key or value is one line naming the file
    and the key. No disk access: the caller read the bytes (or took them from the store)."""
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


def _iso_date(value) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def _sidecar_value(name: Path, key: str, value):
    from reporter.datewindow import date_ok, year_ok, year_window
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
    first, last = year_window()
    if key in SIDECAR_DATES:
        iso = _iso_date(value)
        if iso is None:
            raise bad("a date like 2020-03-01")
        if not date_ok(iso):
            raise bad(f"a date between {first} and {last}")
        return iso
    if key == "plan_year":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not year_ok(value):
            raise bad(f"a year like 2024 (between {first} and {last})")
        return value
    if key == "review_periods":
        items = value if isinstance(value, list) else [value]
        periods = [str(v).strip() for v in items if isinstance(v, (str, int)) and not isinstance(v, bool)]
        if len(periods) != len(items) or not all(re.fullmatch(r"\d{4}(-\d{4})?", p) for p in periods) \
                or not all(year_ok(int(y)) for p in periods for y in p.split("-")):
            raise bad(f'a list of years or spans like ["2023", "2016-2020"] between {first} and {last}')
        return periods
    if isinstance(value, dt.date):  # a field this layer does not know: the parser decides on it
        return value.isoformat()
    return value
