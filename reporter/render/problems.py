"""What went wrong in a template, said so an editor can fix it.

A TemplateProblem names the file and line, shows the lines around it with the bad one marked,
and adds a plain-language hint (for an undefined name: what is available, nearest first). The
CLI prints it as one line (it is a UserError); the preview server shows it as a panel.
"""
from __future__ import annotations

import difflib
import re
import traceback
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from types import SimpleNamespace

import jinja2

from reporter.errors import UserError

AROUND = 3  # lines shown before and after the bad one
MAX_NAMES = 12  # names listed in a hint


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str
    bad: bool


class TemplateProblem(UserError):
    """A template error with its place and a hint; str() is the one line the CLI prints."""

    def __init__(self, file: str, line: int | None, message: str, hint: str = "",
                 excerpt: tuple[SourceLine, ...] = ()):
        self.file, self.line, self.message, self.hint, self.excerpt = file, line, message, hint, excerpt
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


class NameNotDefined(jinja2.UndefinedError):
    """An UndefinedError that remembers which name was missing and on what (for the hint)."""

    def __init__(self, message: str, name, obj):
        super().__init__(message)
        self.name, self.obj = name, obj


class StrictUndefined(jinja2.StrictUndefined):
    """Jinja's StrictUndefined, raising NameNotDefined so the hint can list what exists."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args, **kwargs):
        raise NameNotDefined(self._undefined_message, self._undefined_name, self._undefined_obj)

    __iter__ = __str__ = __len__ = _fail_with_undefined_error
    __eq__ = __ne__ = __bool__ = __hash__ = __contains__ = _fail_with_undefined_error
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _fail_with_undefined_error
    __lt__ = __le__ = __gt__ = __ge__ = __int__ = __float__ = __complex__ = __pow__ = __rpow__ = _fail_with_undefined_error
    __call__ = __getitem__ = __mod__ = __rmod__ = __pos__ = __neg__ = __floordiv__ = __rfloordiv__ = _fail_with_undefined_error


def excerpt(file: str, line: int | None, source: str | None = None) -> tuple[SourceLine, ...]:
    """The lines around `line` of the file (or of `source` when given), the bad one marked."""
    if not line:
        return ()
    if source is None:
        try:
            source = Path(file).read_text("utf-8", errors="replace")
        except OSError:
            return ()
    lines = source.splitlines()
    first, last = max(1, line - AROUND), min(len(lines), line + AROUND)
    return tuple(SourceLine(n, lines[n - 1], n == line) for n in range(first, last + 1))


def names_hint(name: str, available: list[str], what: str) -> str:
    """'`gdp` is not defined here; did you mean …? names available: …' (nearest matches first)."""
    names = sorted({n for n in available if not n.startswith("_")})
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    rest = [n for n in names if n not in near]
    shown = near + rest[:max(0, MAX_NAMES - len(near))]
    more = f", … ({len(names) - len(shown)} more)" if len(names) > len(shown) else ""
    guess = f"did you mean {' or '.join(f'`{n}`' for n in near)}? " if near else ""
    listed = ", ".join(shown) + more if shown else "none"
    if what == "here":
        return f"`{name}` is not defined here; {guess}names available: {listed}"
    return f"{guess}{'its macros' if what.endswith('macro file') else 'its fields'}: {listed}"


def fields_of(obj) -> list[str] | None:
    """The names a template can read on obj, or None when it has no named parts."""
    if isinstance(obj, dict):
        return [str(k) for k in obj]
    if is_dataclass(obj) and not isinstance(obj, type):
        return [f.name for f in fields(obj)] + [n for n in dir(type(obj)) if not n.startswith("_")
                                                and isinstance(getattr(type(obj), n, None), property)]
    if isinstance(obj, SimpleNamespace):
        return list(vars(obj))
    if isinstance(obj, jinja2.environment.TemplateModule):  # an imported macro file: its macros
        return [n for n in vars(obj) if not n.startswith("_")]
    return None


def kind_of(obj) -> str:
    return "macro file" if isinstance(obj, jinja2.environment.TemplateModule) else type(obj).__name__


def undefined_hint(exc: NameNotDefined, context_names: list[str]) -> str:
    if exc.obj is jinja2.utils.missing:
        return names_hint(str(exc.name), context_names, "here")
    known = fields_of(exc.obj)
    kind = kind_of(exc.obj)
    if known is not None:
        return names_hint(str(exc.name), known, f"on this {kind}")
    if isinstance(exc.obj, (list, tuple)):
        return f"this is a list of {len(exc.obj)} item(s), not a record: loop over it ({{% for x in … %}}) or take one ([0])"
    return f"a {kind} has no `{exc.name}` that templates may read"


def template_frames(exc: BaseException) -> list[tuple[str, int]]:
    """(file, line) of each template frame of the traceback, outermost first (Jinja rewrites
    tracebacks so these frames carry the template's own file name and line)."""
    return [(frame.f_code.co_filename, lineno) for frame, lineno in traceback.walk_tb(exc.__traceback__)
            if frame.f_code.co_filename.endswith(".j2")]


def failing_filter(exc: BaseException, filters: dict) -> str | None:
    """The name of the filter the error was raised in, if it was one of ours."""
    frames = list(traceback.walk_tb(exc.__traceback__))
    for frame, _ in reversed(frames):
        if frame.f_code.co_filename.endswith(".j2"):
            return None
        for name, fn in filters.items():
            if getattr(fn, "__code__", None) is frame.f_code:
                return name
    return None


def placed(exc: UserError) -> UserError:
    """A UserError raised inside a template, as a TemplateProblem at the template line that caused it."""
    frames = template_frames(exc)
    if not frames:
        return exc
    file, line = frames[-1]
    return TemplateProblem(file, line, str(exc), "", excerpt(file, line))


UNKNOWN_NAME = re.compile(r"No (filter|test) named '([^']+)'")


def unknown_filter_hint(message: str, filters: dict, tests: dict) -> str:
    """For 'No filter named x': the nearest filter names."""
    m = UNKNOWN_NAME.search(message or "")
    if not m:
        return ""
    from reporter.render.filters import FILTERS

    names = sorted(filters if m.group(1) == "filter" else tests)
    near = difflib.get_close_matches(m.group(2), names, n=3, cutoff=0.5)
    guess = f"did you mean {' or '.join(f'`{n}`' for n in near)}? " if near else ""
    if m.group(1) == "filter":
        return f"{guess}reporter's filters: {', '.join(sorted(FILTERS))}; Jinja's own are listed in docs/templates.md"
    return f"{guess}tests: {', '.join(names)}"


SYNTAX_HINTS = (
    ("unexpected end of template", "a {% block %}, {% for %}, {% if %} or {% macro %} is not closed: "
                                   "check each has its {% end… %}"),
    ("unknown tag", "a tag name is misspelt, or an {% end… %} has no opening tag"),
    ("expected token 'end of print statement'", "something is missing or extra between {{ and }}"),
    ("unexpected '}'", "a {{ … }} or {% … %} is not closed properly"),
    ("unexpected char", "a character Jinja does not expect: check quotes and brackets"),
)


def syntax_hint(message: str) -> str:
    low = message.lower()
    return next((hint for key, hint in SYNTAX_HINTS if key in low), "")


def problem(exc: BaseException, context_names: list[str] = (), filters: dict | None = None,
            tests: dict | None = None) -> TemplateProblem:
    """Whatever Jinja (or a filter) raised, as a TemplateProblem naming file and line."""
    from jinja2.sandbox import SecurityError

    if isinstance(exc, jinja2.TemplateSyntaxError):
        file = exc.filename or exc.name or "template"
        hint = unknown_filter_hint(exc.message or "", filters or {}, tests or {}) or syntax_hint(exc.message or "")
        return TemplateProblem(file, exc.lineno, f"template syntax error: {exc.message}", hint,
                               excerpt(file, exc.lineno, None if exc.filename else exc.source))
    frames = template_frames(exc)
    file, line = frames[-1] if frames else ("template", None)
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateProblem(file, line, f"template not found: {exc.name}",
                               "templates load by name from templates/ and --templates only", excerpt(file, line))
    hint = ""
    if isinstance(exc, NameNotDefined):
        message, hint = str(exc), undefined_hint(exc, list(context_names))
        if exc.obj is not jinja2.utils.missing and isinstance(exc.name, str):
            message = f"this {kind_of(exc.obj)} has no `{exc.name}`"
    elif isinstance(exc, SecurityError):
        message = f"not allowed in a template: {exc}"
    elif isinstance(exc, RecursionError):
        message = "the template calls itself too deeply (a recursive macro?)"
    elif isinstance(exc, (OverflowError, MemoryError)):
        message = f"the template asked for too much ({exc or type(exc).__name__})"
    else:
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc) or type(exc).__name__
        name = failing_filter(exc, filters or {})
        if name:
            hint = f"the filter `{name}` could not use this value"
    return TemplateProblem(file, line, message, hint, excerpt(file, line))
