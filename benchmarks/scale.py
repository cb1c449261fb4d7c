"""A corpus of 1,000 reports: ingest on one core vs both, store size, a no-change re-ingest,
the appendix (time, peak RSS, a complete xlsx) and the brief's page count on that store.

The 1,000 sources are made from seeds/ and ../shared/corpus/ (when present): each copy gets
another name and its years shifted, so every one is a distinct report.

Run: .venv/bin/python benchmarks/scale.py [--reports 1000] [--timeout 900] [--only ingest|products]
(`--only ingest`: the ingest, store size and re-ingest figures; `--only products`: appendix and brief)
     .venv/bin/python benchmarks/scale.py --keep /tmp/scale        # keep the sources and stores there
     .venv/bin/python benchmarks/scale.py --products-only /tmp/scale/store-2.db   # appendix + brief, no ingest
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import time
from pathlib import Path

from _cold import REPORTER, ROOT, run_once

YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
AREA = "西城区"  # the seeds' area (an alias in reporter/data/areas.toml)


def spread_areas(count: int) -> list[str]:
    """COUNT district names of reporter/data/areas.toml: the seeds' copies are spread over them."""
    import sys

    sys.path.insert(0, str(ROOT))
    from reporter.areas import areas

    names = [k.area.name for k in areas().rows.values() if k.area.level == "district"]
    return names[:count]


