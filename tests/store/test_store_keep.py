"""The store never loses a report (issue 10 #2): parser upgrades re-parse from the stored text,
reports leave only by `remove` or `ingest --prune`, old stores upgrade, concurrent and killed
ingests lose nothing."""
import json
import os
import random
import shutil
import signal
import subprocess
import sqlite3
import zlib
import time

import pytest

from reporter.cli import main
from reporter.store_versions import SCHEMA_V0
from store_helpers import SEED_FILES, cli, copy_seeds, fingerprint, integrity, make_stale, one_line_error, popen, rows


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def facts_per_report(db):
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT report_id, count(*) FROM facts GROUP BY report_id"))


def test_parser_upgrade_reparses_every_stored_report_from_its_text(capsys, tmp_path, monkeypatch):
    from reporter.parse import parser_fingerprint

    db = tmp_path / "store" / "s.db"
    copy_seeds(tmp_path / "src")
    assert run(capsys, "--store", db, "ingest", tmp_path / "src")[0] == 0
    counts = facts_per_report(db)
    shutil.rmtree(tmp_path / "src")  # the files are gone (moved, another machine, another cwd)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    make_stale(db)
    new = copy_seeds(tmp_path / "more", SEED_FILES[:1], tag="另一份")
    code, out, err = run(capsys, "--store", db, "ingest", tmp_path / "more")
    assert code == 0, err
    assert "parsing 5 stored report(s) again from the stored text" in out
    assert len(rows(db)) == 6 and fingerprint(db) == parser_fingerprint()
    assert {k: v for k, v in facts_per_report(db).items() if k in counts} == counts
    assert new[0].stem + "-2" in facts_per_report(db)


def test_products_load_a_stale_store_without_its_files(capsys, tmp_path, monkeypatch):
    from reporter.app.ingest import load_corpus
    from reporter.parse import parser_fingerprint

    db = tmp_path / "s.db"
    copy_seeds(tmp_path / "src", SEED_FILES[2:])
    run(capsys, "--store", db, "ingest", tmp_path / "src")
    before = {r.id: len(r.facts) for r in load_corpus(db)}
    shutil.rmtree(tmp_path / "src")
    monkeypatch.chdir(tmp_path)
    make_stale(db)
    after = {r.id: len(r.facts) for r in load_corpus(db)}
    assert after == before and len(after) == 3 and fingerprint(db) == parser_fingerprint()


def test_reports_leave_only_by_remove_or_prune(capsys, tmp_path):
    db = tmp_path / "s.db"
    a = copy_seeds(tmp_path / "a", SEED_FILES[:2])
    b = copy_seeds(tmp_path / "b", SEED_FILES[2:3])
    run(capsys, "--store", db, "ingest", tmp_path / "a", tmp_path / "b")
    a[0].unlink()
    b[0].unlink()
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "a")
    assert code == 0 and len(rows(db)) == 3  # a gone file is not a reason to forget its report
    make_stale(db)
    assert run(capsys, "--store", db, "ingest", tmp_path / "a")[0] == 0 and len(rows(db)) == 3
    code, out, _ = run(capsys, "--store", db, "ingest", "--prune", tmp_path / "a")
    assert code == 0 and f"pruned {a[0].stem}" in out
    assert [i for i, _, _ in rows(db)] == [a[1].stem, b[0].stem]  # b's report is not under a/
    code, _, err = run(capsys, "--store", db, "remove", "nothing", a[1].stem)
    assert code == 1 and "no report 'nothing'" in err and len(rows(db)) == 2
    code, out, _ = run(capsys, "--store", db, "remove", b[0].stem)
    assert code == 0 and f"removed {b[0].stem}" in out
    code, out, _ = run(capsys, "--store", db, "remove", str(a[1]))
    assert code == 0 and rows(db) == []




def build_v0_store(db, files, fingerprint_value="v0-parser"):
    """A store as the first release wrote it: source as given, checksum of the bytes, no text."""
    from reporter.model import to_jsonable
    from reporter.app.ingest import parse_file as parse_report

    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_V0)
    with conn:
        conn.execute("INSERT INTO meta VALUES ('parser', ?)", (fingerprint_value,))
        for path in files:
            report = parse_report(path)
            data = to_jsonable(report)
            data.pop("source_key", None)
            conn.execute("INSERT INTO reports VALUES (?, ?, ?, ?)",
                         (report.id, report.source, report.checksum, json.dumps(data, ensure_ascii=False)))
            conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                             [(report.id, f.indicator, f.period, f.kind, str(f.value), f.unit, f.qualifier, f.label,
                               f.raw, f.quote, f.section, f.source) for f in report.facts])
    conn.close()


