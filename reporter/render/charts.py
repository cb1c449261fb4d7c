"""Charts for the templates: matplotlib with Chinese labels in the same CJK font.

One chart is drawn twice: SVG (glyphs as paths, so no font lookup later) for HTML and PDF,
as a data: image so the file stands alone; PNG at 200 dpi for DOCX (drawn only when a DOCX is written), found by the figure's id.
"""
from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from reporter.fonts import cjk_font_files, require_cjk_font


MEMO_SIZE = 64  # charts remembered between renders


@dataclass
class Series:
    name: str
    values: list
    kind: str = "line"  # line | bar
    axis: str = "left"  # left | right


def _setup_matplotlib():
    import matplotlib
    from matplotlib import font_manager

    family = require_cjk_font()
    path = cjk_font_files()[family]
    if family not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update({
        "font.family": [family], "axes.unicode_minus": False, "svg.fonttype": "path",
        "axes.spines.top": False, "axes.spines.right": False, "font.size": 9,
        "svg.hashsalt": "reporter",  # stable element ids: the same data gives the same bytes
    })
    from matplotlib.figure import Figure

    return Figure  # the OO API: no pyplot registry, nothing to close, safe in long processes


@dataclass
class Charts:
    """The chart() function templates call; keeps each chart's PNG for the DOCX writer."""

    figures: dict = field(default_factory=dict)
    memo: dict | None = None  # (arguments) -> (figure, svg), kept by a caller that renders again (the preview)

    def png(self, chart_id: str) -> bytes | None:
        """The chart at 200 dpi for Word, drawn on first request."""
        fig = self.figures.get(chart_id)
        if fig is None:
            return None
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=200)
        return out.getvalue()

    def close(self) -> None:
        self.figures.clear()

    def __call__(self, title: str, x: list, series: list, unit: str = "", unit_right: str = "", note: str = "") -> Markup:
        key = repr((title, x, series, unit, unit_right))
        if self.memo is not None and key in self.memo:
            fig, svg_text = self.memo[key]
        else:
            fig, svg_text = self._draw(x, series, unit, unit_right)
            if self.memo is not None:
                if len(self.memo) >= MEMO_SIZE:
                    self.memo.clear()
                self.memo[key] = (fig, svg_text)
        chart_id = f"chart-{len(self.figures) + 1}"
        self.figures[chart_id] = fig  # its PNG is drawn only if a DOCX asks for it
        data = base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
        body = f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(title)}">'
        caption = f"<figcaption>{escape(title)}{('：' + str(escape(note))) if note else ''}</figcaption>"
        return Markup(f'\n<figure class="chart" id="{chart_id}">\n{body}\n{caption}\n</figure>\n')

    def _draw(self, x: list, series: list, unit: str, unit_right: str):
        """The matplotlib figure and its SVG text."""
        figure = _setup_matplotlib()
        items = [s if isinstance(s, Series) else Series(**s) for s in series]
        fig = figure(figsize=(6.3, 2.9))
        left = fig.subplots()
        right = left.twinx() if any(s.axis == "right" for s in items) else None
        labels = [str(v) for v in x]
        bars = [s for s in items if s.kind == "bar"]
        width = 0.7 / max(len(bars), 1)
        colors = ["#1f4e79", "#c0504d", "#4f81bd", "#9bbb59", "#8064a2"]
        for i, s in enumerate(items):
            ax = right if (s.axis == "right" and right is not None) else left
            values = [math.nan if v is None else float(v) for v in s.values]
            color = colors[i % len(colors)]
            if s.kind == "bar":
                k = bars.index(s)
                xs = [j + (k - (len(bars) - 1) / 2) * width for j in range(len(labels))]
                ax.bar(xs, values, width=width, label=s.name, color=color)
            else:
                ax.plot(range(len(labels)), values, marker="o", label=s.name, color=color, linewidth=1.8)
                for j, v in enumerate(values):
                    if not math.isnan(v):
                        ax.annotate(f"{v:g}", (j, v), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7)
        left.set_xticks(range(len(labels)), labels)
        left.set_ylabel(unit)
        left.set_ylim(bottom=min(0, left.get_ylim()[0]))
        if right is not None:
            right.set_ylabel(unit_right)
            right.set_ylim(bottom=min(0, right.get_ylim()[0]))  # rates from zero: no exaggerated slopes
            right.spines["right"].set_visible(True)
        handles = sum((ax.get_legend_handles_labels()[0] for ax in (left, right) if ax), [])
        names = sum((ax.get_legend_handles_labels()[1] for ax in (left, right) if ax), [])
        # below the plot, never over the data; the title is the figure's caption
        left.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(len(names), 3),
                    fontsize=8, frameon=False)
        fig.tight_layout()
        svg = io.StringIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        return fig, svg.getvalue()
