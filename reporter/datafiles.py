"""One loader for every data file editors own (TOML), each checked against a schema.

A typo in an editor's file must read as one line naming the file, the key and what was
expected, never as `internal error: KeyError`. Schemas are pydantic models; `extra="forbid"`
catches misspelt keys, which would otherwise be silently ignored.

pydantic is imported only when a file is validated (`Schema` is made on first use): the parser's
own files are read through `package_data`, which validates a file once per content and keeps the
result in a cache (reporter/datacache.py), so a start with nothing changed does not import it.
"""
from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reporter.errors import UserError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound="BaseModel")


def __getattr__(name: str) -> Any:
    """`Schema`, the base of every data-file schema, made when a schema module first asks for it."""
    if name == "Schema":
        from reporter.schema_base import Schema

        return Schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def describe(exc: ValidationError, most: int = 3) -> str:
    """The first problems as 'key.path: what was expected (got …)', on one line."""
    problems = [_problem(err) for err in exc.errors()[:most]]
    more = len(exc.errors()) - most
    return "; ".join(problems) + (f"; and {more} more" if more > 0 else "")


def _problem(err) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    got = err.get("input")
    # a number or a truth value is shown; text never is: the file may not be what it was named as
    # (`--registry ~/.netrc`), and an error must not print its contents
    shown = f" (got {got!r:.60})" if isinstance(got, (int, float)) and err["type"] != "extra_forbidden" else ""
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        message = "unknown key"
    return f"{where}: {message}{shown}"


def parse(text: str, schema: type[M], name: str) -> M:
    from pydantic import ValidationError

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{name}: not valid TOML: {exc}") from exc
    except RecursionError:  # tomllib recurses once per nesting level
        raise UserError(f"{name}: not valid TOML: nested too deep") from None
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


def file_data(path: Path, schema: str, **dump: Any) -> dict:
    """An editor's file (e.g. templates/brief.toml) checked against SCHEMA ('module:Class') as
    plain data, with the same once-per-content cache as package_data: a brief run with the
    file unchanged never imports pydantic."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from exc
    return checked_data(text, str(path), str(path), schema, dump)


def package_data(name: str, schema: str, **dump: Any) -> dict:
    """A data file shipped in reporter/data/ checked against SCHEMA ('module:Class'), as plain data
    (`model_dump(**dump)`): validated when its text or the schema changed, else from the cache."""
    return checked_data(package_text(name), name, f"reporter/data/{name}", schema, dump)


def checked_data(text: str, key_name: str, shown: str, schema: str, dump: dict) -> dict:
    """TEXT validated against SCHEMA once per content (errors name SHOWN), kept in datacache."""
    import importlib

    from reporter import datacache

    module, cls = schema.split(":")
    key = datacache.key(key_name, text, module, dump)
    cached = datacache.read(key)
    if cached is not None:
        return cached
    value = parse(text, getattr(importlib.import_module(module), cls), shown).model_dump(**dump)
    datacache.write(key, value)
    return value
