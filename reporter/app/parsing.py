"""Reading and parsing sources for the ingest use case: files found and read once (bytes, sidecar,
checksum), parsed in a pool of processes when there is enough to share (each job carries the
run's Settings, so a pool process names figures with the same registry overlay), and handed
back encoded for the store."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reporter.errors import UserError
from reporter.model import Report
from reporter.settings import Settings
from reporter.store import Encoded, checksum_of, encode, pack
from reporter.textui import progress


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


def parse_job(job: tuple) -> Parsed:
    """One source parsed (in a pool process: the settings and OCR's switch travel in the job)."""
    from contextlib import nullcontext

    from reporter.readers.ocr import ocr_on
    from reporter.textui import bars_off

    s, report_id, year, ocr, quiet, settings = job
    with settings.active(), ocr_on(ocr) if ocr is not None else nullcontext(), bars_off(quiet):
        return Parsed.of(parse_source(s.path, s.data, s.sidecar, report_id, s.key, s.checksum, year), s.data)


def parse_all(batch: list[tuple[Source, str]], settings: Settings, year: int | None = None, ocr: bool | None = None,
              quiet: bool = True, processes: int | None = None) -> dict[str, Parsed]:
    """Parse a batch, in a pool of processes when there is enough to share (one per core by default)."""
    jobs = [(s, report_id, year, ocr, quiet, settings) for s, report_id in batch]
    workers = min(processes or os.cpu_count() or 1, len(jobs))
    if workers <= 1 or len(jobs) < 4:
        return {job[0].key: parse_job(job) for job in progress(jobs, "parsing", quiet)}
    from concurrent.futures import ProcessPoolExecutor

    from reporter.processes import die_with_parent

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent) as pool:
        # small chunks: the last ones finish together (a chunk of 60 reports left one core idle ~1 s)
        parsed = pool.map(parse_job, jobs, chunksize=max(1, min(4, len(jobs) // (workers * 8))))
        return {job[0].key: done for job, done in zip(jobs, progress_of(parsed, len(jobs), quiet))}


def progress_of(items, total: int, quiet: bool):
    """The progress bar over results that arrive one by one (a pool's map)."""
    counter = list(range(total))
    for _, item in zip(progress(counter, "parsing", quiet), items):
        yield item
