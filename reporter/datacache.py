"""Data files checked once per content: what passed its schema, kept as plain JSON.

Every package data file is still validated (reporter/datafiles.py `package_data`) whenever its
text or the schema's code differs from the last validation. The result is kept in the user's
cache folder (`$REPORTER_CACHE`, else `$XDG_CACHE_HOME/reporter`, else `~/.cache/reporter`)
under a hash of the file's text, the schema module, datafiles.py and model.py: an edited file or
schema has another name, so it is validated again and a bad file still fails in one line naming
the file and key. Failures are never kept; a cache that cannot be read or written is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

FORMAT = b"reporter-datacache-1"
KEEP = 512  # entries a cache folder keeps: past it, the least recently used go (it never grows without bound)
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    given = os.environ.get("REPORTER_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reporter"


def key(name: str, text: str, module: str, dump: dict) -> str:
    digest = hashlib.sha256(FORMAT + sys.version.encode())
    digest.update(f"\0{name}\0{module}\0{sorted(dump.items())!r}\0{text}\0{_code(module)}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:40]


@lru_cache(maxsize=32)
def _code(module: str) -> str:
    """A digest of the code that shapes what a check of MODULE's schema gives (the schema module,
    the loader, the model), read once per process rather than once per data file."""
    digest = hashlib.sha256()
    schema_file = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    for source in (schema_file, PACKAGE / "datafiles.py", PACKAGE / "schema_base.py", PACKAGE / "model.py"):
        try:
            digest.update(b"\0" + source.read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def read(name: str) -> dict | None:
    path = cache_dir() / f"{name}.json"
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(kept, dict) and kept.get("key") == name and isinstance(kept.get("value"), dict)):
        return None
    try:
        os.utime(path)  # used now: pruning removes the least recently used entries first
    except OSError:
        pass
    return kept["value"]


def write(name: str, value: dict) -> None:
    """Only what JSON gives back exactly (no tuples, no non-string keys), written whole or not at all."""
    text = json.dumps({"key": name, "value": value}, ensure_ascii=False)
    if repr(json.loads(text)["value"]) != repr(value):
        return
    folder = cache_dir()
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, "utf-8")
        os.replace(tmp, folder / f"{name}.json")
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    prune(folder)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Past KEEP entries, remove the least recently used down to three quarters of KEEP (an
    entry is only a faster path: anything removed is checked again when next asked for). Only
    called after a write, i.e. when something was new; errors are ignored like the cache's others."""
    try:
        entries = [e for e in os.scandir(folder) if e.is_file(follow_symlinks=False) and not e.name.startswith(".")]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime)
        for entry in entries[: len(entries) - keep * 3 // 4]:
            os.unlink(entry.path)
    except OSError:
        pass
