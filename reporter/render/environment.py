"""The Jinja2 environment: a sandbox that loads templates by name from two folders only.

Editors' templates are untrusted input. They render in Jinja's ImmutableSandboxedEnvironment,
narrowed further so a template may read data but call only methods of plain values and of
reporter's own objects (never a DataFrame's to_csv or a figure's savefig). Templates load by
name through Jinja's FileSystemLoader, which refuses '..' and absolute names; a symlink that
leads out of its folder is refused too.

MkDocs-style overrides: a user file with the same name replaces the template; if it holds
only {% block %}s (no {% extends %}), it extends the project's version, so overriding one
block is a file with one block in it. The project's version stays reachable as "default/NAME".
"""
from __future__ import annotations

import re
import signal
import threading
import time
import types
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from reporter.errors import UserError
from reporter.limits import MAX_FORMAT_WIDTH, MAX_STRING, Watchdog, time_seconds
from reporter.render.filters import FILTERS, md_text
from reporter.render.problems import StrictUndefined, TemplateProblem, placed, problem

EXTENDS = re.compile(r"{%-?\s*extends\s")
BLOCK = re.compile(r"{%-?\s*block\s")
MAX_SECONDS = 60  # a template that runs longer is stopped (reporter/limits.py: REPORTER_TIME_LIMIT in tests)
MAX_OUTPUT = MAX_STRING  # characters of Markdown one template may produce, and of any value it builds
FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d*)(?:\.(\d+))?|\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[a-zA-Z%]?\}")
PLAIN = (str, Markup, int, float, Decimal, bool, date, list, tuple, dict, set, frozenset, type(None),
         types.SimpleNamespace)


class TemplateLimit(UserError):
    pass


class TemplateTimeout(TemplateLimit):
    """Raised in a rendering thread by the watchdog (it is raised as a class, so the message is here)."""

    def __init__(self, message: str = ""):
        super().__init__(message or f"the template ran for over {time_seconds():g} s and was stopped (an endless loop?)")


def _sized(value) -> int:
    return len(value) if isinstance(value, (str, list, tuple, bytes)) else 0


def check_format(spec: str) -> None:
    """A printf or str.format pattern whose width or precision would allocate gigabytes is refused
    before it runs ('%0999999999d'|format(1), '{:>400000000}'.format(x))."""
    if "%" not in spec and "{" not in spec:
        return
    for m in FORMAT_WIDTH.finditer(spec):
        if any(g and int(g) > MAX_FORMAT_WIDTH for g in m.groups()):
            raise TemplateLimit(f"a format width or precision over {MAX_FORMAT_WIDTH:,} in {spec[:40]!r} was refused")


def _format(value, *args, **kwargs):
    check_format(str(value))
    return jinja2.filters.do_format(value, *args, **kwargs)


def _padded(name: str, position: int):
    """A filter whose width argument allocates (center, indent, wordwrap, truncate): width bounded."""
    original = jinja2.filters.FILTERS[name]

    def checked(*args, **kwargs):
        width = args[position] if len(args) > position else kwargs.get("width", 0)
        if isinstance(width, int) and width > MAX_FORMAT_WIDTH:
            raise TemplateLimit(f"{name}({width}) is over the width limit of {MAX_FORMAT_WIDTH:,}")
        return original(*args, **kwargs)

    return checked


SIZED_FILTERS = {"format": _format, "center": _padded("center", 1), "indent": _padded("indent", 1),
                 "wordwrap": _padded("wordwrap", 2), "truncate": _padded("truncate", 2)}


