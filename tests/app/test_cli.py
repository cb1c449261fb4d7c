"""The command line end to end, on real files and a real SQLite store."""
import csv
import io
import json
import shutil
import sqlite3

import pytest

from reporter.cli import main


@pytest.fixture()
def store(tmp_path):
    return tmp_path / "store.db"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(path):
    if not path.exists():
        return None
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, checksum FROM reports ORDER BY id").fetchall()


def test_ingest_reports_and_no_change(capsys, store, seeds):
    code, out, _ = run(capsys, "--store", str(store), "ingest", str(seeds))
    assert code == 0 and out.count("ingested") == 5
    code, out, _ = run(capsys, "--store", str(store), "reports")
    assert code == 0
    assert "002_032d095a95e1ce69  plan_report" in out and "2023" in out
    assert "004_bd0e258bace6571b  performance_report" in out
    code, out, _ = run(capsys, "--store", str(store), "ingest", str(seeds))
    assert code == 0 and "nothing changed" in out


def test_changed_file_replaces_its_report(capsys, store, seeds, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(seeds / "004_bd0e258bace6571b.txt", src)
    run(capsys, "--store", str(store), "ingest", str(src))
    before = snapshot(store)
    path = src / "004_bd0e258bace6571b.txt"
    path.write_text(path.read_text("utf-8") + "\n新增一段：新增学前学位300个。\n", "utf-8")
    code, out, _ = run(capsys, "--store", str(store), "ingest", str(src))
    after = snapshot(store)
    assert code == 0 and "1 parsed" in out
    assert before[0][0] == after[0][0] and before[0][1] != after[0][1] and len(after) == 1


def test_facts_csv_columns_and_gdp(capsys, store, seeds):
    run(capsys, "--store", str(store), "ingest", str(seeds))
    code, out, _ = run(capsys, "--store", str(store), "facts", "--years", "2021-2021", "--indicator", "gdp", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert list(rows[0])[:8] == ["source", "indicator", "period", "kind", "value", "unit", "qualifier", "quote"]
    # 001 also has a 2021 GDP figure now (突破5000亿元 at the end of its five-year review)
    row = next(r for r in rows if r["period"] == "2021" and r["source"].startswith("003"))
    assert (row["value"], row["unit"], row["kind"]) == ("5408.1", "亿元", "actual")


def test_facts_from_source_without_store(capsys, seeds, tmp_path):
    code, out, _ = run(capsys, "--store", str(tmp_path / "none.db"), "facts", "--source",
                       str(seeds / "002_032d095a95e1ce69.txt"), "--years", "2024-2024", "--kind", "target", "--format", "json")
    rows = json.loads(out)
    plan = {r["indicator"]: r for r in rows if "计划表" in r["section"]}
    assert code == 0 and len(plan) >= 20
    assert plan["quality_listed_companies"]["value"] == "85"
    assert plan["unemployment_rate"]["qualifier"] == "at_most"
    assert plan["pm25"]["value"] == "" and "达到市级要求" in plan["pm25"]["quote"]
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty"),
    ("blob.txt", bytes(range(256)) * 20, "binary"),
    ("latin.txt", "caf\xe9 ".encode("latin-1") * 3 + b"\xff\xfe\xfa" + b"\x81\x20" * 4, "encoding"),
])
def test_bad_input_one_line_exit_1_store_unchanged(capsys, store, seeds, tmp_path, name, data, message):
    run(capsys, "--store", str(store), "ingest", str(seeds / "000_abc5f7b1ad17a9be.txt"))
    before = snapshot(store)
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = run(capsys, "--store", str(store), "ingest", str(bad), str(seeds / "001_978e016294f60174.txt"))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert snapshot(store) == before


