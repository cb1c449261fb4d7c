"""Where the project's editable files live (templates/, styles/, seeds/)."""
from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """$REPORTER_HOME, else the checkout this package was installed from (pip install -e .)."""
    home = os.environ.get("REPORTER_HOME")
    return Path(home) if home else Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    return project_root() / "templates"


def styles_dir() -> Path:
    return project_root() / "styles"


def render_roots(user_templates: Path | None, user_styles: Path | None) -> list[Path]:
    """The folders a render may read (its allow-list): templates/, styles/ and the user's overrides."""
    return [templates_dir(), styles_dir()] + [d for d in (user_templates, user_styles) if d]


def style_file(name: str, user_styles: Path | None) -> Path:
    """A style file (print.css, screen.css, reference.docx, docx.toml), the user's first, through
    the resolver (allowlist.resolve_inside): a file or symlink leading out of its folder is refused.
    The path returned may not exist (no such style: the writer goes without)."""
    from reporter.allowlist import resolve_inside

    if user_styles is not None:
        found = resolve_inside(user_styles, name, "--styles")
        if found is not None:
            return found
    return resolve_inside(styles_dir(), name, "styles/") or styles_dir() / name


def seeds_dir() -> Path:
    return project_root() / "seeds"
