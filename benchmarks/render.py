"""DOCX and PDF of long documents, as a user waits (whole processes, median of 5), beside their
anchors on the same input: Pandoc on the same Markdown, bare WeasyPrint on the same HTML+CSS.

Ours and Pandoc are timed in turns (benchmarks/_paired.py), wall and CPU time.
Documents: the sample product repeated to ~40 pages, with and without one 2,000 x 7 table, and the
latter without its charts (inline SVG, which Pandoc converts and our writer cannot take from a file).
Each DOCX is also read back (python-docx) to check the table arrived whole.
Run: .venv/bin/python benchmarks/render.py   (pandoc: bash scripts/bench-setup.sh)
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, timed
from _paired import paired

WEASY = ("import sys; from weasyprint import HTML, CSS; "
         "HTML(filename=sys.argv[1], base_url=sys.argv[3]).write_pdf(sys.argv[2], stylesheets=[CSS(filename=sys.argv[4])])")


def big_table(rows: int) -> str:
    lines = ["\n## 大表\n", "| 时期 | 数值 | 单位 | 类型 | 限定 | 来源 | 引文 |", "| --- | ---: | --- | --- | --- | --- | --- |"]
    lines += [f"| 2023 | {i}.5 | 亿元 | 实际 | — | 报告 | 地区生产总值突破6000亿元大关，同比增长5.8%（第{i}行） |" for i in range(rows)]
    return "\n".join(lines) + "\n"


def as_template(markdown: str, folder: Path) -> Path:
    """The Markdown as a whole-file template (a layout without blocks is used as written)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sample.md.j2").write_text("{% raw %}" + markdown + "{% endraw %}", "utf-8")
    return folder


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


FIGURE = re.compile(r"<figure\b.*?</figure>", re.S)


def table_rows(docx_path: Path) -> int:
    """Rows of the DOCX's largest table, read back with python-docx: the timing counts only if the
    table arrived whole."""
    import docx

    return max((len(t.rows) for t in docx.Document(str(docx_path)).tables), default=0)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "out"
        subprocess.run([*REPORTER, "-q", "render", "sample", "--parts", "40", "--format", "md,pdf", "--out", str(out)],
                       check=True)
        base = (out / "sample-40.md").read_text("utf-8")
        print(f"sample x40: {pages(out / 'sample-40.pdf')} PDF pages")
        bare = FIGURE.sub("", base)  # our DOCX takes charts as PNGs from chart objects, which a file has not
        documents = (("40 pages", base), ("40 pages + 2,000-row table", base + big_table(2000)),
                     ("40 pages + 2,000-row table, charts taken out of both", bare + big_table(2000)))
        for label, markdown in documents:
            md = tmp / "doc.md"
            md.write_text(markdown, "utf-8")
            templates = as_template(markdown, tmp / f"t-{len(markdown)}")
            cmd = [*REPORTER, "-q", "render", "sample", "--templates", str(templates), "--out", str(out)]
            if shutil.which("pandoc"):
                pair = paired(cmd + ["--format", "docx"], ["pandoc", str(md), "-f", "markdown", "-o",
                              str(tmp / "anchor.docx"), "--reference-doc", str(ROOT / "styles" / "reference.docx")])
                rows = table_rows(out / "sample.docx")
                print(f"{label} DOCX, against pandoc: {pair}; largest table {rows} rows")
            else:
                ours = timed(cmd + ["--format", "docx"])
                rows = table_rows(out / "sample.docx")
                print(f"{label} DOCX: ours {ours}; pandoc not installed; largest table {rows} rows")


if __name__ == "__main__":
    main()
