"""Editors' data files: a bad value is one line naming the file, the key and what was expected."""
import pytest

from reporter.cli import main


def clear_caches() -> None:
    """This test swaps a data file's text in memory (not on disk, where a new Settings would see it):
    forget what the caches of package data hold."""
    import sys

    for name, module in list(sys.modules.items()):
        if name == "reporter" or name.startswith("reporter."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def brief(capsys, tmp_path, seeds, *extra):
    store = tmp_path / "s.db"
    main(["-q", "--store", str(store), "ingest", str(seeds)])
    capsys.readouterr()
    code = main(["--store", str(store), "brief", "--years", "2021-2024", "--format", "md", "--out", str(tmp_path / "o"), *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("edit,expected", [
    (lambda s: s.replace('indicator = "gdp"', 'indicator = "gpd"', 1), "headline.0.indicator: unknown indicator id 'gpd'"),
    (lambda s: s.replace('indicator = "gdp"', 'indicatr = "gdp"', 1), "headline.0.indicatr: unknown key"),
    (lambda s: s.replace('indicator = "gdp"', 'indicator = 5', 1), "headline.0.indicator: Input should be a valid string"),
    (lambda s: s.replace('bars = ["gdp"]', 'bars = "gdp"', 1), "chart.0.bars: Input should be a valid list"),
    (lambda s: s + "\n[[chart]]\ntitle = \"x\"\n", "chart.3: Value error, give either actual"),
    (lambda s: s.replace("[[headline]]", "[[headline", 1), "not valid TOML"),
])
def test_bad_brief_toml(project_home, tmp_path, seeds, capsys, edit, expected):
    path = project_home / "templates" / "brief.toml"
    path.write_text(edit(path.read_text("utf-8")), "utf-8")
    code, err = brief(capsys, tmp_path, seeds)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "brief.toml" in err and expected in err, err


def test_bad_docx_toml(project_home, tmp_path, capsys):
    (project_home / "styles" / "docx.toml").write_text('east_asia_font = 3\n', "utf-8")
    code = main(["render", "sample", "--out", str(tmp_path / "o"), "--format", "docx"])
    err = capsys.readouterr().err
    assert code == 1 and "docx.toml: east_asia_font: Input should be a valid string (got 3)" in err


def render_sample_with_catalogue(tmp_path, zh_toml: str, *extra: str) -> int:
    """`render sample` as HTML with a templates folder whose messages/zh.toml is ZH_TOML."""
    user = tmp_path / "t"
    (user / "messages").mkdir(parents=True)
    (user / "messages" / "zh.toml").write_text(zh_toml, "utf-8")
    return main([*extra, "render", "sample", "--templates", str(user), "--out", str(tmp_path / "o"), "--format", "html"])


def test_bad_message_catalogue_in_templates_folder(tmp_path, capsys):
    code = render_sample_with_catalogue(tmp_path, 'contents = ["目录"]\n')
    err = capsys.readouterr().err
    assert code == 1 and "zh.toml: contents: Input should be a valid string" in err


def test_reworded_message_is_used(tmp_path, capsys):
    assert render_sample_with_catalogue(tmp_path, 'contents = "本文目录"\n', "-q") == 0
    assert "本文目录" in (tmp_path / "o" / "sample.html").read_text("utf-8")


@pytest.mark.parametrize("name,edit,expected", [
    ("indicators.toml", lambda s: s.replace('unit = "亿元"', 'unit = 5', 1), "indicator.0.unit: Input should be a valid string"),
    ("indicators.toml", lambda s: s.replace('\nbetter = "lower"', '\nbetter = "smaller"', 1), "better: Input should be 'higher' or 'lower'"),
    ("indicators.toml", lambda s: s.replace('id = "gdp"', 'idd = "gdp"', 1), "indicator.0.idd: unknown key"),
    ("units.toml", lambda s: s.replace('factor = 10000 }', 'factor = -1 }', 1), "a factor is a positive number"),
    ("kinds.toml", lambda s: s.replace('kind = "plan_report"', 'kind = "plan"', 1), "title_rule.0.kind: Value error, kind is one of"),
    ("kinds.toml", lambda s: s.replace('"2006-2010"', '"2006~2010"', 1), "plan_periods: Value error"),
    ("themes.toml", lambda s: s.replace("keywords = [", "keyword = [", 1), "theme.0.keyword: unknown key"),
    ("cleaning.toml", lambda s: s.replace("'^信息详情$',", "'^信息(详情$',", 1), "chrome_line: Value error, not a valid regular expression"),
])
def test_bad_package_data_file(name, edit, expected, seeds, capsys, monkeypatch):
    """A bad value in each of the parser's data files: exit 1, one line with file, key and expectation."""
    from reporter import datafiles

    real = datafiles.package_text
    monkeypatch.setattr(datafiles, "package_text", lambda n: edit(real(n)) if n == name else real(n))
    clear_caches()
    try:
        code = main(["facts", "--source", str(sorted(seeds.glob("*.txt"))[2])])
        err = capsys.readouterr().err
    finally:
        monkeypatch.undo()
        clear_caches()
    assert code == 1
    assert len(err.strip().splitlines()) == 1, err
    assert f"reporter/data/{name}" in err and expected in err, err
