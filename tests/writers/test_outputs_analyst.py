"""Outputs an analyst sends out as they are (issue 11): no paths anywhere, Word files that lay
out in LibreOffice without broken numbers, real footnotes, a TOC field, document properties,
an xlsx with numbers, corrections listed with their reasons."""
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from reporter.app.plugins import products
from reporter.cli import main

ROOT = Path(__file__).resolve().parents[2]


def text_of(path: Path) -> str:
    """Every text an output carries: PDF text, the XML parts of DOCX/XLSX, the file itself otherwise."""
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))
    return path.read_text("utf-8", errors="replace")


EXAMPLES = {"years": "2019-2024", "quarter": "2024Q1", "parts": "1", "year": "2023",
            "areas": "北京市,西城区"}  # a value for each product option


def test_no_absolute_path_in_any_output_of_any_product(store, tmp_path):
    from reporter.app.render import RenderOptions, render_product
    from reporter.settings import Settings

    out = tmp_path / "build"
    seen = 0
    for product in products():
        missing = [o.name for o in product.options if o.required and o.name not in EXAMPLES]
        assert not missing, f"{product.name}: add an example value for --{missing[0]} to EXAMPLES"
        formats = ",".join(["pdf", "docx", "html", "md", *product.data_formats])
        options = {o.name: EXAMPLES[o.name] for o in product.options if o.name in EXAMPLES}
        render_product(RenderOptions(product=product.name, settings=Settings(store=store, out=out / product.name), options=options,
                                     formats=formats))
    for path in out.rglob("*"):
        if path.is_file():
            text = text_of(path)
            seen += 1
            for root in (str(out.resolve()), str(ROOT), str(tmp_path.resolve())):
                assert root not in text, f"{path.name} contains {root}"
            assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt[：:]", text), f"{path.name} cites by file name"
    assert seen >= 4 * len(products())


