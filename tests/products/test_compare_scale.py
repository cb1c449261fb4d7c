"""What keeps `reporter compare` of many areas small (issue 21's benchmark, benchmarks/compare.py):
it reads only the facts of the indicators it compares, writes its xlsx without pandas, and a
footnote names a report's area once."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from reporter.app.products import ProductRequest
from reporter.compose.compare import cite_areas, indicator_ids
from reporter.compose.sources import SourceNames
from reporter.i18n import messages
from reporter.model import Report
from reporter.settings import Settings
from reporter.store import Store
from reporter.writers.data import Rows, xlsx_bytes
from store_helpers import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeds):
    db = tmp_path_factory.mktemp("narrow") / "seeds.db"
    assert cli("--store", db, "ingest", seeds).returncode == 0
    return db


def test_the_store_reads_only_the_asked_indicators_and_no_text(store):
    full = Store(store).reports()
    narrow = Store(store).reports(None, {"gdp", "gdp_growth"})
    assert [r.id for r in narrow] == [r.id for r in full]
    kept = [f for r in narrow for f in r.facts]
    assert kept and {f.indicator for f in kept} <= {"gdp", "gdp_growth"}
    assert len(kept) == sum(1 for r in full for f in r.facts if f.indicator in ("gdp", "gdp_growth"))
    assert not any(r.sections for r in narrow) and any(r.sections for r in full)
    # the figures a report quotes of its city stay whole: they say which areas the store holds
    assert [len(r.context_facts) for r in narrow] == [len(r.context_facts) for r in full]


def test_compare_indicators_are_its_rows_and_growth_series():
    ids = indicator_ids(None, None)
    assert {"gdp", "gdp_growth", "retail_sales"} <= ids
    assert indicator_ids(None, ["gdp"]) == {"gdp", "gdp_growth"}


def test_no_narrow_read_when_corrections_may_give_a_fact_its_indicator(store, tmp_path):
    req = ProductRequest({}, Settings(store=store), messages("zh"))
    assert req.narrow(None, {"gdp"}) is not None and req.reports is None  # not kept as the corpus
    fixes = tmp_path / "corrections.toml"
    fixes.write_text("", "utf-8")
    assert ProductRequest({}, Settings(store=store, corrections=fixes), messages("zh")).narrow(None, {"gdp"}) is None
    assert req.narrow(None, None) is None


def test_rows_xlsx_keeps_formula_text_as_text_without_pandas():
    data = xlsx_bytes({"figures": Rows(["area", "value", "quote"],
                                       [{"area": "西城区", "value": 5408.1, "quote": "=HYPERLINK(\"x\")"},
                                        {"area": "东城区", "value": None, "quote": "-5"}])})
    ws = openpyxl.load_workbook(io.BytesIO(data))["figures"]
    assert [c.value for c in ws[1]] == ["area", "value", "quote"] and ws["A1"].font.bold
    assert ws["B2"].value == 5408.1 and ws["B3"].value is None
    assert ws["C2"].value == "=HYPERLINK(\"x\")" and ws["C2"].data_type == "s" and ws["C2"].quotePrefix
    assert ws["C3"].value == "-5" and ws.freeze_panes == "A2"
    code = "import sys; import reporter.writers.data as d; d.xlsx_bytes({'s': d.Rows(['a'], [{'a': 1}])}); " \
           "print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def report(title: str, area: str) -> Report:
    return Report("r1", "x.txt", "c", title, "other", None, "2024-01-09", None, [], None, area=area)


def test_a_footnote_names_the_area_once():
    t = messages("zh")
    said = SourceNames.of([report("渝中区人民政府工作报告", "重庆市渝中区")], t)
    unsaid = SourceNames.of([report("政府工作报告", "重庆市渝中区")], t)
    nowhere = SourceNames.of([report("政府工作报告", "")], t)
    assert cite_areas(said) == {"r1": ""}
    assert cite_areas(unsaid) == {"r1": "重庆市渝中区"}
    assert cite_areas(nowhere) == {"r1": ""}
