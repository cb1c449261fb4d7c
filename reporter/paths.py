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


def seeds_dir() -> Path:
    return project_root() / "seeds"
