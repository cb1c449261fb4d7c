"""Use case: a live preview of one product for editors (`reporter preview NAME`).

The server keeps the corpus and the product's context in memory and re-renders only what a
change needs, through the same build_context/render functions as the CLI:
  a template or a style changed      -> render HTML again from the context in memory (fast path)
  a template data file (.toml), an   -> new Settings (app/config.renewed), build the context again
  overlay, the corrections             from the corpus in memory
  a source, package data files       -> new Settings, ingest, read the store again, build, render
  the store changed (another ingest) -> read the store again; render if its reports changed
A template error keeps the last good render and shows a panel above it. Pages are pushed by
Server-Sent Events. The PDF (as page images) and the DOCX are made on demand at /print.
The server binds 127.0.0.1 and serves only the preview's output folder and styles/.
"""
from __future__ import annotations

import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from reporter.app.config import DATA_DIR, renewed, with_changes
from reporter.app.defaults import fill_options
from reporter.app.preview_page import decorate, preview_csp, print_page
from reporter.app.plugins import get
from reporter.app.products import Built
from reporter.app.render import RenderOptions, build_context
from reporter.errors import UserError
from reporter.paths import styles_dir, templates_dir
from reporter.render.problems import TemplateProblem
from reporter.settings import DEFAULTS, Settings

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between SSE comments, so a dead client is noticed
TYPES = {".png": "image/png", ".pdf": "application/pdf", ".css": "text/css; charset=utf-8",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
         ".otf": "font/otf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


@dataclass
class PreviewOptions:
    product: str
    settings: Settings = DEFAULTS  # the store, the user's templates, overlays, the language
    options: dict[str, Any] = field(default_factory=dict)  # the product's options as text
    port: int = 0  # 0: a free port


def as_problem(exc: UserError) -> TemplateProblem:
    return exc if isinstance(exc, TemplateProblem) else TemplateProblem("", None, str(exc))


class Previewer:
    """What the page shows (the last good HTML, the current problem) and how to refresh it."""

    def __init__(self, opts: PreviewOptions, out_dir: Path, say: Callable[[str], None] = lambda text: None):
        from reporter.app.ingest import load_corpus

        self.product = get(opts.product)
        self.out_dir = out_dir
        self.say = say
        settings = with_changes(opts.settings, out=out_dir)
        with settings.active():
            reports = load_corpus(settings.store)
        self.render_opts = RenderOptions(product=opts.product, settings=settings,
                                         options=fill_options(self.product, opts.options, reports), reports=reports)
        self.built: Built | None = None
        self.html: str | None = None
        self.problem: TemplateProblem | None = None
        self.version = 0
        self.render_seconds = 0.0
        self.chart_memo: dict = {}  # a template edit does not redraw unchanged charts
        self.lock = threading.RLock()
        self.print_lock = threading.Lock()
        self.listeners: list[queue.Queue] = []
        self.printed: tuple[int, list[str], list[tuple[str, str]]] | None = None

    # ------------------------------------------------------------ rendering

    @property
    def settings(self) -> Settings:
        return self.render_opts.settings

    def refresh(self, level: str = "render") -> None:
        """level: 'render' (templates/styles), 'context' (template data, overlays), 'corpus'
        (sources, package data), 'store' (the store file). Then tell every open page."""
        with self.lock:
            start = time.perf_counter()
            try:
                if level == "store" and not self._store_changed():
                    return
                if level in ("context", "corpus"):  # new settings: every cache keyed by them reads the files again
                    self.render_opts.settings = renewed(self.settings)
                if level == "corpus":
                    self._reingest()
                if level != "render" or self.built is None:
                    self.built = build_context(self.render_opts)
                self.html = self._render(["html"])[self._target("html")].decode("utf-8")
                self.problem = None
            except UserError as exc:
                self.problem = as_problem(exc)
            except Exception as exc:  # noqa: BLE001 - a long-running server shows a bug, and keeps watching
                self.problem = TemplateProblem("reporter", None, f"internal error: {type(exc).__name__}: {exc} "
                                               "(please report it with the command you ran)")
            self.render_seconds = time.perf_counter() - start
            self.version += 1
            self.say(f"template problem: {self.problem}" if self.problem
                     else f"rendered again ({level}) in {self.render_seconds:.2f} s")
            self._notify()

    def _target(self, fmt: str) -> Path:
        return self.out_dir / f"{self.built.basename}.{fmt}"

    def _render(self, formats: list[str], built: Built | None = None, memo: dict | None = None) -> dict[Path, bytes]:
        from reporter.render.pipeline import RenderRequest, render

        built = built or self.built
        req = RenderRequest(template=self.product.template, context=built.context, title=built.title,
                            basename=built.basename, formats=formats, out_dir=self.out_dir,
                            settings=self.settings, lang=built.lang,
                            chart_memo=self.chart_memo if memo is None else memo)
        return render(req)

    def _store_changed(self) -> bool:
        from reporter.app.ingest import stored_reports

        reports = stored_reports(self.settings.store)
        old = self.render_opts.reports or []
        if [(r.id, r.checksum) for r in reports] == [(r.id, r.checksum) for r in old]:
            return False
        self.render_opts.reports = reports
        self.built = None
        return True

    def _reingest(self) -> None:
        """Sources or package data changed: ingest under the new settings, read the store."""
        from reporter.app.ingest import IngestOptions, ingest, load_corpus

        sources = [r.source for r in self.render_opts.reports or [] if Path(r.source).exists()]
        if sources:
            ingest(IngestOptions(self.settings, paths=sources))
        with self.settings.active():
            self.render_opts.reports = load_corpus(self.settings.store)

    def print_view(self) -> tuple[int, list[str], list[tuple[str, str]]]:
        """PDF pages as PNG and the DOCX, for the current version (made once per version). Laid
        out outside the main lock, so the live page keeps updating while a PDF is made."""
        with self.print_lock:
            with self.lock:
                version, built = self.version, self.built
            if self.printed and self.printed[0] == version:
                return self.printed
            if built is None:
                raise UserError("nothing rendered yet")
            outputs = self._render(["pdf", "docx"], built, memo={})  # its own charts: PNGs are drawn from them
            folder = self.out_dir / f"v{version}"
            folder.mkdir(exist_ok=True)
            names = []
            for path, data in outputs.items():
                (folder / path.name).write_bytes(data)
                names.append(path.name)
            pdf = folder / f"{built.basename}.pdf"
            subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(folder / "page")], check=True,
                           capture_output=True, timeout=300)
            pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            rel = f"/files/v{version}/"
            self.printed = (version, [rel + p.name for p in pages],
                            [(n.rsplit(".", 1)[1].upper(), rel + n) for n in sorted(names)])
            return self.printed

    # ------------------------------------------------------------ listeners

    def subscribe(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.listeners.append(q)
            q.put(self.version)
        return q

    def unsubscribe(self, q: queue.Queue) -> None:
        with self.lock:
            if q in self.listeners:
                self.listeners.remove(q)

    def _notify(self) -> None:
        for q in self.listeners:
            q.put(self.version)

    def page(self, nonce: str = "") -> str:
        with self.lock:
            return decorate(self.html, self.problem, self.version, notices=self.built.notices if self.built else (),
                            nonce=nonce)


# ---------------------------------------------------------------- watching


@dataclass
class WatchPlan:
    """Which folders to watch and how a changed path maps to a refresh level."""

    templates: list[Path]
    styles: Path
    data: Path
    sources: set[Path]
    store: Path
    inputs: set[Path] = field(default_factory=set)  # files named by options: overlays, corrections (context level)

    def folders(self) -> list[Path]:
        roots = [*self.templates, self.styles, self.data, *{p.parent for p in self.sources | self.inputs},
                 self.store.parent]
        found: list[Path] = []
        for root in roots:
            if root.is_dir():
                found.append(root)
                if root in (*self.templates, self.styles, self.data):  # one level of subfolders (messages/, fonts/)
                    found += [p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "__"))]
        return list(dict.fromkeys(p.resolve() for p in found))

    def level(self, path: Path) -> str | None:
        if path.name.startswith((".", "#")) or path.name.endswith(("~", ".tmp")):
            return None  # editors' and our tests' temporary files: the rename into place counts
        path = path.resolve()
        if path == self.store.resolve():
            return "store"
        if path in self.sources:
            return "corpus"
        if path in self.inputs:
            return "context"
        if _under(path, self.data.resolve()):  # registry, units, term base, catalogues: whatever their format
            return "corpus"
        for root in (*self.templates, self.styles):
            if _under(path, root.resolve()):
                return "context" if path.suffix == ".toml" else "render"
        return None


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def watch_plan(previewer: Previewer) -> WatchPlan:
    opts = previewer.render_opts
    templates = [templates_dir()] + ([opts.user_templates] if opts.user_templates else [])
    sources = {Path(r.source).resolve() for r in opts.reports or [] if Path(r.source).exists()}
    named = [*opts.options.values(), opts.settings.registry, opts.settings.termbase, opts.settings.corrections,
             opts.settings.areas]
    inputs = {Path(v).resolve() for v in named if isinstance(v, (str, Path)) and Path(v).is_file()}
    return WatchPlan(templates, styles_dir(), DATA_DIR, sources, opts.settings.store, inputs)


