from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def parsed():
    """Every seed parsed once for the session: id prefix -> Report."""
    from reporter.app.ingest import parse_file as parse_report

    return {p.name[:3]: parse_report(p) for p in sorted(SEEDS.glob("*.txt"))}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