def test_folder_with_no_reports(capsys, store, tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, _, err = run(capsys, "--store", str(store), "ingest", str(tmp_path))
    assert code == 1 and "no reports found" in err and not store.exists()


def test_gbk_copy_parses_the_same(capsys, store, seeds, tmp_path):
    from reporter.app.ingest import parse_file as parse_report

    src = seeds / "002_032d095a95e1ce69.txt"
    gbk = tmp_path / src.name
    gbk.write_bytes(src.read_text("utf-8").encode("gb18030"))
    code, _, _ = run(capsys, "--store", str(store), "ingest", str(gbk))
    assert code == 0
    a, b = parse_report(src), parse_report(gbk)
    assert [(f.indicator, f.value, f.period, f.quote) for f in a.facts] == [(f.indicator, f.value, f.period, f.quote) for f in b.facts]
    assert (a.title, a.kind, len(a.targets), len(a.terms)) == (b.title, b.kind, len(b.targets), len(b.terms))


def test_bom_and_crlf(tmp_path):
    from reporter.app.ingest import parse_file as parse_report

    text = "某区2019年度绩效管理工作报告\r\n\r\n一、总体情况\r\n\r\n地区生产总值增长6%。\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    r = parse_report(path)
    assert r.title == "某区2019年度绩效管理工作报告" and r.facts[0].indicator == "gdp_growth"


def test_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["facts", "--kind", "wrong"])
    assert exc.value.code == 2


def test_bad_years(capsys, store, seeds):
    code, _, err = run(capsys, "--store", str(store), "facts", "--source", str(seeds / "004_bd0e258bace6571b.txt"), "--years", "twenty")
    assert code == 1 and "--years" in err


def test_show(capsys, store, seeds):
    run(capsys, "--store", str(store), "ingest", str(seeds / "002_032d095a95e1ce69.txt"))
    code, out, _ = run(capsys, "--store", str(store), "show", "002")
    assert code == 0 and "一、2023年国民经济和社会发展计划执行情况" in out and "web chrome" in out


@pytest.mark.parametrize("fmt,name", [("csv", "facts.csv"), ("json", "corpus.json"), ("xlsx", "corpus.xlsx")])
def test_export(capsys, store, seeds, tmp_path, fmt, name):
    import pandas as pd

    run(capsys, "--store", str(store), "ingest", str(seeds / "002_032d095a95e1ce69.txt"))
    code, out, _ = run(capsys, "--store", str(store), "export", "--format", fmt, "--out", str(tmp_path))
    path = tmp_path / name
    assert code == 0 and path.exists()
    from reporter.app.ingest import parse_file as parse_report

    n = len(parse_report(seeds / "002_032d095a95e1ce69.txt").facts)  # the area's own figures
    assert n > 200
    if fmt == "csv":
        assert len(pd.read_csv(path)) == n
    elif fmt == "json":
        (report,) = json.loads(path.read_text("utf-8"))
        assert len(report["facts"]) == n and len(report["targets"]) == 21
    else:
        sheets = pd.read_excel(path, sheet_name=None)
        assert len(sheets["facts"]) == n and len(sheets["plan_targets"]) == 21


def test_templates_list_copy_context(capsys, store, seeds, tmp_path):
    code, out, _ = run(capsys, "templates", "list")
    assert code == 0 and "brief.md.j2" in out and "appendix.md.j2" in out
    code, out, _ = run(capsys, "templates", "copy", "brief", str(tmp_path))
    assert code == 0 and (tmp_path / "brief.md.j2").read_text("utf-8").startswith("{#- The multi-year")
    code, _, err = run(capsys, "templates", "copy", "brief", str(tmp_path))
    assert code == 1 and "not overwritten" in err
    run(capsys, "--store", str(store), "ingest", str(seeds))
    code, out, _ = run(capsys, "--store", str(store), "templates", "context", "brief", "--years", "2021-2024")
    assert code == 0 and "headline: list" in out and "[0].cells: list" in out


def test_huge_file_refused(capsys, store, tmp_path, monkeypatch):
    import reporter.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("地区生产总值增长6%。" * 200, "utf-8")
    code, _, err = run(capsys, "--store", str(store), "ingest", str(big))
    assert code == 1 and "larger than" in err and not store.exists()


def test_only_chrome_is_refused(capsys, store, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("信息详情\n发布时间:2024-02-09\n分享:\n回到顶部\n", "utf-8")
    code, _, err = run(capsys, "--store", str(store), "ingest", str(page))
    assert code == 1 and "no report text" in err


def test_broken_brief_config(capsys, store, seeds, tmp_path):
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "brief.toml").write_text("[[headline]\nindicator = ", "utf-8")
    run(capsys, "--store", str(store), "ingest", str(seeds))
    code, _, err = run(capsys, "--store", str(store), "brief", "--years", "2021-2024", "--templates", str(user),
                       "--out", str(tmp_path / "out"))
    assert code == 1 and "brief.toml: not valid TOML" in err and not (tmp_path / "out").exists()
