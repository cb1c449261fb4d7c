"""The corpus: one SQLite file that never loses a report.

A report is stored whole as JSON (the model round-trips exactly) plus a flat facts table for
queries, and beside it the source's own bytes (and its .meta.toml sidecar), so a parser upgrade
re-parses every report from the store without the original files. Since version 3 the JSON and
the source bytes are zlib-compressed (a BLOB; older rows stay readable as they are), so the store
stays near the size of its sources; `encode` runs in the parsing processes, the writer only
inserts.

- Identity: a report row has a stable readable id (the file stem, `-2`, `-3`... when taken), a
  source key (the file's absolute path at ingest) and the content checksum (source + sidecar).
- Reading (`Store.reports`, `Store.state`...) opens the file read-only (`mode=ro`): a read never
  writes, and a file that is not a reporter store is refused in one line and left as it was.
- Writing (`Store.writing()`) takes a lock file beside the store (flock), then one
  `BEGIN IMMEDIATE` transaction: concurrent ingests run one after the other, a kill leaves the
  old store or the new one. Schema upgrades run there, by `PRAGMA user_version` (store_versions.py).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import time
import urllib.parse
import zlib
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from decimal import InvalidOperation
from pathlib import Path
from typing import Iterator

from reporter.areas import area_of
from reporter.errors import UserError
from reporter.model import Fact, Report, report_from_dict, to_jsonable
from reporter.store_versions import APPLICATION_ID, REQUIRED, VERSION, migrate, unpack_json

try:
    import fcntl
except ImportError:  # not POSIX: writers still serialise on SQLite's BEGIN IMMEDIATE and busy timeout
    fcntl = None

ZLIB_LEVEL = 6  # ~4x smaller JSON, ~2x smaller text; level 9 saves 1% more and costs twice the time


def _seconds(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


LOCK_TIMEOUT = _seconds("REPORTER_LOCK_TIMEOUT", 600)  # seconds an ingest waits for another
BUSY_TIMEOUT = _seconds("REPORTER_BUSY_TIMEOUT", 30)  # seconds SQLite waits on a commit

class NotWritable(UserError):
    """The store (or its folder) cannot be written: read-only file, folder or file system."""


class NeedsRecovery(UserError):
    """A killed writer left a hot journal that only a writable connection can roll back."""


def checksum_of(data: bytes, sidecar: bytes | None = None) -> str:
    """A report's content checksum: the source's bytes, and its sidecar's when it has one."""
    digest = hashlib.sha256(data)
    if sidecar is not None:
        digest.update(b"\0reporter-sidecar\0" + sidecar)
    return digest.hexdigest()


@dataclass
class Row:
    """One stored report without its JSON: what an ingest decides on."""

    id: str
    source: str
    key: str
    checksum: str
    has_text: bool


@dataclass
class State:
    version: int = VERSION
    fingerprint: str | None = None
    rows: list[Row] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # key of a copy -> id of the report with its content

    @property
    def by_id(self) -> dict[str, Row]:
        return {r.id: r for r in self.rows}

    @property
    def by_key(self) -> dict[str, Row]:
        return {r.key: r for r in self.rows}

    @property
    def by_checksum(self) -> dict[str, Row]:
        return {r.checksum: r for r in self.rows}


@dataclass
class Encoded:
    """A report in the store's own form, made where it was parsed: the writer only inserts it."""

    id: str
    source: str
    key: str
    checksum: str
    data: bytes  # zlib-compressed JSON
    facts: list[tuple]  # rows of the facts table (report id first)
    area: str = ""  # the area the report speaks for (reports.area, for queries by area)


def encode(report: Report) -> Encoded:
    data = zlib.compress(json.dumps(to_jsonable(report), ensure_ascii=False).encode("utf-8"), ZLIB_LEVEL)
    rows = [(report.id, f.indicator, f.period, f.kind, None if f.value is None else str(f.value), f.unit,
             f.qualifier, f.label, f.raw, f.quote) for f in report.facts]
    return Encoded(report.id, report.source, report.source_key, report.checksum, data, rows, report.area)


def pack(text: bytes) -> bytes:
    """A source's bytes as the store keeps them (see Transaction.put)."""
    return zlib.compress(text, ZLIB_LEVEL)


