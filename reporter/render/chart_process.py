"""matplotlib in a helper process (reporter/processes.py), started before the product is composed.

Importing matplotlib and registering the CJK font takes about half a second, and each chart
another tenth or two; the template only needs to know where a chart goes. So a one-shot render
of a product with charts starts this process first; chart() sends each chart's data here and
puts a placeholder image in the page, and Charts.resolve() swaps in the PNGs after the Markdown
stage. Messages: ("draw", chart id, arguments) and the reply (chart id, png or None).
"""
from __future__ import annotations

from reporter.limits import limit_helper
from reporter.processes import Helper, child_streams, reply, request


class ChartProcess:
    def __init__(self) -> None:
        self.helper = Helper("reporter.render.chart_process")
        self.sent: list[str] = []

    def start(self) -> "ChartProcess":
        self.helper.start("setup")
        return self

    @property
    def alive(self) -> bool:
        return self.helper.alive

    def submit(self, chart_id: str, args: tuple) -> bool:
        if self.helper.send(("draw", chart_id, args)):
            self.sent.append(chart_id)
            return True
        return False

    def collect(self) -> dict[str, bytes]:
        """Every PNG drawn so far (chart id -> bytes); a chart missing here is drawn by the caller."""
        drawn: dict[str, bytes] = {}
        while len(drawn) < len(self.sent):
            answer = self.helper.receive()
            if answer is None:
                break
            chart_id, png = answer
            if png is not None:
                drawn[chart_id] = png
            else:
                self.sent.remove(chart_id)
        self.sent = []
        return drawn

    def close(self) -> None:
        self.helper.close()


def serve() -> None:
    requests, replies = child_streams()
    limit_helper()
    from reporter.render.charts import _setup_matplotlib, draw_figure, png_of

    if request(requests) is None:
        return
    try:
        _setup_matplotlib()
    except Exception:  # the parent draws in-process and reports the problem there
        pass
    while (message := request(requests)) is not None:
        _, chart_id, args = message
        try:
            png = png_of(draw_figure(*args))
        except Exception:
            png = None  # drawn again by the parent, where the error is reported
        if not reply(replies, (chart_id, png)):
            return


if __name__ == "__main__":
    serve()
