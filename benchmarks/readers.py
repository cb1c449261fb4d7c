"""Word and web-page readers: pages per second, whole processes (a fresh interpreter per run,
median of 5), with anchors in the same run.

Run: .venv/bin/python benchmarks/readers.py [--runs 5]   (scripts/bench-setup.sh installs pandoc)

Inputs are built as the tests build them: the 002/003 seeds as official-document DOCX
(tests/source_fixtures.py; their printed page count from LibreOffice), and the 001 seed as a
web page with government-site chrome (tests/web_fixtures.py), repeated to 20 pages of files.
Each figure is one process over all the files:
  ours, read only     reporter.readers.read_document on each file (DOCX/HTML -> SourceDocument)
  ours, read + parse  `reporter facts --source FILES` (what a user waits for)
  text, read + parse  the same seeds as .txt: what the format costs over plain text
  anchor pandoc       `pandoc -t plain` on each file (Haskell, no figures found)
  anchor bare load    python-docx's Document() / lxml.html parse of each file, nothing else
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _cold import PYTHON, REPORTER, timed  # noqa: E402

HTML_COPIES = 20


def build(tmp: Path) -> tuple[list[Path], int, list[Path], list[Path], list[Path]]:
    from source_fixtures import docx_to_pdf, seed_docx
    from web_fixtures import gov_page

    seeds = {s: next((ROOT / "seeds").glob(f"{s}_*.txt")) for s in ("001", "002", "003")}
    docx = [seed_docx(seeds[s], tmp / f"{s}.docx") for s in ("002", "003")]
    pages = 0
    try:
        from pypdf import PdfReader

        pdfs = docx_to_pdf(docx, tmp / "pdf")
        pages = sum(len(PdfReader(str(p)).pages) for p in pdfs)
    except Exception as exc:  # noqa: BLE001 -- no LibreOffice: MB/s only
        print(f"(no page count for the DOCX: {exc})")
    html = [gov_page(seeds["001"], tmp / f"001-{i}.html") for i in range(HTML_COPIES)]
    texts = [seeds["002"], seeds["003"]]
    html_texts = [tmp / f"001-{i}.txt" for i in range(HTML_COPIES)]
    for path in html_texts:
        shutil.copy(seeds["001"], path)
    return docx, pages, html, texts, html_texts


def py(code: str, files: list[Path]) -> list[str]:
    return [PYTHON, "-c", code, *map(str, files)]


READ_ONLY = ("import sys; from pathlib import Path; from reporter.readers import read_document\n"
             "for p in sys.argv[1:]: read_document(Path(p), Path(p).read_bytes())")
BARE_DOCX = "import sys, docx\nfor p in sys.argv[1:]: docx.Document(p)"
BARE_HTML = "import sys, lxml.html\nfor p in sys.argv[1:]: lxml.html.parse(p)"


def pandoc(files: list[Path], fmt: str) -> list[str] | None:
    if shutil.which("pandoc") is None:
        return None
    script = " ".join(f"pandoc -f {fmt} -t plain {p} >/dev/null;" for p in files)
    return ["bash", "-c", script]


def line(label: str, timing, units: float, unit: str, base=None) -> str:
    rate = f"{units / timing.median:7.1f} {unit}/s" if units else ""
    ratio = f"  {timing.median / base.median:5.2f}× the anchor" if base else ""
    return f"  {label:<22} {timing}  {rate}{ratio}"


def run() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docx, pages, html, texts, html_texts = build(tmp)
        mb = sum(p.stat().st_size for p in docx) / 1e6
        print(f"DOCX: 002+003 seeds, {len(docx)} files, {mb:.2f} MB, {pages or '?'} printed pages; load average {load}")
        bare = timed(py(BARE_DOCX, docx), args.runs, env)
        print(line("anchor python-docx", bare, pages, "pages"))
        anchor = pandoc(docx, "docx")
        if anchor:
            print(line("anchor pandoc", timed(anchor, args.runs, env), pages, "pages"))
        print(line("ours, read only", timed(py(READ_ONLY, docx), args.runs, env), pages, "pages", bare))
        print(line("ours, read + parse", timed([*REPORTER, "-q", "facts", "--source", *map(str, docx), "--format", "csv"],
                                                 args.runs, env), pages, "pages", bare))
        print(line("text, read + parse", timed([*REPORTER, "-q", "facts", "--source", *map(str, texts), "--format", "csv"],
                                                 args.runs, env), pages, "pages", bare))
        mb = sum(p.stat().st_size for p in html) / 1e6
        print(f"HTML: the 001 seed in government-site chrome, {len(html)} pages, {mb:.2f} MB; load average {load}")
        bare = timed(py(BARE_HTML, html), args.runs, env)
        print(line("anchor lxml parse", bare, len(html), "pages"))
        anchor = pandoc(html, "html")
        if anchor:
            print(line("anchor pandoc", timed(anchor, args.runs, env), len(html), "pages"))
        print(line("ours, read only", timed(py(READ_ONLY, html), args.runs, env), len(html), "pages", bare))
        print(line("ours, read + parse", timed([*REPORTER, "-q", "facts", "--source", *map(str, html), "--format", "csv"],
                                                 args.runs, env), len(html), "pages", bare))
        print(line("text, read + parse", timed([*REPORTER, "-q", "facts", "--source", *map(str, html_texts), "--format", "csv"],
                                                 args.runs, env), len(html), "pages", bare))
    print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    run()
