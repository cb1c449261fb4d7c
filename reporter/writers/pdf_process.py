"""WeasyPrint in a second process, started before the product is composed.

Importing WeasyPrint and loading the CJK fonts takes about a second, and laying out is the
longest stage; neither needs the product. So a one-shot render starts this process first: it
imports and warms up on the other core while this one loads the store, composes and draws
the charts, then lays out the print HTML it is sent while this one writes the DOCX.

The protocol is two pickled messages over the child's stdin/stdout, both ours: a request
(html, stylesheet path, allow-list roots) and a reply ("ok", pdf bytes) or ("user", message) for
a UserError or ("error", traceback). The child dies with its parent (PR_SET_PDEATHSIG) and after
one request, so a killed render leaves no process behind.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from reporter.allowlist import AllowList
from reporter.errors import UserError


class PdfProcess:
    """The parent's handle: start(), then send() the page, then result()."""

    def __init__(self, css_path: Path, roots: list[Path]):
        self.css_path, self.roots = css_path, roots
        self.proc: subprocess.Popen | None = None
        self.sent = False

    def start(self) -> "PdfProcess":
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", "reporter.writers.pdf_process"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            pickle.dump((str(self.css_path), [str(r) for r in self.roots]), self.proc.stdin)
            self.proc.stdin.flush()
        except OSError:
            self.close()
        return self

    def send(self, html: str, css_path: Path, allow: AllowList) -> None:
        """Hand over the page; falls back to this process if the child is gone."""
        self.request = (html, str(css_path), [str(r) for r in allow.roots])
        self.allow = allow
        if self.proc is None:
            return
        try:
            pickle.dump(self.request, self.proc.stdin)
            self.proc.stdin.close()
            self.sent = True
        except OSError:
            self.close()

    def result(self) -> bytes:
        if self.sent and self.proc is not None:
            try:
                status, payload = pickle.load(self.proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError):
                status, payload = "gone", None
            self.close()
            if status == "ok":
                return payload
            if status == "user":
                raise UserError(payload)
            if status == "error":
                raise RuntimeError(f"PDF layout failed in the PDF process:\n{payload}")
        from reporter.writers.pdf import layout  # the child never started or died: lay out here

        html, css_path, _ = self.request
        return layout(html, Path(css_path), self.allow)

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream and not stream.closed:
                    stream.close()
            self.proc = None


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:
            os._exit(1)
    except (OSError, AttributeError):
        pass


def serve() -> None:
    """The child: warm up, take one page, reply."""
    _die_with_parent()
    stdin, reply = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, never into the reply
    from reporter.writers.pdf import layout, warm_up

    try:
        css_path, roots = pickle.load(stdin)
        warm_up(Path(css_path), AllowList([Path(r) for r in roots]))
        html, css_path, roots = pickle.load(stdin)
    except (EOFError, pickle.UnpicklingError):
        return  # the parent stopped before sending a page
    try:
        message = ("ok", layout(html, Path(css_path), AllowList([Path(r) for r in roots])))
    except UserError as e:
        message = ("user", str(e))
    except Exception:
        import traceback

        message = ("error", traceback.format_exc())
    try:
        pickle.dump(message, reply)
        reply.flush()
    except OSError:
        pass


if __name__ == "__main__":
    serve()
