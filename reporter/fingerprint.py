"""The parser's fingerprint, apart from reporter.parse so deciding that nothing changed (a
no-change ingest, a digest's staleness) does not import the parser."""
from __future__ import annotations

import hashlib
from pathlib import Path


def parser_fingerprint() -> str:
    """A hash of the code and data files that decide what a parse produces: when it changes,
    stored reports are stale and get parsed again."""
    root = Path(__file__).resolve().parent
    files = sorted([*root.joinpath("parse").glob("*.py"), *root.joinpath("readers").glob("*.py"),
                    *root.joinpath("data").glob("*.toml"), root / "clean.py", root / "units.py",
                    root / "registry.py", root / "model.py", root / "areas.py",
                    # what the parser imports from beside it: their code decides its output too
                    root / "source.py", root / "periods.py", root / "datewindow.py", root / "themes.py"])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
