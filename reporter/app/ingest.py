"""Use cases of the corpus: ingest sources into the store, remove reports, load the stored corpus.

A report's identity is its source key (the file's absolute path) plus its content checksum
(source bytes and sidecar); its id is the file stem, with `-2`, `-3`... when the stem is taken.
A report leaves the store only by `remove` or `ingest --prune`: a parser upgrade re-parses every
stored report from the source text kept in the store, wherever the files are now.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from reporter.errors import UserError
from reporter.model import Report
from reporter.settings import DEFAULTS, Settings, current
from reporter.app.ingest_plan import Plan, plan
from reporter.app.parsing import (Parsed, parse_all, parse_file, parse_files, parse_job, parse_source,  # noqa: F401
                                  read_sources, source_files)  # (parse_file, parse_files: front ends and tests call them here)
from reporter.store import VERSION, NeedsRecovery, NotWritable, State, Store, StoredSource, Transaction, resolved_path
from reporter.textui import progress


@dataclass
class IngestOptions:
    settings: Settings = DEFAULTS  # the store, and the registry overlay the parser names figures with
    paths: list[str] = field(default_factory=list)  # files or folders; empty means seeds/
    quiet: bool = True  # no progress bar
    say: Callable[[str], None] = lambda text: None  # where progress lines go (the CLI prints them)
    prune: bool = False  # also remove stored reports whose file under the given folders is gone
    jobs: int | None = None  # parsing processes (default: the machine's cores)
    year: int | None = None  # the review year where a text never says it (sidecars may say it per file)
    ocr: bool | None = None  # read scans and images by OCR (None: as the REPORTER_OCR setting says, off)

    @property
    def store(self) -> Path:
        return self.settings.store


@dataclass
class IngestResult:
    parsed: list[Parsed]  # new or changed sources, parsed from their files
    unchanged: int  # sources already stored as they are
    reparsed: list[Report] = field(default_factory=list)  # stored reports parsed again (parser upgrade)
    kept: list[str] = field(default_factory=list)  # stored reports kept as they were, with why
    pruned: list[str] = field(default_factory=list)  # ids removed by --prune
    duplicates: list[str] = field(default_factory=list)  # sources whose content is stored already, with where


def ingest(opts: IngestOptions) -> IngestResult:
    """Parse what is new or changed under the options' settings and store it in one transaction."""
    with opts.settings.active():
        return _ingest(opts)


def _ingest(opts: IngestOptions) -> IngestResult:
    from reporter.fingerprint import parser_fingerprint
    from reporter.paths import seeds_dir

    store = Store(opts.store)
    paths = opts.paths or [str(seeds_dir())]
    sources = read_sources(source_files(paths))
    roots = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()] if opts.prune else None
    fingerprint = parser_fingerprint()
    try:
        state = store.state()
    except NeedsRecovery:  # a killed ingest left a journal: the writer below rolls it back
        state = State(fingerprint="recovering")
    first = plan(state, sources, fingerprint, roots)  # read-only: nothing to do costs no lock
    if not first.work() and state.fingerprint != "recovering":
        return _result(first, [], [], [], opts)
    # parse before taking the lock: a bad source fails with the store untouched, and the lock is short
    ready = parse_all(first.parse, opts.settings, opts.year, opts.ocr, opts.quiet, opts.jobs)
    with store.writing() as writer:  # decide again under the lock: another ingest may have run
        return _apply(writer, plan(writer.state(), sources, fingerprint, roots), fingerprint, opts, ready)


def _apply(w: Transaction, p: Plan, fingerprint: str, opts: IngestOptions, ready: dict[str, Parsed] | None = None) -> IngestResult:
    for report_id, s in p.fill_text:
        w.put_text(report_id, s.data, s.sidecar)
    parsed = []
    for s, report_id in p.parse:  # a failure rolls everything back
        done = (ready or {}).get(s.key) or parse_job((s, report_id, opts.year, opts.ocr, opts.quiet, opts.settings))
        parsed.append(done.relabelled(report_id))  # the id decided under the lock (another ingest may have taken a stem)
    reparsed, kept = [], []
    if p.stale:
        replaced = {report_id for _, report_id in p.parse}
        stored = [s for s in w.sources() if s.id not in replaced]
        opts.say(f"the parser changed since the store was made: parsing {len(stored)} stored report(s) again from the stored text")
        for s in progress(stored, "re-parsing", opts.quiet):
            report, why = _reparse(s)
            if report is None:
                kept.append(f"{s.id}: {why}")
            else:
                reparsed.append(report)
                w.put(report, s.text, s.sidecar)
    for done, (s, _) in zip(parsed, p.parse):
        w.put_encoded(done.encoded, done.packed, s.sidecar)
    for report_id in p.prune:
        w.remove(report_id)
    for key, report_id in p.aliases:
        w.alias(key, report_id)
    w.set_fingerprint(fingerprint)
    return _result(p, parsed, reparsed, kept, opts)


