"""`reporter facts`: scope and confidence columns, --explain."""
import csv
import io

from reporter.cli import main


def test_facts_csv_has_scope_and_confidence_and_explain_says_why(capsys, tmp_path):
    src = tmp_path / "own.txt"
    src.write_text("东河区2032年1-5月主要经济指标完成情况\n全区地区生产总值850.5亿元，同比增长5.1%。\n", "utf-8")
    code = main(["--store", str(tmp_path / "s.db"), "facts", "--source", str(src), "--format", "csv", "--explain"])
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"scope", "confidence"} <= set(rows[0])
    gdp = next(r for r in rows if r["indicator"] == "gdp")
    assert (gdp["period"], gdp["scope"], float(gdp["confidence"]) > 0.5) == ("2032-01..2032-05", "own", True)
    assert "indicator: its name stands before the figure" in err and "period: 2032-01..2032-05" in err
    assert "scope: own" in err


def test_min_confidence_filters_and_explain_gives_the_document_decision(capsys, tmp_path):
    src = tmp_path / "noyear.txt"
    src.write_text("一、市场消费\n1-4月，南岭区实现社会消费品零售总额200.1亿元，同比增长3.3%。\n", "utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("南岭区2033年国民经济和社会发展统计公报\n\n全区实现社会消费品零售总额200.1亿元。\n", "utf-8")
    args = ["--store", str(tmp_path / "s.db"), "facts", "--source", str(src), str(dated), "--format", "csv"]
    assert main(args + ["--min-confidence", "0"]) == 0
    out, err = capsys.readouterr()
    every = list(csv.DictReader(io.StringIO(out)))
    assert "left out" not in err  # asked for all: nothing to report
    assert main(args + ["--min-confidence", "0.6", "--explain"]) == 0
    out, err = capsys.readouterr()
    kept = list(csv.DictReader(io.StringIO(out)))
    assert {r["source"] for r in every} == {"noyear.txt", "dated.txt"}
    assert {r["source"] for r in kept} == {"dated.txt"} and all(float(r["confidence"]) >= 0.6 for r in kept)
    assert "reviews 2033" in err and "evidence: stated" in err and "value: 200.1" in err


def test_min_confidence_out_of_range_is_a_usage_error(capsys, tmp_path):
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["--store", str(tmp_path / "s.db"), "facts", "--min-confidence", "1.5"])
    assert exc.value.code == 2 and "between 0 and 1" in capsys.readouterr().err


def test_show_prints_the_document_decision(capsys, tmp_path):
    src = tmp_path / "speech.txt"
    src.write_text("在南岭区科技工作大会上的讲话\n\n南岭区人民政府区长  李明\n\n2033518\n\n一、过去一年的工作\n\n"
                   "全区地区生产总值达到812.4亿元，增长6.1%。\n", "utf-8")
    store = str(tmp_path / "s.db")
    assert main(["--store", store, "ingest", str(src)]) == 0
    capsys.readouterr()
    assert main(["--store", store, "show", "speech"]) == 0
    out = capsys.readouterr().out
    assert "Document (decided once" in out and "reviews 2032" in out and "delivered 2033-05-18" in out


def test_facts_lists_plain_figures_by_default_and_says_how_many_it_left_out(capsys, tmp_path):
    src = tmp_path / "noyear.txt"  # no year anywhere: its figures are guesses, below the threshold
    src.write_text("一、市场消费\n1-4月，南岭区实现社会消费品零售总额200.1亿元，同比增长3.3%。\n", "utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text("南岭区2033年国民经济和社会发展统计公报\n\n全区实现社会消费品零售总额200.1亿元。\n", "utf-8")
    base = ["--store", str(tmp_path / "s.db"), "facts", "--source", str(src), str(dated)]
    assert main(base + ["--min-confidence", "0", "--format", "csv"]) == 0
    every = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    low = [r for r in every if float(r["confidence"]) < 0.6]
    assert low and {r["source"] for r in low} == {"noyear.txt"}
    for fmt in ("csv", "table", "json"):
        assert main(base + ["--format", fmt]) == 0
        out, err = capsys.readouterr()
        assert "noyear.txt" not in out and "dated.txt" in out
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{len(low)} facts below confidence 0.6 left out")
        assert "--min-confidence 0" in lines[0]
    kept = [r for r in every if float(r["confidence"]) >= 0.6]
    assert main(base + ["--format", "csv"]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == len(kept)
