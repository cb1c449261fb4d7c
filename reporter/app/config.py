"""Use case: the run's Settings (reporter/settings.py), made once from defaults, the project
file (reporter.toml, app/overlays.py) and the command's options, in that order of strength.

Every front end calls `make_settings` and passes the result down: the CLI after parsing its
arguments, the preview server again for each edit of an overlay or a data file (a new object, so
every cache keyed by the settings reads the edited file), tests with whatever they need.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from reporter.app.overlays import USER_TERMBASE, ProjectFiles, load_project
from reporter.errors import UserError
from reporter.settings import DEFAULT_STORE, Settings

DATA_DIR = Path(__file__).resolve().parent.parent / "data"  # the package data: registry, units, term base, messages


@dataclass(frozen=True)
class Given:
    """What a command's options say (None: not said, so the project file or the default holds)."""

    store: Path | None = None
    out: Path | None = None
    registry: Path | None = None
    corrections: Path | None = None
    termbase: Path | None = None
    templates: Path | None = None
    styles: Path | None = None
    lang: str | None = None


def make_settings(given: Given = Given(), project: ProjectFiles | None = None, folder: Path | None = None,
                  data_version: str = "") -> Settings:
    """Options first, then reporter.toml (found upward from FOLDER), then the defaults: the store
    $REPORTER_STORE or build/reporter.db, ./corrections.toml and ./termbase.csv when they exist.
    Every named file is checked here, so a bad one is one line before anything runs."""
    from reporter.allowlist import resolve_given, resolve_inside

    project = project if project is not None else load_project(folder)
    home = project.file.parent if project.file else (folder or Path.cwd())
    # named on the command line: the file's own folder is its root (a symlink out of it is refused)
    registry = resolve_given(given.registry, "--registry") if given.registry else project.registry
    corrections = resolve_given(given.corrections, "--corrections") if given.corrections else project.corrections
    if corrections is None:
        corrections = resolve_inside(home, "corrections.toml", "corrections")
    termbase = given.termbase or project.termbase or _here(folder, USER_TERMBASE)
    for what, path in (("registry", registry), ("corrections", corrections), ("termbase", termbase),
                       ("areas", project.areas)):
        if path is not None and not path.is_file():
            if project.file and path == getattr(project, what):
                raise UserError(f"{what} file {path}: no such file (named in {project.file})")
            raise UserError(f"--termbase {path}: no such file" if what == "termbase" else f"{what} file {path}: no such file")
    for what, path in (("templates", project.templates), ("styles", project.styles)):
        if path is not None and not path.is_dir():
            raise UserError(f"{project.file}: {what}: {path} is not a folder")
    if registry is not None:
        from reporter.app.overlays import check_overlay

        check_overlay(registry)  # one clear line for a bad file, before anything uses it
    store = given.store or project.store or Path(os.environ.get("REPORTER_STORE") or DEFAULT_STORE)
    if project.areas is not None:
        from reporter.datafiles import file_data

        file_data(project.areas, "reporter.area_schema:AreasFile")  # one clear line for a bad file, now
    return Settings(store=store, out=given.out or project.out or Path("build"), registry=registry, areas=project.areas,
                    termbase=termbase, templates=given.templates or project.templates,
                    styles=given.styles or project.styles, lang=given.lang, corrections=corrections,
                    project=project.file, data_version=data_version)


def _here(folder: Path | None, name: str) -> Path | None:
    path = (folder or Path.cwd()) / name
    return path if path.is_file() else None


def with_changes(settings: Settings, **changes) -> Settings:
    """The same settings with some fields changed (a new object: caches keyed by it see the change)."""
    return replace(settings, **changes)


def renewed(settings: Settings) -> Settings:
    """Settings for a rebuild after an edit: the overlay read again, the package data's state
    taken again (the preview server calls this; nothing is cleared)."""
    from reporter.settings import data_version

    return replace(settings, data_version=data_version(DATA_DIR))
