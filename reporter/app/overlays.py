"""Use cases: an analyst's own files over the package's — a registry overlay (more indicators
and aliases) and corrections to parsed facts — found from options or a project's reporter.toml.

reporter.toml (in the folder the command runs in, or a parent: the nearest wins) holds the
project's store, files and defaults (`reporter init` writes a commented one), e.g.
    registry = "my-indicators.toml"
    corrections = "corrections.toml"
    years = "2019-2024"
Paths are relative to reporter.toml; options on the command line win. A corrections.toml beside
it (or in the working folder when there is none) is used even when unnamed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reporter.errors import UserError
from reporter.model import Report

PROJECT_FILE = "reporter.toml"
USER_TERMBASE = "termbase.csv"  # the user's term-base overlay in the folder a command runs in


def user_termbase(given: Path | None, folder: Path | None = None) -> Path | None:
    """The user's term-base overlay: the option, else ./termbase.csv when it exists (like
    ./corrections.toml); `reporter terms review` writes there."""
    if given is not None:
        return given
    path = (folder or Path.cwd()) / USER_TERMBASE
    return path if path.is_file() else None


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
                        data_file(settings.termbase, "termbase"), settings.years, dict(settings.formats))


def project_files(registry: Path | None, corrections: Path | None, folder: Path | None = None,
                  project: ProjectFiles | None = None) -> ProjectFiles:
    """Options first, then reporter.toml, then a corrections.toml in the folder (or the project's)."""
    from reporter.allowlist import resolve_given, resolve_inside

    project = project if project is not None else load_project(folder)
    home = project.file.parent if project.file else (folder or Path.cwd())
    # named on the command line: the file's own folder is its root (a symlink out of it is refused)
    project.registry = resolve_given(registry, "--registry") if registry else project.registry
    project.corrections = resolve_given(corrections, "--corrections") if corrections else project.corrections
    if project.corrections is None:
        project.corrections = resolve_inside(home, "corrections.toml", "corrections")
    for what, path in (("registry", project.registry), ("corrections", project.corrections),
                       ("termbase", project.termbase)):
        if path is not None and not path.is_file():
            where = f" (named in {project.file})" if project.file and path not in (registry, corrections) else ""
            raise UserError(f"{what} file {path}: no such file{where}")
    for what, path in (("templates", project.templates), ("styles", project.styles)):
        if path is not None and not path.is_dir():
            raise UserError(f"{project.file}: {what}: {path} is not a folder")
    return project


def use_registry(path: Path | None) -> None:
    """Merge a user's indicators over the package's for the rest of this process."""
    from reporter.registry import use_overlay

    use_overlay(None)
    if path is not None:
        from reporter.datafiles import load_file

        load_file(path, _schemas().Overlay)  # one clear line for a bad file, before anything uses it
        use_overlay(path)


def overlay_names() -> set[str]:
    """The names (zh and aliases) the user's registry overlay brings, if one is in use."""
    from reporter.registry import _OVERLAY

    if _OVERLAY[0] is None:
        return set()
    from reporter.datafiles import load_file

    overlay = load_file(Path(_OVERLAY[0]), _schemas().Overlay)
    return {n for ind in overlay.indicator for n in ([ind.zh] if ind.zh else []) + ind.aliases}


def corrected(reports: list[Report], corrections: Path | None) -> tuple[list[Report], list, list[str]]:
    """The corpus as the products see it: overlay names applied, corrections done.
    Returns the reports, what was applied (for the appendix) and notices (entries that did nothing)."""
    from reporter.compose.corrections import apply, relabel_unregistered, unmatched

    names = overlay_names()
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


def indicator_rows() -> list[tuple[str, str, str, str]]:
    """id, Chinese name, unit, dimension: what `reporter indicators` prints."""
    from reporter.registry import registry

    reg = registry()
    return [(i.id, i.zh, i.unit or "-", reg.dimensions.get(i.dimension, i.dimension)) for i in reg.indicators.values()]
