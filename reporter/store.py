"""The corpus: one SQLite file, reports keyed by source checksum.

A report is stored whole as JSON (the model round-trips exactly) plus a flat facts table
for queries. An ingest writes everything in one transaction, or nothing.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from reporter.errors import UserError
from reporter.model import Fact, Report, report_from_dict, to_jsonable

SCHEMA = """
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


class Store:
    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{self.path}: not a reporter store ({exc}); move it aside or pass --store") from exc
        return conn

    def exists(self) -> bool:
        return self.path.exists()

    def checksums(self) -> dict[str, str]:
        """checksum -> report id of everything stored."""
        if not self.exists():
            return {}
        with closing(self._connect()) as conn:
            return dict(conn.execute("SELECT checksum, id FROM reports"))

    def fingerprint(self) -> str | None:
        """The parser fingerprint the stored reports were made with."""
        if not self.exists():
            return None
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
        return row[0] if row else None

    def save(self, reports: list[Report], fingerprint: str, replace_all: bool = False) -> None:
        """Write reports in one transaction (all or none); replace_all empties the store first."""
        with closing(self._connect()) as conn, conn:
            if replace_all:
                conn.execute("DELETE FROM facts")
                conn.execute("DELETE FROM reports")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (fingerprint,))
            for report in reports:
                conn.execute("DELETE FROM reports WHERE id = ? OR checksum = ?", (report.id, report.checksum))
                conn.execute(
                    "INSERT INTO reports (id, source, checksum, data) VALUES (?, ?, ?, ?)",
                    (report.id, report.source, report.checksum, json.dumps(to_jsonable(report), ensure_ascii=False)),
                )
                conn.executemany(
                    "INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (report.id, f.indicator, f.period, f.kind, None if f.value is None else str(f.value), f.unit,
                         f.qualifier, f.label, f.raw, f.quote, f.section, f.source)
                        for f in report.facts
                    ],
                )

    def reports(self) -> list[Report]:
        if not self.exists():
            return []
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT data FROM reports ORDER BY id").fetchall()
        return [report_from_dict(json.loads(data)) for (data,) in rows]

    def report(self, key: str) -> Report | None:
        for report in self.reports():
            if key in (report.id, Path(report.source).name, report.source) or report.id.startswith(key):
                return report
        return None


def all_facts(reports: list[Report]) -> list[Fact]:
    return [f for r in reports for f in r.facts]

