"""Charts drawn honestly: gaps for missing years, bounds as bounds, labels inside the plot,
two units on two panels (issue 11)."""
import math

from reporter.render.charts import Charts, Series, draw_figure, fill_years


def test_a_missing_year_comes_back_as_a_gap():
    labels, (s,) = fill_years(["2021", "2023"], [Series("x", [1.0, 2.0], marks=[None, "at_least"])])
    assert labels == ["2021", "2022", "2023"] and s.values == [1.0, None, 2.0] and s.marks == [None, None, "at_least"]


def chart(series, **kw):
    charts = Charts()
    charts("t", ["2019", "2020", "2021", "2022"], series, unit="亿元", **kw)
    assert charts.png("chart-1").startswith(b"\x89PNG")
    return draw_figure(["2019", "2020", "2021", "2022"], series, unit="亿元", **kw)


def test_bound_is_an_open_bar_and_no_line_crosses_a_gap():
    fig = chart([{"name": "gdp", "values": [100, 120, None, 150], "marks": [None, None, None, "at_least"],
                  "kind": "bar"},
                 {"name": "growth", "values": [5, None, 6, 7], "axis": "right"}], unit_right="%")
    bars_ax, line_ax = fig.axes[:2]  # two units: two panels, the line never drawn over a bar
    fills = [p.get_facecolor() for p in bars_ax.patches if p.get_height() > 0]
    assert (1.0, 1.0, 1.0, 1.0) in fills and len(fills) == 3  # the ≥150 bar is open
    line = max(line_ax.get_lines(), key=lambda ln: len(ln.get_xdata()))
    ys = list(line.get_ydata())
    assert math.isnan(ys[1])  # the line is broken at 2020, not drawn from 2019 to 2021


def test_labels_stay_inside_the_plot():
    fig = chart([{"name": "a", "values": [10, 50, 90, 100], "kind": "bar"}])
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    box = ax.get_window_extent(renderer)
    for text in ax.texts:
        if text.get_text():
            inner = text.get_window_extent(renderer)
            assert box.y0 - 1 <= inner.y0 and inner.y1 <= box.y1 + 1, text.get_text()
