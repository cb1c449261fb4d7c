"""Whole-process timing, the way a user waits: a fresh interpreter per run, median of N,
with two memory figures: the peak RSS of the largest process (wait4's rusage: the command or
one of its children) and the peak of the sum over the whole process tree (sampled from /proc
every 10 ms), which is what the machine has to hold when a command runs helper processes."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
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
    rss_mib: float  # peak resident memory of the largest process, median over the runs
    tree_mib: float = 0.0  # peak of the summed RSS of the process and its children, median over the runs

    def __str__(self) -> str:
        tree = f" (tree {self.tree_mib:.0f} MiB)" if self.tree_mib > self.rss_mib + 1 else ""
        return f"{self.median:.2f} s (max {self.worst:.2f}), peak RSS {self.rss_mib:.0f} MiB{tree}"


def _tree_rss_kib(root: int) -> int:
    """Summed VmRSS of root and every descendant, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip())
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in tree)


class TreeSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            self.peak_kib = max(self.peak_kib, _tree_rss_kib(self.pid))


LAST_TREE_MIB = [0.0]  # the tree peak of the last run_once (kept out of its return value for old callers)


def run_once(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=cwd or ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    LAST_TREE_MIB[0] = max(sampler.peak_kib / 1024, usage.ru_maxrss / 1024)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def timed(cmd: list[str], runs: int = 5, env: dict | None = None, before=None, cwd: Path | None = None) -> Timing:
    """Median of runs whole-process timings; before() is called ahead of each run (e.g. to reset a store)."""
    times, rss, tree = [], [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, peak = run_once(cmd, env, cwd)
        times.append(elapsed)
        rss.append(peak)
        tree.append(LAST_TREE_MIB[0])
    return Timing(statistics.median(times), max(times), statistics.median(rss), statistics.median(tree))


def ratio(ours: Timing, anchor: Timing) -> str:
    return f"{ours.median / anchor.median:.2f}×"
