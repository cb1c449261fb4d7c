"""`reporter compare` (issue 21): areas side by side in every format, every figure a fact of the
store with its source, arithmetic only on exact figures of one definition."""
from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pandas as pd
import pytest
from pypdf import PdfReader

from reporter.compose.compare import cagr, ranks, share
from reporter.model import Fact
from store_helpers import cli, one_line_error

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus")
SHANGHAI = ["huangpu_gongbao_2023.txt", "huangpu_gongbao_2024.txt", "jingan_gwr_2023.txt", "jingan_gwrnews_2019.txt"]
FORMATS = "pdf,docx,html,md,xlsx"
FIGURE = re.compile(r"(?<![\d.])([+−-]?)([\d,]+(?:\.\d+)?)(%?)\[\^(\d+)\]")


def fact(value, qualifier="none", unit="亿元", indicator="gdp") -> Fact:
    return Fact("x", None if value is None else Decimal(value), unit, str(value), qualifier, "2023", "actual", "q",
                indicator=indicator)


# ---------------------------------------------------------------- arithmetic


def test_cagr_only_between_exact_levels_of_one_definition():
    assert cagr(fact("100"), fact("121"), 2) == Decimal("10.0")
    assert cagr(fact("100"), fact("121", "at_least"), 2) is None  # a bound
    assert cagr(fact("100", "estimated"), fact("121"), 2) is None  # an estimate
    assert cagr(fact("100"), fact("121", unit="万元"), 2) is None  # another unit
    assert cagr(fact("100"), fact("121", indicator="retail_sales"), 2) is None
    assert cagr(fact("0"), fact("121"), 2) is None and cagr(fact("100"), fact("121"), 0) is None


def test_share_of_the_parent_and_ranks():
    assert share(fact("5400.5"), fact("43760.7")) == Decimal("12.3")
    assert share(fact("5.1", unit="%"), fact("5.2", unit="%")) is None  # never a share of a rate
    assert share(fact("5400.5", "approx"), fact("43760.7")) is None
    assert ranks({"a": fact("3"), "b": fact("5"), "c": fact("5"), "d": fact("9", "at_least")}) == {"b": 1, "c": 1, "a": 3}
    assert ranks({"a": fact("3"), "b": fact("5")}, better="lower") == {"a": 1, "b": 2}
    assert ranks({"a": fact("3"), "b": None}) == {}


# ---------------------------------------------------------------- on the corpus and the seeds


@pytest.fixture(scope="module")
def stores(tmp_path_factory, seeds):
    folder = tmp_path_factory.mktemp("compare")
    corpus_db, seeds_db = folder / "corpus.db", folder / "seeds.db"
    assert cli("--store", corpus_db, "ingest", seeds, *[CORPUS / n for n in SHANGHAI]).returncode == 0
    assert cli("--store", seeds_db, "ingest", seeds).returncode == 0
    return {"corpus": corpus_db, "seeds": seeds_db}


CASES = {"corpus": ("黄浦区,静安区", "2018-2025", "compare-黄浦区-静安区-2018-2025"),
         "seeds": ("北京市,西城区", "2019-2024", "compare-北京市-西城区-2019-2024")}


