"""Ours and its anchor timed in turns (ours, anchor, ours, anchor, ...), so both see the same load
on a machine shared with other work, with CPU time (user + system, the process and its children)
beside wall time: CPU time moves much less than wall time when other processes compete."""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from _cold import ROOT


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float


@dataclass
class Pair:
    ours: list[Run]
    anchor: list[Run]

    @staticmethod
    def _median(runs: list[Run], key: str) -> float:
        return statistics.median(getattr(r, key) for r in runs)

    def __str__(self) -> str:
        ow, aw = self._median(self.ours, "wall"), self._median(self.anchor, "wall")
        oc, ac = self._median(self.ours, "cpu"), self._median(self.anchor, "cpu")
        return (f"ours {ow:.2f} s wall / {oc:.2f} s CPU, {self._median(self.ours, 'rss_mib'):.0f} MiB; "
                f"anchor {aw:.2f} s wall / {ac:.2f} s CPU; ratio {ow / aw:.2f}× wall, {oc / ac:.2f}× CPU "
                f"(load {os.getloadavg()[0]:.1f})")


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=cwd or ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}\n{proc.stderr.read().decode()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def paired(ours: list[str], anchor: list[str], runs: int = 5, env: dict | None = None) -> Pair:
    """Median of `runs` each, taken in turns after one untimed warm-up of each (disk cache)."""
    run(ours, env)
    run(anchor, env)
    pair = Pair([], [])
    for _ in range(runs):
        pair.ours.append(run(ours, env))
        pair.anchor.append(run(anchor, env))
    return pair
