"""`reporter review` (issue 23): the checklist of the brief's caveats, decisions recorded in the
corrections file with reasons, the brief's cover count, stale corrections under --strict."""
from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from reporter.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def review(store, *args) -> int:
    return main(["--store", str(store), "review", "--years", "2019-2024", *args])


def cover(store, out: Path) -> str:
    assert main(["-q", "--store", str(store), "brief", "--years", "2019-2024", "--format", "md", "--out", str(out)]) == 0
    return next(line for line in (out / "brief-西城区-2019-2024.md").read_text("utf-8").splitlines() if "待复核" in line)


def test_the_checklist_lists_the_briefs_caveats(store, project, capsys):
    assert review(store, "--out", str(project)) == 0
    out = capsys.readouterr().out
    assert "来源冲突: 新增义务教育学位 2021" in out  # the span total vs the annual figure, until corrected
    assert "地区生产总值 2021" not in out  # 突破5000亿元 and 5,408.1 agree
    assert "口径变化: 登记失业率" in out and "非全年数字: 进出口总额 2021（1-10月）" in out
    assert "低置信度数字" in out
    page = (project / "review-2019-2024.html").read_text("utf-8")
    assert "新增义务教育学位" in page and "未复核" in page
    assert "项未复核（reporter review" in cover(store, project)


def test_accept_all_then_the_cover_says_0_unreviewed(store, project, capsys):
    assert review(store, "--accept-all", "--reason", "checked against the sources", "--no-page") == 0
    assert ", 0 unreviewed" in capsys.readouterr().out
    data = tomllib.loads((project / "corrections.toml").read_text("utf-8"))
    assert data["reviewed"] and all(r["action"] == "accept" and r["reason"] for r in data["reviewed"])
    assert "0 项未复核" in cover(store, project)


def test_drop_writes_an_exclude_with_the_reason_and_the_conflict_goes(store, project, capsys):
    review(store, "--no-page")
    line = next(x for x in capsys.readouterr().out.splitlines() if "近6万个" in x)
    ref = line.split()[0]
    assert review(store, "--drop", ref, "--reason", "五年合计，不是一年", "--no-page") == 0
    assert "新增义务教育学位" not in capsys.readouterr().out.split("recorded in")[1]
    data = tomllib.loads((project / "corrections.toml").read_text("utf-8"))
    assert data["exclude"][0]["raw"] == "近6万个" and data["exclude"][0]["reason"] == "五年合计，不是一年"
    assert data["reviewed"][0]["action"] == "drop"


def test_a_decision_without_reason_or_on_an_unknown_id_changes_nothing(store, project, capsys):
    (project / "corrections.toml").write_text("# mine\n", "utf-8")
    assert review(store, "--drop", "ffffff", "--no-page") == 1
    assert review(store, "--drop", "ffffff", "--reason", "x", "--no-page") == 1
    assert "no item 'ffffff'" in capsys.readouterr().err
    assert (project / "corrections.toml").read_text("utf-8") == "# mine\n"


def test_a_stale_correction_is_one_line_and_fails_strict(store, project, capsys):
    (project / "corrections.toml").write_text(
        '[[exclude]]\nreport = "002"\nquote = "其中院内拆违914处、2万余平方米"\nraw = "2万余平方米"\nreason = "其中项"\n', "utf-8")
    assert review(store, "--no-page") == 0
    stale = [x for x in capsys.readouterr().out.splitlines() if x.startswith("stale")]
    assert len(stale) == 1 and "其中院内拆违" in stale[0]
    assert review(store, "--no-page", "--strict") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "corrections.toml" in err[0] and "matches no figure" in err[0]


def test_the_examples_corrections_all_match_the_seeds(store, project, capsys):
    shutil.copy(ROOT / "examples" / "corrections.toml", project / "corrections.toml")
    assert review(store, "--no-page", "--strict") == 0
    assert "stale" not in capsys.readouterr().out


def test_an_area_no_report_is_of_is_one_line(store, project, capsys):
    assert review(store, "--area", "无此区", "--no-page") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--area 无此区" in err[0]


def test_walk_takes_a_decision_and_a_reason_per_item(store, project, capsys, monkeypatch):
    answers = iter(["a", "checked the two sources", "d1", "一个月的数字", "s", "q"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert review(store, "--walk", "--no-page") == 0
    data = tomllib.loads((project / "corrections.toml").read_text("utf-8"))
    reasons = {r["action"]: r["reason"] for r in data["reviewed"]}
    assert reasons == {"accept": "checked the two sources", "drop": "一个月的数字"}
    assert data["exclude"][0]["reason"] == "一个月的数字"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=st.text(max_size=80), key=st.text(max_size=40))
def test_any_reason_is_written_whole_or_refused_with_the_file_untouched(tmp_path, reason, key):
    from reporter.app.review import _reviewed, record
    from reporter.compose.review_items import Item
    from reporter.errors import UserError

    path = tmp_path / "corrections.toml"
    path.write_text("# mine\n", "utf-8")
    try:
        record(path, [_reviewed(Item(key, "conflict", "t"), "accept", reason)])
    except UserError:
        assert path.read_text("utf-8") == "# mine\n"
        return
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["reviewed"][-1]["reason"] == reason and data["reviewed"][-1]["item"] == key
