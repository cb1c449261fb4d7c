"""Which chart form the PDF should carry: the brief's print HTML with its charts as SVG with
glyphs as paths, SVG with text as text, PNG at 200 and at 300 dpi. Each variant is laid out
by bare WeasyPrint in a fresh process (median of 5); the encode time of each form is beside it.

Run: .venv/bin/python benchmarks/charts.py
"""
from __future__ import annotations

import base64
import io
import re
import tempfile
import time
from pathlib import Path

from _cold import PYTHON, REPORTER, ROOT, timed

WEASY = ("import sys; from weasyprint import HTML, CSS; "
         "HTML(filename=sys.argv[1], base_url=sys.argv[3]).write_pdf(sys.argv[2], stylesheets=[CSS(filename=sys.argv[4])])")
FORMS = {"svg, glyphs as paths": ("svg", "path"), "svg, text as text": ("svg", "none"),
         "png 200 dpi": ("png", 200), "png 300 dpi": ("png", 300)}


def encode(fig, fmt: str, arg) -> bytes:
    import matplotlib

    buf = io.BytesIO()
    if fmt == "svg":
        matplotlib.rcParams["svg.fonttype"] = arg
        fig.savefig(buf, format="svg", metadata={"Date": None})
    else:
        fig.savefig(buf, format="png", dpi=arg)
    return buf.getvalue()


def variants(store: Path, folder: Path) -> dict[str, tuple[Path, float, int]]:
    """name -> (print HTML with the brief's charts in that form, encode seconds, image bytes)."""
    from reporter.app.render import RenderOptions, build_context
    from reporter.render import charts
    from reporter.render.pipeline import RenderRequest, build
    from reporter.settings import Settings

    forms: dict[str, list] = {name: [] for name in FORMS}  # name -> [(uri, seconds, bytes)] per chart
    kept_png_of = charts.png_of

    def png_of(fig) -> bytes:  # every form of each chart, encoded from the same figure
        for name, (fmt, arg) in FORMS.items():
            start = time.process_time()
            data = encode(fig, fmt, arg)
            mime = "svg+xml" if fmt == "svg" else "png"
            forms[name].append((f"data:image/{mime};base64," + base64.b64encode(data).decode(),
                                time.process_time() - start, len(data)))
        return kept_png_of(fig)

    charts.png_of = png_of
    built = build_context(RenderOptions(product="brief", settings=Settings(store=store, out=folder), options={"years": "2021-2024"}))
    req = RenderRequest("brief", built.context, built.title, built.basename, ["pdf"], folder)
    doc = build(req)
    html = doc.ctx.page(doc.document, "print", "")
    pngs = re.findall(r"data:image/png;base64,[A-Za-z0-9+/=]+", html)
    assert len(pngs) == len(forms["png 300 dpi"]), "one data: image per chart"
    out = {}
    for name, drawn in forms.items():
        page = html
        for old, (new, _, _) in zip(pngs, drawn):
            page = page.replace(old, new, 1)
        path = folder / f"{name.replace(' ', '_').replace(',', '')}.html"
        path.write_text(page, "utf-8")
        out[name] = (path, sum(d[1] for d in drawn), sum(d[2] for d in drawn))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = tmp / "s.db"
        timed(REPORTER + ["-q", "ingest", str(ROOT / "seeds")], runs=1, env={"REPORTER_STORE": str(store)})
        for name, (html, encode, size) in variants(store, tmp).items():
            t = timed([PYTHON, "-c", WEASY, str(html), str(tmp / "x.pdf"), str(ROOT / "styles") + "/",
                       str(ROOT / "styles" / "print.css")])
            print(f"{name:22s} encode 3 charts {encode:.2f} s CPU, {size / 1024:.0f} KiB; "
                  f"bare WeasyPrint {t}; PDF {(tmp / 'x.pdf').stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
