"""The Jinja2 environment: project templates/, a user's --templates DIR searched first.

MkDocs-style overrides: a user file with the same name replaces the template; if it holds
only {% block %}s (no {% extends %}), it extends the project's version, so overriding one
block is a file with one block in it. The project's version stays reachable as "default/NAME".
"""
from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2

from reporter.errors import UserError
from reporter.render.filters import FILTERS

EXTENDS = re.compile(r"{%-?\s*extends\s")


class OverrideLoader(jinja2.BaseLoader):
    def __init__(self, default_dir: Path, user_dir: Path | None = None):
        self.default_dir = default_dir
        self.user_dir = user_dir

    def _read(self, path: Path):
        source = path.read_text("utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.exists() and path.stat().st_mtime == mtime

    def get_source(self, environment, template):
        if template.startswith("default/"):
            path = self.default_dir / template[len("default/") :]
            if path.is_file():
                return self._read(path)
            raise jinja2.TemplateNotFound(template)
        if self.user_dir is not None and (self.user_dir / template).is_file():
            source, filename, uptodate = self._read(self.user_dir / template)
            if (self.default_dir / template).is_file() and not EXTENDS.search(source):
                source = f'{{% extends "default/{template}" %}}' + source  # same line: line numbers stay true
            return source, filename, uptodate
        path = self.default_dir / template
        if path.is_file():
            return self._read(path)
        raise jinja2.TemplateNotFound(template)

    def list_templates(self):
        names = {p.name for p in self.default_dir.glob("*.j2")}
        if self.user_dir is not None:
            names |= {p.name for p in self.user_dir.glob("*.j2")}
        return sorted(names)


def make_environment(default_dir: Path, user_dir: Path | None = None) -> jinja2.Environment:
    if user_dir is not None and not user_dir.is_dir():
        raise UserError(f"--templates {user_dir}: no such folder")
    env = jinja2.Environment(
        loader=OverrideLoader(default_dir, user_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def template_error(exc: Exception) -> UserError:
    """One line naming the template file and line, whatever Jinja raised."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        return UserError(f"{where}: template syntax error: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return UserError(f"template not found: {exc.name}")
    where = "template"
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{lineno}"
    message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
    return UserError(f"{where}: {message}")


def render_template(env: jinja2.Environment, name: str, context: dict) -> str:
    try:
        return env.get_template(name).render(**context)
    except UserError:
        raise
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        raise template_error(exc) from exc
