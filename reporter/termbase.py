"""The term base (reporter/data/termbase.csv): approved English names for the reports' terms.

Editors own it as a spreadsheet-friendly CSV: zh, en, category, status (approved | draft),
source, note. The summary takes English only from approved rows, so a wrong name is an
editor's decision with a source beside it, never the program's guess. A user file
(`--termbase FILE`) is merged over the package's: for every Chinese term it names, its rows
replace the package's rows.

Every row is validated by one pydantic schema; problems are collected (not raised one by
one) so `reporter terms check` can print one line per problem, each naming file and line.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import ValidationError, field_validator, model_validator

from reporter.datafiles import Schema
from reporter.errors import UserError

COLUMNS = ("zh", "en", "category", "status", "source", "note")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CELL = 2000
PACKAGE_FILE = "termbase.csv"


class TermRow(Schema):
    """One row of a term base file."""

    zh: str
    en: str
    category: str
    status: Literal["approved", "draft"]
    source: str = ""
    note: str = ""

    @field_validator("zh", "en", "category")
    @classmethod
    def not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("zh", "en", "category", "source", "note")
    @classmethod
    def printable(cls, value: str) -> str:
        if CONTROL.search(value):
            raise ValueError("contains a control character")
        if len(value) > MAX_CELL:
            raise ValueError(f"longer than {MAX_CELL} characters")
        return value

    @model_validator(mode="after")
    def approved_has_source(self) -> "TermRow":
        if self.status == "approved" and not self.source.strip():
            raise ValueError("an approved row needs a source")
        return self


@dataclass(frozen=True)
class Entry:
    zh: str
    en: str
    category: str
    status: str
    source: str
    note: str
    origin: str  # "file:line", for messages

    @property
    def approved(self) -> bool:
        return self.status == "approved"


@dataclass
class TermBase:
    entries: list[Entry]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._approved = {e.zh: e for e in self.entries if e.approved}

    def english(self, zh: str) -> str | None:
        """The approved English for a Chinese term, or None (drafts never count)."""
        entry = self._approved.get(zh)
        return entry.en if entry else None

    def entry(self, zh: str) -> Entry | None:
        return self._approved.get(zh)

    def category(self, zh: str) -> str | None:
        for e in self.entries:
            if e.zh == zh:
                return e.category
        return None


def _location(name: str, line: int) -> str:
    return f"{name}:{line}"


def read_rows(text: str, name: str) -> tuple[list[Entry], list[str]]:
    """CSV text -> entries and the problems found, one line each naming file:line."""
    entries: list[Entry] = []
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if len(missing) == len(COLUMNS):  # not a term base at all: say so without printing its first line
        return [], [f"{_location(name, 1)}: header: not a term base CSV (expected the header {','.join(COLUMNS)})"]
    if missing or extra:
        extra = [c[:30] for c in extra]
        what = "; ".join(filter(None, [f"missing column(s) {', '.join(missing)}" if missing else "",
                                      f"unknown column(s) {', '.join(extra)}" if extra else ""]))
        return [], [f"{_location(name, 1)}: header: {what} (expected {','.join(COLUMNS)})"]
    try:
        rows = list(_rows(reader))
    except csv.Error as exc:
        return [], [f"{_location(name, reader.line_num)}: not valid CSV ({exc})"]
    for line, raw in rows:
        where = _location(name, line)
        if None in raw:
            problems.append(f"{where}: more cells than the {len(COLUMNS)} columns")
            continue
        values = {k: (v or "") for k, v in raw.items()}
        try:
            row = TermRow.model_validate(values)
        except ValidationError as exc:
            label = values.get("zh", "").strip() or "(no zh)"
            problems.extend(f"{where}: {label}: {_one(err)}" for err in exc.errors())
            continue
        entries.append(Entry(row.zh, row.en, row.category, row.status, row.source.strip(), row.note.strip(), where))
    return entries, problems


def _rows(reader: csv.DictReader):
    """(line number, row) pairs; the number is where the row ends, as editors see it."""
    for raw in reader:
        yield reader.line_num, raw


def _one(err: dict) -> str:
    """One pydantic error as 'field: what was expected'."""
    field_name = ".".join(str(p) for p in err["loc"]) or "row"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "literal_error":
        return f"{field_name}: unknown status {err.get('input')!r} (expected approved or draft)"
    return f"{field_name}: {message}"


def consistency(entries: list[Entry]) -> list[str]:
    """Duplicates and a Chinese term with two approved English names."""
    problems: list[str] = []
    seen: dict[tuple[str, str], Entry] = {}
    approved: dict[str, Entry] = {}
    for e in entries:
        key = (e.zh, e.en.casefold())
        if key in seen:
            problems.append(f"{e.origin}: {e.zh}: duplicate of {seen[key].origin} ({e.en})")
            continue
        seen[key] = e
        if e.approved:
            if e.zh in approved:
                first = approved[e.zh]
                problems.append(f"{e.origin}: {e.zh}: a second approved English ('{e.en}'; "
                                f"{first.origin} approves '{first.en}'); mark one draft")
            else:
                approved[e.zh] = e
    return problems


def merge(base: list[Entry], overlay: list[Entry]) -> list[Entry]:
    """The overlay's rows replace the base's rows for every Chinese term the overlay names."""
    named = {e.zh for e in overlay}
    return [e for e in base if e.zh not in named] + overlay


def package_text() -> str:
    return resources.files("reporter.data").joinpath(PACKAGE_FILE).read_text("utf-8")


def read_file(path: Path) -> str:
    from reporter.allowlist import resolve_given

    path = resolve_given(path, "--termbase")
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from exc


def load(user: Path | None = None) -> TermBase:
    """The package term base with a user's file merged over it; problems are kept, not raised."""
    entries, problems = read_rows(package_text(), f"reporter/data/{PACKAGE_FILE}")
    problems += consistency(entries)
    if user is not None:
        extra, user_problems = read_rows(read_file(user), str(user))
        problems += user_problems + consistency(extra)
        entries = merge(entries, extra)
    return TermBase(entries, problems)


def load_checked(user: Path | None = None) -> TermBase:
    """For products: a term base with problems is a UserError naming the first one."""
    base = load(user)
    if base.problems:
        more = f" (and {len(base.problems) - 1} more)" if len(base.problems) > 1 else ""
        raise UserError(f"term base: {base.problems[0]}{more}; run `reporter terms check`")
    return base