class _Folder(jinja2.FileSystemLoader):
    """One folder; the file found must really be inside it (no symlink out)."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.root = folder.resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if self.root not in real.parents:
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate

    def has(self, template: str) -> bool:
        try:
            pieces = jinja2.loaders.split_template_path(template)
        except jinja2.TemplateNotFound:
            return False
        return self.root.joinpath(*pieces).is_file()


class OverrideLoader(jinja2.BaseLoader):
    """Loads a name from the user folder first, else the project's; remembers every name it
    was asked for and the file it found (None: not found), so a caller knows what a render read."""

    def __init__(self, default_dir: Path, user_dir: Path | None = None):
        self.default = _Folder(default_dir)
        self.user = _Folder(user_dir) if user_dir is not None else None
        self.loaded: dict[str, str | None] = {}

    def get_source(self, environment, template):
        try:
            found = self._source(environment, template)
        except jinja2.TemplateNotFound:
            self.loaded[template] = None
            raise
        self.loaded[template] = found[1]
        return found

    def where(self, template: str) -> str | None:
        """The file this name would load now (None: none)."""
        try:
            return self._source(None, template)[1]
        except jinja2.TemplateNotFound:
            return None

    def _source(self, environment, template):
        if template.startswith("default/"):
            return self.default.get_source(environment, template[len("default/"):])
        if self.user is not None and self.user.has(template):
            source, filename, uptodate = self.user.get_source(environment, template)
            # blocks alone extend the project's file; a whole file (a layout with no blocks) is used as written
            if self.default.has(template) and not EXTENDS.search(source) and BLOCK.search(source):
                source = f'{{% extends "default/{template}" %}}' + source  # same line: line numbers stay true
            return source, filename, uptodate
        return self.default.get_source(environment, template)

    def list_templates(self):
        names = set(self.default.list_templates())
        if self.user is not None:
            names |= set(self.user.list_templates())
        return sorted(n for n in names if n.endswith(".j2"))


class Sandbox(ImmutableSandboxedEnvironment):
    """Data in, text out: methods callable only on plain values and reporter's own objects.
    Operators that can allocate without bound are checked before they run: `'x'*10**8`,
    `ns.s + ns.s` doubled in a loop, `10**10**8`, `'%09999999d' % 1`."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _sized(seq) and isinstance(times, int) and _sized(seq) * times > MAX_OUTPUT:
                    raise TemplateLimit(f"a value of {_sized(seq):,} × {times:,} items is over the "
                                        f"{MAX_OUTPUT // 2**20} M limit and was refused")
        elif operator == "+":
            if _sized(left) and _sized(right) and _sized(left) + _sized(right) > MAX_OUTPUT:
                raise TemplateLimit(f"a value of over {MAX_OUTPUT // 2**20} M characters or items was refused")
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)) and abs(left) > 1 and right > 1000:
                raise TemplateLimit(f"{left} ** {right} is too large a number and was refused")
        elif operator == "%" and isinstance(left, str):
            check_format(left)
        return super().call_binop(context, operator, left, right)

    def format_string(self, s, args, kwargs, format_func=None):
        check_format(str(s))
        return super().format_string(s, args, kwargs, format_func)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(value, (types.ModuleType, type)) or isinstance(obj, (types.ModuleType, type)):
            return False
        if callable(value) and not _trusted(obj):
            return False
        return True

    def is_safe_callable(self, obj) -> bool:
        if not super().is_safe_callable(obj):
            return False
        owner = getattr(obj, "__self__", None)
        if owner is not None and not isinstance(owner, types.ModuleType):
            return _trusted(owner)
        if any(obj is g for g in self.globals.values()):  # range, dict, cycler, joiner, namespace, t(), …
            return True
        module = getattr(obj, "__module__", None) or type(obj).__module__
        return module.startswith(("reporter.", "jinja2.")) or isinstance(obj, jinja2.runtime.Macro)

    def getattr(self, obj, attribute):  # pandas & co. expose data by attribute; keep them out
        if not _trusted(obj):
            return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _trusted(obj) -> bool:
    return isinstance(obj, PLAIN) or type(obj).__module__.startswith(("reporter.", "jinja2.")) or obj is None


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, checked against each source's checksum on load, so a
    long-lived process (the preview) recompiles only the template that changed; and on disk in
    the user's cache folder (as Python keeps .pyc files), so a one-shot command does not compile
    the same templates again on every run (0.17 s of the brief). Jinja checks each entry against
    its template's source checksum and recompiles on any mismatch; the folder's name carries a
    hash of this module and the Jinja and Python versions, since the environment's options shape
    the compiled code. A cache that cannot be read or written is ignored."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self._folder: Path | None = None

    def folder(self) -> Path:
        if self._folder is None:
            import hashlib
            import sys

            from reporter.datacache import cache_dir

            digest = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode() + sys.version.encode())
            self._folder = cache_dir() / f"templates-{digest.hexdigest()[:16]}"
        return self._folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is None:
            try:
                data = (self.folder() / bucket.key).read_bytes()
            except OSError:
                return
        bucket.bytecode_from_string(data)  # a stale or foreign entry resets the bucket: compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        import os

        if len(self.compiled) > 256:
            self.compiled.clear()
        data = self.compiled[bucket.key] = bucket.bytecode_to_string()
        folder = self.folder()
        tmp = folder / f".{bucket.key}.{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, folder / bucket.key)
            from reporter.datacache import prune

            prune(folder)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass


