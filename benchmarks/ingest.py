"""Ingest benchmark: parse throughput (MB/s of source text on one core) and a no-change re-ingest.

Run: .venv/bin/python benchmarks/ingest.py [--repeat N]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reporter.cli import main as cli
from reporter.parse import parse_report

ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted((ROOT / "seeds").glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    parse_report(files[0])  # load registry and patterns once, as a long-lived process would
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for path in files:
            parse_report(path)
        best = min(best, time.perf_counter() - start)
    print(f"parse: {len(files)} files, {size / 1e6:.3f} MB in {best:.3f} s (best of {args.repeat}) "
          f"-> {size / 1e6 / best:.2f} MB/s on one core")
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "bench.db")
        start = time.perf_counter()
        cli(["-q", "--store", store, "ingest", str(ROOT / "seeds")])
        first = time.perf_counter() - start
        start = time.perf_counter()
        cli(["-q", "--store", store, "ingest", str(ROOT / "seeds")])
        again = time.perf_counter() - start
    print(f"ingest into an empty store: {first:.3f} s; re-ingest with nothing changed: {again * 1000:.1f} ms")


if __name__ == "__main__":
    run()
