"""Read-only commands never write; what is not a reporter store is refused in one line and left as
it was; damaged rows, read-only folders and locked stores are one line each (issue 10 #7, store)."""
import fcntl
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

from reporter.cli import main
from store_helpers import ROOT, SEED_FILES, cli, copy_seeds, one_line_error, rows

READ_COMMANDS = [
    ["reports"],
    ["show", "004_bd0e258bace6571b"],
    ["facts", "--format", "csv"],
    ["export", "--format", "json", "--out", "{out}"],
    ["templates", "context", "brief", "--years", "2019-2021"],
]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(code, err, *words):
    lines = err.strip().splitlines()
    return code == 1 and len(lines) == 1 and "internal error" not in err and all(w in err for w in words)


def listing(folder):
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    db = folder / "s.db"
    main(["-q", "--store", str(db), "ingest", str(SEED_FILES[0].parent)])
    return db


def test_read_commands_never_write_even_in_a_read_only_folder(good_store, tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "s.db"
    shutil.copy(good_store, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    before = listing(folder), db.read_bytes()
    try:
        for command in READ_COMMANDS:
            argv = [a.replace("{out}", str(tmp_path / "out")) for a in command]
            proc = cli("--store", db, *argv, nocap=True)  # root without its permission override
            assert proc.returncode == 0, (command, proc.stderr)
    finally:
        folder.chmod(0o755)
    assert (listing(folder), db.read_bytes()) == before


def other_app(path):
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'ann');")
    conn.close()


def half_reporter(path):
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE reports (id TEXT PRIMARY KEY, name TEXT);")
    conn.close()


def text_file(path):
    path.write_text("这不是数据库。\n" * 50, "utf-8")


def damaged(path):
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))


def newer(path):
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE reports (id TEXT, source TEXT, checksum TEXT, data TEXT);"
                       "CREATE TABLE facts (report_id TEXT); CREATE TABLE meta (key TEXT, value TEXT);"
                       "PRAGMA user_version = 99;")
    conn.close()


@pytest.mark.parametrize("make", [other_app, half_reporter, text_file, damaged, newer])
@pytest.mark.parametrize("command", READ_COMMANDS + [["ingest", str(SEED_FILES[4])], ["remove", "x"],
                                                     ["brief", "--years", "2020-2021", "--format", "html", "--out", "{out}"]])
def test_not_a_store_is_refused_in_one_line_and_left_as_it_was(capsys, tmp_path, make, command):
    folder = tmp_path / "s"
    folder.mkdir()
    db = folder / "app.db"
    make(db)
    before = listing(folder), db.read_bytes()
    argv = [a.replace("{out}", str(tmp_path / "out")) for a in command]
    code, _, err = run(capsys, "--store", db, *argv)
    assert one_line(code, err, str(db)), err
    assert (listing(folder), db.read_bytes()) == before


def test_store_path_that_is_a_folder(capsys, tmp_path):
    for command in (["reports"], ["ingest", str(SEED_FILES[4])]):
        code, _, err = run(capsys, "--store", tmp_path, *command)
        assert one_line(code, err, "not a reporter store"), err


from reporter.store import unpack_json  # noqa: E402


def damage_row(db, how):
    conn = sqlite3.connect(db)
    data = json.loads(unpack_json(conn.execute("SELECT data FROM reports WHERE id = '004_bd0e258bace6571b'").fetchone()[0]))
    if how == "not zlib":  # compressed JSON (store version 3) that does not decompress
        text = b"x\x9c" + b"not deflate data"
    elif how == "not json":
        text = '{"id": "004_bd0e258bace6571b", "title": '
    elif how == "missing key":
        del data["title"]
        text = json.dumps(data)
    elif how == "bad value":
        data["facts"][0]["value"] = "twelve"
        text = json.dumps(data)
    elif how == "wrong type":
        data["sections"] = "none"
        text = json.dumps(data)
    else:
        text = "null"
    with conn:
        conn.execute("UPDATE reports SET data = ? WHERE id = '004_bd0e258bace6571b'", (text,))
    conn.close()


@pytest.mark.parametrize("how", ["not zlib", "not json", "missing key", "bad value", "wrong type", "null"])
def test_damaged_rows_are_one_line_naming_the_report(capsys, good_store, tmp_path, how):
    db = tmp_path / "s.db"
    shutil.copy(good_store, db)
    damage_row(db, how)
    for command in READ_COMMANDS:
        argv = [a.replace("{out}", str(tmp_path / "out")) for a in command]
        code, _, err = run(capsys, "--store", db, *argv)
        assert one_line(code, err, "004_bd0e258bace6571b", "damaged", "reporter remove"), (command, err)
    code, out, _ = run(capsys, "--store", db, "remove", "004_bd0e258bace6571b")
    assert code == 0
    code, out, _ = run(capsys, "--store", db, "reports")
    assert code == 0 and out.count("\n") == 6


