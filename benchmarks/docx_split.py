"""Where a cold `reporter brief --format docx` spends its time, stage by stage (median of 5
fresh processes): interpreter start, imports (wherever they happen), loading the store, compose,
template, charts (drawn here, or the wait for the chart helper process that draws them on the
other core while this one composes), Markdown -> Document, the DOCX writer itself, and the rest
(argument parsing, starting helpers, writing the file).

Imports are timed by wrapping __import__ (outermost imports only) and taken out of the stage that
triggered them, so "imports" is every import of the run and each stage is its own work.
Run: .venv/bin/python benchmarks/docx_split.py
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, timed

CHILD = r'''
import builtins, json, sys, time
T0 = time.perf_counter()
spent = {"imports": 0.0}
depth = [0]
real_import = builtins.__import__
def timed_import(*a, **k):
    if depth[0]:
        return real_import(*a, **k)
    depth[0] += 1
    start = time.perf_counter()
    try:
        return real_import(*a, **k)
    finally:
        spent["imports"] += time.perf_counter() - start
        depth[0] -= 1
builtins.__import__ = timed_import

def wrap(owner, name, bucket):
    """Time owner.name into bucket, less the imports it triggered."""
    fn = getattr(owner, name)
    def wrapper(*a, **k):
        imports, start = spent["imports"], time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            took = time.perf_counter() - start - (spent["imports"] - imports)
            spent[bucket] = spent.get(bucket, 0.0) + took
            for outer in stack[:-1]:
                spent[outer] = spent.get(outer, 0.0) - took  # nested: counted once, in the inner bucket
    def enter(*a, **k):
        stack.append(bucket)
        try:
            return wrapper(*a, **k)
        finally:
            stack.pop()
    setattr(owner, name, enter)
stack = []

import reporter.app.products as products
import reporter.compose.brief as brief
import reporter.render.pipeline as pipeline
import reporter.render.charts as charts
import reporter.writers.docx as docx_writer
wrap(products.ProductRequest, "corpus", "store")
wrap(brief, "build", "compose")
wrap(pipeline, "render_markdown", "template")
wrap(charts, "draw_png", "charts")  # drawn here (no helper process, or a chart it could not draw)
wrap(charts.Charts, "resolve", "charts")  # waiting for the chart helper process's PNGs
wrap(pipeline, "build_document", "markdown")
wrap(docx_writer, "write", "docx writer")
pipeline.build_document = pipeline.build_document  # (wrapped above, looked up at call time)
from reporter.cli import main
code = main(sys.argv[1:])
spent["total in process"] = time.perf_counter() - T0
print("SPLIT " + json.dumps(spent))
sys.exit(code)
'''

ORDER = ["interpreter", "imports", "store", "compose", "template", "charts", "markdown", "docx writer", "rest"]


def split_once(cmd_args: list[str], env: dict) -> dict[str, float]:
    out = subprocess.run([PYTHON, "-c", CHILD, *cmd_args], env={**os.environ, **env}, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    spent = json.loads(next(line for line in out.splitlines() if line.startswith("SPLIT "))[6:])
    named = sum(spent.get(k, 0.0) for k in ORDER[1:-1])
    spent["rest"] = spent["total in process"] - named
    return spent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store, out = tmp / "s.db", tmp / "out"
        env = {"REPORTER_STORE": str(store), "PYTHONPATH": str(ROOT)}
        timed(REPORTER + ["-q", "ingest", str(ROOT / "seeds")], runs=1, env=env)
        interpreter = timed([PYTHON, "-c", "pass"])
        args = ["-q", "brief", "--years", "2021-2024", "--format", "docx", "--out", str(out)]
        whole = timed(REPORTER + args, env=env)
        runs = [split_once(args, env) for _ in range(5)]
        print(f"brief 2021-2024 --format docx, whole process: {whole}")
        print(f"  {'interpreter':12s} {interpreter.median:5.2f} s  (python -c pass)")
        for key in ORDER[1:]:
            print(f"  {key:12s} {statistics.median(r.get(key, 0.0) for r in runs):5.2f} s")
        print(f"  (in-process total {statistics.median(r['total in process'] for r in runs):.2f} s; load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