def _reparse(s: StoredSource) -> tuple[Report | None, str]:
    if s.text is None:
        return None, "kept as parsed before: its source text is not in the store (ingest its file again to keep it)"
    if not isinstance(s.text, bytes) or not isinstance(s.sidecar, (bytes, type(None))):
        return None, "kept as parsed before: its stored source text is damaged (ingest its file again to replace it)"
    try:
        return parse_source(Path(s.source), s.text, s.sidecar, s.id, s.key, s.checksum), ""
    except UserError as exc:
        return None, f"kept as parsed before: the new parser refuses it ({exc})"


def _result(p: Plan, parsed: list[Parsed], reparsed: list[Report], kept: list[str], opts: IngestOptions) -> IngestResult:
    duplicates = [f"{s.path}: same content as stored report {report_id}" for s, report_id in p.duplicates]
    for line in duplicates + kept:
        opts.say(f"note: {line}")
    for report_id in p.prune:
        opts.say(f"pruned {report_id}: its source file is gone")
    return IngestResult(parsed, p.unchanged + len(p.duplicates), reparsed, kept, list(p.prune), duplicates)


def formats_read(result: IngestResult) -> str:
    """'3 text, 1 docx, 1 html': the formats of the sources this ingest parsed, most first."""
    from reporter.readers import format_counts

    return format_counts([p.format for p in result.parsed]) or "nothing new"


def remove(store_path: Path, keys: list[str]) -> list[str]:
    """Remove reports by id or by source path (all or none); the ids removed."""
    store = Store(store_path)
    if not store.exists():
        raise UserError(f"no store at {store_path}: nothing to remove")
    with store.writing() as w:
        rows = w.state().rows
        ids = []
        for key in keys:
            resolved = resolved_path(key)
            found = [r for r in rows if key == r.id] or [r for r in rows if r.key in (key, resolved) or r.source == key]
            if not found:
                raise UserError(f"no report '{key}' in {store_path} (see `reporter reports`); nothing removed")
            ids.extend(r.id for r in found)
        for report_id in dict.fromkeys(ids):
            w.remove(report_id)
    return list(dict.fromkeys(ids))


def refresh(store_path: Path, say: Callable[[str], None] = lambda text: None) -> IngestResult:
    """Bring a stale store up to date from its own stored texts (no files read)."""
    from reporter.fingerprint import parser_fingerprint

    fingerprint = parser_fingerprint()
    opts = IngestOptions(replace(current(), store=store_path), say=say)
    with Store(store_path).writing() as writer:
        return _apply(writer, plan(writer.state(), [], fingerprint, None), fingerprint, opts)


def load_corpus(store_path: Path, areas: set[str] | None = None, indicators: set[str] | None = None) -> list[Report]:
    """The stored reports (with AREAS, only those areas' reports; with INDICATORS, only those
    indicators' facts and no text); an empty store is filled from seeds/, a stale one re-parsed
    from its stored text."""
    from reporter.fingerprint import parser_fingerprint

    store = Store(store_path)
    try:
        state = store.state()
    except NeedsRecovery:  # a killed ingest: a writer rolls its journal back, then read again
        refresh(store_path)
        state = store.state()
    if not state.rows:
        ingest(IngestOptions(replace(current(), store=store_path)))
    elif state.fingerprint != parser_fingerprint() or state.version < VERSION:
        try:
            refresh(store_path)
        except NotWritable:  # a read-only store still serves its reports, as the older parser made them
            pass
    return store.reports() if areas is None and indicators is None else store.reports(areas, indicators)


def stored_reports(store_path: Path) -> list[Report]:
    """The stored reports as they are; an empty store is an error the user can act on."""
    reports = Store(store_path).reports()
    if not reports:
        raise UserError(f"the store {store_path} is empty: run `reporter ingest` first")
    return reports
