"""The project file reporter.toml (issue 23): found upward, checked, its settings used by the
commands, the command line winning; `reporter init` writes a commented one."""
from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.app.overlays import load_project
from reporter.cli import main
from reporter.errors import UserError


def test_init_then_edit_then_brief_uses_the_files_settings(store, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    text = (tmp_path / "reporter.toml").read_text("utf-8")
    assert text.startswith("#") and "# years = " in text and "# corrections = " in text
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "brief.md.j2").write_text(
        '{% block headline_intro %}\nMY OWN INTRO\n{% endblock %}\n', "utf-8")
    (tmp_path / "fixes.toml").write_text(
        '[[exclude]]\nreport = "001"\nquote = "义务教育学位近6万个"\nreason = "五年合计"\n', "utf-8")
    edited = text.replace('# store = "build/reporter.db"', f'store = "{store}"').replace(
        '# years = "2019-2024"', 'years = "2021-2023"').replace('# out = "build"', 'out = "products"').replace(
        '# templates = "my-templates"', 'templates = "mine"').replace(
        '# corrections = "corrections.toml"', 'corrections = "fixes.toml"').replace(
        '# [formats]', '[formats]').replace('# brief = "pdf,docx"', 'brief = "md"')
    (tmp_path / "reporter.toml").write_text(edited, "utf-8")
    deeper = tmp_path / "work" / "notes"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)  # found upward, paths relative to the file
    assert main(["-q", "brief"]) == 0
    md = (tmp_path / "products" / "brief-西城区-2021-2023.md").read_text("utf-8")
    assert "MY OWN INTRO" in md
    assert "近6万个" not in md.split("数据覆盖与冲突")[1].split("[^")[0]  # the correction applied by default
    assert main(["-q", "brief", "--years", "2022-2023", "--format", "html"]) == 0  # the command line wins
    assert (tmp_path / "products" / "brief-西城区-2022-2023.html").exists()
    assert not (tmp_path / "products" / "brief-西城区-2022-2023.md").exists()


@pytest.mark.parametrize("text,key,expected", [
    ('yeers = "2021-2023"\n', "yeers", "unknown key"),
    ('years = "21-23"\n', "years", "expected a year or a range"),
    ('[formats]\nbrief = "pdf;docx"\n', "formats", "comma-separated formats"),
    ('store = 3\n', "store", "valid string"),
])
def test_a_typo_is_one_line_naming_file_key_and_expectation(tmp_path, monkeypatch, capsys, text, key, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reporter.toml").write_text(text, "utf-8")
    assert main(["brief", "--years", "2021"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(tmp_path / "reporter.toml") in err[0] and f"{key}:" in err[0] and expected in err[0]


def test_init_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reporter.toml").write_text("# mine\n", "utf-8")
    assert main(["init"]) == 1
    assert (tmp_path / "reporter.toml").read_text("utf-8") == "# mine\n"
    assert "exists" in capsys.readouterr().err


def test_a_missing_file_named_there_says_where(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reporter.toml").write_text('corrections = "nope.toml"\n', "utf-8")
    assert main(["indicators"]) == 1
    assert "nope.toml: no such file" in capsys.readouterr().err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_project_file_loads_or_is_one_clear_error(tmp_path, text):
    (tmp_path / "reporter.toml").write_text(text, "utf-8")
    try:
        project = load_project(tmp_path)
    except UserError as exc:
        assert "\n" not in str(exc) and str(tmp_path / "reporter.toml") in str(exc)
    else:
        assert project.file == tmp_path / "reporter.toml"


def test_the_projects_corrections_apply_to_the_digest_too(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["-q", "--store", str(store), "digest", "--quarter", "2021Q4", "--format", "md", "--out", "a"]) == 0
    assert "5,408.1" in (tmp_path / "a" / "digests" / "2021Q4.md").read_text("utf-8")
    (tmp_path / "corrections.toml").write_text(
        '[[exclude]]\nreport = "003"\nquote = "地区生产总值达到5408.1亿元"\nreason = "test"\n', "utf-8")
    assert main(["-q", "--store", str(store), "digest", "--quarter", "2021Q4", "--format", "md", "--out", "b"]) == 0
    assert "5,408.1" not in (tmp_path / "b" / "digests" / "2021Q4.md").read_text("utf-8")