def test_a_version_0_store_opens_read_only_and_upgrades(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = copy_seeds(tmp_path / "src", SEED_FILES[:3])
    db = tmp_path / "old.db"
    build_v0_store(db, [files[0].relative_to(tmp_path), files[1], files[2]])
    files[2].unlink()  # one report's file is gone: its text cannot be recovered, the report is kept
    raw = db.read_bytes()
    code, out, err = run(capsys, "--store", db, "reports")
    assert code == 0 and out.count("\n") == 5 and db.read_bytes() == raw  # read as it is, not upgraded
    extra = copy_seeds(tmp_path / "more", SEED_FILES[4:])
    code, out, err = run(capsys, "--store", db, "ingest", extra[0])
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4  # v0 -> v1 -> v2 -> v3 -> v4
        texts = {i: None if text is None else len(zlib.decompress(text) if packed else text) for i, text, packed in
                 conn.execute("SELECT r.id, s.text, s.packed FROM reports r LEFT JOIN sources s ON s.report_id = r.id")}
        keys = dict(conn.execute("SELECT id, source_key FROM reports"))
    assert len(texts) == 4 and texts[files[2].stem] is None
    assert texts[files[0].stem] == files[0].stat().st_size and keys[files[0].stem] == str(files[0])
    assert "kept as parsed before" in out  # the stale report without text is kept, and said so
    code, out, _ = run(capsys, "--store", db, "show", files[2].stem)
    assert code == 0


# ---------------------------------------------------------------- processes


def test_concurrent_ingests_on_a_stale_store_lose_nothing(tmp_path):
    db = tmp_path / "s.db"
    copy_seeds(tmp_path / "base")
    assert cli("--store", db, "ingest", tmp_path / "base").returncode == 0
    copy_seeds(tmp_path / "one", tag="一")
    copy_seeds(tmp_path / "two", tag="二")
    for attempt in range(2):
        make_stale(db)
        procs = [popen("--store", db, "ingest", tmp_path / name) for name in ("one", "two")]
        results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
        assert [r[2] for r in results] == [0, 0], results
        keys = {k for _, k, _ in rows(db)}
        assert len(keys) == 15 and {str(p) for d in ("base", "one", "two") for p in (tmp_path / d).iterdir()} == keys
        assert integrity(db) == "ok"


KILLS = int(os.environ.get("REPORTER_KILL_RUNS", "8"))  # 20 in the acceptance run; 8 keeps the suite quick


def test_killed_ingests_leave_the_old_store_or_the_new_one(tmp_path):
    """SIGKILL at random moments of an ingest that re-parses the store and adds files."""
    from reporter.store import NeedsRecovery, Store

    db = tmp_path / "s.db"
    copy_seeds(tmp_path / "base")
    copy_seeds(tmp_path / "new", tag="新")
    assert cli("--store", db, "ingest", tmp_path / "base").returncode == 0
    make_stale(db)
    old = rows(db)
    shutil.copy(db, tmp_path / "full.db")
    start = time.monotonic()
    assert cli("--store", tmp_path / "full.db", "ingest", tmp_path / "new").returncode == 0
    span = time.monotonic() - start
    new = rows(tmp_path / "full.db")
    assert len(new) == 10
    rng = random.Random(10)
    outcomes = {"old": 0, "new": 0, "journal left": 0, "reader told to recover": 0}
    for n in range(KILLS):  # random moments spread over the whole run: start-up, parsing, writing, commit
        proc = popen("--store", db, "ingest", tmp_path / "new")
        time.sleep(0.1 + (n + rng.random()) / KILLS * span * 1.15)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        journal = db.with_name(db.name + "-journal")
        outcomes["journal left"] += journal.exists() and journal.stat().st_size > 0
        # readers see a whole store (or are told to let an ingest recover it), never a half one
        try:
            assert len(Store(db).reports()) in (5, 10)
        except NeedsRecovery:
            outcomes["reader told to recover"] += 1
        recovered = sqlite3.connect(db)  # a writable connection rolls a hot journal back
        recovered.execute("SELECT count(*) FROM reports").fetchone()
        recovered.close()
        assert integrity(db) == "ok"
        now = rows(db)
        assert now in (old, new), now
        outcomes["old" if now == old else "new"] += 1
        if now == new:  # start again from the old store for the next kill
            with sqlite3.connect(db) as conn:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("DELETE FROM reports WHERE source_key LIKE ?", (str(tmp_path / "new") + "/%",))
            make_stale(db)
            assert rows(db) == old
    done = cli("--store", db, "ingest", tmp_path / "new")
    assert done.returncode == 0 and rows(db) == new and integrity(db) == "ok"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith("-journal")]
    print(f"{KILLS} kills: {outcomes}")


