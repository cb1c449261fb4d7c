"""Hostile sources (issue 25, break 3): every product on a source holding one 1 MB paragraph
without a full stop, against the ingest of the same file in the same run (goal: each product
≤ 2× the ingest), and the ingest's peak memory on 10 MB and 49 MB paragraphs against the source
size (goal ≤ 10×). Whole processes from a cold start, median of 5 (the big ingests: once).

Before the fix the brief ran past 600 s on such a paragraph (`sentences_of` rescanned it from
every character), and a 10 MB paragraph ingested in 45 s and 383 MB.

Run: .venv/bin/python benchmarks/hostile.py   (`--quick`: median of 3, no 49 MB ingest)
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _cold import REPORTER, timed

UNIT = "全区经济运行总体平稳地区生产总值增长百分之五点二城乡居民收入稳步提高"
HEAD = "2023年政府工作报告\n\n——2023年1月10日在区第一届人民代表大会第三次会议上\n\n一、2022年工作回顾\n\n"
TAIL = "\n\n二、2023年主要目标\n\n地区生产总值增长5%左右。\n"
PRODUCTS = {
    "brief": ["brief", "--years", "2022-2023"],
    "appendix": ["appendix", "--years", "2022-2023"],
    "summary": ["summary", "--year", "2022"],
    "digest": ["digest", "--quarter", "2023Q1"],
    "sample": ["sample"],
}


def source(folder: Path, megabytes: float) -> Path:
    chars = int(megabytes * 2**20 / 3)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.txt"
    path.write_text(HEAD + (UNIT * (chars // len(UNIT) + 1))[:chars] + TAIL, "utf-8")
    return path


def main(quick: bool = False) -> None:
    runs = 3 if quick else 5
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = source(tmp / "src", 1.0)
        store = tmp / "s.db"
        env = {"REPORTER_STORE": str(store)}
        ingest = timed([*REPORTER, "-q", "ingest", "--jobs", "1", str(src.parent)], runs=runs, env=env,
                       before=lambda: store.unlink(missing_ok=True))
        size = src.stat().st_size / 2**20
        print(f"ingest of a {size:.2f} MB paragraph without a full stop: {ingest}")
        for name, argv in PRODUCTS.items():
            took = timed([*REPORTER, "-q", *argv, "--format", "md", "--out", str(tmp / "out")], runs=runs, env=env)
            print(f"{name} --format md on it: {took}; {took.median / ingest.median:.2f}× the ingest (goal ≤ 2×)")
        for megabytes in ((10.0,) if quick else (10.0, 49.0)):
            big = source(tmp / f"big{megabytes:g}", megabytes)
            big_store = tmp / f"big{megabytes:g}.db"
            took = timed([*REPORTER, "-q", "ingest", "--jobs", "1", str(big.parent)], runs=1,
                         env={"REPORTER_STORE": str(big_store)})
            mb = big.stat().st_size / 2**20
            print(f"ingest of a {mb:.1f} MB paragraph: {took}; peak RSS {took.rss_mib / mb:.1f}× the source (goal ≤ 10×)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
