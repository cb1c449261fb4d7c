"""Charts for the templates: matplotlib with Chinese labels in the same CJK font.

Each chart is drawn once, as a PNG at print resolution (300 dpi) that every writer uses: a data:
image in the HTML and the PDF (so the file stands alone), the same bytes in the DOCX, found by
the figure's id. Measured on the brief (benchmarks/charts.py): WeasyPrint lays out the page
about a second faster with PNGs than with SVGs whose glyphs are paths (SVG with text as text
sits between), and one PNG is cheaper than drawing an SVG for the PDF plus a PNG for Word.
"""
from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from reporter.fonts import cjk_font_files, require_cjk_font


MEMO_SIZE = 64  # charts remembered between renders
PRINT_DPI = 300
WIDTH_IN = 6.3  # every chart is drawn this wide (its print size); the height depends on its panels


@dataclass
class Series:
    name: str
    values: list
    kind: str = "line"  # line | bar
    axis: str = "left"  # left | right
    marks: list | None = None  # per value: None, or a qualifier (at_least, at_most, estimated, approx)


BOUND_MARKS = {"at_least": "≥", "at_most": "≤"}
SOFT_MARKS = {"estimated": "~", "approx": "~"}


def fill_years(x: list, series: list["Series"]) -> tuple[list, list["Series"]]:
    """Year labels with a year missing (2021, 2023) get the year back as a gap, so no line or
    spacing suggests 2022 was measured."""
    try:
        years = [int(str(v)) for v in x]
    except ValueError:
        return x, series
    full = list(range(min(years), max(years) + 1)) if years else []
    if full == years or len(full) > 3 * len(years):
        return x, series
    at = {y: i for i, y in enumerate(years)}
    out = []
    for s in series:
        marks = s.marks or [None] * len(s.values)
        out.append(Series(s.name, [s.values[at[y]] if y in at else None for y in full], s.kind, s.axis,
                          [marks[at[y]] if y in at else None for y in full]))
    return [str(y) for y in full], out


def _label(v: float, mark: str | None) -> str:
    return f"{BOUND_MARKS.get(mark or '', '') or SOFT_MARKS.get(mark or '', '')}{v:,.6g}"


def _handles(members: list[Series], color_of: dict) -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    return [Patch(color=color_of[id(s)], label=s.name) if s.kind == "bar"
            else Line2D([], [], color=color_of[id(s)], marker="o", label=s.name) for s in members]


def _draw_panel(ax, labels: list, members: list[Series], color_of: dict) -> None:
    """Bars side by side and lines with markers; a bound as an open bar with an arrow, an estimate
    as an open marker; every label inside the plot (headroom above the highest value)."""
    bars = [s for s in members if s.kind == "bar"]
    width = 0.7 / max(len(bars), 1)
    top = 0.0
    for s in members:
        values = [math.nan if v is None else float(v) for v in s.values]
        marks = s.marks or [None] * len(values)
        color = color_of[id(s)]
        top = max([top] + [v for v in values if not math.isnan(v)])
        if s.kind == "bar":
            k = bars.index(s)
            xs = [j + (k - (len(bars) - 1) / 2) * width for j in range(len(labels))]
            for xj, v, mark in zip(xs, values, marks):
                if math.isnan(v):
                    continue
                bound = mark in BOUND_MARKS
                ax.bar(xj, v, width=width, color="white" if bound else color, edgecolor=color,
                       linestyle="--" if bound else "-", linewidth=1.2, hatch="//" if bound else None)
                if mark == "at_least":
                    ax.annotate("", (xj, v * 1.07), (xj, v), arrowprops={"arrowstyle": "->", "color": color})
                ax.annotate(_label(v, mark), (xj, v), textcoords="offset points", xytext=(0, 9 if bound else 2),
                            ha="center", fontsize=7, clip_on=True)
        else:
            ax.plot(range(len(labels)), values, color=color, linewidth=1.8, label=s.name)
            for j, (v, mark) in enumerate(zip(values, marks)):
                if math.isnan(v):
                    continue
                soft = mark in SOFT_MARKS or mark in BOUND_MARKS
                ax.plot([j], [v], marker="^" if mark == "at_least" else "v" if mark == "at_most" else "o",
                        markersize=6, color=color, markerfacecolor="white" if soft else color)
                ax.annotate(_label(v, mark), (j, v), textcoords="offset points", xytext=(0, 6), ha="center",
                            fontsize=7, clip_on=True)
    low = min(0.0, ax.get_ylim()[0])
    ax.set_ylim(low, top * 1.22 if top > 0 else 1)  # room for the labels above the highest value
    ax.set_xlim(-0.6, len(labels) - 0.4)


