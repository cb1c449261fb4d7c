"""Ingest benchmark: parse throughput (MB/s of source text on one core) and a no-change re-ingest.

Run: .venv/bin/python benchmarks/ingest.py [--repeat N] [--no-big]
Also parses a 1 MB text on one line and a 50 MB text (seed text repeated): parse time must grow
linearly with size, and no quote may grow with the line (see reporter/parse/facts.py).
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from reporter.cli import main as cli
from reporter.app.ingest import parse_file as parse_report
from reporter.parse import parse_text

ROOT = Path(__file__).resolve().parent.parent


def run() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-big", action="store_true", help="skip the 1 MB one-line and 50 MB files")
    args = ap.parse_args()
    files = sorted((ROOT / "seeds").glob("*.txt"))
    size = sum(p.stat().st_size for p in files)
    parse_report(files[0])  # load registry and patterns once, as a long-lived process would
    best = cpu_best = float("inf")
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for path in files:
            parse_report(path)
        best = min(best, time.perf_counter() - start)
        cpu_best = min(cpu_best, time.process_time() - cpu)
    print(f"parse: {len(files)} files, {size / 1e6:.3f} MB in {best:.3f} s wall, {cpu_best:.3f} s CPU (best of {args.repeat}) "
          f"-> {size / 1e6 / cpu_best:.2f} MB/s per core (CPU time; {size / 1e6 / best:.2f} MB/s wall)")
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "bench.db")
        start = time.perf_counter()
        cli(["-q", "--store", store, "ingest", str(ROOT / "seeds")])
        first = time.perf_counter() - start
        start = time.perf_counter()
        cli(["-q", "--store", store, "ingest", str(ROOT / "seeds")])
        again = time.perf_counter() - start
    print(f"ingest into an empty store: {first:.3f} s; re-ingest with nothing changed: {again * 1000:.1f} ms")
    if not args.no_big:
        big_files(files)


def sized(text: str, size: int) -> str:
    data = (text * (size // max(1, len(text.encode())) + 1)).encode()[:size]
    return data.decode("utf-8", "ignore")


def big_files(files: list[Path]) -> None:
    # report bodies without their annexes (an annex is read once, as the glossary, not for facts)
    text = "".join(re.split(r"\n附件\s*[：:\d]", p.read_text("utf-8"))[0] + "\n" for p in files)
    for label, body in (("1 MB on one line", sized(text.replace("\n", ""), 1_000_000)),
                        ("50 MB", sized(text, 50_000_000))):
        start = time.process_time()
        report = parse_text(body, Path("big.txt"))
        took = time.process_time() - start
        longest = max((len(f.quote) for f in report.facts), default=0)
        print(f"parse {label}: {len(body.encode()) / 1e6:.1f} MB in {took:.2f} s CPU -> {len(body.encode()) / 1e6 / took:.2f} MB/s; "
              f"{len(report.facts)} facts, longest quote {longest} characters")


if __name__ == "__main__":
    run()
