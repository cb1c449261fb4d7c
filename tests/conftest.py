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
    from reporter.parse import parse_report

    return {p.name[:3]: parse_report(p) for p in sorted(SEEDS.glob("*.txt"))}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def require_program(program: str, opt_out: str) -> str:
    """The path of an external program a test needs. Absent, the test fails, unless the user left
    it out on purpose with the opt-out variable that scripts/setup.sh also honours: then it skips,
    saying why. CI installs both programs and runs these tests."""
    import os
    import shutil

    found = shutil.which(program)
    if found:
        return found
    if os.environ.get(opt_out):
        pytest.skip(f"{program} is not installed and {opt_out} is set")
    pytest.fail(f"{program} is not installed: run scripts/setup.sh, or set {opt_out}=1 to leave these tests out")


@pytest.fixture
def soffice() -> str:
    return require_program("soffice", "REPORTER_NO_LIBREOFFICE")


@pytest.fixture
def chromium() -> str:
    return require_program("chromium", "REPORTER_NO_BROWSER")
