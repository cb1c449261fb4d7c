"""Use cases: an analyst's own files over the package's — a registry overlay (more indicators
and aliases) and corrections to parsed facts — found from options or a project's reporter.toml.

reporter.toml (in the folder the command runs in, or a parent: the nearest wins) holds the
project's store, files and defaults (`reporter init` writes a commented one), e.g.
    registry = "my-indicators.toml"
    corrections = "corrections.toml"
    years = "2019-2024"
Paths are relative to reporter.toml; options on the command line win (app/config.py makes the
run's Settings from both). A corrections.toml beside it (or in the working folder when there is
none) is used even when unnamed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reporter.model import Report
from reporter.settings import Settings

PROJECT_FILE = "reporter.toml"
USER_TERMBASE = "termbase.csv"  # the user's term-base overlay in the folder a command runs in


def _schemas():
    """The files' schemas (pydantic), imported only when there is a file to check."""
    from reporter.app import overlay_schemas

    return overlay_schemas


@dataclass
class ProjectFiles:
    """The project's settings with paths resolved: reporter.toml (found upward) under the options."""

    registry: Path | None = None
    corrections: Path | None = None
    file: Path | None = None  # the reporter.toml in force
    store: Path | None = None
    out: Path | None = None
    area: str | None = None
    templates: Path | None = None
    styles: Path | None = None
    termbase: Path | None = None
    years: str | None = None
    formats: dict = field(default_factory=dict)
    areas: Path | None = None  # an areas file in place of the package's


def find_project(folder: Path | None = None) -> Path | None:
    """The nearest reporter.toml in the folder or a parent (like pyproject.toml)."""
    from reporter.allowlist import resolve_inside

    folder = (folder or Path.cwd()).resolve()
    for place in (folder, *folder.parents):
        candidate = resolve_inside(place, PROJECT_FILE, "project file")  # a link out of its folder: refused
        if candidate is not None:
            return candidate
    return None


def load_project(folder: Path | None = None) -> ProjectFiles:
    """reporter.toml's settings, checked (unknown keys refused), paths relative to the file."""
    path = find_project(folder)
    if path is None:
        return ProjectFiles()
    from reporter.datafiles import load_file

    from reporter.allowlist import resolve_inside

    settings = load_file(path, _schemas().ProjectSettings)
    base = path.parent

    def at(value: str | None) -> Path | None:
        return base / value if value else None

    def data_file(value: str | None, key: str) -> Path | None:
        """A file the project names is read from the project's folder (the one resolver)."""
        return (resolve_inside(base, value, f"{path}: {key}") or base / value) if value else None

    return ProjectFiles(data_file(settings.registry, "registry"), data_file(settings.corrections, "corrections"), path,
                        at(settings.store), at(settings.out), settings.area, at(settings.templates), at(settings.styles),
                        data_file(settings.termbase, "termbase"), settings.years, dict(settings.formats),
                        data_file(settings.areas_file, "areas_file"))


def check_overlay(path: Path) -> None:
    """A user's indicators file checked against the overlay schema: one clear line for a bad file."""
    from reporter.datafiles import load_file

    load_file(path, _schemas().Overlay)


def overlay_names(settings: Settings) -> set[str]:
    """The names (zh and aliases) the settings' registry overlay brings, if it names one."""
    if settings.registry is None:
        return set()
    from reporter.datafiles import load_file

    overlay = load_file(settings.registry, _schemas().Overlay)
    return {n for ind in overlay.indicator for n in ([ind.zh] if ind.zh else []) + ind.aliases}


def corrected(reports: list[Report], settings: Settings) -> tuple[list[Report], list, list[str]]:
    """The corpus as the products see it: the settings' overlay names applied, their corrections done.
    Returns the reports, what was applied (for the appendix) and notices (entries that did nothing)."""
    from reporter.compose.corrections import apply, relabel_unregistered, unmatched

    corrections = settings.corrections
    names = overlay_names(settings)
    if names:
        reports = relabel_unregistered(reports, names)
    if corrections is None:
        return reports, [], []
    from reporter.compose.corrections_schema import Corrections
    from reporter.datafiles import load_file

    wanted = load_file(corrections, Corrections)
    reports, applied = apply(reports, wanted)
    notices = [f"note: {corrections.name}: no fact matches report '{e.report}' {e.quote or e.raw!r} ({e.reason})"
               for e in unmatched(wanted, applied)]
    return reports, applied, notices


def review_state(corrections: Path | None, applied: list) -> tuple[list, list]:
    """The corrections file's [[reviewed]] entries and its entries that matched nothing (stale),
    for the review checklist and the brief's cover count."""
    if corrections is None:
        return [], []
    from reporter.compose.corrections import unmatched
    from reporter.compose.corrections_schema import Corrections
    from reporter.datafiles import load_file

    wanted = load_file(corrections, Corrections)
    return list(wanted.reviewed), unmatched(wanted, applied)


def indicator_rows(settings: Settings) -> list[tuple[str, str, str, str]]:
    """id, Chinese name, unit, dimension: what `reporter indicators` prints (with the settings' overlay)."""
    from reporter.registry import registry

    reg = registry(settings)
    return [(i.id, i.zh, i.unit or "-", reg.dimensions.get(i.dimension, i.dimension)) for i in reg.indicators.values()]
