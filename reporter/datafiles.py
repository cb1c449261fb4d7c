"""One loader for every data file editors own (TOML), each checked against a schema.

A typo in an editor's file must read as one line naming the file, the key and what was
expected, never as `internal error: KeyError`. Schemas are pydantic models; `extra="forbid"`
catches misspelt keys, which would otherwise be silently ignored.
"""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from reporter.errors import UserError

M = TypeVar("M", bound=BaseModel)


class Schema(BaseModel):
    """Base of every data-file schema: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def describe(exc: ValidationError, most: int = 3) -> str:
    """The first problems as 'key.path: what was expected (got …)', on one line."""
    problems = [_problem(err) for err in exc.errors()[:most]]
    more = len(exc.errors()) - most
    return "; ".join(problems) + (f"; and {more} more" if more > 0 else "")


def _problem(err) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    got = err.get("input")
    shown = "" if isinstance(got, (dict, list)) or err["type"] == "missing" else f" (got {got!r:.60})"
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        message = "unknown key"
    return f"{where}: {message}{shown}"


def parse(text: str, schema: type[M], name: str) -> M:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{name}: not valid TOML: {exc}") from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise UserError(f"{name}: {describe(exc)}") from exc


def load_file(path: Path, schema: type[M]) -> M:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from exc
    return parse(text, schema, str(path))


def package_text(name: str) -> str:
    return resources.files("reporter.data").joinpath(name).read_text("utf-8")


def load_package(name: str, schema: type[M]) -> M:
    """A data file shipped in reporter/data/."""
    return parse(package_text(name), schema, f"reporter/data/{name}")
