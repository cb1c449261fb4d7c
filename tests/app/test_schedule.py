"""`reporter digest --due` as cron runs it: real subprocesses, real files, real locks."""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reporter.i18n import messages

ROOT = Path(__file__).resolve().parents[2]

PLAN = """关于南城区2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划的报告

——2031年1月5日在南城区人民代表大会第二次会议上

南城区发展和改革委员会主任

各位代表：

一、2030年国民经济和社会发展计划执行情况

全年地区生产总值达到3210.5亿元、增长4.2%，区级一般公共预算收入完成210亿元、同比下降1.5%。

二、2031年国民经济和社会发展目标任务及主要举措

地区生产总值增速安排4%左右，登记失业率控制在3%以内。
"""
MIDYEAR = """关于南城区2031年上半年国民经济和社会发展计划执行情况的报告

——2031年8月12日在南城区人民代表大会常务委员会第五次会议上

南城区发展和改革委员会主任

各位代表：

一、2031年上半年计划执行情况

1-6月，地区生产总值完成1700.2亿元、增长4.5%，登记失业率为2.1%。
"""
OWN_QUARTERS = ["2031Q1", "2031Q2", "2031Q3"]  # Q2 has no source
TODAY = "2031-10-02"


def reporter(*argv, env=None, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "reporter", *argv], capture_output=True, text=True, env=full_env,
                          timeout=600, **kw)


def spawn(*argv, env=None) -> subprocess.Popen:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "reporter", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=full_env)


@pytest.fixture(scope="module")
def own_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("own")
    (folder / "src").mkdir()
    (folder / "src" / "plan.txt").write_text(PLAN, "utf-8")
    (folder / "src" / "midyear.txt").write_text(MIDYEAR, "utf-8")
    store = folder / "store.db"
    assert reporter("--store", str(store), "ingest", str(folder / "src")).returncode == 0
    return store


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("seeds") / "store.db"
    assert reporter("--store", str(store), "ingest", str(ROOT / "seeds")).returncode == 0
    return store


@pytest.fixture()
def home(tmp_path) -> Path:
    """A copy of the project's editable files, so a test can edit templates (REPORTER_HOME)."""
    for name in ("templates", "styles"):
        shutil.copytree(ROOT / name, tmp_path / "home" / name)
    return tmp_path / "home"


def due(store: Path, out: Path, *extra, env=None, today=TODAY) -> subprocess.CompletedProcess:
    return reporter("--store", str(store), "digest", "--due", "--today", today, "--out", str(out), *extra, env=env)


def built(result) -> list[str]:
    m = re.search(r"built \d+ digest\(s\) \(([^)]*)\)", result.stdout)
    return m.group(1).split(", ") if m else []


def digest_files(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "digests").iterdir() if not p.name.startswith((".", "digest.", "state.")))


def test_due_on_seeds_builds_every_quarter_then_nothing_then_what_an_edit_touches(seed_store, tmp_path, home):
    out = tmp_path / "out"
    env = {"REPORTER_HOME": str(home)}
    first = due(seed_store, out, "--format", "html", env=env, today="2024-04-02")
    assert first.returncode == 0, first.stderr
    expected = [f"{y}Q{q}" for y in range(2021, 2024) for q in range(1, 5)] + ["2024Q1"]
    assert built(first) == expected
    assert digest_files(out) == [f"{q}.html" for q in expected]
    assert len(first.stdout.strip().splitlines()) == 1  # not a terminal: one summary line
    t = messages("zh")
    html = (out / "digests" / "2024Q1.html").read_text("utf-8")
    news = html.split(t("digest_latest"))[0]  # the new-sources section
    assert "2024年1月9日" in news and "2023年国民经济和社会发展计划执行情况" in news
    assert t("digest_no_new_sources") not in html
    quiet = [q for q in expected if t("digest_no_new_sources") in (out / "digests" / f"{q}.html").read_text("utf-8")]
    assert quiet == ["2021Q2", "2021Q3"] + [f"{y}Q{q}" for y in (2022, 2023) for q in range(1, 5)]
    for q in quiet:
        assert "<table" not in (out / "digests" / f"{q}.html").read_text("utf-8")  # no empty tables

    again = due(seed_store, out, "--format", "html", env=env, today="2024-04-02")
    assert again.returncode == 0 and built(again) == [] and "nothing to build, 13 up to date" in again.stdout

    with open(home / "templates" / "_digest_quiet.md.j2", "a", encoding="utf-8") as fh:
        fh.write("{# an editor's comment #}\n")
    partial = due(seed_store, out, "--format", "html", env=env, today="2024-04-02")
    assert built(partial) == quiet  # exactly the digests that read the quiet-quarter partial

    (home / "templates" / "brief.md.j2").write_text("{# not read by any digest #}", "utf-8")
    assert built(due(seed_store, out, "--format", "html", env=env, today="2024-04-02")) == []

    with open(home / "templates" / "digest.md.j2", "a", encoding="utf-8") as fh:
        fh.write("{# every digest reads this #}\n")
    assert built(due(seed_store, out, "--format", "html", env=env, today="2024-04-02")) == expected
    log = (out / "digests" / "digest.log").read_text("utf-8").splitlines()
    assert len(log) == 5 and "undated: 004_bd0e258bace6571b" in log[0]


