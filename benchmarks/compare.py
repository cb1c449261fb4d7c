"""`reporter compare` of 10 areas × 6 years on a 1,000-report store (goal ≤ 10 s, ≤ 400 MiB for
the process tree), with the brief of one area in the same run for scale.

The store is made as benchmarks/scale.py makes it (seeds/ and ../shared/corpus/ copied with their
years shifted), which spreads the 1,000 reports over the corpus's areas; each run is a cold
process, median of 5, compare and brief in turns. Pass --store to reuse a store it made before.

Run: .venv/bin/python benchmarks/compare.py [--store /tmp/scale/store.db] [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _cold import REPORTER, ROOT, timed
from scale import load, make_sources, pages

YEARS = "2019-2024"


def ten_areas(store: Path) -> list[str]:
    """The ten areas with reports of their own that hold the most facts (the heaviest to compare)."""
    out = subprocess.run([*REPORTER, "--store", str(store), "areas"], cwd=ROOT, capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    own = sorted((r for r in rows if r[3].isdigit() and int(r[3]) > 0), key=lambda r: -int(r[-1]))
    if len(own) < 10:
        raise SystemExit(f"the store holds {len(own)} areas with reports of their own; 10 are needed")
    return [r[0] for r in own[:10]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, help="an existing store (else 1,000 reports are made and ingested)")
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="make the store in this folder and keep it (reuse with --store)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        store = args.store
        if store is None:
            store = tmp / "store.db"
            make_sources(tmp / "sources", args.reports)
            subprocess.run([*REPORTER, "-q", "--store", str(store), "ingest", str(tmp / "sources")], cwd=ROOT, check=True)
        areas = ten_areas(store)
        print(f"store: {store} ({load()}); areas: {', '.join(areas)}")
        out = tmp / "out"
        compare = [*REPORTER, "-q", "--store", str(store), "compare", "--areas", ",".join(areas), "--years", YEARS,
                   "--out", str(out)]
        brief = [*REPORTER, "-q", "--store", str(store), "brief", "--area", areas[0], "--years", YEARS,
                 "--format", "pdf,docx", "--out", str(out)]
        for _ in range(1):  # one warm-up of each (the data-file cache, fonts), not counted
            subprocess.run(compare, cwd=ROOT, check=True)
            subprocess.run(brief, cwd=ROOT, check=True)
        c = timed(compare, args.runs)
        b = timed(brief, args.runs)
        pdf = next(out.glob("compare-*.pdf"))
        print(f"compare {len(areas)} areas × 6 years (pdf,docx,xlsx): {c}; {pages(pdf)} pages ({load()})")
        print(f"brief of {areas[0]} {YEARS} (pdf,docx): {b} ({load()})")
        goal_t, goal_m = c.median <= 10, c.tree_mib <= 400
        print(json.dumps({"compare_s": round(c.median, 2), "compare_tree_mib": round(c.tree_mib),
                          "brief_s": round(b.median, 2), "brief_tree_mib": round(b.tree_mib),
                          "goal_time": "met" if goal_t else "not met", "goal_memory": "met" if goal_m else "not met"}))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