@pytest.fixture(scope="module")
def rendered(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    styles = tmp_path_factory.mktemp("styles")
    (styles / "docx.toml").write_text('organisation = "某区统计局"\nauthor = "分析员甲"\n', "utf-8")
    for product, years in (("brief", "2021-2024"), ("appendix", "2019-2024")):
        assert main(["-q", "--store", str(store), product, "--years", years, "--format", "pdf,docx,xlsx"
                     if product == "appendix" else "pdf,docx", "--out", str(out), "--styles", str(styles)]) == 0
    return out


def test_docx_has_footnotes_toc_field_and_properties(rendered):
    path = rendered / "brief-西城区-2021-2024.docx"
    d = docx.Document(str(path))
    assert d.core_properties.title.startswith("北京市西城区") and d.core_properties.language == "zh-CN"
    assert d.core_properties.author == "分析员甲"  # from --styles DIR/docx.toml, over styles/docx.toml
    with zipfile.ZipFile(path) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        app = z.read("docProps/app.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert notes.count("<w:footnote ") > 20 and "计划执行报告" in notes and ".txt" not in notes
    # the contents: one PAGEREF per heading (LibreOffice lays the numbers out; Word updates on opening)
    assert "w:updateFields" in settings and "PAGEREF _Toc" in body and '<w:bookmarkStart w:id="1" w:name="_Toc' in body
    assert "<Company>某区统计局</Company>" in app


def test_docx_table_widths_come_from_content(rendered):
    d = docx.Document(str(rendered / "appendix-西城区-2019-2024.docx"))
    table = next(t for t in d.tables if len(t.columns) == 7)
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(set(widths)) > 3 and widths[-1] == max(widths)  # the quote column gets the room
    numeric = [row.cells[1] for row in table.rows[1:]]
    assert all(c._tc.tcPr.find(qn("w:noWrap")) is not None for c in numeric if re.fullmatch(r"[\d,.]+", c.text))


def libreoffice_pdf(docx_path: Path, out: Path, soffice: str = "soffice") -> Path:
    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out / "lo"), str(docx_path)], check=True, capture_output=True, timeout=240)
    return out / "lo" / (docx_path.stem + ".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_libreoffice_lays_out_the_word_files_without_broken_numbers(rendered, tmp_path, soffice):
    for name in ("brief-西城区-2021-2024", "appendix-西城区-2019-2024"):
        lo = libreoffice_pdf(rendered / f"{name}.docx", tmp_path, soffice)
        own = pages(rendered / f"{name}.pdf")
        assert pages(lo) <= 1.5 * own, (name, pages(lo), own)
        text = subprocess.run(["pdftotext", "-layout", str(lo), "-"], capture_output=True, text=True).stdout
        # a figure broken over two lines leaves a line ending in "5,408." or "≥6,00" followed by a cell gap;
        # footnote marker lists after a sentence or bracket ("。1,5,6") are markers, not figures
        body = re.sub(r"(?<=[。；）)%])\d{1,3}(?:,\d{1,3})+", "", text.split("注释")[0])
        assert not re.search(r"\d,\d{0,2}\s{2,}|\d\.\s{2,}\S", body), name
    text = subprocess.run(["pdftotext", str(tmp_path / "lo" / "brief-西城区-2021-2024.pdf"), "-"], capture_output=True,
                          text=True).stdout
    for figure in ("5,408.1", "≥6,000", "452.7", "1,012.9"):
        assert figure in text


def test_xlsx_values_are_numbers_and_the_wide_sheet_has_one_row_per_indicator(rendered):
    sheets = pd.read_excel(rendered / "appendix-西城区-2019-2024.xlsx", sheet_name=None)
    wide = sheets["指标×年份"]
    assert wide["指标代码"].is_unique and wide.columns[-1] == "指标代码"
    assert pd.api.types.is_float_dtype(wide["2021年实际"]) and wide["2021年实际"].sum() > 5000
    from openpyxl import load_workbook

    ws = load_workbook(rendered / "appendix-西城区-2019-2024.xlsx")["指标×年份"]
    assert ws.freeze_panes == "A2"
    formats = {ws.cell(row=r, column=c).number_format for r in range(2, ws.max_row + 1) for c in range(4, 8)}
    assert any(f.startswith('"≥"') for f in formats)  # a bound keeps its mark as a number format


def test_corrections_exclude_a_fact_from_conflicts_and_list_it(store, tmp_path):
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[exclude]]\nreport = "001"\nquote = "学前和义务教育学位近6万个"\n'
                           'reason = "五年合计，含学前教育"\n', "utf-8")
    out = tmp_path / "o"
    base = ["-q", "--store", str(store)]
    assert main(base + ["brief", "--years", "2021-2024", "--format", "md", "--out", str(out / "before")]) == 0
    before = (out / "before" / "brief-西城区-2021-2024.md").read_text("utf-8")
    assert "近6万个" in before.split("## 数据覆盖与冲突")[1]
    assert main(base + ["--corrections", str(corrections), "brief", "--years", "2021-2024", "--format", "md",
                        "--out", str(out)]) == 0
    assert main(base + ["appendix", "--years", "2019-2024", "--format", "md", "--out", str(out),
                        "--corrections", str(corrections)]) == 0
    brief = (out / "brief-西城区-2021-2024.md").read_text("utf-8")
    assert "近6万个" not in brief.split("## 数据覆盖与冲突")[1]
    notes = (out / "appendix-西城区-2019-2024.md").read_text("utf-8").split("## 说明")[1]
    assert "排除" in notes and "五年合计，含学前教育" in notes


def test_registry_overlay_names_an_unregistered_figure(store, tmp_path, capsys):
    overlay = tmp_path / "mine.toml"
    overlay.write_text('[[indicator]]\nid = "my_beds"\nzh = "家庭养老照护床位"\nunit = ""\ndimension = "livelihood"\n'
                       'aliases = ["养老照护床位"]\n', "utf-8")
    (tmp_path / "reporter.toml").write_text(f'registry = "{overlay.name}"\n', "utf-8")
    import os

    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["indicators"]) == 0
        listed = capsys.readouterr().out
        assert "my_beds" in listed and "家庭养老照护床位" in listed
    finally:
        os.chdir(old)
    assert main(["indicators"]) == 0  # another run, other settings: nothing of the overlay stays behind
    assert "my_beds" not in capsys.readouterr().out
