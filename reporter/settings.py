"""One Settings object for a run: where the store is, the editor's files over the package's,
the language, the output folder and the limits. The app layer builds it once (defaults, then
reporter.toml, then the command's options: reporter/app/config.py) and passes it down; nothing
below re-reads options, environment variables or module globals for these.

Deep in parse and compose, where a figure's name is looked up thousands of times, the settings
in force are not threaded through every call: the app layer enters `with settings.active():`
around a use case (a `ContextVar`, so each thread and each use case sees its own, restored on
exit), and the few caches that depend on settings (the indicator registry, the package data
files) are keyed by the settings' fields. A new Settings object (an edited overlay, an edited
data file) is therefore a new key: nothing needs clearing.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from pathlib import Path
from typing import Callable, Iterator, TypeVar

DEFAULT_STORE = Path("build") / "reporter.db"
T = TypeVar("T")


def file_digest(path: Path | None) -> str:
    """What a cache of PATH is keyed by besides its name: its content (empty when unreadable,
    so the file's own loader reports the problem in one line)."""
    if path is None:
        return ""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    """reporter/limits.py's bounds on a render (docs/ARCHITECTURE.md, "Limits on hostile input"),
    read from the environment when the settings are made: tests and the helper processes (which
    inherit the environment) shorten them with REPORTER_TIME_LIMIT, REPORTER_MEMORY_LIMIT_MB,
    REPORTER_CPU_LIMIT."""

    time_seconds: float = field(default_factory=lambda: _env_number("REPORTER_TIME_LIMIT", 60.0))
    memory_mb: float = field(default_factory=lambda: _env_number("REPORTER_MEMORY_LIMIT_MB", 4096.0))
    cpu_seconds: int = field(default_factory=lambda: int(_env_number("REPORTER_CPU_LIMIT", 900.0)))


@dataclass(frozen=True)
class Settings:
    """A run's settings. Frozen: a change is a new object (`dataclasses.replace`)."""

    store: Path = DEFAULT_STORE
    out: Path = Path("build")  # the output folder
    areas: Path | None = None  # an areas file in place of reporter/data/areas.toml (names, levels, parents)
    registry: Path | None = None  # an indicators overlay over reporter/data/indicators.toml
    termbase: Path | None = None  # a term-base overlay over reporter/data/termbase.csv
    templates: Path | None = None  # a folder of templates over templates/ (and messages/<lang>.toml)
    styles: Path | None = None  # a folder of styles over styles/
    lang: str | None = None  # the product's language (None: the product's own)
    corrections: Path | None = None  # corrections.toml
    project: Path | None = None  # the reporter.toml these came from, if any
    limits: Limits = field(default_factory=Limits)
    data_version: str = ""  # the package data files' state ("" = as installed; the preview sets a digest)
    # the overlay's content when this object was made (every new object, `replace` too, reads it again)
    registry_digest: str = field(default="", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "registry_digest", file_digest(self.registry))
        # what the indicator registry and the areas depend on (a file's name and content, the package
        # data), made once: registry() and areas() are asked for them per figure
        for name, path, digest in (("registry_key", self.registry, self.registry_digest),
                                   ("areas_key", self.areas, file_digest(self.areas))):
            object.__setattr__(self, name, (str(path) if path else None, digest, self.data_version))

    @contextmanager
    def active(self) -> Iterator["Settings"]:
        """These settings for the code this block calls (this thread and context only)."""
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)


_CURRENT: ContextVar[Settings | None] = ContextVar("reporter_settings", default=None)
DEFAULTS = Settings()  # what code called outside any use case sees (a test calling parse directly)


def current() -> Settings:
    """The settings the calling use case entered (DEFAULTS outside one)."""
    found = _CURRENT.get()
    return DEFAULTS if found is None else found


def data_version(folder: Path) -> str:
    """A digest of a data folder's files (names, sizes, modification times): the key of every
    cache of package data, so an edited file is read again under new Settings."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "replace"))
    return digest.hexdigest()


def per_data(fn: Callable[..., T]) -> Callable[..., T]:
    """A cache of a package data file's reading, keyed by the settings' data_version and the
    arguments: under new Settings after an edit, the file is read again."""
    cached = lru_cache(maxsize=16)(lambda version, *args: fn(*args))

    @wraps(fn)
    def wrapper(*args):
        found = _CURRENT.get()  # current(), inlined: units() is asked thousands of times a report
        return cached((DEFAULTS if found is None else found).data_version, *args)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


class SettingsView:
    """The settings' paths as a use case's options name them. Options objects of the app layer
    (render, product request, digest) carry a `settings` and inherit these instead of each
    repeating the same properties."""

    settings: Settings

    @property
    def store(self) -> Path:
        return self.settings.store

    @property
    def out_dir(self) -> Path:
        return self.settings.out

    @property
    def user_templates(self) -> Path | None:
        return self.settings.templates

    @property
    def user_styles(self) -> Path | None:
        return self.settings.styles

    @property
    def corrections(self) -> Path | None:
        """The analyst's corrections.toml, applied at compose time."""
        return self.settings.corrections

    @property
    def termbase(self) -> Path | None:
        """The user's term-base overlay (--termbase, or ./termbase.csv)."""
        return self.settings.termbase
