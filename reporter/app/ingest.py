"""Use cases of the corpus: ingest sources into the store, remove reports, load the stored corpus.

A report's identity is its source key (the file's absolute path) plus its content checksum
(source bytes and sidecar); its id is the file stem, with `-2`, `-3`... when the stem is taken.
A report leaves the store only by `remove` or `ingest --prune`: a parser upgrade re-parses every
stored report from the source text kept in the store, wherever the files are now.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reporter.errors import UserError
from reporter.model import Report
from reporter.store import (VERSION, Encoded, NeedsRecovery, NotWritable, Row, State, Store, StoredSource, Writer, checksum_of,
                            encode, pack, resolved_path)
from reporter.textui import progress


@dataclass
class IngestOptions:
    store: Path
    paths: list[str] = field(default_factory=list)  # files or folders; empty means seeds/
    quiet: bool = True  # no progress bar
    say: Callable[[str], None] = lambda text: None  # where progress lines go (the CLI prints them)
    prune: bool = False  # also remove stored reports whose file under the given folders is gone
    jobs: int | None = None  # parsing processes (default: the machine's cores)
    year: int | None = None  # the review year where a text never says it (sidecars may say it per file)
    ocr: bool | None = None  # read scans and images by OCR (None: as the REPORTER_OCR setting says, off)


@dataclass
class Parsed:
    """A parsed source as the parsing process hands it back: encoded for the store, the source
    text packed, and the counts a user is told; the parent does not rebuild the Report."""

    id: str
    kind: str
    format: str
    facts: int
    targets: int
    terms: int
    warnings: int
    encoded: Encoded
    packed: bytes

    @classmethod
    def of(cls, report: Report, data: bytes) -> "Parsed":
        return cls(report.id, report.kind, report.format, len(report.facts), len(report.targets), len(report.terms),
                   len(report.warnings), encode(report), pack(data))

    def relabelled(self, report_id: str) -> "Parsed":
        """The same under another id (decided under the lock): decoded, relabelled, encoded again."""
        if report_id == self.id:
            return self
        import json

        from reporter.model import report_from_dict
        from reporter.store import unpack_json

        report = relabel(report_from_dict(json.loads(unpack_json(self.encoded.data))), report_id)
        report.source_key = self.encoded.key
        return Parsed(report_id, self.kind, self.format, self.facts, self.targets, self.terms, self.warnings, encode(report), self.packed)


@dataclass
class IngestResult:
    parsed: list[Parsed]  # new or changed sources, parsed from their files
    unchanged: int  # sources already stored as they are
    reparsed: list[Report] = field(default_factory=list)  # stored reports parsed again (parser upgrade)
    kept: list[str] = field(default_factory=list)  # stored reports kept as they were, with why
    pruned: list[str] = field(default_factory=list)  # ids removed by --prune
    duplicates: list[str] = field(default_factory=list)  # sources whose content is stored already, with where


@dataclass
class Source:
    """A source file found on disk, read once: its bytes, its sidecar's and their checksum."""

    path: Path
    key: str
    data: bytes
    sidecar: bytes | None
    checksum: str


def source_files(paths: list[str]) -> list[Path]:
    """Expand PATHs (files or folders) to the source files a reader can read."""
    from reporter.readers import supported

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                files.extend(sorted(p for p in path.iterdir() if p.is_file() and supported(p)))
            elif path.is_file():
                files.append(path)
            else:
                raise UserError(f"{path}: no such file or folder")
        except OSError as exc:
            raise UserError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not files:
        from reporter.readers import known_suffixes

        raise UserError(f"no reports found in {', '.join(paths)} (looked for {known_suffixes()} files)")
    return files


def read_sources(files: list[Path]) -> list[Source]:
    """Each file once (by its absolute path), with its sidecar: what the checksum covers."""
    from reporter.readers import read_bytes, read_sidecar_bytes

    out: dict[str, Source] = {}
    for path in files:
        key = str(path.resolve())
        if key not in out:
            data, sidecar = read_bytes(path), read_sidecar_bytes(path)
            out[key] = Source(path, key, data, sidecar, checksum_of(data, sidecar))
    return list(out.values())


def parse_source(path: Path, data: bytes, sidecar: bytes | None, report_id: str, key: str, checksum: str,
                 year: int | None = None) -> Report:
    """Bytes (from a file or from the store) -> Report with its store identity: the reader the
    bytes call for, the sidecar's fields over what the file said of itself, then the parser."""
    from reporter.parse import parse
    from reporter.readers import load_sidecar, read_document

    doc = read_document(path, data)
    doc.meta = {**doc.meta, **load_sidecar(path, sidecar)}  # None: no sidecar, never the disk's
    report = parse(doc, str(path), checksum, year)
    report.source, report.source_key = str(path), key
    return relabel(report, report_id)


