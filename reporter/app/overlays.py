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
    registry: Path | None = None
    corrections: Path | None = None


def project_files(registry: Path | None, corrections: Path | None, folder: Path | None = None) -> ProjectFiles:
    """Options first, then reporter.toml, then a corrections.toml in the folder."""
    folder = folder or Path.cwd()
    named: dict[str, str | None] = {"registry": None, "corrections": None}
    project = folder / PROJECT_FILE
    if project.is_file():
        from reporter.datafiles import load_file

        settings = load_file(project, _schemas().ProjectSettings)
        named = {"registry": settings.registry, "corrections": settings.corrections}
    reg = registry or (folder / named["registry"] if named["registry"] else None)
    corr = corrections or (folder / named["corrections"] if named["corrections"] else None)
    if corr is None and (folder / "corrections.toml").is_file():
        corr = folder / "corrections.toml"
    for what, path in (("registry", reg), ("corrections", corr)):
        if path is not None and not path.is_file():
            raise UserError(f"{what} file {path}: no such file")
    return ProjectFiles(reg, corr)


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