def test_a_killed_ingest_takes_its_parsing_workers_with_it(tmp_path):
    """SIGKILL of `ingest --jobs 2` while its pool parses: no worker stays behind."""
    (tmp_path / "src").mkdir()
    for n in range(4):
        for src in SEED_FILES:
            (tmp_path / "src" / f"{n}_{src.name}").write_text(src.read_text("utf-8") + f"\n附：副本{n}\n", "utf-8")
    proc = popen("--store", tmp_path / "s.db", "ingest", "--jobs", "2", tmp_path / "src")

    def workers() -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    deadline = time.monotonic() + 60
    while len(workers()) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    found = workers()
    assert found, "the ingest started no workers"
    time.sleep(0.3)  # the workers are parsing
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    alive = found
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in found if os.path.exists(f"/proc/{p}") and open(f"/proc/{p}/stat").read().split()[2] != "Z"]
    assert not alive, f"workers {alive} outlived the killed ingest"


def test_a_reparse_uses_the_stored_sidecar_not_the_disk(capsys, tmp_path):
    from reporter.app.ingest import load_corpus

    db = tmp_path / "s.db"
    src = copy_seeds(tmp_path / "src", SEED_FILES[4:])[0]
    side = src.with_name(src.name + ".meta.toml")
    side.write_text("delivered = 2020-03-01\n", "utf-8")
    run(capsys, "--store", db, "ingest", src)
    side.write_text("delivered = 1999-01-01\n", "utf-8")  # edited on disk, not ingested
    make_stale(db)
    (report,) = load_corpus(db)
    assert report.delivered == "2020-03-01"
    side.unlink()
    make_stale(db)
    (report,) = load_corpus(db)
    assert report.delivered == "2020-03-01"


def test_a_version_1_store_upgrades_to_3(capsys, tmp_path):
    """Each migration step runs in order: a store left at version 1 gains the aliases table, then
    compressed rows and the slimmer facts table (its old facts kept)."""
    from reporter.store_versions import _v0_to_v1

    files = copy_seeds(tmp_path / "src", SEED_FILES[4:])
    db = tmp_path / "v1.db"
    build_v0_store(db, files)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    _v0_to_v1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    assert run(capsys, "--store", db, "reports")[0] == 0
    copy = copy_seeds(tmp_path / "copy", SEED_FILES[4:])[0]
    code, out, err = run(capsys, "--store", db, "ingest", copy)
    assert code == 0 and "same content" in out, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert conn.execute("SELECT key FROM aliases").fetchall() == [(str(copy),)]
        facts = conn.execute("SELECT count(*) FROM facts WHERE report_id = ?", (files[0].stem,)).fetchone()[0]
        indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert facts > 0 and {"facts_report", "facts_indicator"} <= indexes


def test_the_fingerprint_covers_every_module_the_parser_imports():
    """A change to code the parser uses must make stored reports stale: every reporter module
    imported by parse/ or readers/ is in the fingerprint, except those that decide no output
    (errors, progress, the settings' paths, the data-file loader, the fingerprint itself)."""
    import re

    from store_helpers import ROOT

    source = (ROOT / "reporter" / "fingerprint.py").read_text("utf-8")
    covered = set(re.findall(r'root / "(\w+)\.py"', source))
    used = set()
    for path in [*(ROOT / "reporter" / "parse").glob("*.py"), *(ROOT / "reporter" / "readers").glob("*.py")]:
        used |= set(re.findall(r"^\s*(?:from|import) reporter\.(\w+)", path.read_text("utf-8"), re.M))
    exempt = {"parse", "readers", "errors", "textui", "settings", "datafiles", "fingerprint"}
    assert used - exempt - covered == set()
