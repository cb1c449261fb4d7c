"""The brief and the appendix as a user waits for them (whole processes from a cold start,
median of 5), beside their anchors in the same run: bare WeasyPrint on the same HTML and CSS,
and Pandoc on the same Markdown (Debian's pandoc: `bash scripts/bench-setup.sh`).

Two DOCX figures: the whole `brief --format docx` (loading the store, composing, three charts,
then Markdown -> DOCX), and Markdown -> DOCX alone: the brief's Markdown rendered as a whole-file
template in a fresh process, against Pandoc on the same file. The Markdown's charts are inline
300-dpi PNGs, which both embed (Pandoc decodes each, which costs it about a second), so that
pair is also timed with the charts taken out of both.

Run: .venv/bin/python benchmarks/brief.py   (`--docx`: only the DOCX figures)
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, ratio, timed
from _paired import paired


def print_html(store: Path, years: str, product: str, folder: Path) -> Path:
    """The exact HTML our PDF writer hands WeasyPrint (print mode, no inline CSS)."""
    from reporter.app.render import RenderOptions, build_context
    from reporter.app.plugins import get
    from reporter.render.pipeline import RenderRequest, build
    from reporter.settings import Settings

    built = build_context(RenderOptions(product=product, settings=Settings(store=store, out=folder), options={"years": years}))
    req = RenderRequest(get(product).template, built.context, built.title, built.basename, ["pdf"], folder)
    doc = build(req)
    path = folder / f"{built.basename}.print.html"
    path.write_text(doc.ctx.page(doc.document, "print", ""), "utf-8")
    return path


def as_template(markdown: str, folder: Path) -> Path:
    """The Markdown as a whole-file sample template (a layout without blocks is used as written)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sample.md.j2").write_text("{% raw %}" + markdown + "{% endraw %}", "utf-8")
    return folder


def pandoc(md: Path, target: Path) -> list[str]:
    return ["pandoc", str(md), "-f", "markdown", "-o", str(target), "--reference-doc",
            str(ROOT / "styles" / "reference.docx")]


# Markdown -> DOCX as a converter, like `pandoc in.md -o out.docx`: the Markdown stage and the
# DOCX writer in a fresh process, without the CLI, a product or its helper processes.
CONVERT = """import sys
from pathlib import Path
from reporter.allowlist import AllowList
from reporter.document import NoImages, xml_safe
from reporter.i18n import messages
from reporter.paths import styles_dir, templates_dir
from reporter.render.markdown import build_document
from reporter.writers import WriteContext, docx
words = messages("zh")
allow = AllowList([templates_dir(), styles_dir()])
doc = build_document(xml_safe(Path(sys.argv[1]).read_text("utf-8")), "brief", allow, NoImages(), words.t("contents"))
ctx = WriteContext(styles=styles_dir(), page=None, allow=allow, messages=words)
Path(sys.argv[2]).write_bytes(docx.write(doc, ctx))
"""


def markdown_to_docx(md: Path, tmp: Path, label: str) -> None:
    """Our Markdown -> DOCX in a cold process against Pandoc on the same file, in turns: as a
    command (`render sample` with the file as its template) and as a converter (CONVERT)."""
    templates = as_template(md.read_text("utf-8"), tmp / f"t-{label}")
    command = [*REPORTER, "-q", "render", "sample", "--templates", str(templates), "--format", "docx",
               "--out", str(tmp / f"md-{label}")]
    anchor = pandoc(md, tmp / f"anchor-{label}.docx")
    print(f"brief.md -> DOCX ({label}), `render sample` command, against pandoc: {paired(command, anchor)}")
    converter = [PYTHON, "-c", CONVERT, str(md), str(tmp / f"converted-{label}.docx")]
    print(f"brief.md -> DOCX ({label}), Markdown stage + DOCX writer, against pandoc: {paired(converter, anchor)}")


FIGURE = re.compile(r"<figure\b.*?</figure>", re.S)


WEASY = ("import sys; from weasyprint import HTML, CSS; "
         "HTML(filename=sys.argv[1], base_url=sys.argv[3]).write_pdf(sys.argv[2], stylesheets=[CSS(filename=sys.argv[4])])")


def main(docx_only: bool = False) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store, out = tmp / "s.db", tmp / "out"
        env = {"REPORTER_STORE": str(store)}
        timed(REPORTER + ["-q", "ingest", str(ROOT / "seeds")], runs=1, env=env)
        for product, years in (("brief", "2021-2024"),):
            base = [*REPORTER, "-q", product, "--years", years, "--out", str(out)]
            if not docx_only:
                html = print_html(store, years, product, tmp)
                ours_pdf = timed(base + ["--format", "pdf"], env=env)
                anchor_pdf = timed([PYTHON, "-c", WEASY, str(html), str(tmp / "anchor.pdf"),
                                    str(ROOT / "styles") + "/", str(ROOT / "styles" / "print.css")])
                print(f"{product} {years} PDF: ours {ours_pdf}; bare WeasyPrint {anchor_pdf}; "
                      f"ratio {ratio(ours_pdf, anchor_pdf)}")
            timed(base + ["--format", "md"], runs=1, env=env)
            md = next(out.glob(f"{product}-*{years}.md"))  # the area is in the name when the store knows it
            if shutil.which("pandoc"):
                whole = paired(base + ["--format", "docx"], pandoc(md, tmp / "anchor.docx"), env=env)
                print(f"{product} {years} DOCX (whole command), against pandoc on its Markdown: {whole}")
                markdown_to_docx(md, tmp, "as written")
                bare = tmp / "no-charts.md"
                bare.write_text(FIGURE.sub("", md.read_text("utf-8")), "utf-8")
                markdown_to_docx(bare, tmp, "charts taken out of both")
            else:
                ours_docx = timed(base + ["--format", "docx"], env=env)
                print(f"{product} {years} DOCX: ours {ours_docx}; pandoc not installed (bash scripts/bench-setup.sh)")
            if docx_only:
                return
            both = timed(base + ["--format", "pdf,docx"], env=env)
            print(f"{product} {years} pdf,docx: {both}")
        appendix = timed([*REPORTER, "-q", "appendix", "--years", "2019-2024", "--out", str(out)], runs=3, env=env)
        print(f"appendix 2019-2024 pdf,docx,xlsx (median of 3): {appendix}")


if __name__ == "__main__":
    main(docx_only="--docx" in sys.argv[1:])
