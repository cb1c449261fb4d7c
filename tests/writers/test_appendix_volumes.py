"""The appendix in volumes: a small store of our own texts, split with a tiny --max-pages.

Every figure of the appendix is in exactly one volume (read back from the DOCX tables), the
xlsx keeps every row, each PDF volume stays within the limit (pdfinfo), the index names every
volume, a later render without volumes removes the old ones, and a render that fails halfway
leaves the old set as it was.
"""
from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from reporter.cli import main

YEARS = range(2015, 2023)  # eight reports, one a year
MAX_PAGES = 4


def report_text(year: int, k: int) -> str:
    """A small government work report; every figure a number no other figure has."""
    r = year - 1
    return f"""测试区{year}年政府工作报告

——{year}年1月10日在测试区人民代表大会上

一、{r}年工作回顾

{r}年，全区地区生产总值达到{1000 + 10 * k}.5亿元，同比增长{5 + k / 10:.1f}%。区级一般公共预算收入{300 + 10 * k}.7亿元，增长{2 + k / 10 + 0.05:.2f}%。社会消费品零售总额{400 + 10 * k}.2亿元。城镇登记失业率控制在{3 + k / 100 + 0.003:.3f}%以内。细颗粒物（PM2.5）年均浓度为{30 + k}微克/立方米。新建口袋公园{100 + k}个，改造老旧小区{200 + k}个，新增停车位{3000 + k}个。

二、{year}年主要预期目标

地区生产总值增长{6 + k / 100 + 0.001:.3f}%左右，区级一般公共预算收入增长{4 + k / 100 + 0.002:.3f}%。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("volumes")
    sources = folder / "sources"
    sources.mkdir()
    for k, year in enumerate(YEARS):
        (sources / f"test_gwr_{year}.txt").write_text(report_text(year, k), "utf-8")
    db = folder / "store.db"
    assert main(["-q", "--store", str(db), "ingest", str(sources)]) == 0
    return db


def render(store: Path, out: Path, *extra: str, formats: str = "pdf,docx,md,xlsx,csv") -> int:
    return main(["-q", "--store", str(store), "appendix", "--years", "2014-2022", "--out", str(out),
                 "--format", formats, *extra])


@pytest.fixture(scope="module")
def split(store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("split")
    assert render(store, out, "--max-pages", str(MAX_PAGES)) == 0
    return out


def volumes(out: Path, suffix: str) -> list[Path]:
    found = [p for p in out.iterdir() if re.fullmatch(rf"appendix-测试区-2014-2022-\d+\.{suffix}", p.name)]
    return sorted(found, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def docx_figures(path: Path) -> list[float]:
    """The value of every figure row in the DOCX's tables (registered: 数值 column; others: 数值)."""
    import docx

    values = []
    for table in docx.Document(str(path)).tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        if "数值" not in header or header[0] != "时期":
            continue
        col = header.index("数值")
        for row in table.rows[1:]:
            m = NUMBER.search(row.cells[col].text.replace("，", ""))
            if m:
                values.append(round(float(m.group().replace(",", "")), 6))
    return values


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_volumes_and_index_are_written(split):
    for suffix in ("pdf", "docx", "md"):
        assert (split / f"appendix-测试区-2014-2022.{suffix}").is_file()
        assert len(volumes(split, suffix)) >= 2
    assert len(volumes(split, "pdf")) == len(volumes(split, "docx")) == len(volumes(split, "md"))
    assert not volumes(split, "xlsx") and not volumes(split, "csv")  # the data formats stay one whole set
    assert not [p for p in split.iterdir() if p.name.startswith(".reporter-staging-")]


def test_every_figure_in_exactly_one_volume_and_all_in_the_xlsx(split):
    import pandas as pd

    sheet = pd.read_excel(split / "appendix-测试区-2014-2022.xlsx", sheet_name="数字明细")
    want = Counter(round(float(v), 6) for v in sheet["数值"].dropna())
    assert len(sheet) >= 60 and len(want) == len(sheet)  # every figure its own number
    got: Counter = Counter()
    for path in volumes(split, "docx"):
        figures = docx_figures(path)
        assert figures, f"{path.name} holds no figures"
        got.update(figures)
    assert got == want  # each once: no figure lost, none in two volumes
    assert docx_figures(split / "appendix-测试区-2014-2022.docx") == []  # the index lists, it does not repeat
    csv = pd.read_csv(split / "appendix-测试区-2014-2022.csv")
    assert len(csv) == len(sheet)


def test_pdf_volumes_stay_within_the_limit_and_say_which_they_are(split):
    pdfs = volumes(split, "pdf")
    for n, path in enumerate(pdfs, start=1):
        assert pdf_pages(path) <= MAX_PAGES, path.name
        text = pdf_text(path)
        assert f"第{n}册（共{len(pdfs)}册）" in text
        assert "□" not in text
    index = pdf_text(split / "appendix-测试区-2014-2022.pdf")
    for path in pdfs:
        assert path.stem in index  # the index names every volume
    assert "地区生产总值" in index and "第1册" in index  # and where each indicator is


def test_a_render_without_volumes_removes_the_old_ones(store, tmp_path):
    out = tmp_path / "out"
    assert render(store, out, "--max-pages", str(MAX_PAGES), formats="md,docx") == 0
    assert volumes(out, "md") and volumes(out, "docx")
    assert render(store, out, "--max-pages", "500", formats="md") == 0
    assert volumes(out, "md") == []  # the new set has no volumes: the old ones went with the commit
    assert volumes(out, "docx")  # a format this run did not write keeps its own (old, whole) set
    text = (out / "appendix-测试区-2014-2022.md").read_text("utf-8")
    assert "## 分册" not in text and "地区生产总值" in text


def test_a_failure_in_a_later_volume_leaves_the_old_set(store, tmp_path, monkeypatch):
    from reporter.errors import UserError
    from reporter.writers import md

    out = tmp_path / "out"
    assert render(store, out, "--max-pages", "500", formats="md") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real, calls = md.write, []

    def fails_on_the_third(doc, ctx):
        calls.append(doc.title)
        if len(calls) == 3:
            raise UserError("layout failed")
        return real(doc, ctx)

    monkeypatch.setattr(md, "write", fails_on_the_third)
    assert render(store, out, "--max-pages", str(MAX_PAGES), formats="md") == 1
    assert len(calls) == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing new, nothing half-written


def test_pack_keeps_order_and_bounds():
    from reporter.compose.appendix_volumes import COVER_PAGES, Piece, pack

    pieces = [Piece("indicator", [{}] * n, n / 10, group=f"g{n % 3}", indicator=str(i))
              for i, n in enumerate([5, 30, 12, 8, 40, 3, 3, 25])]
    budget = 5.0
    vols = pack(pieces, budget)
    assert [p for v in vols for p in v.pieces] == pieces  # each piece once, in order
    for v in vols:
        assert len(v.pieces) == 1 or v.pages + COVER_PAGES <= budget