@pytest.fixture(scope="module")
def rendered(stores, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare-out")
    for key, (names, years, _) in CASES.items():
        run = cli("--store", stores[key], "compare", "--areas", names, "--years", years, "--format", FORMATS,
                  "--out", out)
        assert run.returncode == 0, run.stderr
    return out


def store_values(db: Path, names: str) -> set[Decimal]:
    """Every value the store holds for these areas (own and quoted figures)."""
    values = set()
    for name in names.split(","):
        rows = json.loads(cli("--store", db, "facts", "--area", name, "--format", "json").stdout)
        values |= {Decimal(r["value"]) for r in rows if r["value"] not in (None, "")}
    return values


@pytest.mark.parametrize("key", list(CASES))
def test_compare_renders_in_every_format(rendered, key):
    base = CASES[key][2]
    for fmt in FORMATS.split(","):
        assert (rendered / f"{base}.{fmt}").stat().st_size > 1000, fmt
    pdf = PdfReader(str(rendered / f"{base}.pdf"))
    first = pdf.pages[0].extract_text()
    assert len(pdf.pages) >= 2 and all(n in first for n in CASES[key][0].split(","))
    d = docx.Document(str(rendered / f"{base}.docx"))
    assert d.tables and d.core_properties.title.startswith("上海市" if key == "corpus" else "北京市")
    assert d.inline_shapes  # the charts


@pytest.mark.parametrize("key", list(CASES))
def test_every_figure_is_a_fact_of_the_store_with_its_source(rendered, stores, key):
    names, _, base = CASES[key]
    md = (rendered / f"{base}.md").read_text("utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M))
    held = store_values(stores[key], names)
    body = md.split("\n[^1]:")[0]
    found = FIGURE.findall(body)
    assert found, "no footnoted figure"
    for sign, digits, _, note in found:
        value = Decimal(digits.replace(",", "")) * (-1 if sign in "−-" and sign else 1)
        assert value in held, (value, notes[note])
        assert "“" in notes[note]  # the footnote quotes the source sentence
    sheet = pd.read_excel(rendered / f"{base}.xlsx", sheet_name="figures")
    assert len(sheet) and all(Decimal(str(v)).normalize() in {h.normalize() for h in held}
                              for v in sheet.value.dropna())


def test_each_area_and_footnote_names_the_area(rendered):
    md = (rendered / f"{CASES['corpus'][2]}.md").read_text("utf-8")
    assert "| 黄浦区 |" in md and "| 静安区 |" in md and "黄浦区：上海市黄浦区" in md
    assert re.search(r"^\[\^1\]: 上海市黄浦区", md, re.M)
    assert "年均增速由首末年的水平值（现价）计算" in md  # CAGR beside reported (comparable-price) growth


# ---------------------------------------------------------------- a parent named as an area


QUOTING = """北京市西城区{year}年国民经济和社会发展统计公报

{year}年，全区实现地区生产总值{gdp}亿元。全市地区生产总值{city}亿元。
"""


@pytest.fixture(scope="module")
def quoting(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quoting")
    for year, gdp, city in ((2022, "5100.5", "41610.9"), (2023, "5400.5", "43760.7")):
        (folder / f"stats{year}.txt").write_text(QUOTING.format(year=year, gdp=gdp, city=city), "utf-8")
    db = folder / "s.db"
    assert cli("--store", db, "ingest", folder).returncode == 0
    return db


def test_a_parent_named_as_an_area_gives_shares_and_ranks(quoting, tmp_path):
    run = cli("--store", quoting, "compare", "--areas", "北京市,西城区", "--years", "2022-2023", "--indicators", "gdp",
              "--format", "md,xlsx", "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    md = (tmp_path / "compare-北京市-西城区-2022-2023.md").read_text("utf-8")
    assert "占上级地区的比重（计算）" in md
    assert "12.3%" in md and "12.3%" in md.split("占上级地区的比重")[1]  # 5400.5 / 43760.7
    assert "（第1）" in md and "（第2）" in md
    assert "所比地区的层级不同" in md
    computed = pd.read_excel(tmp_path / "compare-北京市-西城区-2022-2023.xlsx", sheet_name="computed")
    shares = computed[computed.what.str.startswith("share_of")]
    assert set(shares.value) == {12.3, round(5100.5 / 41610.9 * 100, 1)}


def test_compare_errors_are_one_line(quoting, tmp_path):
    assert one_line_error(cli("--store", quoting, "compare", "--areas", "西城区", "--years", "2022-2023",
                              "--out", tmp_path), "two")
    assert one_line_error(cli("--store", quoting, "compare", "--areas", "西城区,浦东新区", "--years", "2022-2023",
                              "--out", tmp_path), "浦东新区")
    assert not list(tmp_path.iterdir())


def test_libreoffice_lays_out_the_compare_docx(rendered, tmp_path, soffice):
    """The Word file as a reader opens it: LibreOffice lays it out, the areas and figures read whole."""
    base = CASES["corpus"][2]
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(rendered / f"{base}.docx")], check=True, capture_output=True,
                   timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{base}.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "上海市黄浦区、上海市静安区地区对比" in text and "3,344.41" in text
    assert "西城" not in text.split("数据来源")[0]


# ---------------------------------------------------------------- a parent quoted by a sibling only

SIBLING = """上海市{area}2023年国民经济和社会发展统计公报

2023年，全区实现地区生产总值{gdp}亿元。{city}
"""


def test_a_parent_figure_quoted_only_by_a_sibling_still_gives_the_share(tmp_path):
    """Two districts compared, their city's GDP quoted only by a third district of the same city:
    the share of the parent is still computed (the sibling's report is read as a source)."""
    folder = tmp_path / "src"
    folder.mkdir()
    for name, area, gdp, city in (("a", "黄浦区", "3000.5", ""), ("b", "静安区", "2900.5", ""),
                                  ("c", "普陀区", "1500.5", "全市地区生产总值47218.7亿元。")):
        (folder / f"{name}.txt").write_text(SIBLING.format(area=area, gdp=gdp, city=city), "utf-8")
    db = tmp_path / "s.db"
    assert cli("--store", db, "ingest", folder).returncode == 0
    run = cli("--store", db, "compare", "--areas", "黄浦区,静安区", "--years", "2023", "--indicators", "gdp",
              "--format", "md", "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    md = next((tmp_path / "out").glob("compare-*.md")).read_text("utf-8")
    shares = md.split("占上级地区的比重")[1]
    assert "6.4%" in shares and "6.1%" in shares  # 3000.5 / 47218.7 and 2900.5 / 47218.7