def test_quarter_and_dry_run_and_a_new_override(own_store, tmp_path):
    out = tmp_path / "out"
    one = reporter("--store", str(own_store), "digest", "--quarter", "2031Q3", "--out", str(out), "--format", "html")
    assert one.returncode == 0 and "built 2031Q3 (asked for): 2031Q3.html" in one.stdout
    dry = due(own_store, out, "--format", "html", "--dry-run")
    assert dry.returncode == 0 and "would build 2 digest(s): 2031Q1 (not built yet); 2031Q2 (not built yet)" in dry.stdout
    assert digest_files(out) == ["2031Q3.html"]  # a dry run builds nothing
    assert built(due(own_store, out, "--format", "html")) == ["2031Q1", "2031Q2"]  # 2031Q3 is up to date
    override = tmp_path / "mine"
    override.mkdir()
    (override / "_digest_quiet.md.j2").write_text("{% block quiet %}{{ t('digest_no_new_sources') }} (ours){% endblock %}",
                                                  "utf-8")
    result = due(own_store, out, "--format", "html", "--templates", str(override))
    assert built(result) == ["2031Q2"]
    assert "(ours)" in (out / "digests" / "2031Q2.html").read_text("utf-8")
    (out / "digests" / "2031Q1.html").unlink()
    assert built(due(own_store, out, "--format", "html", "--templates", str(override))) == ["2031Q1"]


def test_one_failing_digest_does_not_stop_the_others(own_store, tmp_path):
    out = tmp_path / "out"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "_digest_quiet.md.j2").write_text("{% block quiet %}fine line\n{{ no_such_value }}{% endblock %}", "utf-8")
    result = due(own_store, out, "--format", "html", "--templates", str(broken))
    assert result.returncode == 1
    assert digest_files(out) == ["2031Q1.html", "2031Q3.html"]
    assert re.search(r"digest 2031Q2 failed: .*_digest_quiet\.md\.j2:2: .*no_such_value", result.stderr)
    log = (out / "digests" / "digest.log").read_text("utf-8")
    assert "FAILED" in log and "2031Q2:" in log and log.count("\n") == 1
    assert built(reporter("--store", str(own_store), "digest", "--due", "--today", TODAY, "--out", str(out),
                          "--format", "html")) == ["2031Q2"]  # fixed: the next run completes it


def test_notify_gets_the_new_files_and_never_runs_on_a_dry_run(own_store, tmp_path):
    out, listing = tmp_path / "out", tmp_path / "notified.txt"
    command = f"sh -c 'printf \"%s\\n\" \"$@\" >> {listing}' notify"
    assert due(own_store, out, "--format", "html", "--dry-run", "--notify", command).returncode == 0
    assert not listing.exists()
    assert due(own_store, out, "--format", "html", "--notify", command).returncode == 0
    assert sorted(Path(p).name for p in listing.read_text().split()) == [f"{q}.html" for q in OWN_QUARTERS]
    assert due(own_store, out, "--format", "html", "--notify", command).returncode == 0
    assert len(listing.read_text().split()) == 3  # nothing new: not called
    (out / "digests" / "2031Q1.html").unlink()
    failing = due(own_store, out, "--format", "html", "--notify", "false")
    assert failing.returncode == 1 and "--notify: false exited with 1" in failing.stderr


