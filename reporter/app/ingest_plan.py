"""What an ingest has to do, decided from the store's identities alone (no JSON, no parsing):
which sources to parse and under which id, which are copies of stored content (aliases), which
stored reports to prune. Decided once before parsing and again under the store's lock."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reporter.app.parsing import Source
from reporter.errors import UserError
from reporter.store import VERSION, Row, State, checksum_of


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