LEVELS = ("render", "context", "store", "corpus")  # each includes the ones before it


def watch(previewer: Previewer, stop: threading.Event, ready: threading.Event | None = None) -> None:
    """Re-render on every change under the watched folders, until stop is set."""
    import watchfiles

    plan = watch_plan(previewer)
    if ready:
        ready.set()
    for changes in watchfiles.watch(*plan.folders(), stop_event=stop, recursive=False, debounce=400, step=20,
                                    raise_interrupt=False):
        levels = {plan.level(Path(p)) for _, p in changes} - {None}
        if levels:
            previewer.refresh(max(levels, key=LEVELS.index))


# ---------------------------------------------------------------- serving


def safe_file(root: Path, rel: str) -> Path | None:
    """root/rel if it is a file really inside root; None for '..', absolute parts, symlinks out."""
    rel = unquote(rel)
    parts = rel.split("/")
    if not rel or "\\" in rel or "\x00" in rel or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        return None
    base = root.resolve()
    path = base.joinpath(*parts).resolve()
    return path if base in path.parents and path.is_file() else None


class Handler(BaseHTTPRequestHandler):
    previewer: Previewer
    server_version = "reporter-preview"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is the editor's
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = urlsplit(self.path).path
        port = self.server.server_address[1]
        if self.headers.get("Host", "").lower() not in (f"{HOST}:{port}", f"localhost:{port}"):
            # a page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) reads nothing
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain; charset=utf-8")
        elif path == "/":
            nonce = secrets.token_urlsafe(16)
            self._send(HTTPStatus.OK, self.previewer.page(nonce).encode("utf-8"), "text/html; charset=utf-8", nonce)
        elif path == "/events":
            self._events()
        elif path == "/print":
            self._print()
        elif path.startswith("/files/"):
            self._file(self.previewer.out_dir, path[len("/files/"):])
        elif path.startswith("/styles/"):
            self._file(styles_dir(), path[len("/styles/"):])
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, nonce: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Security-Policy", preview_csp(nonce or secrets.token_urlsafe(16)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _file(self, root: Path, rel: str) -> None:
        path = safe_file(root, rel)
        if path is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        self._send(HTTPStatus.OK, path.read_bytes(), TYPES.get(path.suffix.lower(), "application/octet-stream"))

    def _print(self) -> None:
        p = self.previewer
        try:
            _, pages, downloads = p.print_view()
            problem = p.problem
        except UserError as exc:
            pages, downloads, problem = [], [], as_problem(exc)
        nonce = secrets.token_urlsafe(16)
        html = print_page(p.built.title if p.built else p.product.name, pages, downloads, problem, p.version, nonce)
        self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8", nonce)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Security-Policy", preview_csp(secrets.token_urlsafe(16)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        q = self.previewer.subscribe()
        try:
            while True:
                try:
                    message = f"data: {q.get(timeout=KEEPALIVE)}\n\n"
                except queue.Empty:
                    message = ": keep-alive\n\n"
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            self.previewer.unsubscribe(q)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection is normal; anything else is a bug worth a line."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, (ConnectionError, TimeoutError)):
            print(f"reporter preview: internal error serving a request: {type(exc).__name__}: {exc}", file=sys.stderr)


def serve(opts: PreviewOptions, say: Callable[[str], None] = print, open_browser: bool = False,
          stop: threading.Event | None = None) -> None:
    """Render once, then serve and watch until interrupted (or until stop is set)."""
    if opts.settings.templates is not None and not opts.settings.templates.is_dir():
        raise UserError(f"--templates {opts.settings.templates}: no such folder")
    out_dir = Path(tempfile.mkdtemp(prefix="reporter-preview-"))
    stop = stop or threading.Event()
    try:
        previewer = Previewer(opts, out_dir)
        previewer.refresh("context")
        previewer.say = say
        handler = type("BoundHandler", (Handler,), {"previewer": previewer})
        try:
            server = Server((HOST, opts.port), handler)
        except OSError as exc:
            raise UserError(f"--port {opts.port}: cannot listen on {HOST} ({exc.strerror})") from exc
        url = f"http://{HOST}:{server.server_address[1]}/"
        watcher = threading.Thread(target=watch, args=(previewer, stop), daemon=True, name="watch")
        watcher.start()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True, name="serve").start()
        say(f"previewing {opts.product} at {url} (print view: {url}print); Ctrl-C stops")
        if previewer.problem:
            say(f"template problem: {previewer.problem}")
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())  # clean up on `kill` too
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        stop.set()
        server.shutdown()
        server.server_close()
    finally:
        stop.set()
        shutil.rmtree(out_dir, ignore_errors=True)

