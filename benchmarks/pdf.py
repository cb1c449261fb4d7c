"""PDF and OCR reader benchmark, whole processes (cold start), median of N, in one run:

- text PDF: pages per second of our reader (text layer, furniture, re-joined lines, table rules
  and cells) against `pdftotext` on the same file (the anchor; goal: ours <= 2x its time);
- OCR: pages per second of `reporter ingest --ocr` on a scan of the first pages;
- a 500-page PDF (the 002 pages over and over): `reporter ingest` time and peak RSS (goal <= 500 MiB).

Run: .venv/bin/python benchmarks/pdf.py [--runs 5] [--ocr-pages 4]
The fixtures are built as the tests build them (tests/source_fixtures.py: DOCX -> LibreOffice PDF).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, ratio, timed

READ = ("import sys; from pathlib import Path; from reporter.readers import read_document; "
        "p = Path(sys.argv[1]); d = read_document(p, p.read_bytes()); "
        "assert any(b.kind == 'table' for b in d.blocks)")


def pages_of(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1] + "/tests")
from source_fixtures import docx_to_pdf, repeat_pdf, scan_pdf, seed_docx
root, tmp, pages = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
pdf = docx_to_pdf(seed_docx(next((root / "seeds").glob("002_*.txt")), tmp / "002.docx"), tmp)
scan_pdf(pdf, tmp / "scan.pdf", dpi=200, pages=pages)
repeat_pdf(pdf, tmp / "big.pdf", 500)
"""


def build(tmp: Path, ocr_pages: int) -> tuple[Path, Path, Path]:
    """The fixtures, built in a child process: this process stays small, because a child's
    peak RSS as wait4 reports it starts from the size of the process that forked it."""
    subprocess.run([PYTHON, "-c", BUILD, str(ROOT), str(tmp), str(ocr_pages)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return tmp / "002.pdf", tmp / "scan.pdf", tmp / "big.pdf"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ocr-pages", type=int, default=4)
    args = ap.parse_args()
    env = {"PYTHONPATH": str(ROOT)}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pdf, scan, big = build(tmp, args.ocr_pages)
        n = pages_of(pdf)
        anchor = timed(["pdftotext", str(pdf), str(tmp / "out.txt")], runs=args.runs)
        ours = timed([PYTHON, "-c", READ, str(pdf)], runs=args.runs, env=env)
        print(f"text PDF, {n} pages (002 seed printed by LibreOffice):")
        print(f"  pdftotext (anchor)      {anchor}  -> {n / anchor.median:.0f} pages/s")
        print(f"  reporter PDF reader     {ours}  -> {n / ours.median:.0f} pages/s; {ratio(ours, anchor)} pdftotext's time (goal <= 2x)")
        store = tmp / "s.db"

        def fresh() -> None:
            store.unlink(missing_ok=True)

        ocr = timed([*REPORTER, "ingest", "-q", "--ocr", "--store", str(store), str(scan)], runs=args.runs, env=env, before=fresh)
        print(f"OCR ingest, {args.ocr_pages} scanned pages at 200 dpi (Tesseract chi_sim, one process per core):")
        print(f"  reporter ingest --ocr   {ocr}  -> {args.ocr_pages / ocr.median:.2f} pages/s")
        big_run = timed([*REPORTER, "ingest", "-q", "--store", str(store), str(big)], runs=args.runs, env=env, before=fresh)
        print("500-page PDF ingest (the 002 pages repeated):")
        print(f"  reporter ingest         {big_run}  -> {500 / big_run.median:.0f} pages/s (goal: peak RSS <= 500 MiB)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
