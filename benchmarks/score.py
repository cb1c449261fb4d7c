"""Fact-extraction scores: seeds, corpus and per-genre figures with ../shared/tools/score-facts.

Run from the project root:
    PYTHONPATH=$PWD .venv/bin/python benchmarks/score.py [--shared ../shared] [--show N] [--min-confidence X]
The main lines score the facts `reporter facts` lists by default (at or above the plain-figure
threshold of reporter/data/confidence.toml); the "all facts" lines score `--min-confidence 0`.
Each corpus file is parsed on its own (a file that fails is counted and named, not fatal).
Genres follow the corpus README's file names: *_gwr_* work reports, *_plan_*/*_budget_* plan
reports, *_stats_*/*_gongbao_* statistics releases and communiques, *news* news items.
"""
from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from reporter.app.data import EXTRA_COLUMNS, FACT_COLUMNS, fact_row
from reporter.errors import UserError
from reporter.app.ingest import parse_file as parse_report

ROOT = Path(__file__).resolve().parent.parent
GENRES = (("work reports", r"_gwr_"), ("plan reports", r"_plan_|_budget_"),
          ("statistics releases", r"_stats_|_gongbao_"), ("news", r"news"))


def facts_csv(files: list[Path], failed: list[str], min_confidence: float = 0.0) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FACT_COLUMNS + EXTRA_COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for path in files:
        try:
            report = parse_report(path)
        except UserError as exc:
            failed.append(f"{path.name}: refused: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure
            failed.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        w.writerows(fact_row(f) for f in report.facts if getattr(f, "scope", "own") in ("own", "")
                    and f.confidence >= min_confidence)
    return buf.getvalue()


def score(scorer: Path, gold_rows: list[dict], facts: str, show: int, header: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.csv"
        with gold.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            w.writeheader()
            w.writerows(gold_rows)
        proj = Path(tmp) / "facts.csv"
        proj.write_text(facts, "utf-8")
        cmd = [sys.executable, str(scorer), str(gold), str(proj)] + (["--show", str(show)] if show else [])
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()


def read_gold(path: Path) -> tuple[list[dict], list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return list(r), list(r.fieldnames or [])


def main() -> None:
    from reporter import confidence

    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", help="regex on corpus file names")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="score only facts at or above this confidence (default: the plain-figure threshold of "
                         "reporter/data/confidence.toml, as `reporter facts` lists them); a second block "
                         "scores all facts (`--min-confidence 0`)")
    a = ap.parse_args()
    floor = confidence.threshold() if a.min_confidence is None else a.min_confidence
    scorer = a.shared / "tools" / "score-facts"
    failed: list[str] = []
    sets = []
    gold, header = read_gold(a.shared / "gold" / "seeds_gold.csv")
    sets.append(("seeds", gold, header, sorted((ROOT / "seeds").glob("*.txt"))))
    for name, folder in (("corpus", "corpus"), ("xicheng", "corpus-xicheng")):
        gold, header = read_gold(a.shared / folder / "gold.csv")
        files = sorted((a.shared / folder).glob("*.txt"))
        if a.only:
            files = [p for p in files if re.search(a.only, p.name)]
            gold = [g for g in gold if re.search(a.only, g["source"])]
        sets.append((name, gold, header, files))
    print(f"facts at or above confidence {floor:g} (as `reporter facts` lists them):")
    for name, gold, header, files in sets:
        print(f"{name:8}", score(scorer, gold, facts_csv(files, failed, floor), a.show, header))
    print("all facts (`reporter facts --min-confidence 0`):")
    ignored: list[str] = []  # failures were counted once above
    for name, gold, header, files in sets:
        print(f"{name:8}", score(scorer, gold, facts_csv(files, ignored, 0.0), 0, header).split(" — ")[0])
    _, gold, header, corpus = sets[1]
    rows = list(csv.DictReader(io.StringIO(facts_csv(corpus, ignored, floor))))
    print(f"corpus by genre (confidence >= {floor:g}):")
    for name, pattern in GENRES:
        g = [r for r in gold if re.search(pattern, r["source"])]
        names = {p.name for p in corpus if re.search(pattern, p.name)}
        if not names:
            continue
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else FACT_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(r for r in rows if r["source"] in names)
        print(f"  {name:20}", score(scorer, g, buf.getvalue(), 0, header).split(" — ")[0], f"[{len(names)} files]")
    print(f"files failed: {len(failed)}")
    for line in failed:
        print("  ", line)


if __name__ == "__main__":
    main()
