"""Issue 25, break 8: text that starts like a formula is written as text in xlsx and CSV;
numbers stay numbers."""
import csv
import io

import openpyxl
import pytest

from reporter.cli import main

SOURCE = "来源:某区政府\n时间:2023-01-10\n2022年政府工作报告\n一、主要工作\n=1+1新建项目12个。\n全年地区生产总值增长5.2%。\n"
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inj")
    (folder / "r.txt").write_text(SOURCE, "utf-8")
    db = folder / "s.db"
    assert main(["-q", "--store", str(db), "ingest", str(folder / "r.txt")]) == 0
    return db


def formula_cells(path):
    found, numbers = [], []
    for ws in openpyxl.load_workbook(path):
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith(STARTS) and not c.quotePrefix):
                    found.append((ws.title, c.coordinate, c.value))
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    numbers.append(c.value)
    return found, numbers


def csv_fields(path):
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    return [f for row in rows[1:] for f in row]


def test_export_xlsx_writes_the_formula_as_text(store, tmp_path):
    assert main(["-q", "--store", str(store), "export", "--format", "xlsx", "--out", str(tmp_path)]) == 0
    found, numbers = formula_cells(tmp_path / "corpus.xlsx")
    assert found == []
    assert 12 in numbers and 5.2 in numbers  # numbers stay numbers
    values = [c.value for ws in openpyxl.load_workbook(tmp_path / "corpus.xlsx") for row in ws.iter_rows() for c in row]
    assert "=1+1新建项目12个" in values  # the text as written, not dropped


def test_export_csv_fields_are_not_formulas(store, tmp_path):
    assert main(["-q", "--store", str(store), "export", "--format", "csv", "--out", str(tmp_path)]) == 0
    fields = csv_fields(tmp_path / "facts.csv")
    assert not [f for f in fields if f.startswith(STARTS)]
    assert "'=1+1新建项目12个" in fields and "12" in fields


def test_appendix_xlsx_and_csv_hold_no_formula(store, tmp_path):
    assert main(["-q", "--store", str(store), "appendix", "--years", "2022-2022", "--format", "xlsx,csv",
                 "--out", str(tmp_path)]) == 0
    found, _ = formula_cells(tmp_path / "appendix-2022-2022.xlsx")
    assert found == []
    assert not [f for f in csv_fields(tmp_path / "appendix-2022-2022.csv") if f.startswith(STARTS)]


def test_facts_csv_on_stdout_is_inert(store, capsys):
    assert main(["--store", str(store), "facts", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    fields = [f for row in list(csv.reader(io.StringIO(out)))[1:] for f in row]
    assert not [f for f in fields if f.startswith(STARTS)]


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+A1", "'+A1"), ("-2+3*cmd|' /C calc'!A0", "'-2+3*cmd|' /C calc'!A0"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
                                             ("-5", "-5"), ("+0.5%", "+0.5%"), ("-1,234.5", "-1,234.5"), (-5, -5), ("新建", "新建")])
def test_inert(value, expected):
    from reporter.writers.data import inert

    assert inert(value) == expected
