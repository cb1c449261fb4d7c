"""WeasyPrint in a helper process (reporter/processes.py), started before the product is composed.

Importing WeasyPrint and loading the CJK fonts takes about a second and laying out is the
longest stage; neither needs the product. So a one-shot render starts this process first: it
imports and lays out a small page in the same stylesheet on the other core while this one
loads the store, composes and draws the charts, then lays out the print HTML it is sent while
this one writes the DOCX. Messages: (stylesheet, roots) to warm up; (html, stylesheet, roots);
the reply ("ok", pdf bytes), ("user", message) for a UserError or ("error", traceback).
"""
from __future__ import annotations

import signal
from pathlib import Path

from reporter.allowlist import AllowList
from reporter.errors import UserError
from reporter.limits import cpu_seconds, limit_helper, memory_bytes
from reporter.processes import Helper, child_streams, reply, request


class PdfProcess:
    """The parent's handle: start(), send() the page, result()."""

    def __init__(self, css_path: Path, roots: list[Path]):
        self.css_path, self.roots = css_path, roots
        self.helper = Helper("reporter.writers.pdf_process")
        self.request: tuple | None = None
        self.allow: AllowList | None = None

    def start(self) -> "PdfProcess":
        self.helper.start(str(self.css_path), [str(r) for r in self.roots])
        return self

    @property
    def proc(self):
        return self.helper.proc

    def send(self, html: str, css_path: Path, allow: AllowList) -> None:
        self.request, self.allow = (html, str(css_path), [str(r) for r in allow.roots]), allow
        self.helper.send(self.request, last=True)

    def result(self) -> bytes:
        answer = self.helper.receive()
        self.helper.close()
        if answer is None and self.helper.returncode == -signal.SIGXCPU:  # the CPU limit: laying it out here would only run as long again
            raise UserError(f"the PDF layout ran over the CPU limit of {cpu_seconds()} s and was stopped "
                            "(a style or table too large to lay out?)")
        if answer is not None:
            status, payload = answer
            if status == "ok":
                return payload
            if status == "user":
                raise UserError(payload)
            raise RuntimeError(f"PDF layout failed in the PDF process:\n{payload}")
        from reporter.writers.pdf import layout  # the child never started or died: lay out here

        html, css_path, _ = self.request
        return layout(html, Path(css_path), self.allow)

    def close(self) -> None:
        self.helper.close()


def serve() -> None:
    """The child: warm up, take one page, reply."""
    requests, replies = child_streams()
    limit_helper()
    from reporter.writers.pdf import layout, warm_up

    first = request(requests)
    if first is None:
        return
    css_path, roots = first
    warm_up(Path(css_path), AllowList([Path(r) for r in roots]))
    page = request(requests)
    if page is None:
        return  # the parent stopped before sending a page
    html, css_path, roots = page
    try:
        message = ("ok", layout(html, Path(css_path), AllowList([Path(r) for r in roots])))
    except UserError as e:
        message = ("user", str(e))
    except MemoryError:
        message = ("user", f"the PDF layout went over the memory limit of {memory_bytes() // 2**20:,} MiB and was "
                           "stopped (a style or table too large to lay out?)")
    except Exception:
        import traceback

        message = ("error", traceback.format_exc())
    reply(replies, message)


if __name__ == "__main__":
    serve()