@dataclass
class StoredSource:
    id: str
    source: str
    key: str
    checksum: str
    text: bytes | None
    sidecar: bytes | None


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)

    # ------------------------------------------------------------ reading (never writes)

    def exists(self) -> bool:
        try:
            return self.path.exists()
        except OSError as exc:  # a name too long, a loop of links...
            raise UserError(f"{self.path}: cannot use this store path ({exc.strerror or exc})") from None

    @contextmanager
    def _reading(self) -> Iterator[tuple[sqlite3.Connection, int] | None]:
        """A read-only connection and the schema version, or None when there is no store yet."""
        if not self.exists():
            yield None
            return
        if not self.path.is_file():
            raise UserError(f"{self.path}: not a reporter store (not a file)")
        uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro" + self._immutable()
        with self._errors():
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
        with closing(conn), self._errors():
            version = self._check(conn)
            yield (conn, version) if version is not None else None

    def _immutable(self) -> str:
        """'&immutable=1' for a file whose header does not say a rollback journal (bytes 18-19 are 1
        in every store this program writes): a WAL file, another program's or damaged, would make
        even a read-only connection create -wal and -shm files beside it. Read as immutable, it is
        checked (and refused) without anything written beside it."""
        try:
            with open(self.path, "rb") as f:
                header = f.read(20)
        except OSError:
            return ""
        return "" if len(header) < 20 or header[18:20] == b"\x01\x01" else "&immutable=1"

    def state(self) -> State:
        """Schema version, parser fingerprint and the stored reports' identities (no JSON)."""
        with self._reading() as opened:
            if opened is None:
                return State()
            conn, version = opened
            return _state(conn, version)

    def fingerprint(self) -> str | None:
        return self.state().fingerprint

    def reports(self, areas: set[str] | None = None, indicators: set[str] | None = None) -> list[Report]:
        """Every stored report; with AREAS, only the reports of those areas (a store before
        version 4 has no area column: all of them, the caller filters); with INDICATORS, each
        report with only the facts of those indicators and without its sections (a product
        comparing a few indicators of many areas need not hold every figure and paragraph)."""
        with self._reading() as opened:
            if opened is None:
                return []
            conn, version = opened
            key = "source_key" if version >= 1 else "source"
            area = "area" if version >= 4 else "NULL"
            query, args = f"SELECT id, {key}, data, {area} FROM reports", ()
            if areas is not None and version >= 4:
                stored = {a for (a,) in conn.execute("SELECT DISTINCT area FROM reports") if a}
                args = tuple(sorted(set(areas) & stored))
                query += f" WHERE area IN ({', '.join('?' * len(args))})"
            rows = conn.execute(query + " ORDER BY id", args).fetchall()
        return [self._decode(*row, indicators=indicators) for row in rows]

    def areas(self) -> list[str] | None:
        """The areas stored reports speak for (None before version 4: not recorded)."""
        with self._reading() as opened:
            if opened is None:
                return []
            conn, version = opened
            if version < 4:
                return None
            return [a for (a,) in conn.execute("SELECT DISTINCT area FROM reports") if a]

    def report(self, key: str) -> Report | None:
        """A report by id, file name, source path or a unique id prefix."""
        reports = self.reports()
        resolved = resolved_path(key)
        for match in (
            lambda r: r.id == key,
            lambda r: r.source_key in (key, resolved) or r.source == key,
            lambda r: Path(r.source).name == key,
        ):
            found = [r for r in reports if match(r)]
            if found:
                return found[0]
        found = [r for r in reports if r.id.startswith(key)]
        if len(found) > 1:
            raise UserError(f"'{key}' matches {len(found)} reports ({', '.join(r.id for r in found[:5])}); give more of the id")
        return found[0] if found else None

    def _decode(self, report_id: str, key: str, data: str, area: str | None = None,
                indicators: set[str] | None = None) -> Report:
        try:
            if not (isinstance(report_id, str) and report_id and isinstance(key, str) and isinstance(data, (str, bytes))):
                raise ValueError(f"id {report_id!r}, key {key!r}, data of type {type(data).__name__}")
            report = report_from_dict(narrowed(json.loads(unpack_json(data)), indicators))
        except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation, RecursionError, zlib.error) as exc:
            raise UserError(f"{self.path}: report '{report_id}' is damaged ({type(exc).__name__}: {exc}); "
                            f"remove it with `reporter remove {report_id}` and ingest its file again") from None
        report.id, report.source_key = report_id, key
        if not report.area:  # stored before reports knew their area: the column, else as the parser would
            report.area = area if isinstance(area, str) and area else area_of(report)
        return report

    # ------------------------------------------------------------ writing

    @contextmanager
    def writing(self) -> Iterator["Transaction"]:
        """The store locked for this process, upgraded, in one IMMEDIATE transaction: all or nothing."""
        if self.exists():
            try:
                self.state()  # refuse a file that is not a reporter store before touching anything beside it
            except NeedsRecovery:
                pass  # the writable connection below rolls the interrupted transaction back
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{self.path.parent}: cannot create the store folder ({exc.strerror or exc})") from None
        with self._lock():
            with self._errors():
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            with closing(conn), self._errors():
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    version = self._check(conn)
                    migrate(conn, 0 if version is None else version)
                    yield Transaction(conn, self)
                except BaseException:
                    if conn.in_transaction:  # SQLite may have rolled back already (disk full, corruption)
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")

    @contextmanager
    def _lock(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        real = self.path.resolve()  # two symlinks to one store must take the same lock
        lock = real.with_name(real.name + ".lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise NotWritable(f"{lock}: cannot create the store's lock file ({exc.strerror or exc}); is the folder writable?") from None
        try:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise UserError(f"{lock}: cannot lock the store ({exc.strerror or exc})") from None
                    if time.monotonic() > deadline:
                        raise UserError(f"{self.path}: another reporter process has held the store for "
                                        f"{LOCK_TIMEOUT:.0f} s; try again when it has finished") from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock (a killed process releases it too)

    # ------------------------------------------------------------ shared

    def _check(self, conn: sqlite3.Connection) -> int | None:
        """The schema version of a reporter store, None for an empty database; anything else refused."""
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and app == 0 and version == 0:
            return None
        if app not in (0, APPLICATION_ID):
            raise UserError(f"{self.path}: not a reporter store (another application's SQLite file); pass --store with another path")
        if version < 0:
            raise UserError(f"{self.path}: not a reporter store (store version {version}); move it aside or pass --store")
        if version > VERSION:
            raise UserError(f"{self.path}: made by a newer reporter (store version {version}, this one reads up to {VERSION}); upgrade reporter")
        for table, columns in REQUIRED.items():
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if not columns <= have:
                raise UserError(f"{self.path}: not a reporter store (no '{table}' table with {', '.join(sorted(columns))}); pass --store with another path")
        return version

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """SQLite's exceptions as one line a user can act on."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if getattr(exc, "sqlite_errorname", "") in ("SQLITE_READONLY_ROLLBACK", "SQLITE_READONLY_RECOVERY"):
                raise NeedsRecovery(f"{self.path}: an interrupted ingest left the store to be rolled back; "
                                    "run `reporter ingest` once (it recovers the last complete store)") from None
            if "locked" in text or "busy" in text:
                raise UserError(f"{self.path}: the store is locked by another process; try again when it has finished") from None
            if "readonly" in text or "read-only" in text:
                raise NotWritable(f"{self.path}: cannot write the store (read-only file or folder)") from None
            if "unable to open" in text:
                raise UserError(f"{self.path}: cannot open the store (check the path and its permissions)") from None
            if "disk is full" in text or "disk I/O" in text:
                raise UserError(f"{self.path}: cannot write the store ({text})") from None
            raise UserError(f"{self.path}: the store is damaged or not a reporter store ({text})") from None
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{self.path}: not a reporter store or damaged ({exc}); move it aside or pass --store") from None


class Transaction:
    """Changes inside one store transaction (see Store.writing)."""

    def __init__(self, conn: sqlite3.Connection, store: Store):
        self.conn, self.store = conn, store

    def state(self) -> State:
        return _state(self.conn, VERSION)

    def sources(self) -> list[StoredSource]:
        """Every stored report's source text, unpacked ('' when it does not unpack: the caller sees damage)."""
        rows = self.conn.execute(
            "SELECT r.id, r.source, r.source_key, r.checksum, s.text, s.sidecar, s.packed FROM reports r "
            "LEFT JOIN sources s ON s.report_id = r.id ORDER BY r.id")
        return [StoredSource(*row[:4], _unpacked(row[4], row[6]), row[5]) for row in rows]

    def set_fingerprint(self, fingerprint: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (fingerprint,))

    def put(self, report: Report, text: bytes | None, sidecar: bytes | None) -> None:
        """Insert or replace a report (by id, key or checksum) with its facts and source text."""
        self.put_encoded(encode(report), None if text is None else pack(text), sidecar)

    def put_encoded(self, e: Encoded, packed: bytes | None, sidecar: bytes | None) -> None:
        """put() of a report encoded elsewhere (a parsing process) with its text already packed."""
        conn = self.conn
        conn.execute("DELETE FROM reports WHERE id = ? OR source_key = ? OR checksum = ?", (e.id, e.key, e.checksum))
        conn.execute("INSERT INTO reports (id, source, checksum, data, source_key, name, area) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (e.id, e.source, e.checksum, e.data, e.key, Path(e.source).name, e.area or None))
        if packed is not None:
            conn.execute("INSERT INTO sources (report_id, text, sidecar, packed) VALUES (?, ?, ?, 1)", (e.id, packed, sidecar))
        conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?)", e.facts)

    def put_text(self, report_id: str, text: bytes, sidecar: bytes | None) -> None:
        """Keep the source text of a report stored before the store kept texts."""
        self.conn.execute("INSERT OR REPLACE INTO sources (report_id, text, sidecar, packed) VALUES (?, ?, ?, 1)",
                          (report_id, pack(text), sidecar))

    def remove(self, report_id: str) -> None:
        self.conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    def alias(self, key: str, report_id: str | None) -> None:
        """Remember that the file at KEY has the content of REPORT_ID (None forgets it)."""
        self.conn.execute("DELETE FROM aliases WHERE key = ?", (key,))
        if report_id is not None:  # only while the report is there (this ingest may have replaced it)
            self.conn.execute("INSERT INTO aliases SELECT ?, id FROM reports WHERE id = ?", (key, report_id))


def _unpacked(text, packed) -> bytes | str | None:
    """A stored source text as bytes; '' (not bytes: 'damaged' to the caller) when it does not unpack."""
    if text is None or not packed:
        return text
    try:
        return zlib.decompress(text)
    except (zlib.error, TypeError):
        return ""


def resolved_path(text: str) -> str | None:
    """TEXT as an absolute path with links resolved, None when it cannot be a path."""
    try:
        return str(Path(text).resolve())
    except (OSError, ValueError, RuntimeError):
        return None


def narrowed(data: dict, indicators: set[str] | None) -> dict:
    """A stored report's JSON with only its own facts of INDICATORS and no sections (None: as
    stored). The figures it quotes of other areas are kept whole: they are few, and they are how
    a product knows which areas the store holds."""
    if indicators is None or not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return data
    return {**data, "sections": [],
            "facts": [f for f in data["facts"] if isinstance(f, dict) and f.get("indicator") in indicators]}


def _state(conn: sqlite3.Connection, version: int | None) -> State:
    if version is None:
        return State()
    row = conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
    if version >= 1:
        query = ("SELECT r.id, r.source, r.source_key, r.checksum, s.report_id IS NOT NULL FROM reports r "
                 "LEFT JOIN sources s ON s.report_id = r.id")
    else:
        query = "SELECT id, source, source, checksum, 0 FROM reports"
    rows = [Row(i, s, k, c, bool(t)) for i, s, k, c, t in conn.execute(query)]
    for r in rows:
        if not all(isinstance(v, str) and v for v in (r.id, r.source, r.key, r.checksum)):
            raise UserError(f"{_path(conn)}: a stored report is damaged (id {r.id!r}, source {r.source!r}); "
                            "move the store aside and ingest again")
    aliases = dict(conn.execute("SELECT key, report_id FROM aliases")) if version >= 2 else {}
    return State(version, row[0] if row and isinstance(row[0], str) else None, rows,
                 {k: i for k, i in aliases.items() if isinstance(k, str) and isinstance(i, str)})


def _path(conn: sqlite3.Connection) -> str:
    return next((file for _, name, file in conn.execute("PRAGMA database_list") if name == "main"), "the store")


def all_facts(reports: list[Report]) -> list[Fact]:
    return [f for r in reports for f in r.facts]
