"""The term base (reporter/data/termbase.csv): names of the reports' terms in other languages, in tiers.

Editors own it as a spreadsheet-friendly CSV: zh, en, category, status, source, note. The
status is the tier: `official` (an official English, its source required), `reviewed` (checked
by the project or the user: the indicator registry's names, the areas file's names, names a
user promoted with `reporter terms review`), `draft` (a proposal: printed in italics with a mark
and listed for review, never silently) and `rejected` (an overlay's way to say "no English").
`approved` in older files means `reviewed`. A user file (`--termbase FILE`) is merged over the
package's: for every (Chinese term, language) it names, its rows replace the package's rows.

A further language is more columns, not code: `<lang>`, `<lang>_status`, `<lang>_source`,
`<lang>_note` (e.g. `fr`, `fr_status`); each filled cell is an entry for (zh, lang).

Every row is validated by one pydantic schema (reporter/termbase_schema.py); problems are
collected (not raised one by one) so `reporter terms check` can print one line per problem, each
naming file and line. What a file's text gave is kept in the data cache (reporter/datacache.py)
under a hash of the text and the schema, so a product run with the files unchanged never
imports pydantic.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from reporter.errors import UserError

COLUMNS = ("zh", "en", "category", "status", "source", "note")
STATUSES = ("official", "reviewed", "draft", "rejected")
TIER = {"official": 0, "reviewed": 1, "draft": 2}  # lower is better; rejected never prints
LANG_COLUMN = re.compile(r"^([a-z]{2,3})(?:_(status|source|note))?$")
PACKAGE_FILE = "termbase.csv"


@dataclass(frozen=True)
class Entry:
    zh: str
    en: str  # the term in `lang` (English unless an extra language column)
    category: str
    status: str
    source: str
    note: str
    origin: str  # "file:line", for messages
    lang: str = "en"

    @property
    def approved(self) -> bool:
        """Official or reviewed: printed plainly."""
        return self.status in ("official", "reviewed")

    @property
    def draft(self) -> bool:
        return self.status == "draft"


@dataclass
class TermBase:
    entries: list[Entry]
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._best: dict[tuple[str, str], Entry] = {}
        self._rejected: set[tuple[str, str]] = set()
        for e in self.entries:
            key = (e.zh, e.lang)
            if e.status == "rejected":
                self._rejected.add(key)
                continue
            held = self._best.get(key)
            if held is None or TIER[e.status] < TIER[held.status]:
                self._best[key] = e

    def best(self, zh: str, lang: str = "en") -> Entry | None:
        """The entry a product prints: official, else reviewed, else draft; None if none or rejected."""
        if (zh, lang) in self._rejected:
            return None
        return self._best.get((zh, lang))

    def english(self, zh: str, lang: str = "en") -> str | None:
        """The official or reviewed name of a Chinese term, or None (drafts never count here)."""
        entry = self.best(zh, lang)
        return entry.en if entry and entry.approved else None

    def entry(self, zh: str, lang: str = "en") -> Entry | None:
        entry = self.best(zh, lang)
        return entry if entry and entry.approved else None

    def languages(self) -> list[str]:
        return sorted({e.lang for e in self.entries})

    def category(self, zh: str) -> str | None:
        for e in self.entries:
            if e.zh == zh:
                return e.category
        return None


def _location(name: str, line: int) -> str:
    return f"{name}:{line}"


def read_rows(text: str, name: str) -> tuple[list[Entry], list[str]]:
    """CSV text -> entries and the problems found, one line each naming file:line; checked once
    per content (the data cache keeps what the text gave)."""
    from reporter import datacache

    shape = {"entry": ",".join(Entry.__dataclass_fields__)}  # a changed Entry is another key
    key = datacache.key(f"termbase:{name}", text, "reporter.termbase_schema", shape)
    kept = datacache.read(key)
    if kept is not None and isinstance(kept.get("entries"), list) and isinstance(kept.get("problems"), list):
        try:
            return [Entry(*e) for e in kept["entries"]], [str(p) for p in kept["problems"]]
        except TypeError:
            pass  # a cache from another shape: check the text again
    entries, problems = _check_rows(text, name)
    datacache.write(key, {"entries": [[e.zh, e.en, e.category, e.status, e.source, e.note, e.origin, e.lang]
                                      for e in entries], "problems": problems})
    return entries, problems


def _check_rows(text: str, name: str) -> tuple[list[Entry], list[str]]:
    """The rows validated by the schema (pydantic is imported here, only when a text is new)."""
    from pydantic import ValidationError

    from reporter.termbase_schema import TermRow

    entries: list[Entry] = []
    problems: list[str] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS and not LANG_COLUMN.match(c)]
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
        for lang, cells in _languages(values):
            try:
                row = TermRow.model_validate(cells)
            except ValidationError as exc:
                label = values.get("zh", "").strip() or "(no zh)"
                problems.extend(f"{where}: {label}: {_one(err, lang)}" for err in exc.errors())
                continue
            entries.append(Entry(row.zh, row.en, row.category, row.status, row.source.strip(), row.note.strip(), where,
                                 lang))
    return entries, problems


def _languages(values: dict[str, str]):
    """(lang, the row's cells as the schema reads them) for English and each filled extra language."""
    base = {c: values.get(c, "") for c in COLUMNS}
    yield "en", base
    for column in values:
        match = LANG_COLUMN.match(column)
        if not match or match.group(2) or column in COLUMNS or column == "zh" or not values[column].strip():
            continue
        lang = column
        yield lang, {**base, "en": values[column], "status": values.get(f"{lang}_status", "") or "draft",
                     "source": values.get(f"{lang}_source", ""), "note": values.get(f"{lang}_note", "")}


def _rows(reader: csv.DictReader):
    """(line number, row) pairs; the number is where the row ends, as editors see it."""
    for raw in reader:
        yield reader.line_num, raw


def _one(err: dict, lang: str = "en") -> str:
    """One pydantic error as 'field: what was expected'."""
    field_name = ".".join(str(p) for p in err["loc"]) or "row"
    if lang != "en" and field_name in ("en", "status", "source", "note"):
        field_name = lang if field_name == "en" else f"{lang}_{field_name}"
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "literal_error":
        return f"{field_name}: unknown status {err.get('input')!r} (expected {', '.join(STATUSES)})"
    return f"{field_name}: {message}"


def consistency(entries: list[Entry]) -> list[str]:
    """Duplicates and a Chinese term with two names in its best tier (two official, or two reviewed)."""
    problems: list[str] = []
    seen: dict[tuple[str, str, str], Entry] = {}
    top: dict[tuple[str, str, str], Entry] = {}
    for e in entries:
        key = (e.zh, e.lang, e.en.casefold())
        if key in seen:
            problems.append(f"{e.origin}: {e.zh}: duplicate of {seen[key].origin} ({e.en})")
            continue
        seen[key] = e
        if e.approved:
            tier = (e.zh, e.lang, e.status)
            if tier in top:
                first = top[tier]
                problems.append(f"{e.origin}: {e.zh}: a second {e.status} {e.lang} name ('{e.en}'; "
                                f"{first.origin} has '{first.en}'); mark one draft")
            else:
                top[tier] = e
    return problems


def merge(base: list[Entry], overlay: list[Entry]) -> list[Entry]:
    """The overlay's rows replace the base's rows for every (Chinese term, language) the overlay names."""
    named = {(e.zh, e.lang) for e in overlay}
    return [e for e in base if (e.zh, e.lang) not in named] + overlay


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
