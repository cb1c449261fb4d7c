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
