"""Brief benchmark: `reporter brief --years 2021-2024`, all formats, end to end and by stage;
plus the 2019-2024 appendix.

Run: .venv/bin/python benchmarks/brief.py
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from reporter.compose import appendix, brief
from reporter.paths import seeds_dir
from reporter.render.pipeline import RenderRequest, render
from reporter.store import Store
from reporter.cli import main as cli


def run() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = out / "bench.db"
        start = time.perf_counter()
        cli(["-q", "--store", str(store), "ingest", str(seeds_dir())])
        ingest = time.perf_counter() - start
        for label in ("cold (first render in the process)", "warm"):
            start = time.perf_counter()
            reports = Store(store).reports()
            loaded = time.perf_counter() - start
            start = time.perf_counter()
            ctx = brief.build(reports, 2021, 2024)
            compose = time.perf_counter() - start
            req = RenderRequest("brief", ctx, ctx["title"], "brief-2021-2024", ["pdf", "docx", "html", "md"], out)
            start = time.perf_counter()
            render(req)
            total = time.perf_counter() - start + compose + loaded
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in req.timings.items())
            print(f"brief 2021-2024, {label}: {total:.2f}s = load {loaded:.2f}s + compose {compose:.2f}s + {stages}")
        print(f"(ingest of seeds/ into an empty store before that: {ingest:.2f}s)")
        ctx = appendix.build(reports, 2019, 2024)
        req = RenderRequest("appendix", ctx, "指标附表", "appendix", ["pdf", "docx"], out)
        start = time.perf_counter()
        render(req)
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in req.timings.items())
        print(f"appendix 2019-2024 ({ctx['count']} facts): {time.perf_counter() - start:.2f}s ({stages})")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cli(["-q", "--store", str(Path(tmp) / "s.db"), "brief", "--years", "2021-2024", "--out", tmp])
    print(f"CLI `reporter brief --years 2021-2024` on an empty store (ingest + pdf,docx): {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    run()
