"""One product render: template -> Markdown -> Document -> every requested format.

All formats are produced in memory first and only then written (each to a temporary
name, renamed into place): a template or layout error leaves the old outputs untouched.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from reporter.errors import UserError
from reporter.paths import styles_dir, templates_dir
from reporter.render.charts import Charts
from reporter.render.document import Document, build_document
from reporter.render.environment import make_environment, render_template
from reporter.render.fetcher import AllowListFetcher
from reporter.render.fonts import require_cjk_font
from reporter.render.notes import Footnotes
from reporter.writers import docx as docx_writer
from reporter.writers import html as html_writer
from reporter.writers import pdf as pdf_writer
from reporter.writers.files import atomic_write_bytes

FORMATS = ("pdf", "docx", "html", "md")


@dataclass
class RenderRequest:
    product: str  # templates/<product>.md.j2
    context: dict
    title: str
    basename: str  # output file name without suffix
    formats: list[str]
    out_dir: Path
    user_templates: Path | None = None
    progress: bool = False  # a status line on stderr (the CLI sets it on a terminal only)
    timings: dict[str, float] = field(default_factory=dict)


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UserError(f"--format {text}: choose from {','.join(FORMATS)}")
    return list(dict.fromkeys(formats))


STAGE_NAMES = {"template": "filling the template", "markdown": "building the document", "html": "writing HTML",
               "pdf": "laying out the PDF", "docx": "building the DOCX"}


def _timed(req: RenderRequest, stage: str, fn, *args):
    if req.progress:
        sys.stderr.write(f"\r{req.basename}: {STAGE_NAMES.get(stage, stage)}…{' ' * 20}")
        sys.stderr.flush()
    start = time.perf_counter()
    result = fn(*args)
    req.timings[stage] = req.timings.get(stage, 0.0) + time.perf_counter() - start
    return result


def build_date() -> date:
    """Today, or $SOURCE_DATE_EPOCH (the reproducible-builds convention) so outputs can be compared."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch.isdigit() else date.today()


def render_markdown(req: RenderRequest, env, charts: Charts) -> str:
    context = {**req.context, "notes": Footnotes(), "chart": charts, "generated": build_date().isoformat(),
               "title": req.title}
    return render_template(env, f"{req.product}.md.j2", context)


def build(req: RenderRequest) -> tuple[str, Document, AllowListFetcher, html_writer.Layout]:
    if any(f in ("pdf", "docx") for f in req.formats):
        require_cjk_font()
    roots = [templates_dir(), styles_dir(), req.out_dir] + ([req.user_templates] if req.user_templates else [])
    fetcher = AllowListFetcher(roots)
    charts = Charts()
    env = make_environment(templates_dir(), req.user_templates)  # one for the Markdown template and the HTML layout
    markdown_text = _timed(req, "template", render_markdown, req, env, charts)
    document = _timed(req, "markdown", build_document, markdown_text, req.title, fetcher, charts, {})
    layout = html_writer.Layout(env, styles_dir(), fetcher)
    return markdown_text, document, fetcher, layout


def render(req: RenderRequest) -> list[Path]:
    markdown_text, document, fetcher, layout = build(req)
    try:
        outputs = write_all(req, markdown_text, document, layout)
    finally:
        document.charts.close()
    fetcher.check()
    if req.progress:
        sys.stderr.write(f"\r{' ' * 60}\r")
    return [atomic_write_bytes(path, data) for path, data in outputs.items()]


def write_all(req: RenderRequest, markdown_text: str, document: Document, layout: html_writer.Layout) -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    for fmt in req.formats:
        target = req.out_dir / f"{req.basename}.{fmt}"
        if fmt == "md":
            outputs[target] = markdown_text.encode("utf-8")
        elif fmt == "html":
            outputs[target] = _timed(req, "html", html_writer.write, document, layout)
        elif fmt == "pdf":
            outputs[target] = _timed(req, "pdf", pdf_writer.write, document, layout)
        elif fmt == "docx":
            settings = docx_writer.DocxSettings.from_styles(styles_dir())
            outputs[target] = _timed(req, "docx", docx_writer.write, document, settings)
    return outputs
