"""Summary benchmark: `reporter summary` end to end as whole processes, median of 5, beside an
anchor run in the same session (`reporter render sample`, 3 pages), so a busy machine shows up
as a slower anchor rather than as a slower summary.

Run: .venv/bin/python benchmarks/summary.py   (ingests seeds/ into a temporary store first)
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reporter", "-q", *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median(*args: str, n: int = 5) -> float:
    return statistics.median(run(*args) for _ in range(n))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, out = str(Path(tmp) / "store.db"), str(Path(tmp) / "out")
        run("--store", store, "ingest", str(ROOT / "seeds"))
        anchor = median("render", "sample", "--format", "pdf,docx,html", "--out", out)
        for year in ("2023", "2021"):
            both = median("--store", store, "summary", "--year", year, "--format", "pdf,docx,html", "--out", out)
            print(f"summary --year {year} pdf,docx,html: median {both:.2f} s (anchor: sample {anchor:.2f} s, "
                  f"ratio {both / anchor:.2f})")
        terms = median("--store", store, "terms", "missing", "--year", "2023")
        print(f"terms missing --year 2023: median {terms:.2f} s")


if __name__ == "__main__":
    main()
