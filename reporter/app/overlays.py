"""Use cases: an analyst's own files over the package's — a registry overlay (more indicators
and aliases) and corrections to parsed facts — found from options or a project's reporter.toml.

reporter.toml (in the folder the command runs in) may say:
    registry = "my-indicators.toml"
    corrections = "corrections.toml"
Paths are relative to reporter.toml. A corrections.toml beside it is used even when unnamed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.errors import UserError
from reporter.model import Report

PROJECT_FILE = "reporter.toml"


def _schemas():
    """The files' schemas (pydantic), imported only when there is a file to check."""
    from reporter.app import overlay_schemas

    return overlay_schemas


@dataclass
class ProjectFiles:
    registry: Path | None = None
    corrections: Path | None = None


def project_files(registry: Path | None, corrections: Path | None, folder: Path | None = None) -> ProjectFiles:
    """Options first, then reporter.toml, then a corrections.toml in the folder."""
    from reporter.allowlist import resolve_given, resolve_inside

    folder = folder or Path.cwd()
    named: dict[str, str | None] = {"registry": None, "corrections": None}
    project = resolve_inside(folder, PROJECT_FILE, "project file")
    if project is not None:
        from reporter.datafiles import load_file

        settings = load_file(project, _schemas().ProjectSettings)
        named = {"registry": settings.registry, "corrections": settings.corrections}
    found = {}
    for what, given in (("registry", registry), ("corrections", corrections)):
        if given is not None:  # named on the command line: its own folder is its root
            found[what] = resolve_given(given, f"--{what}")
        elif named[what]:  # named in reporter.toml: inside the project folder
            found[what] = resolve_inside(folder, named[what], f"{PROJECT_FILE} {what}")
            if found[what] is None:
                raise UserError(f"{what} file {folder / named[what]}: no such file")
        else:
            found[what] = None
    if found["corrections"] is None:
        found["corrections"] = resolve_inside(folder, "corrections.toml", "corrections")
    return ProjectFiles(found["registry"], found["corrections"])


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


def indicator_rows() -> list[tuple[str, str, str, str]]:
    """id, Chinese name, unit, dimension: what `reporter indicators` prints."""
    from reporter.registry import registry

    reg = registry()
    return [(i.id, i.zh, i.unit or "-", reg.dimensions.get(i.dimension, i.dimension)) for i in reg.indicators.values()]
