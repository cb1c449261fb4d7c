"""Ingest in a pool of processes gives the same store as one process; --year reaches the parser."""
import sqlite3

from reporter.cli import main
from store_helpers import SEED_FILES


def facts_of(store):
    with sqlite3.connect(store) as conn:
        return sorted(conn.execute("SELECT report_id, indicator, period, kind, value FROM facts").fetchall(), key=repr)


def test_two_processes_store_what_one_does(tmp_path, seeds, capsys):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert main(["-q", "--store", str(one), "ingest", "--jobs", "1", str(seeds)]) == 0
    assert main(["-q", "--store", str(two), "ingest", "--jobs", "2", str(seeds)]) == 0
    assert facts_of(one) == facts_of(two) and len(facts_of(one)) > 500


def test_year_given_where_the_text_is_silent(tmp_path, capsys):
    source = tmp_path / "r.txt"
    source.write_text("东河区经济运行情况\n全年地区生产总值达到321.5亿元，同比增长4.2%。\n", "utf-8")
    assert main(["facts", "--source", str(source), "--year", "2031", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "gdp,2031,actual,321.5" in out


def test_bad_jobs_is_a_usage_error(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit) as stop:
        main(["ingest", "--jobs", "0"])
    assert stop.value.code == 2


def test_a_report_encoded_in_a_worker_takes_the_id_decided_under_the_lock(tmp_path):
    """Another ingest may take a stem between parsing and the lock: the encoded report is relabelled whole."""
    import json

    from reporter.app.ingest import parse_job, read_sources
    from reporter.settings import DEFAULTS
    from reporter.model import report_from_dict
    from reporter.store import unpack_json

    (source,) = read_sources([SEED_FILES[4]])
    done = parse_job((source, "first", None, None, True, DEFAULTS))
    moved = done.relabelled("second")
    report = report_from_dict(json.loads(unpack_json(moved.encoded.data)))
    assert (moved.id, moved.encoded.id, report.id) == ("second", "second", "second")
    assert report.facts and {f.report_id for f in report.facts} == {"second"}
    assert {row[0] for row in moved.encoded.facts} == {"second"} and len(moved.encoded.facts) == done.facts
    assert moved.packed == done.packed and done.relabelled("first") is done