@lru_cache(maxsize=1)
def _setup_matplotlib():
    """Once per process: the font registered and the style set (a few tenths of a second)."""
    import matplotlib
    from matplotlib import font_manager

    family = require_cjk_font()
    path = cjk_font_files()[family]
    if family not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update({
        "font.family": [family], "axes.unicode_minus": False,
        "axes.spines.top": False, "axes.spines.right": False, "font.size": 9,
    })
    from matplotlib.figure import Figure

    return Figure  # the OO API: no pyplot registry, nothing to close, safe in long processes


@dataclass
class Charts:
    """The chart() function templates call; keeps each chart's PNG for the DOCX writer."""

    pngs: dict = field(default_factory=dict)  # chart id -> the PNG every writer uses; figures are not kept
    memo: dict | None = None  # (arguments) -> png, kept by a caller that renders again (the preview)
    _process: object | None = None  # a started ChartProcess drawing beside the template (one-shot commands)
    _pending: dict = field(default_factory=dict)  # chart id -> its arguments, until resolve() swaps the PNG in
    caption_sep: str = "："  # between a caption's title and its note: the catalogue's label_colon

    def png(self, chart_id: str) -> bytes | None:
        return self.pngs.get(chart_id)

    def close(self) -> None:
        self.pngs.clear()

    def __call__(self, title: str, x: list, series: list, unit: str = "", unit_right: str = "", note: str = "") -> Markup:
        check_chart_size(x, series, len(self.pngs) + len(self._pending))
        chart_id = f"chart-{len(self.pngs) + len(self._pending) + 1}"
        key = repr((title, x, series, unit, unit_right))
        if self.memo is not None and key in self.memo:
            uri = self._keep(chart_id, self.memo[key])
        elif self._process is not None and self._process.alive:
            args = (list(x), checked_series(series), unit, unit_right)  # a template's mistake fails here, at its line
            uri = placeholder(chart_id)
            self._pending[chart_id] = args
            if not self._process.submit(chart_id, args):
                del self._pending[chart_id]
                uri = self._keep(chart_id, draw_png(*args))
        else:
            png = draw_png(x, series, unit, unit_right)
            if self.memo is not None:
                if len(self.memo) >= MEMO_SIZE:
                    self.memo.clear()
                self.memo[key] = png
            uri = self._keep(chart_id, png)
        body = f'<img src="{uri}" alt="{escape(title)}" style="width: {WIDTH_IN:g}in">'
        caption = f"<figcaption>{escape(title)}{(escape(self.caption_sep) + str(escape(note))) if note else ''}</figcaption>"
        return Markup(f'\n<figure class="chart" id="{chart_id}">\n{body}\n{caption}\n</figure>\n')

    def _keep(self, chart_id: str, png: bytes) -> str:
        self.pngs[chart_id] = png
        return data_uri(png)

    def resolve(self, document) -> None:
        """Put the PNGs the chart process drew in place of their placeholders (a chart it could
        not draw is drawn here, where its error is reported)."""
        if not self._pending:
            return
        drawn = self._process.collect() if self._process is not None else {}
        if self._process is not None:
            self._process.close()  # its memory is not needed while the PDF is laid out
        swaps = {}
        for chart_id, args in self._pending.items():
            png = drawn.get(chart_id) or draw_png(*args)
            swaps[placeholder(chart_id)] = self._keep(chart_id, png)
        self._pending.clear()
        for img in document.body.iter("img"):
            if img.get("src") in swaps:
                img.set("src", swaps[img.get("src")])
        for uri, real in swaps.items():
            document.markdown = document.markdown.replace(uri, real)


