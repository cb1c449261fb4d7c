"""Render benchmark: time of each stage for the sample product and a ~50-page document,
with the share that is WeasyPrint's own layout and python-docx's save.

Run: .venv/bin/python benchmarks/render.py
"""
from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path
from unittest import mock

from reporter.compose import sample
from reporter.render.pipeline import RenderRequest, render


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def timing(split: dict, key: str, fn):
    """fn, adding the seconds each call takes to split[key]."""

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            split[key] += time.perf_counter() - start

    return wrapper


def measure(parts: int, out: Path, charts: int | None = None) -> None:
    import docx.document
    import weasyprint

    split = {"weasyprint_layout": 0.0, "docx_save": 0.0}
    write_pdf = timing(split, "weasyprint_layout", weasyprint.HTML.write_pdf)
    save = timing(split, "docx_save", docx.document.Document.save)

    req = RenderRequest(product="sample", context=sample.build(parts, charts), title="基准文档", basename=f"bench-{parts}",
                        formats=["pdf", "docx", "html"], out_dir=out)
    with mock.patch.object(weasyprint.HTML, "write_pdf", write_pdf), mock.patch.object(docx.document.Document, "save", save):
        start = time.perf_counter()
        render(req)
        total = time.perf_counter() - start
    ours = total - split["weasyprint_layout"] - split["docx_save"]
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in req.timings.items())
    n = parts if charts is None else charts
    print(f"{parts:>3} part(s), {n:>2} chart(s), {pages(out / f'bench-{parts}.pdf'):>3} PDF pages: total {total:.2f}s ({stages})")
    print(f"    WeasyPrint layout {split['weasyprint_layout']:.2f}s = {100 * split['weasyprint_layout'] / total:.0f}% of total; "
          f"python-docx save {split['docx_save']:.2f}s; our own overhead {ours:.2f}s = {100 * ours / total:.0f}%")


def large_docx_table(rows: int = 2000) -> None:
    """The DOCX writer on one table of `rows` x 7 cells (python-docx's Table.cell() would be quadratic)."""
    from reporter.paths import styles_dir
    from reporter.render.charts import Charts
    from reporter.render.document import build_document
    from reporter.render.fetcher import AllowListFetcher
    from reporter.writers import docx as docx_writer

    lines = ["| 时期 | 数值 | 单位 | 类型 | 限定 | 来源 | 引文 |", "| --- | ---: | --- | --- | --- | --- | --- |"]
    lines += [f"| 2023 | {i}.5 | 亿元 | 实际 | — | 002 | 地区生产总值突破6000亿元大关，同比增长5.8%（第{i}行） |" for i in range(rows)]
    doc = build_document("\n".join(lines), "大表", AllowListFetcher([styles_dir()]), Charts(), {})
    start = time.perf_counter()
    data = docx_writer.write(doc, docx_writer.DocxSettings.from_styles(styles_dir()))
    print(f"DOCX with one {rows}-row x 7-column table: {time.perf_counter() - start:.2f}s ({len(data) / 1024:.0f} KiB)")


if __name__ == "__main__":
    large_docx_table()
    with tempfile.TemporaryDirectory() as tmp:
        measure(1, Path(tmp))  # also warms up imports and fonts
        measure(1, Path(tmp))
        measure(62, Path(tmp), charts=1)  # ~50 pages of text and tables, one chart
        measure(45, Path(tmp))  # the same with a chart in every part: matplotlib's cost shows
