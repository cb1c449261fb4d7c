"""Where the appendix's memory and time go, stage by stage, in one process: load the corpus,
compose, the data formats, the template, the Document, each document format.

Peak RSS per stage comes from /proc/self/status (VmHWM, reset between stages through
/proc/self/clear_refs), so each line says what that stage alone pushed the process to.
This is a diagnosis tool, not a timing benchmark: scale.py measures whole processes.

Run: PYTHONPATH=. .venv/bin/python benchmarks/appendix_stages.py --store /tmp/scale/store.db --years 2000-2035
"""
from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path


def _status(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


class Stages:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def mark(self, name: str) -> None:
        gc.collect()
        now = time.perf_counter()
        print(f"{name:<28} {now - self.start:7.1f} s   peak {_status('VmHWM'):6.0f} MiB   after {_status('VmRSS'):6.0f} MiB",
              flush=True)
        _reset_peak()
        self.start = time.perf_counter()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--years", default="2000-2035")
    ap.add_argument("--formats", default="pdf,docx")
    ap.add_argument("--max-pages", default=None, help="as reporter appendix --max-pages")
    args = ap.parse_args()
    from reporter.app.plugins import get
    from reporter.app.products import ProductRequest, parse_options
    from reporter.app.render import data_outputs
    from reporter.i18n import messages
    from reporter.render.pipeline import RenderRequest, build
    from reporter.writers import writer

    s = Stages()
    product = get("appendix")
    s.mark("imports")
    options = {"years": args.years}
    if args.max_pages:
        options["max_pages"] = args.max_pages
    from reporter.settings import Settings

    req = ProductRequest(parse_options(product, options), Settings(store=args.store), messages("zh"))
    req.corpus()
    s.mark("load corpus")
    built = product.build(req)
    s.mark("compose")
    data = data_outputs(built, ["xlsx", "csv"], Path("/tmp"))
    s.mark(f"xlsx+csv ({sum(map(len, data.values())) // 1024} KiB)")
    del data
    from reporter.app.render import release_memory

    for volume in [built, *built.volumes]:
        rr = RenderRequest(template="appendix", context=volume.context, title=volume.title, basename=volume.basename,
                           formats=args.formats.split(","), out_dir=Path("/tmp"))
        doc = build(rr)
        s.mark(f"{volume.basename}: template+doc ({len(doc.document.markdown) // 1024} KiB md)")
        for fmt in rr.formats:
            out = writer(fmt).write(doc.document, doc.ctx)
            s.mark(f"  {fmt} ({len(out) // 1024} KiB)")
        del doc
        release_memory()


if __name__ == "__main__":
    main()