MAX_CHARTS = 200  # charts in one render


def check_chart_size(x, series, drawn: int) -> None:
    """Refused before drawing: matplotlib took 227 s and 1.5 GB for one chart of 30k points."""
    from reporter.errors import UserError
    from reporter.limits import MAX_CHART_POINTS

    if drawn >= MAX_CHARTS:
        raise UserError(f"chart(): over {MAX_CHARTS} charts in one product")
    try:
        values = [s.get("values", ()) if isinstance(s, dict) else getattr(s, "values", ()) for s in series]
        points = max(len(x), *(len(v) for v in values)) * max(1, len(series)) if values else len(x)
    except TypeError:
        return  # not sized: checked_series reports it at the template's line
    if points > MAX_CHART_POINTS:
        raise UserError(f"chart(): {points:,} points is over the limit of {MAX_CHART_POINTS:,} per chart "
                        "(draw fewer years or series)")


def placeholder(chart_id: str) -> str:
    """A data: URI that passes the Markdown stage's checks and names the chart it stands for."""
    return "data:image/png;base64," + base64.b64encode(f"reporter chart {chart_id}".encode()).decode("ascii")


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def checked_series(series: list) -> list[Series]:
    """The series as the drawing will read them; a bad value raises here as it would there."""
    items = [s if isinstance(s, Series) else Series(**s) for s in series]
    for s in items:
        [math.nan if v is None else float(v) for v in s.values]
    return items


def draw_png(x: list, series: list, unit: str = "", unit_right: str = "") -> bytes:
    fig = draw_figure(x, series, unit, unit_right)
    png = png_of(fig)
    fig.clear()  # its 300-dpi canvas is ~10 MB: nothing keeps the figure once it is a PNG
    return png


def draw_figure(x: list, series: list, unit: str = "", unit_right: str = ""):
    """The matplotlib figure of one chart (tests look inside it)."""
    figure = _setup_matplotlib()
    items = [s if isinstance(s, Series) else Series(**s) for s in series]
    labels, items = fill_years(list(x), items)
    right_items = [s for s in items if s.axis == "right"]
    left_items = [s for s in items if s.axis != "right"]
    # two units never share a plot: a second panel below, so no dot sits on another series' bar
    panels = [(left_items, unit)] + ([(right_items, unit_right)] if right_items and left_items else [])
    if right_items and not left_items:
        panels = [(right_items, unit_right)]
    fig = figure(figsize=(WIDTH_IN, 2.9 if len(panels) == 1 else 4.2))
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False,
                        gridspec_kw={"height_ratios": [3, 2][: len(panels)]})[:, 0]
    colors = ["#1f4e79", "#c0504d", "#4f81bd", "#9bbb59", "#8064a2"]
    color_of = {id(s): colors[i % len(colors)] for i, s in enumerate(items)}
    for ax, (members, panel_unit) in zip(axes, panels):
        _draw_panel(ax, labels, members, color_of)
        ax.set_ylabel(panel_unit)
        ax.legend(handles=_handles(members, color_of), loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7.5,
                  frameon=False, ncol=min(len(members), 3), borderaxespad=0.2)  # above the plot, off the data
    axes[-1].set_xticks(range(len(labels)), labels)
    empty = [lab for j, lab in enumerate(labels) if all(s.values[j] is None for s in items)]
    for ax in axes:
        for j, lab in enumerate(labels):
            if lab in empty:
                ax.axvspan(j - 0.45, j + 0.45, color="#f2f2f2", zorder=0)
    fig.tight_layout()
    return fig


def png_of(fig) -> bytes:
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=PRINT_DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": 3})  # zlib at 3: a third faster than 6, the PDF re-compresses anyway
    return png.getvalue()
