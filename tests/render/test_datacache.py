"""The parser's data files are validated once per content; the cache never hides a bad file."""
import json
import os
import subprocess
import sys
from pathlib import Path

from store_helpers import ROOT, SEED_FILES

PROBE = ("import sys\n"
         "from reporter.app.ingest import parse_file as parse_report\n"
         "from pathlib import Path\n"
         "r = parse_report(Path(sys.argv[1]))\n"
         "print(len(r.facts), 'pydantic' in sys.modules)\n")


def probe(cache: Path) -> tuple[int, bool]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTER_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(SEED_FILES[1])], env=env, capture_output=True, text=True, check=True)
    facts, imported = out.stdout.split()
    return int(facts), imported == "True"


def test_second_start_reads_the_checked_files_without_pydantic(tmp_path):
    first = probe(tmp_path / "c")
    second = probe(tmp_path / "c")
    assert first[1] is True and second[1] is False  # validated once, then from the cache
    assert first[0] == second[0] > 0


def test_a_damaged_or_foreign_cache_entry_is_validated_again(tmp_path):
    cache = tmp_path / "c"
    facts, _ = probe(cache)
    entries = sorted(cache.glob("*.json"))
    assert entries
    entries[0].write_text("{not json", "utf-8")
    entries[1].write_text(json.dumps({"key": "another", "value": {}}), "utf-8")
    again, imported = probe(cache)
    assert (again, imported) == (facts, True)


def test_an_unwritable_cache_folder_is_ignored(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    facts, imported = probe(blocker / "c")  # a folder under a file cannot be made
    assert facts > 0 and imported is True


def test_an_edited_data_file_is_checked_not_served_from_the_cache(tmp_path, monkeypatch):
    """The key is the text: an edit after a good run still fails in one line naming the key."""
    import pytest

    from reporter import datafiles
    from reporter.errors import UserError

    monkeypatch.setenv("REPORTER_CACHE", str(tmp_path / "c"))
    good = datafiles.package_data("units.toml", "reporter.parse_schemas:UnitsFile")
    assert good == datafiles.package_data("units.toml", "reporter.parse_schemas:UnitsFile")
    real = datafiles.package_text
    monkeypatch.setattr(datafiles, "package_text", lambda n: real(n).replace("factor = 10000 }", "factor = -1 }", 1))
    with pytest.raises(UserError, match="units.toml.*a factor is a positive number"):
        datafiles.package_data("units.toml", "reporter.parse_schemas:UnitsFile")


TERMS = ("import sys\n"
         "from reporter.termbase import load\n"
         "b = load()\n"
         "print(len(b.entries), len(b.problems), 'pydantic' in sys.modules)\n")


def test_the_term_base_is_checked_once_then_read_without_pydantic(tmp_path):
    """A product that prints names (every --lang en run) loads the term base; unchanged, it is
    read from the cache, so the start-up does not import pydantic (it did: 0.2 s a run)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTER_CACHE": str(tmp_path / "c")}
    runs = [subprocess.run([sys.executable, "-c", TERMS], env=env, capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0][2] == "True" and runs[1][2] == "False"
    assert runs[0][:2] == runs[1][:2] and int(runs[0][0]) > 300 and runs[0][1] == "0"


def test_a_bad_term_base_row_is_found_after_a_good_run(tmp_path, monkeypatch):
    from reporter.termbase import load

    monkeypatch.setenv("REPORTER_CACHE", str(tmp_path / "c"))
    good = tmp_path / "good.csv"
    good.write_text("zh,en,category,status,source,note\n长安计划,Chang'an Plan,programme,reviewed,,\n", "utf-8")
    assert load(good).problems == []
    assert load(good).problems == []  # from the cache
    bad = tmp_path / "bad.csv"
    bad.write_text("zh,en,category,status,source,note\n长安计划,Chang'an Plan,programme,official,,\n", "utf-8")
    problems = load(bad).problems
    assert len(problems) == 1 and "bad.csv:2" in problems[0] and "source" in problems[0]
    assert load(bad).problems == problems  # a file's problems come back from the cache unchanged


def test_the_cache_folder_never_grows_past_its_limit(tmp_path, monkeypatch):
    """Every new content is a new entry; past KEEP entries the least recently used go."""
    from reporter import datacache

    monkeypatch.setenv("REPORTER_CACHE", str(tmp_path / "c"))
    for n in range(40):
        datacache.write(f"k{n:03d}", {"n": n})
        os.utime(tmp_path / "c" / f"k{n:03d}.json", (n, n))  # written in this order
    datacache.prune(tmp_path / "c", keep=20)
    left = sorted(p.stem for p in (tmp_path / "c").glob("*.json"))
    assert left == [f"k{n:03d}" for n in range(25, 40)]  # the 15 (3/4 of 20) most recent stay
    assert datacache.read("k039") == {"n": 39} and datacache.read("k000") is None
    os.utime(tmp_path / "c" / "k025.json", (0, 0))
    datacache.read("k025")  # a read counts as a use: k025 is now the most recent
    datacache.prune(tmp_path / "c", keep=10)
    assert "k025" in {p.stem for p in (tmp_path / "c").glob("*.json")}