def relabel(report: Report, report_id: str) -> Report:
    """Give a parsed report (and every fact it holds) the id the store decided."""
    report.id = report_id
    for fact in [*report.facts, *getattr(report, "context_facts", [])]:
        fact.report_id = report_id
    return report


def parse_files(files: list[Path], quiet: bool = True, contents: dict[Path, bytes] | None = None,
                year: int | None = None) -> list[Report]:
    """Parse files (or the bytes already read for them), with a progress bar on a terminal:
    each with the sidecar beside it, as an ingest would."""
    from reporter.readers import read_bytes, read_sidecar_bytes
    from reporter.store import checksum_of as source_checksum

    contents = contents or {}
    reports = []
    for path in progress(files, "parsing", quiet):
        data, sidecar = contents.get(path) or read_bytes(path), read_sidecar_bytes(path)
        key = str(path.resolve())
        reports.append(parse_source(path, data, sidecar, path.stem, key, source_checksum(data, sidecar), year))
    return reports


def parse_file(path: Path, year: int | None = None) -> Report:
    """One file (and its sidecar) -> Report, not stored: what tests and benchmarks call."""
    return parse_files([path], year=year)[0]


# ---------------------------------------------------------------- planning


@dataclass
class Plan:
    parse: list[tuple[Source, str]] = field(default_factory=list)  # source, the id it gets
    fill_text: list[tuple[str, Source]] = field(default_factory=list)  # stored rows that lack their text
    duplicates: list[tuple[Source, str]] = field(default_factory=list)  # source, id storing its content
    aliases: list[tuple[str, str | None]] = field(default_factory=list)  # copy's key -> id (None: forget)
    unchanged: int = 0
    prune: list[str] = field(default_factory=list)  # ids
    stale: bool = False
    upgrade: bool = False

    def work(self) -> bool:
        return bool(self.parse or self.fill_text or self.aliases or self.prune or self.stale or self.upgrade)


def plan(state: State, sources: list[Source], fingerprint: str, prune_roots: list[str] | None) -> Plan:
    """What an ingest has to do, decided from the store's identities (no JSON, no parsing).

    One report per content: a copy of a stored report's content is remembered as its alias, and
    when that report's own file changes or goes (--prune), the copy becomes a report of its own
    instead of the content leaving the store."""
    p = Plan(stale=bool(state.rows) and state.fingerprint != fingerprint, upgrade=bool(state.rows) and state.version < VERSION)
    by_id, by_key, by_sum = state.by_id, state.by_key, state.by_checksum
    batch = {s.key: s for s in sources}
    taken = {r.id for r in state.rows}
    claimed: dict[str, str] = {}  # checksum -> id, for this batch
    changing = [by_key[s.key] for s in sources if s.key in by_key and by_key[s.key].checksum != s.checksum]
    heirs = {}  # key of a living copy -> the changing report whose content it keeps
    for row in changing:
        heir = _living_copy(state, row, batch)
        if heir is not None:
            heirs[heir.key] = heir
            new_id = _free_id(heir.path.stem, taken)
            taken.add(new_id)
            claimed[heir.checksum] = new_id
            p.parse.append((heir, new_id))
    for s in sources:
        if s.key in heirs:
            continue
        row = by_key.get(s.key)
        if row and row.checksum == s.checksum:
            p.unchanged += 1
            if not row.has_text:
                p.fill_text.append((row.id, s))
            claimed.setdefault(s.checksum, row.id)
            continue
        alias = state.aliases.get(s.key)
        if row is None and alias is not None:
            if alias in by_id and by_id[alias].checksum == s.checksum and s.checksum not in claimed:
                p.unchanged += 1  # a known copy of a report that stays
                claimed[s.checksum] = alias
                continue
            p.aliases.append((s.key, None))  # the copy changed: it is a source of its own now
        same = by_sum.get(s.checksum)
        if s.checksum in claimed:
            p.duplicates.append((s, claimed[s.checksum]))
            p.aliases.append((s.key, claimed[s.checksum]))
            continue
        if same is not None and (row is None or same.id != row.id) and _keeps(batch, same):
            # (a stored report whose own file changes in this batch is no longer this content)
            if row is not None or (same.key in batch or os.path.exists(same.key)):
                p.duplicates.append((s, same.id))  # a copy of a stored report: one report per content
                p.aliases.append((s.key, same.id))
                continue
            p.parse.append((s, same.id))  # the stored file moved or was renamed: it keeps its id
            claimed[s.checksum] = same.id
            continue
        report_id = row.id if row else _free_id(s.path.stem, taken)
        taken.add(report_id)
        claimed[s.checksum] = report_id
        p.parse.append((s, report_id))
    if prune_roots:
        parsed = {i for _, i in p.parse}
        for row in state.rows:
            under = any(row.key.startswith(root.rstrip(os.sep) + os.sep) for root in prune_roots)
            if under and row.id not in parsed and row.key not in batch and not os.path.exists(row.key):
                heir = _living_copy(state, row, batch)
                if heir is None:
                    p.prune.append(row.id)
                elif heir.key not in heirs and heir.key not in {s.key for s, _ in p.parse}:
                    p.parse.append((heir, row.id))  # the file is gone but a copy lives: the report moves there
    return p


