"""Use case: render one product in the formats asked for, all files written together."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reporter.app.plugins import get
from reporter.app.products import Built, ProductRequest, parse_langs, parse_options
from reporter.errors import UserError
from reporter.model import Report
from reporter.settings import DEFAULTS, Settings, SettingsView
from reporter.writers import DATA_FORMATS, WRITERS


def document_formats() -> tuple[str, ...]:
    """The document formats a product renders to (the writers' table), for the CLI's help."""
    return tuple(WRITERS)


@dataclass
class RenderOptions(SettingsView):
    """One render: the product, its options, and the run's settings (store, output folder, the
    user's templates, styles, term base and corrections, the language)."""

    product: str
    settings: Settings = DEFAULTS
    options: dict[str, Any] = field(default_factory=dict)  # the product's options as text (or values)
    formats: str | None = None  # comma-separated; None = the product's defaults
    force: bool = False  # allow a year span over MAX_SPAN
    progress: bool = False
    reports: list[Report] | None = None  # an already loaded corpus (the preview server keeps one)
    helpers: bool = False  # one-shot commands: start the PDF and chart processes first (docs/ARCHITECTURE.md)


@dataclass
class RenderResult:
    paths: list[Path]
    timings: dict[str, float]
    notices: list[str]
    built: Built | None = None
    templates: dict[str, str | None] = field(default_factory=dict)  # name -> the file the render read


def split_formats(text: str, data_formats: tuple[str, ...]) -> tuple[list[str], list[str]]:
    from reporter.render.pipeline import parse_formats

    allowed = tuple(WRITERS) + tuple(data_formats)
    formats = parse_formats(text, allowed)
    return [f for f in formats if f in WRITERS], [f for f in formats if f in DATA_FORMATS]


def build_context(opts: RenderOptions) -> Built:
    """The product's context (what its template receives), without rendering anything."""
    with opts.settings.active():
        return _build_context(opts)


def _build_context(opts: RenderOptions) -> Built:
    from reporter.i18n import messages

    product = get(opts.product)
    values = parse_options(product, opts.options)
    check_span(values, opts.force)
    langs = parse_langs(product, opts.options.get("lang") or opts.settings.lang, opts.user_templates)
    frame = langs[0] if len(langs) == 1 else product.default_lang.split(",")[0]  # the page's own words
    termbase = opts.settings.termbase
    if termbase is not None and not termbase.is_file():
        raise UserError(f"--termbase {termbase}: no such file")
    req = ProductRequest(values, opts.settings, messages(frame, opts.user_templates), opts.reports, langs=langs,
                         default_lang=product.default_lang)
    built = product.build(req)
    for part in (built, *built.volumes):
        part.lang = frame
    opts.reports = req.reports
    if req.reports is not None and "sources_named" not in built.context:
        from reporter.compose.sources import SourceNames

        # every product cites by short title, date and section (the _macros.source footnote)
        built.context["sources_named"] = SourceNames.of(req.reports, req.messages)
    translated(req, built)
    return built


def translated(req: ProductRequest, built: Built) -> None:
    """A one-language product outside Chinese: footnotes name the indicator in that language, and
    the names it printed from drafts or quoted for want of an entry are listed for review."""
    names = req._names.get(req.lang) if len(req.langs) == 1 and req.lang != "zh" else None
    if names is None:
        return
    if built.context.get("sources_named") is not None:
        built.context["sources_named"].names = names
    built.context.setdefault("review_terms", [{"zh": n.zh, "en": n.en} for n in names.drafts() + names.missing()])


MAX_SPAN = 50


def check_span(values: dict[str, Any], force: bool) -> None:
    """A year range of centuries is a typo, and would lay out thousands of empty columns."""
    years = values.get("years")
    if years and not force and years[1] - years[0] + 1 > MAX_SPAN:
        raise UserError(f"--years {years[0]}-{years[1]}: {years[1] - years[0] + 1} years is more than {MAX_SPAN}; "
                        "pass --force if you mean it")


def data_outputs(built: Built, formats: list[str], out_dir: Path) -> dict[Path, bytes]:
    from reporter.writers import data

    outputs: dict[Path, bytes] = {}
    for fmt in formats:
        target = out_dir / f"{built.basename}.{fmt}"
        if fmt == "xlsx":
            outputs[target] = data.xlsx_bytes(built.sheets)
        elif fmt == "csv" and built.rows is not None:
            outputs[target] = data.frame_csv_bytes(built.rows)
        else:
            raise UserError(f"--format {fmt}: this product has no {fmt} output")
    return outputs


def render_product(opts: RenderOptions) -> RenderResult:
    """Render under the request's settings (its registry overlay, limits, data files)."""
    with opts.settings.active():
        return _render_product(opts)


def _render_product(opts: RenderOptions) -> RenderResult:
    product = get(opts.product)
    doc_formats, data_formats = split_formats(opts.formats or product.default_formats, product.data_formats)
    pdf = start_pdf_process(opts) if opts.helpers and "pdf" in doc_formats else None
    charts = start_chart_process() if opts.helpers and doc_formats and draws_charts(product, opts) else None
    try:
        return _render(opts, product, doc_formats, data_formats, pdf, charts)
    finally:
        for helper in (pdf, charts):
            if helper is not None:
                helper.close()


def draws_charts(product, opts: RenderOptions) -> bool:
    """Worth starting the chart process: the product draws charts and its template (the user's
    copy first) calls chart(). A chart in an included file is still drawn, in this process."""
    from reporter.paths import templates_dir

    if not product.charts:
        return False
    from reporter.allowlist import resolve_inside

    for folder in [d for d in (opts.user_templates, templates_dir()) if d]:
        path = resolve_inside(folder, f"{product.template}.md.j2", "--templates")
        if path is not None:
            try:
                return "chart(" in path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                return False
    return False


def start_chart_process():
    """matplotlib imported on the other core while this one composes."""
    from reporter.render.chart_process import ChartProcess

    return ChartProcess().start()


def start_pdf_process(opts: RenderOptions):
    """WeasyPrint imported and its fonts loaded on the other core while this one composes."""
    from reporter.paths import render_roots, style_file
    from reporter.writers.pdf_process import PdfProcess

    return PdfProcess(style_file("print.css", opts.user_styles), render_roots(opts.user_templates, opts.user_styles)).start()


def _render(opts: RenderOptions, product, doc_formats: list[str], data_formats: list[str], pdf, charts) -> RenderResult:
    from reporter.writers.files import write_together

    built = build_context(opts)
    # Data formats first and on their own: cheap, independent of layout, and kept if a PDF fails.
    data_paths = write_together(data_outputs(built, data_formats, opts.out_dir))
    if built.volumes:  # written: the layout of the volumes need not sit on top of the data tables
        built.sheets, built.rows = {}, None
        release_memory()
    result = RenderResult(data_paths, {}, built.notices, built)
    if opts.helpers and not built.volumes:  # a one-shot command: the corpus is composed, give it back
        opts.reports = None                  # before the layout (the context keeps what it cites)
        release_memory()
    if doc_formats:
        result.paths = write_documents(opts, product, built, doc_formats, result, pdf, charts) + data_paths
    return result


def write_documents(opts: RenderOptions, product, built: Built, formats: list[str], result: RenderResult,
                    pdf=None, charts=None) -> list[Path]:
    """The document formats as one set, all old or all new. Volumes are rendered one after another,
    each staged on disk and its memory given back before the next, so the peak is one volume's.
    The PDF helper process lays out one document and ends, taking its memory with it: each
    further volume gets a fresh one, started before its template is filled."""
    from reporter.render.pipeline import RenderRequest, render
    from reporter.writers.files import Staging

    parts = [built, *built.volumes]
    with Staging((opts.out_dir / built.basename).parent) as stage:
        for n, part in enumerate(parts):
            helper = start_pdf_process(opts) if n and pdf is not None else pdf
            try:
                req = RenderRequest(template=product.template, context=part.context, title=part.title,
                                    basename=part.basename, formats=formats, out_dir=opts.out_dir,
                                    settings=opts.settings, lang=part.lang, progress=opts.progress, pdf_process=helper, chart_process=charts,
                                    properties=part.properties, release_charts=n == len(parts) - 1)
                for target, data in render(req).items():
                    stage.add(target, data)
            finally:
                if helper is not None and helper is not pdf:
                    helper.close()
            for stage_name, seconds in req.timings.items():
                result.timings[stage_name] = result.timings.get(stage_name, 0.0) + seconds
            result.templates.update(req.templates_used)
            if built.volumes:
                release_memory()
        if product.volumes:
            stage.remove(old_volumes(opts.out_dir / built.basename, formats))
    return stage.written


def old_volumes(base: Path, formats: list[str]) -> list[Path]:
    """<base>-N.<fmt> files an earlier render left (the new set replaces or removes them)."""
    pattern = re.compile(re.escape(base.name) + r"-\d+\.(" + "|".join(map(re.escape, formats)) + r")")
    if not base.parent.is_dir():
        return []
    return sorted(p for p in base.parent.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def release_memory() -> None:
    """Give a finished volume's memory back to the system (reporter/limits.py)."""
    from reporter.limits import release_memory as release

    release()
