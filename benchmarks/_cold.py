"""Whole-process timing, the way a user waits: a fresh interpreter per run, median of N,
with peak RSS (of the process and its children) read from wait4's rusage."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORTER = [PYTHON, "-m", "reporter"]


@dataclass
class Timing:
    median: float
    worst: float
    rss_mib: float  # peak resident memory, median over the runs

    def __str__(self) -> str:
        return f"{self.median:.2f} s (max {self.worst:.2f}), peak RSS {self.rss_mib:.0f} MiB"


def run_once(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=cwd or ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def timed(cmd: list[str], runs: int = 5, env: dict | None = None, before=None, cwd: Path | None = None) -> Timing:
    """Median of runs whole-process timings; before() is called ahead of each run (e.g. to reset a store)."""
    times, rss = [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, peak = run_once(cmd, env, cwd)
        times.append(elapsed)
        rss.append(peak)
    return Timing(statistics.median(times), max(times), statistics.median(rss))


def ratio(ours: Timing, anchor: Timing) -> str:
    return f"{ours.median / anchor.median:.2f}×"