def _keeps(batch: dict[str, Source], row: Row) -> bool:
    """Whether a stored report's own file still has its content as far as this batch tells."""
    return row.key not in batch or batch[row.key].checksum == row.checksum


def _living_copy(state: State, row: Row, batch: dict[str, Source]) -> Source | None:
    """A remembered copy of ROW's content whose file still has it."""
    from reporter.readers import read_bytes, read_sidecar_bytes

    for key in sorted(k for k, i in state.aliases.items() if i == row.id):
        if key in batch:
            if batch[key].checksum == row.checksum:
                return batch[key]
            continue
        try:
            path = Path(key)
            if path.is_file():
                data, sidecar = read_bytes(path), read_sidecar_bytes(path)
                if checksum_of(data, sidecar) == row.checksum:
                    return Source(path, key, data, sidecar, row.checksum)
        except (UserError, OSError):
            continue
    return None


def _free_id(stem: str, taken: set[str]) -> str:
    stem = stem or "report"
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


# ---------------------------------------------------------------- use cases


def ingest(opts: IngestOptions) -> IngestResult:
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
    ready = parse_all(first.parse, opts)
    with store.writing() as writer:  # decide again under the lock: another ingest may have run
        return _apply(writer, plan(writer.state(), sources, fingerprint, roots), fingerprint, opts, ready)


def _parse_job(job: tuple) -> Parsed:
    """One source parsed (in a pool process: OCR's switch travels in the job, not a context)."""
    from contextlib import nullcontext

    from reporter.readers.ocr import ocr_on
    from reporter.textui import bars_off

    s, report_id, year, *switches = job  # (source, id, year[, ocr, quiet])
    ocr, quiet = (list(switches) + [None, True])[:2]
    with ocr_on(ocr) if ocr is not None else nullcontext(), bars_off(quiet):
        return Parsed.of(parse_source(s.path, s.data, s.sidecar, report_id, s.key, s.checksum, year), s.data)


def parse_all(batch: list[tuple[Source, str]], opts: IngestOptions) -> dict[str, Parsed]:
    """Parse a batch, in a pool of processes when there is enough to share (one per core by default)."""
    jobs = [(s, report_id, opts.year, opts.ocr, opts.quiet) for s, report_id in batch]
    workers = min(opts.jobs or os.cpu_count() or 1, len(jobs))
    if workers <= 1 or len(jobs) < 4:
        return {job[0].key: _parse_job(job) for job in progress(jobs, "parsing", opts.quiet)}
    from concurrent.futures import ProcessPoolExecutor

    from reporter.processes import die_with_parent

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        # small chunks: the last ones finish together (a chunk of 60 reports left one core idle ~1 s)
        parsed = pool.map(_parse_job, jobs, chunksize=max(1, min(4, len(jobs) // (workers * 8))))
        return {job[0].key: done for job, done in zip(jobs, progress_of(parsed, len(jobs), opts.quiet))}


def progress_of(items, total: int, quiet: bool):
    """The progress bar over results that arrive one by one (a pool's map)."""
    counter = list(range(total))
    for _, item in zip(progress(counter, "parsing", quiet), items):
        yield item


def _apply(w: Writer, p: Plan, fingerprint: str, opts: IngestOptions, ready: dict[str, Parsed] | None = None) -> IngestResult:
    for report_id, s in p.fill_text:
        w.put_text(report_id, s.data, s.sidecar)
    parsed = []
    for s, report_id in p.parse:  # a failure rolls everything back
        done = (ready or {}).get(s.key) or _parse_job((s, report_id, opts.year, opts.ocr, opts.quiet))
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
    opts = IngestOptions(store=store_path, say=say)
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
        ingest(IngestOptions(store=store_path))
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
