"""The store's schema versions (PRAGMA user_version) and the migrations between them: a store made
by an older reporter is upgraded in the writing transaction, a newer one is refused.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from decimal import InvalidOperation
from pathlib import Path

from reporter.areas import area_of
from reporter.model import report_from_dict

APPLICATION_ID = 0x52505452  # "RPTR": marks the file as a reporter store
VERSION = 4


def unpack_json(data: str | bytes) -> str:
    """The stored JSON: compressed bytes since version 3, text before."""
    if isinstance(data, bytes):
        return zlib.decompress(data).decode("utf-8")
    return data


# version 0: the schema of the first releases (no user_version, no source text)
SCHEMA_V0 = """
CREATE TABLE IF NOT EXISTS reports (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  checksum TEXT NOT NULL UNIQUE,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  indicator TEXT, period TEXT, kind TEXT, value TEXT, unit TEXT, qualifier TEXT,
  label TEXT, raw TEXT, quote TEXT, section TEXT, source TEXT
);
CREATE INDEX IF NOT EXISTS facts_indicator ON facts(indicator, period);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
REQUIRED = {"reports": {"id", "source", "checksum", "data"}, "facts": {"report_id"}, "meta": {"key", "value"}}



def _v0_to_v1(conn: sqlite3.Connection) -> None:
    """Source keys (the path, not the bare file name) and the source text, for rows stored before.

    A row's key becomes its stored path made absolute; its text is taken from that file when the
    file still has the stored checksum, else the row is kept as parsed (never dropped) until the
    file is ingested again."""
    conn.execute("ALTER TABLE reports ADD COLUMN source_key TEXT")
    conn.execute("ALTER TABLE reports ADD COLUMN name TEXT")
    conn.execute("CREATE TABLE sources (report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,"
                 " text BLOB NOT NULL, sidecar BLOB)")
    seen: set[str] = set()
    for report_id, source, checksum in conn.execute("SELECT id, source, checksum FROM reports").fetchall():
        path = Path(source)
        key = str(path.absolute())
        if key in seen:
            key = f"{key}#{report_id}"
        seen.add(key)
        conn.execute("UPDATE reports SET source_key = ?, name = ? WHERE id = ?", (key, path.name, report_id))
        try:
            data = path.read_bytes() if path.is_file() else None
        except OSError:
            data = None
        if data is not None and hashlib.sha256(data).hexdigest() == checksum:
            conn.execute("INSERT INTO sources VALUES (?, ?, NULL)", (report_id, data))
    conn.execute("CREATE UNIQUE INDEX reports_source_key ON reports(source_key)")
    conn.execute("CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id)")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Copies: a file whose content a stored report already has is remembered as that report's
    alias, so the content survives when the report's own file changes or goes."""
    conn.execute("CREATE TABLE aliases (key TEXT PRIMARY KEY,"
                 " report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE)")
    conn.execute("CREATE INDEX aliases_report ON aliases(report_id)")


FACTS_V3 = """
CREATE TABLE facts (
  report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  indicator TEXT, period TEXT, kind TEXT, value TEXT, unit TEXT, qualifier TEXT, label TEXT, raw TEXT, quote TEXT
)"""


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """A store about the size of its sources. New reports' JSON is a zlib BLOB (old TEXT rows read
    as before) and a source text marked `packed` is zlib-compressed; rows stored before stay as they
    are until parsed again. The facts table loses the columns every fact repeated (its section
    heading and file name: in the report's JSON and `reports.name`), a third of the store."""
    conn.execute("ALTER TABLE sources ADD COLUMN packed INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE facts RENAME TO facts_v2")
    conn.execute(FACTS_V3)
    conn.execute("INSERT INTO facts SELECT report_id, indicator, period, kind, value, unit, qualifier, label, raw, quote"
                 " FROM facts_v2 WHERE report_id IN (SELECT id FROM reports)")
    conn.execute("DROP TABLE facts_v2")
    conn.execute("CREATE INDEX facts_report ON facts(report_id)")
    conn.execute("CREATE INDEX facts_indicator ON facts(indicator, period)")


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Areas: each report's area in a column (queries by area without the JSON), filled for the
    reports stored before from their issuer, title and opening, as the parser now decides it."""
    conn.execute("ALTER TABLE reports ADD COLUMN area TEXT")
    for report_id, data in conn.execute("SELECT id, data FROM reports").fetchall():
        try:
            area = area_of(report_from_dict(json.loads(unpack_json(data))))
        except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation, RecursionError, zlib.error):
            continue  # a damaged row stays as it is; reading it says so
        conn.execute("UPDATE reports SET area = ? WHERE id = ?", (area or None, report_id))
    conn.execute("CREATE INDEX reports_area ON reports(area)")


MIGRATIONS = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(conn: sqlite3.Connection, version: int) -> None:
    if version == VERSION:
        return
    if version == 0:
        for statement in SCHEMA_V0.split(";"):
            if statement.strip():
                conn.execute(statement)
    while version < VERSION:
        MIGRATIONS[version](conn)
        version += 1
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {VERSION}")