def make_sources(folder: Path, count: int, spread: int = 10) -> int:
    """COUNT sources; the copies of the seeds go to SPREAD areas in turn (a sidecar `area = …`),
    so a store of 1,000 reports holds at least SPREAD areas with years of full reports each."""
    bases = sorted((ROOT / "seeds").glob("*.txt"))
    seeds = len(bases)
    corpus = next((c for c in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus")
                   if c.is_dir()), None)
    if corpus is not None:
        bases += sorted(corpus.glob("*.txt"))
    names = spread_areas(spread) if spread else []
    folder.mkdir(parents=True)
    size = 0
    for n in range(count):
        i = n % len(bases)
        base = bases[i]
        shift = (n // len(bases)) % 9 - 4
        text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), base.read_text("utf-8"))
        data = f"{text}\n（副本 {n}）\n".encode("utf-8")
        path = folder / f"{base.stem[:20]}_{n:04d}.txt"
        path.write_bytes(data)
        size += len(data)
        if i < seeds and names:
            area = names[(n // len(bases)) % len(names)]
            path.with_name(path.name + ".meta.toml").write_text(f'area = "{area}"\n', "utf-8")
    return size


def timed_once(cmd: list[str], env: dict, timeout: float) -> tuple[float, float] | None:
    try:
        return run_once(cmd, env) if timeout <= 0 else _with_timeout(cmd, env, timeout)
    except subprocess.TimeoutExpired:
        return None


def _with_timeout(cmd, env, timeout):
    import os
    import signal

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
            return time.perf_counter() - start, usage.ru_maxrss / 1024
        if time.perf_counter() > deadline:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            raise subprocess.TimeoutExpired(cmd, timeout)
        time.sleep(0.2)


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def ingest_figures(tmp: Path, sources: Path, size: int, args) -> None:
    """--jobs 1 against --jobs 2 (alternating, median of --runs), the store's size, a no-change re-ingest."""
    import statistics

    times: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(args.runs):
        for jobs in ("1", "2"):
            store = tmp / f"store-{jobs}.db"
            store.unlink(missing_ok=True)
            got = timed_once([*REPORTER, "-q", "--store", str(store), "ingest", "--jobs", jobs, str(sources)], {}, args.timeout)
            if got is None:
                print(f"ingest --jobs {jobs}: did not finish")
                return
            times[jobs].append(got[0])
            print(f"ingest --jobs {jobs}: {got[0]:.1f} s, peak RSS {got[1]:.0f} MiB")
    one, two = statistics.median(times["1"]), statistics.median(times["2"])
    print(f"median of {args.runs}: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s; speed-up on 2 cores: {one / two:.2f}×")
    print(cpu_bound(tmp, sources))
    store = tmp / "store-2.db"
    print(f"store: {store.stat().st_size / 1e6:.1f} MB = {store.stat().st_size / size:.2f}× the sources")
    again = [timed_once([*REPORTER, "-q", "--store", str(store), "ingest", str(sources)], {}, args.timeout)[0]
             for _ in range(5)]
    print(f"re-ingest, nothing changed: {statistics.median(again):.2f} s (median of 5)")


CPU_PROBE = """import resource, sys
from reporter.cli import main
main(sys.argv[1:])
s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime)
"""


def cpu_bound(tmp: Path, sources: Path) -> str:
    """The speed-up two free cores would give, from CPU time (what a loaded machine still measures):
    --jobs 1 CPU over (the parent's CPU + the workers' CPU / 2) of a --jobs 2 run."""
    import os
    import sys

    times = {}
    for jobs in ("1", "2"):
        store = tmp / f"cpu-{jobs}.db"
        out = subprocess.run([sys.executable, "-c", CPU_PROBE, "-q", "--store", str(store), "ingest", "--jobs", jobs, str(sources)],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True)
        times[jobs] = [float(v) for v in out.stdout.split()[-2:]]
        store.unlink()
    one = sum(times["1"])
    parent, workers = times["2"]
    return (f"CPU: --jobs 1 {one:.1f} s; --jobs 2 parent {parent:.1f} s + workers {workers:.1f} s: "
            f"on two free cores about {one / (parent + workers / 2):.2f}× faster")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds one step may take")
    ap.add_argument("--only", choices=("ingest", "products"), help="skip the other part (products still ingest once)")
    ap.add_argument("--runs", type=int, default=1, help="ingest runs per --jobs value (median), e.g. 5")
    ap.add_argument("--keep", type=Path, help="build the sources and stores in this folder and keep them")
    ap.add_argument("--products-only", type=Path, metavar="STORE",
                    help="no sources, no ingest: time the appendix and the brief on this existing store")
    ap.add_argument("--max-pages", help="passed to reporter appendix (default: the product's)")
    args = ap.parse_args()
    if args.products_only:
        products(args.products_only, Path(tempfile.mkdtemp(prefix="scale-out-")), args)
        return
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        sources = tmp / "sources"
        size = make_sources(sources, args.reports)
        print(f"{args.reports} sources, {size / 1e6:.1f} MB")
        store = tmp / "store-2.db"
        if args.only == "products":
            timed_once([*REPORTER, "-q", "--store", str(store), "ingest", str(sources)], {}, args.timeout)
        else:
            ingest_figures(tmp, sources, size, args)
        if args.only == "ingest":
            return
        products(store, tmp / "out", args)


def load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def products(store: Path, out: Path, args) -> None:
    """The appendix (time, peak RSS, volumes and their pages, xlsx rows) and the brief's pages."""
    print(f"before the appendix: {load()}")
    extra = ["--max-pages", args.max_pages] if args.max_pages else []
    got = timed_once([*REPORTER, "-q", "--store", str(store), "appendix", "--area", AREA, "--years", "2000-2035", "--out", str(out),
                      *extra], {}, args.timeout)
    print("appendix 2000-2035: " + (f"{got[0]:.1f} s, peak RSS {got[1]:.0f} MiB" if got else
                                    f"did not finish in {args.timeout:.0f} s") + f" ({load()})")
    xlsx = list(out.glob("appendix-*.xlsx"))
    if xlsx:
        import pandas as pd

        sheets = pd.read_excel(xlsx[0], sheet_name=None)
        print(f"appendix xlsx: {sum(len(df) for df in sheets.values())} rows in {len(sheets)} sheets "
              f"({', '.join(f'{k} {len(v)}' for k, v in sheets.items())})")
    pdfs = sorted(out.glob("appendix-*.pdf"), key=lambda p: (len(p.stem), p.stem))
    counts = [pages(pdf) for pdf in pdfs]
    for pdf, n in zip(pdfs, counts):
        print(f"{pdf.name}: {n} pages")
    if len(pdfs) > 1:
        print(f"appendix: {len(pdfs) - 1} volumes + the index, {sum(counts)} pages, largest volume {max(counts[1:])}")
    # the store holds several areas (the corpus's): the brief of the seeds' area
    got = timed_once([*REPORTER, "-q", "--store", str(store), "brief", "--area", AREA, "--years", "2021-2024",
                      "--format", "pdf", "--out", str(out)], {}, args.timeout)
    if got:
        print(f"brief 2021-2024 on this store: {got[0]:.1f} s, peak RSS {got[1]:.0f} MiB, "
              f"{pages(next(out.glob('brief-*2021-2024.pdf')))} pages ({load()})")
    else:
        print("brief: did not finish")


if __name__ == "__main__":
    main()
