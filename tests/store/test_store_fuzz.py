"""Damaged stores (hypothesis): random byte flips, truncations and row edits of a real store file.
Every command either works or says one line and exits 1; read-only commands leave the file as it was."""
import contextlib
import io
import os
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reporter.cli import main
from store_helpers import SEED_FILES

EXAMPLES = int(os.environ.get("REPORTER_FUZZ_EXAMPLES", "60"))
SMALL = [SEED_FILES[1], SEED_FILES[4]]  # the two smallest seeds keep each example quick


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pristine")
    for seed in SMALL:
        shutil.copy(seed, folder / seed.name)
    db = folder / "s.db"
    assert main(["-q", "--store", str(db), "ingest", str(folder)]) == 0
    copy = tmp_path_factory.mktemp("copy") / SMALL[0].name  # a copy: an alias row to damage too
    shutil.copy(SMALL[0], copy)
    assert main(["-q", "--store", str(db), "ingest", str(copy)]) == 0
    return db


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, err.getvalue()


def check(code, err, command):
    lines = err.strip().splitlines()
    assert code in (0, 1), (command, code, err)
    assert "internal error" not in err and "Traceback" not in err, (command, err)
    if code == 1:
        assert len(lines) == 1 and lines[0].startswith("reporter: error: "), (command, err)


COLUMNS = {"reports": ["id", "source", "checksum", "data", "source_key", "name"],
           "sources": ["report_id", "text", "sidecar"],
           "facts": ["report_id", "value", "quote"],
           "meta": ["key", "value"],
           "aliases": ["key", "report_id"]}
values = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.text(max_size=40), st.binary(max_size=40),
                   st.sampled_from(["{}", "[]", "null", '{"id": 1}', "{", '{"facts": [{"value": "x"}]}']))
flips = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=30)
header_flips = st.lists(st.tuples(st.integers(0, 99), st.integers(0, 255)), min_size=1, max_size=4)
damage = st.one_of(
    st.tuples(st.just("flip"), flips),
    st.tuples(st.just("header"), header_flips),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True)),
    st.tuples(st.just("row"), st.lists(st.tuples(st.sampled_from(sorted(COLUMNS)), st.integers(0, 5), values), min_size=1, max_size=4)),
)


def damaged_copy(pristine, db, how):
    kind, arg = how
    shutil.copy(pristine, db)
    data = bytearray(db.read_bytes())
    if kind == "flip":
        for where, byte in arg:
            data[int(where * len(data))] = byte
        db.write_bytes(bytes(data))
    elif kind == "header":
        for where, byte in arg:
            data[where] = byte
        db.write_bytes(bytes(data))
    elif kind == "truncate":
        db.write_bytes(bytes(data[: int(arg * len(data))]))
    else:
        conn = sqlite3.connect(db)
        with conn:
            for table, col, value in arg:
                column = COLUMNS[table][col % len(COLUMNS[table])]
                try:
                    conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT min(rowid) FROM {table})", (value,))
                except sqlite3.IntegrityError:
                    pass
        conn.close()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(how=damage)
@example(how=("row", [("reports", 0, "\r"), ("reports", 3, 0)]))  # an id that was a line break split the error
def test_damaged_store_is_one_line_or_works(pristine, tmp_path, how):
    db = tmp_path / "fuzz.db"
    for leftover in tmp_path.glob("fuzz.db*"):
        leftover.unlink()
    damaged_copy(pristine, db, how)
    before = db.read_bytes()
    for command in (["reports"], ["show", SMALL[1].stem], ["facts", "--format", "csv"],
                    ["export", "--format", "json", "--out", tmp_path / "out"]):
        code, err = call("--store", db, *command)
        check(code, err, command)
        assert db.read_bytes() == before, command  # a read never writes, damaged or not
    for command in (["ingest", SMALL[0]], ["remove", SMALL[1].stem], ["reports"]):
        code, err = call("--store", db, *command)
        check(code, err, command)
