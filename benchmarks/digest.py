"""Digest scheduler benchmark: whole `reporter digest --due` processes on seeds/, median of 5,
with `reporter --version` (interpreter start-up and imports) as the anchor in the same run.

Run: .venv/bin/python benchmarks/digest.py [--format pdf,docx,html]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def reporter(*argv: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reporter", *argv], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


def median(label: str, fn) -> float:
    times = [fn() for _ in range(RUNS)]
    value = statistics.median(times)
    print(f"{label}: median {value:.2f}s of {RUNS} (min {min(times):.2f}, max {max(times):.2f})")
    return value


def run(formats: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, out = Path(tmp) / "s.db", Path(tmp) / "out"
        reporter("-q", "--store", str(store), "ingest", str(ROOT / "seeds"))
        due = ["--store", str(store), "digest", "--due", "--today", "2024-04-02", "--out", str(out), "--format", formats]
        median("anchor: reporter --version", lambda: reporter("--version"))

        def cold() -> float:
            shutil.rmtree(out, ignore_errors=True)
            return reporter(*due)

        median(f"--due, nothing built yet: 13 digests ({formats})", cold)
        median("--due, everything up to date", lambda: reporter(*due))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", default="pdf,docx,html")
    run(parser.parse_args().format)
