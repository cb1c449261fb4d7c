"""Start-up: what a user waits for before anything happens (whole processes, median of 5).

Run: .venv/bin/python benchmarks/startup.py
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, timed


def main() -> None:
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1]
    bare = timed([PYTHON, "-c", "pass"])
    print(f"anchor: bare `python -c pass`: {bare}")
    print(f"reporter --help: {timed(REPORTER + ['--help'])}")
    facts = REPORTER + ["facts", "--source", str(seed)]
    timed(facts, runs=1)  # the first start after an install validates the data files (kept in the user's cache)
    print(f"reporter facts --source {seed.name}: {timed(facts)}")
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "s.db")
        timed(REPORTER + ["-q", "--store", store, "ingest", str(ROOT / "seeds")], runs=1)
        print(f"reporter ingest seeds/, nothing changed: {timed(REPORTER + ['-q', '--store', store, 'ingest', str(ROOT / 'seeds')])}")


if __name__ == "__main__":
    main()
