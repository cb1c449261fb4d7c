"""One product render: template -> Markdown -> Document -> the bytes of every requested format.

Nothing is written here: the caller (the app layer) puts all formats on disk together, so a
template or layout error leaves the old outputs untouched.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from reporter.allowlist import AllowList
from reporter.document import Document, xml_safe
from reporter.errors import UserError
from reporter.fonts import require_cjk_font
from reporter.i18n import messages as load_messages
from reporter.limits import memory_bytes, memory_limit, release_memory
from reporter.paths import render_roots, styles_dir, templates_dir
from reporter.render.charts import Charts
from reporter.render.environment import make_environment, render_template
from reporter.render.filters import locale_filters
from reporter.render.layout import Layout
from reporter.render.markdown import build_document
from reporter.render.notes import Footnotes
from reporter.settings import DEFAULTS, Settings
from reporter.writers import WRITERS, WriteContext, writer

FORMATS = tuple(WRITERS)
HTML_LANG = {"zh": "zh-CN", "en": "en"}


@dataclass
class RenderRequest:
    template: str  # templates/<template>.md.j2 (a product names its template; `render` takes any)
    context: dict
    title: str
    basename: str  # output file name without suffix
    formats: list[str]
    out_dir: Path
    settings: Settings = DEFAULTS  # the run's: the user's templates and styles, the limits
    lang: str = "zh"  # the page's own words (a bilingual product's frame, not always settings.lang)
    progress: bool = False  # a status line on stderr (the CLI sets it on a terminal only)
    timings: dict[str, float] = field(default_factory=dict)
    templates_used: dict[str, str | None] = field(default_factory=dict)  # name -> file read (filled by build)
    chart_memo: dict | None = None  # charts kept between renders of the same data (the preview)
    undefined: type | None = None  # another jinja2.Undefined (templates check records instead of failing)
    pdf_process: object | None = None  # a started writers.pdf_process.PdfProcess: the PDF is laid out there
    chart_process: object | None = None  # a started render.chart_process.ChartProcess: charts are drawn there
    properties: dict = field(default_factory=dict)  # the document's author and company (from the product's area)
    release_charts: bool = False  # the last document of a render: end the chart process once its charts are in

    @property
    def user_templates(self) -> Path | None:
        return self.settings.templates

    @property
    def user_styles(self) -> Path | None:  # `--styles DIR`, file by file over styles/
        return self.settings.styles


def parse_formats(text: str, allowed: tuple[str, ...] = FORMATS) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UserError(f"--format {text}: choose from {','.join(allowed)}")
    return list(dict.fromkeys(formats))


STAGE_NAMES = {"template": "filling the template", "markdown": "building the document", "charts": "drawing the charts",
               "html": "writing HTML", "pdf": "laying out the PDF", "docx": "building the DOCX", "md": "writing Markdown"}


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


EXTRA_NAMES = ("notes", "chart", "generated", "title", "t", "lang")  # what every template gets besides its context


def render_markdown(req: RenderRequest, env, charts: Charts, messages) -> str:
    context = {**req.context, "notes": Footnotes(), "chart": charts, "generated": build_date().isoformat(),
               "title": req.title, "t": template_t(messages), "lang": req.lang}
    return xml_safe(render_template(env, f"{req.template}.md.j2", context))


def template_t(messages):
    """t() for templates: the catalogue's words escaped, its {slots} filled with values that keep
    their own HTML (a name store's Part, a macro's output) and escape everything else. The text
    is never run as a format string: its pieces come from i18n.compile_text (names only) and each
    value is formatted by Messages.value."""
    from markupsafe import Markup, escape

    def t(key: str, **values) -> Markup:
        text = messages.t(key)  # the missing-key error, and the text checked (placeholders by name only)
        if not values:
            return escape(text)
        out = []
        for literal, name in messages.pieces(key):
            out.append(escape(literal))
            if name is None:
                continue
            if name not in values:
                raise UserError(f"{messages._where(key)}: {key}: placeholder {{{name}}} has no value here")
            value = values[name]
            out.append(escape(value) if hasattr(value, "__html__") else escape(messages.value(name, value)))
        return Markup("").join(out)
    return t


@dataclass
class WriterInput:
    """What every writer reads: the Document and the context to write it in."""

    document: Document
    ctx: WriteContext


def build(req: RenderRequest) -> WriterInput:
    """Template and Markdown stages: the Document every writer reads."""
    if any(f in ("pdf", "docx") for f in req.formats):
        require_cjk_font()
    if req.user_styles is not None and not req.user_styles.is_dir():
        raise UserError(f"--styles {req.user_styles}: no such folder")
    allow = AllowList(render_roots(req.user_templates, req.user_styles))
    messages = load_messages(req.lang, req.user_templates)
    charts = Charts(memo=req.chart_memo, _process=req.chart_process, caption_sep=messages.t("label_colon"))
    env = make_environment(templates_dir(), req.user_templates)  # one for the Markdown template and the HTML layout
    env.globals["t"] = template_t(messages)
    env.globals["page_of"] = messages.t("page_of")  # the PDF's page footer (render/layout.page_counter_css)
    env.filters.update(locale_filters(messages))  # numbers, dates, units and words in the product's language
    req.templates_used = env.loader.loaded  # the same dict: the layout's loads while writing count too
    if req.undefined is not None:
        env.undefined = req.undefined
    markdown_text = _timed(req, "template", render_markdown, req, env, charts, messages)
    document = _timed(req, "markdown", build_document, markdown_text, xml_safe(req.title), allow, charts,
                      messages.t("contents"), HTML_LANG.get(req.lang, req.lang))
    document.meta.update(req.properties)
    _timed(req, "charts", charts.resolve, document)
    if req.release_charts and req.chart_process is not None:
        req.chart_process.close()  # its memory is not held while the PDF is laid out
    return WriterInput(document, WriteContext(styles=styles_dir(), page=Layout(env, allow).page, allow=allow,
                                              messages=messages, user_styles=req.user_styles))


def render(req: RenderRequest) -> dict[Path, bytes]:
    """Every requested format in memory, keyed by its target path, under the memory limit
    (reporter/limits.py): an allocation past it is a MemoryError, reported as one line. The
    request's settings are in force throughout (its limits, registry and data files)."""
    try:
        with req.settings.active(), memory_limit():
            return _render(req)
    except MemoryError:
        raise UserError(f"{req.basename}: the render went over the memory limit of {memory_bytes() // 2**20:,} MiB "
                        "and was stopped (a template or style building something huge?)") from None


def _render(req: RenderRequest) -> dict[Path, bytes]:
    ready = build(req)
    outputs: dict[Path, bytes] = {}
    elsewhere = req.pdf_process if "pdf" in req.formats else None
    try:
        if elsewhere is not None:  # laid out in the other process while this one writes the rest
            ctx = ready.ctx
            _timed(req, "pdf", lambda: elsewhere.send(ctx.page(ready.document, "print", ""), ctx.style("print.css"),
                                                       ctx.allow))
        for fmt in req.formats:
            target = req.out_dir / f"{req.basename}.{fmt}"
            if fmt == "pdf" and elsewhere is not None:
                outputs[target] = b""  # keeps the formats' order; filled below
                continue
            outputs[target] = _timed(req, fmt, writer(fmt).write, ready.document, ready.ctx)
        if elsewhere is not None:
            release_memory()  # the other formats' scaffolding given back while the PDF process reads its fonts
            outputs[req.out_dir / f"{req.basename}.pdf"] = _timed(req, "pdf", elsewhere.result)
    finally:
        ready.document.images.close()
    ready.ctx.allow.check()
    if req.progress:
        sys.stderr.write(f"\r{' ' * 60}\r")
    return outputs
