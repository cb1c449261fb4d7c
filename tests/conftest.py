from __future__ import annotations

import shutil
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


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeds) -> Path:
    """A store of the seeds, one per test module (its tests may add to it). A module that wants
    another store (empty, its own sources) defines its own `store`."""
    from reporter.cli import main

    path = tmp_path_factory.mktemp("seeded") / "store.db"
    assert main(["-q", "--store", str(path), "ingest", str(seeds)]) == 0
    return path


@pytest.fixture()
def project_home(tmp_path, monkeypatch) -> Path:
    """A copy of the project's editable files (templates/, styles/), used through $REPORTER_HOME."""
    home = tmp_path / "home"
    shutil.copytree(ROOT / "templates", home / "templates")
    shutil.copytree(ROOT / "styles", home / "styles")
    monkeypatch.setenv("REPORTER_HOME", str(home))
    return home


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------- source fixtures (issue 20)
# The 002/003 seeds as DOCX, those printed to PDF by LibreOffice, and the 002 PDF rasterised:
# built once per session (LibreOffice is slow), both PDFs in one LibreOffice start. Set
# REPORTER_FIXTURE_CACHE=<dir> to keep them between sessions (keyed by the seeds and the builder).

SOURCE_SEEDS = ("002", "003")


def _fixture_cache(kind: str) -> Path | None:
    import hashlib
    import os

    root = os.environ.get("REPORTER_FIXTURE_CACHE")
    if not root:
        return None
    h = hashlib.sha256((ROOT / "tests" / "source_fixtures.py").read_bytes())
    for seed in SOURCE_SEEDS:
        h.update(next(SEEDS.glob(f"{seed}_*.txt")).read_bytes())
    path = Path(root) / f"{kind}-{h.hexdigest()[:16]}"
    return path


def _cached(kind: str, names: list[str], build, tmp: Path) -> dict[str, Path]:
    import shutil

    cache = _fixture_cache(kind)
    if cache is not None and all((cache / n).is_file() for n in names):
        return {n: cache / n for n in names}
    built = build(tmp)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for n in names:
            shutil.copy2(built[n], cache / n)
    return built


@pytest.fixture(scope="session")
def seed_docx_files(tmp_path_factory) -> dict[str, Path]:
    """'002'/'003' -> the seed as an official-document DOCX with its annex as Word tables."""
    from source_fixtures import seed_docx

    def build(tmp: Path) -> dict[str, Path]:
        return {f"{s}.docx": seed_docx(next(SEEDS.glob(f"{s}_*.txt")), tmp / f"{s}.docx") for s in SOURCE_SEEDS}

    files = _cached("docx", [f"{s}.docx" for s in SOURCE_SEEDS], build, tmp_path_factory.mktemp("docx"))
    return {s: files[f"{s}.docx"] for s in SOURCE_SEEDS}


@pytest.fixture(scope="session")
def seed_pdfs(seed_docx_files, tmp_path_factory) -> dict[str, Path]:
    """'002'/'003' -> those DOCX printed to PDF by LibreOffice (one start for both)."""
    from source_fixtures import docx_to_pdf

    def build(tmp: Path) -> dict[str, Path]:
        pdfs = docx_to_pdf([seed_docx_files[s] for s in SOURCE_SEEDS], tmp)
        return {f"{s}.pdf": p for s, p in zip(SOURCE_SEEDS, pdfs)}

    files = _cached("pdf", [f"{s}.pdf" for s in SOURCE_SEEDS], build, tmp_path_factory.mktemp("pdf"))
    return {s: files[f"{s}.pdf"] for s in SOURCE_SEEDS}


@pytest.fixture(scope="session")
def scanned_pdf(seed_pdfs, tmp_path_factory) -> Path:
    """The 002 PDF rasterised at 200 dpi and wrapped back into a PDF: no text layer."""
    from source_fixtures import scan_pdf

    def build(tmp: Path) -> dict[str, Path]:
        return {"002-scan.pdf": scan_pdf(seed_pdfs["002"], tmp / "002-scan.pdf", dpi=200)}

    return _cached("scan", ["002-scan.pdf"], build, tmp_path_factory.mktemp("scan"))["002-scan.pdf"]


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


@pytest.fixture()
def install_products(tmp_path, monkeypatch):
    """Install a test-only package whose entry point in `reporter.products` names the PRODUCTS of
    SOURCE (the way another package adds products: no registry to edit, nothing to undo but sys.path)."""
    def install(module: str, source: str) -> None:
        folder = tmp_path / f"plugin-{module}"
        folder.mkdir()
        (folder / f"{module}.py").write_text(source, "utf-8")
        dist = folder / f"{module}-0.1.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", "utf-8")
        (dist / "entry_points.txt").write_text(f"[reporter.products]\n{module} = {module}:PRODUCTS\n", "utf-8")
        monkeypatch.syspath_prepend(str(folder))
    return install
