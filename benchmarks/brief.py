"""The brief and the appendix as a user waits for them (whole processes from a cold start,
median of 5), beside their anchors in the same run: bare WeasyPrint on the same HTML and CSS,
and Pandoc on the same Markdown (Debian's pandoc: `bash scripts/bench-setup.sh`).

Run: .venv/bin/python benchmarks/brief.py
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, ratio, timed


def print_html(store: Path, years: str, product: str, folder: Path) -> Path:
    """The exact HTML our PDF writer hands WeasyPrint (print mode, no inline CSS)."""
    from reporter.app.render import RenderOptions, build_context
    from reporter.app.products import get
    from reporter.render.pipeline import RenderRequest, build

    built = build_context(RenderOptions(product=product, out_dir=folder, store=store, options={"years": years}))
    req = RenderRequest(get(product).template, built.context, built.title, built.basename, ["pdf"], folder)
    doc = build(req)
    path = folder / f"{built.basename}.print.html"
    path.write_text(doc.ctx.page(doc.document, "print", ""), "utf-8")
    return path


WEASY = ("import sys; from weasyprint import HTML, CSS; "
         "HTML(filename=sys.argv[1], base_url=sys.argv[3]).write_pdf(sys.argv[2], stylesheets=[CSS(filename=sys.argv[4])])")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store, out = tmp / "s.db", tmp / "out"
        env = {"REPORTER_STORE": str(store)}
        timed(REPORTER + ["-q", "ingest", str(ROOT / "seeds")], runs=1, env=env)
        for product, years in (("brief", "2021-2024"),):
            base = [*REPORTER, "-q", product, "--years", years, "--out", str(out)]
            html = print_html(store, years, product, tmp)
            ours_pdf = timed(base + ["--format", "pdf"], env=env)
            anchor_pdf = timed([PYTHON, "-c", WEASY, str(html), str(tmp / "anchor.pdf"), str(ROOT / "styles") + "/",
                                str(ROOT / "styles" / "print.css")])
            print(f"{product} {years} PDF: ours {ours_pdf}; bare WeasyPrint {anchor_pdf}; ratio {ratio(ours_pdf, anchor_pdf)}")
            timed(base + ["--format", "md"], runs=1, env=env)
            md = out / f"{product}-{years}.md"
            ours_docx = timed(base + ["--format", "docx"], env=env)
            if shutil.which("pandoc"):
                anchor_docx = timed(["pandoc", str(md), "-f", "markdown", "-o", str(tmp / "anchor.docx"),
                                     "--reference-doc", str(ROOT / "styles" / "reference.docx")])
                print(f"{product} {years} DOCX: ours {ours_docx}; pandoc {anchor_docx}; ratio {ratio(ours_docx, anchor_docx)}")
            else:
                print(f"{product} {years} DOCX: ours {ours_docx}; pandoc not installed (bash scripts/bench-setup.sh)")
            both = timed(base + ["--format", "pdf,docx"], env=env)
            print(f"{product} {years} pdf,docx: {both}")
        appendix = timed([*REPORTER, "-q", "appendix", "--years", "2019-2024", "--out", str(out)], runs=3, env=env)
        print(f"appendix 2019-2024 pdf,docx,xlsx (median of 3): {appendix}")


if __name__ == "__main__":
    main()