def test_a_second_run_waits_for_the_lock_then_exits_cleanly(own_store, tmp_path):
    out = tmp_path / "out"
    (out / "digests").mkdir(parents=True)
    with open(out / "digests" / "digest.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.write("12345")
        fh.flush()
        start = time.monotonic()
        result = due(own_store, out, "--format", "html", "--wait", "1")
        waited = time.monotonic() - start
    assert result.returncode == 0 and "another run holds the lock (pid 12345)" in result.stdout
    assert waited >= 1 and digest_files(out) == []
    assert "LOCKED" in (out / "digests" / "digest.log").read_text("utf-8")


def test_two_runs_at_once_one_builds_the_other_finds_it_done(own_store, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    out = tmp_path / "out"
    runs = [spawn("--store", str(own_store), "digest", "--due", "--today", TODAY, "--out", str(out), "--wait", "300")
            for _ in range(2)]
    results = [(p.wait(timeout=600), p.stdout.read(), p.stderr.read()) for p in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    said = sorted(out_text for _, out_text, _ in results)
    assert said[0].startswith("digest: built 3 digest(s)") and said[1].startswith("digest: nothing to build, 3 up to date")
    assert digest_files(out) == sorted(f"{q}.{ext}" for q in OWN_QUARTERS for ext in ("docx", "html", "pdf"))
    for q in OWN_QUARTERS:
        assert len(PdfReader(out / "digests" / f"{q}.pdf").pages) >= 1
        assert Document(str(out / "digests" / f"{q}.docx")).paragraphs
    assert len((out / "digests" / "digest.log").read_text("utf-8").splitlines()) == 2


def test_sigkill_mid_run_leaves_whole_files_and_the_next_run_completes(seed_store, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "out"
    folder = out / "digests"
    run = spawn("--store", str(seed_store), "digest", "--due", "--today", "2024-04-02", "--out", str(out),
                "--format", "pdf")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and run.poll() is None:
        if folder.is_dir() and len(list(folder.glob("*.pdf"))) >= 2:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    there = sorted(folder.glob("*.pdf"))
    assert 2 <= len(there) < 13
    for pdf in there:
        assert len(PdfReader(pdf).pages) >= 1  # whole: written aside, renamed into place
    # the state is written once per run (issue 25: a 4 MB state rewritten per digest): a killed run
    # may have recorded nothing, and what is there is never half-written
    state_file = folder / "state.json"
    state = json.loads(state_file.read_text("utf-8")) if state_file.exists() else {"digests": {}}
    assert set(state["digests"]) <= {p.stem for p in there}
    after = due(seed_store, out, "--format", "pdf", today="2024-04-02")
    assert after.returncode == 0, after.stderr
    assert len(list(folder.glob("*.pdf"))) == 13
    assert [p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix in (".part", ".tmp")] == []
    assert set(built(after)) | {p.stem for p in there} == {p.stem for p in folder.glob("*.pdf")}


def test_corrupt_state_means_rebuild_not_crash(own_store, tmp_path):
    out = tmp_path / "out"
    assert due(own_store, out, "--format", "html").returncode == 0
    (out / "digests" / "state.json").write_text("{not json", "utf-8")
    result = due(own_store, out, "--format", "html")
    assert result.returncode == 0 and built(result) == OWN_QUARTERS


def test_usage_errors_exit_2(own_store, tmp_path):
    assert reporter("--store", str(own_store), "digest", "--out", str(tmp_path)).returncode == 2
    assert reporter("--store", str(own_store), "digest", "--due", "--today", "2031-13-01").returncode == 2
    assert reporter("--store", str(own_store), "digest", "--quarter", "2031Q5").returncode == 2
    assert reporter("--store", str(own_store), "digest", "--quarter", "2031Q1", "--dry-run").returncode == 2


def test_pdf_and_docx_of_a_busy_and_a_quiet_quarter(seed_store, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    t = messages("zh")
    out = tmp_path / "out"
    for quarter in ("2024Q1", "2022Q2"):
        result = reporter("--store", str(seed_store), "digest", "--quarter", quarter, "--out", str(out), "--format", "pdf,docx")
        assert result.returncode == 0, result.stderr
    folder = out / "digests"
    quiet = PdfReader(folder / "2022Q2.pdf")
    assert len(quiet.pages) == 1 and t("digest_no_new_sources") in quiet.pages[0].extract_text()
    assert Document(str(folder / "2022Q2.docx")).tables == []
    busy = PdfReader(folder / "2024Q1.pdf")
    text = "".join(page.extract_text() for page in busy.pages).replace("\n", "")
    assert t("digest_new_sources") in text and "2024年1月9日" in text
    tables = Document(str(folder / "2024Q1.docx")).tables
    assert len(tables) == 3 and all(len(table.rows) > 1 for table in tables)  # new sources, latest values, targets


def test_no_corpus_is_one_error_and_one_log_line(tmp_path):
    empty_home = tmp_path / "home"
    empty_home.mkdir()  # no seeds/ to fill an empty store from
    out = tmp_path / "out"
    result = due(tmp_path / "empty.db", out, env={"REPORTER_HOME": str(empty_home)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "reporter: error:" in result.stderr and "no such file or folder" in result.stderr
    log = (out / "digests" / "digest.log").read_text("utf-8").splitlines()
    assert len(log) == 1 and "FAILED" in log[0]


def test_a_changed_source_rebuilds_the_digests_that_cover_it(tmp_path):
    src, store, out = tmp_path / "src", tmp_path / "store.db", tmp_path / "out"
    src.mkdir()
    (src / "plan.txt").write_text(PLAN, "utf-8")
    (src / "midyear.txt").write_text(MIDYEAR, "utf-8")
    assert reporter("--store", str(store), "ingest", str(src)).returncode == 0
    assert built(due(store, out, "--format", "html")) == OWN_QUARTERS
    (src / "midyear.txt").write_text(MIDYEAR.replace("2.1%", "2.2%"), "utf-8")  # arrives in 2031Q3
    assert reporter("--store", str(store), "ingest", str(src)).returncode == 0
    result = due(store, out, "--format", "html", "--dry-run")
    assert "would build 1 digest(s): 2031Q3 (sources changed)" in result.stdout
    assert built(due(store, out, "--format", "html")) == ["2031Q3"]
    assert "2.2%" in (out / "digests" / "2031Q3.html").read_text("utf-8")
    (src / "plan.txt").write_text(PLAN.replace("3210.5", "3210.6"), "utf-8")  # arrives in 2031Q1: read by all
    assert reporter("--store", str(store), "ingest", str(src)).returncode == 0
    assert built(due(store, out, "--format", "html")) == OWN_QUARTERS