COMPILED = MemoryBytecodeCache()  # every environment here has the same settings, so they can share it


def make_environment(default_dir: Path, user_dir: Path | None = None) -> jinja2.Environment:
    if user_dir is not None and not user_dir.is_dir():
        raise UserError(f"--templates {user_dir}: no such folder")
    env = Sandbox(
        loader=OverrideLoader(default_dir, user_dir),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
        finalize=_as_text,
    )
    env.filters.update(SIZED_FILTERS)
    env.filters.update(FILTERS)
    return env


@jinja2.pass_context
def _as_text(context, value):
    """Every value a Markdown template prints is text there (filters.md_text): a title such as
    `![](http://…)` or `[下载](http://…)` stays literal, whatever template prints it. The HTML
    layout is HTML, where autoescape alone is right."""
    if isinstance(value, str) and not isinstance(value, Markup) and (context.name or "").endswith(".md.j2"):
        return md_text(value)
    return value


def template_error(exc: BaseException, context_names=(), filters: dict | None = None,
                   tests: dict | None = None) -> TemplateProblem:
    """A TemplateProblem naming the template file and line, whatever Jinja raised."""
    return problem(exc, list(context_names), FILTERS if filters is None else filters, tests)


class _Deadline:
    """The time limit (reporter/limits.py) on any thread: SIGALRM on the main thread, a watchdog
    raising in the rendering thread elsewhere (the preview re-renders on its watcher thread)."""

    def __enter__(self):
        seconds = time_seconds()
        self.armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        self.watchdog = None
        if self.armed:
            self.old = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        else:
            self.watchdog = Watchdog(seconds, TemplateTimeout).start()
        return self

    def _expire(self, signum, frame):
        raise TemplateTimeout()

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        if self.watchdog is not None:
            self.watchdog.stop()
        return False


def render_template(env: jinja2.Environment, name: str, context: dict) -> str:
    """Render with limits on time and size; any failure is one line naming file:line."""
    start = time.monotonic()
    chunks: list[str] = []
    size = 0
    try:
        with _Deadline():
            for chunk in env.get_template(name).generate(**context):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateLimit(f"{name}: the template produced over {MAX_OUTPUT // 2**20} M characters and was stopped")
                if time.monotonic() - start > time_seconds():
                    raise TemplateTimeout(f"{name}: the template ran for over {time_seconds():g} s and was stopped")
    except (TemplateProblem, TemplateLimit):
        raise
    except UserError as exc:  # raised by something the template called (t() with an unknown key…)
        raise placed(exc) from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError,
            RecursionError, OverflowError, MemoryError, ArithmeticError, LookupError) as exc:
        raise template_error(exc, [*context, *(k for k in env.globals if k not in DEFAULT_NAMESPACE)], env.filters, env.tests) from exc
    return "".join(chunks)
