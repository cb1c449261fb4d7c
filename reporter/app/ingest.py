"""Use cases of the corpus: ingest sources into the store, load the stored corpus."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reporter.errors import UserError
from reporter.model import Report
from reporter.store import Store
from reporter.textui import progress


@dataclass
class IngestOptions:
    store: Path
    paths: list[str] = field(default_factory=list)  # files or folders; empty means seeds/
    quiet: bool = True  # no progress bar
    say: Callable[[str], None] = lambda text: None  # where progress lines go (the CLI prints them)


@dataclass
class IngestResult:
    parsed: list[Report]
    unchanged: int


def source_files(paths: list[str]) -> list[Path]:
    """Expand PATHs (files or folders) to the source files a reader can read."""
    from reporter.readers import supported

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and supported(p)))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    if not files:
        raise UserError(f"no reports found in {', '.join(paths)} (looked for .txt and .md files)")
    return files


def parse_files(files: list[Path], quiet: bool = True, contents: dict[Path, bytes] | None = None) -> list[Report]:
    """Parse files (or the bytes already read for them), with a progress bar on a terminal."""
    from reporter.parse import parse_bytes
    from reporter.readers import read_bytes

    contents = contents or {}
    return [parse_bytes(path, contents.get(path) or read_bytes(path)) for path in progress(files, "parsing", quiet)]


def ingest(opts: IngestOptions) -> IngestResult:
    from reporter.parse import checksum_of, parser_fingerprint
    from reporter.paths import seeds_dir
    from reporter.readers import read_bytes

    store = Store(opts.store)
    files = source_files(opts.paths or [str(seeds_dir())])
    fingerprint = parser_fingerprint()
    known = store.checksums()
    stale = bool(known) and store.fingerprint() != fingerprint
    if stale:
        known = {}
        stored = [Path(r.source) for r in store.reports() if Path(r.source).exists()]
        files = list(dict.fromkeys(files + stored))
        opts.say(f"the parser changed since the store was made: parsing all {len(files)} source(s) again")
    contents = {p: read_bytes(p) for p in files}  # read once: checksum now, parse below
    changed = [p for p in files if checksum_of(contents[p]) not in known]
    if not changed:
        return IngestResult([], len(files))
    reports = parse_files(changed, opts.quiet, contents)  # any failure raises before the store is touched
    store.save(reports, fingerprint, replace_all=stale)
    return IngestResult(reports, len(files) - len(reports))


def load_corpus(store_path: Path) -> list[Report]:
    """The stored reports; an empty or stale store is filled (from its sources, else seeds/) first."""
    from reporter.parse import parser_fingerprint
    from reporter.paths import seeds_dir

    store = Store(store_path)
    reports = store.reports()
    if not reports or store.fingerprint() != parser_fingerprint():
        sources = [r.source for r in reports if Path(r.source).exists()] or [str(seeds_dir())]
        ingest(IngestOptions(store=store_path, paths=sources))
        reports = store.reports()
    return reports


def stored_reports(store_path: Path) -> list[Report]:
    """The stored reports as they are; an empty store is an error the user can act on."""
    reports = Store(store_path).reports()
    if not reports:
        raise UserError(f"the store {store_path} is empty: run `reporter ingest` first")
    return reports