def test_writing_to_a_read_only_store_is_one_line(good_store, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.db"
    shutil.copy(good_store, db)
    new = copy_seeds(tmp_path / "src", SEED_FILES[:1], tag="新")
    folder.chmod(0o555)
    try:
        proc = cli("--store", db, "ingest", new[0], nocap=True)
        assert one_line_error(proc, "lock file", "Permission denied"), proc.stderr
    finally:
        folder.chmod(0o755)
    db.chmod(0o444)
    proc = cli("--store", db, "ingest", new[0], nocap=True)
    assert one_line_error(proc, str(db), "cannot write the store"), proc.stderr
    proc = cli("--store", db, "remove", "004_bd0e258bace6571b", nocap=True)
    assert one_line_error(proc, str(db), "cannot write the store"), proc.stderr
    db.chmod(0o644)
    assert len(rows(db)) == 5


def test_a_store_locked_by_another_ingest_is_one_line(good_store, tmp_path):
    db = tmp_path / "s.db"
    shutil.copy(good_store, db)
    new = copy_seeds(tmp_path / "src", SEED_FILES[:1], tag="新")
    with open(tmp_path / "s.db.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = cli("--store", db, "ingest", new[0], env={"REPORTER_LOCK_TIMEOUT": "0.5"})
    assert one_line_error(proc, str(db), "another reporter process"), proc.stderr


def test_a_store_locked_by_sqlite_is_one_line(good_store, tmp_path):
    db = tmp_path / "s.db"
    shutil.copy(good_store, db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for command in (["reports"], ["ingest", str(SEED_FILES[4])]):
            proc = cli("--store", db, *command, env={"REPORTER_BUSY_TIMEOUT": "0.3", "REPORTER_LOCK_TIMEOUT": "0.5"})
            assert one_line_error(proc, str(db), "locked"), (command, proc.stderr)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_interrupted_write_is_recovered_by_the_next_ingest(good_store, tmp_path):
    db = tmp_path / "s.db"
    shutil.copy(good_store, db)
    before = rows(db)
    crash = ("import os, signal, sqlite3, sys\n"
             "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "c.execute('PRAGMA cache_size = 1'); c.execute('BEGIN')\n"
             "c.execute(\"UPDATE reports SET checksum = checksum || 'half', data = data || ' '\")\n"
             "c.execute(\"UPDATE facts SET quote = quote || 'x'\")\n"
             "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", crash, str(db)])
    assert db.with_name("s.db-journal").stat().st_size > 0  # a hot journal: the file holds a half write
    proc = cli("--store", db, "reports")
    assert one_line_error(proc, "interrupted ingest", "reporter ingest"), proc.stderr
    proc = cli("--store", db, "ingest", SEED_FILES[4])
    assert proc.returncode == 0, proc.stderr
    assert rows(db) == before


def test_odd_report_names_and_a_missing_store_are_one_line(capsys, good_store, tmp_path):
    for name in ("a" * 5000, "x\0y", "/", "../.."):
        for command in ("show", "remove"):
            code, _, err = run(capsys, "--store", good_store, command, name)
            assert one_line(code, err, "no report"), (command, err)
    code, _, err = run(capsys, "--store", tmp_path / "none.db", "remove", "x")
    assert one_line(code, err, "no store") and list(tmp_path.iterdir()) == []
    code, _, err = run(capsys, "--store", tmp_path / "none.db", "reports")
    assert one_line(code, err, "empty") and list(tmp_path.iterdir()) == []
    odd = tmp_path / ("d" * 300) / "s.db"  # a name longer than the file system takes
    for command in (["reports"], ["ingest", str(SEED_FILES[4])], ["remove", "x"]):
        code, _, err = run(capsys, "--store", odd, *command)
        assert code == 1 and len(err.strip().splitlines()) == 1 and "internal error" not in err, err


def test_products_read_a_stale_read_only_store_as_it_is(good_store, tmp_path):
    """A parser upgrade cannot re-parse a store nobody may write: products still read it, untouched."""
    from store_helpers import make_stale

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.db"
    shutil.copy(good_store, db)
    make_stale(db)
    before = db.read_bytes()
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        proc = cli("--store", db, "templates", "context", "brief", "--years", "2019-2021", nocap=True)
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert db.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["s.db"]


@pytest.mark.parametrize("command", READ_COMMANDS + [["ingest", str(SEED_FILES[4])]])
def test_a_file_whose_header_says_wal_is_refused_with_nothing_written_beside_it(capsys, tmp_path, command):
    """A damaged file whose header bytes happen to say WAL (18-19 = 2): a read-only connection would
    create -wal and -shm files beside it (found by the damaged-store test's random bytes)."""
    folder = tmp_path / "s"
    folder.mkdir()
    db = folder / "app.db"
    noise = bytearray(os.urandom(4000))
    noise[2:4] = b"\x02\x02"  # bytes 18-19 of the file
    db.write_bytes(b"SQLite format 3\x00" + bytes(noise))
    before = listing(folder), db.read_bytes()
    code, _, err = run(capsys, "--store", db, *command)
    assert one_line(code, err, str(db)), err
    assert (listing(folder), db.read_bytes()) == before
