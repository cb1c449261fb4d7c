"""Word and web-page readers (issue 20): the seed texts as people have them give the text's facts
and plan targets; bad files give one line and exit 1 with the store untouched."""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from reporter.app.ingest import parse_file
from store_helpers import SEEDS, cli, one_line_error
from web_fixtures import gov_page, nav_page

SEED_001 = next(SEEDS.glob("001_*.txt"))


def fact_keys(report) -> set:
    return {(f.indicator, f.period, f.kind, str(f.value)) for f in report.facts + report.context_facts}


def target_keys(report) -> set:
    return {(t.number, t.group, t.name, t.unit, t.plan_text, t.attribute, t.plan_year) for t in report.targets}


def recall(gold, got) -> float:
    return len(fact_keys(gold) & fact_keys(got)) / len(fact_keys(gold))


# ---------------------------------------------------------------- DOCX


@pytest.mark.parametrize("seed", ["002", "003"])
def test_seed_docx_gives_the_texts_facts_and_targets_from_real_tables(seed, seed_docx_files, parsed):
    text, docx_report = parsed[seed], parse_file(seed_docx_files[seed])
    assert docx_report.format == "docx"
    assert recall(text, docx_report) >= 0.98, sorted(fact_keys(text) - fact_keys(docx_report), key=str)[:5]
    assert len(fact_keys(docx_report) - fact_keys(text)) <= 0.02 * len(fact_keys(text))
    assert target_keys(docx_report) == target_keys(text) and len(text.targets) >= 20
    # read from the Word table: each target knows its row and the plan column it came from
    table = Document(seed_docx_files[seed]).tables[0]
    for t in docx_report.targets:
        assert t.origin.annex and t.origin.row and t.origin.column
        assert table.rows[t.origin.row - 1].cells[t.origin.column - 1].text.strip() == t.plan_text
    (first, *_), = [[s for s in docx_report.sections if s.number]]
    assert first.level == 1 and first.number == "一"
    assert docx_report.title == text.title and docx_report.kind == text.kind


def small_docx(path: Path, footnote: str | None = None) -> Path:
    """A report with heading styles, an outline-level heading, a statistics table and a plan table."""
    doc = Document()
    doc.add_paragraph("东河区2031年国民经济和社会发展计划执行情况的报告")
    doc.add_heading("一、2031年计划执行情况", level=1)
    doc.add_paragraph("全区地区生产总值实现500亿元，同比增长6.2%。")
    para = doc.add_paragraph("（一）产业发展")
    ppr = para._p.get_or_add_pPr()
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "1")
    ppr.append(lvl)
    doc.add_paragraph("规模以上工业增加值增长4.5%。")
    doc.add_paragraph("主要经济指标完成情况")
    stats = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["指标", "本期", "同比增长（%）"], ["社会消费品零售总额（亿元）", "320.5", "3.1"],
                             ["地方一般公共预算收入（亿元）", "88.2", "5.0"]]):
        for c, value in enumerate(row):
            stats.cell(r, c).text = value
    doc.add_paragraph("附件：东河区2032年国民经济和社会发展计划表")
    plan = doc.add_table(rows=3, cols=5)
    for r, row in enumerate([["评价维度", "序号", "指标名称", "2032年计划", "指标属性"],
                             ["创新发展", "1", "地区生产总值增速（%）", "5左右", "预期性"],
                             ["创新发展", "2", "高质量上市挂牌企业数量（家）", "85", "预期性"]]):
        for c, value in enumerate(row):
            plan.cell(r, c).text = value
    doc.add_paragraph("")  # Word ends a body with a paragraph, never a table
    doc.save(path)
    if footnote:
        add_footnote(path, footnote)
    return path


def add_footnote(path: Path, text: str) -> None:
    """python-docx writes no footnotes: add the part, its relationship and content type by hand."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    src = zipfile.ZipFile(path)
    items = {n: src.read(n) for n in src.namelist()}
    src.close()
    rels = items["word/_rels/document.xml.rels"].decode()
    items["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
        'Target="footnotes.xml"/></Relationships>')).encode()
    types = items["[Content_Types].xml"].decode()
    items["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')).encode()
    items["word/footnotes.xml"] = notes.encode()
    body = items["word/document.xml"].decode()  # the citing run, after the paragraph's text
    cite = "规模以上工业增加值增长4.5%。</w:t></w:r>"
    items["word/document.xml"] = body.replace(cite, cite + '<w:r><w:footnoteReference w:id="1"/></w:r>', 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for n, data in items.items():
            out.writestr(n, data)


def test_docx_styles_outline_levels_tables_and_footnotes(tmp_path):
    from reporter.readers import read_document

    path = small_docx(tmp_path / "small.docx", footnote="注：全区常住人口为110.6万人。")
    doc = read_document(path, path.read_bytes())
    headings = [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [(1, "一、2031年计划执行情况"), (2, "（一）产业发展")]
    assert [len(b.rows) for b in doc.tables()] == [3, 3] and doc.tables()[1].annex
    texts = [b.text for b in doc.blocks]
    cited = texts.index("规模以上工业增加值增长4.5%。")
    assert texts[cited + 1] == "注：全区常住人口为110.6万人。"  # the footnote, after the paragraph citing it
    assert doc.blocks[cited].notes == ["注：全区常住人口为110.6万人。"]
    report = parse_file(path)
    assert [(s.level, s.number) for s in report.sections if s.number] == [(1, "一")]
    assert [(c.level, c.number) for c in report.sections[-1].children] == [(2, "（一）")]
    gdp = [f for f in report.facts if f.indicator == "gdp_growth" and f.period == "2031"]
    assert gdp and gdp[0].origin.section_path == ["一、2031年计划执行情况"] and gdp[0].origin.block is not None
    table_facts = [f for f in report.facts if f.origin.row is not None and not f.origin.annex]
    retail = [f for f in table_facts if f.value is not None and str(f.value) in ("320.5", "3.1", "32050000000", "3205000000", "320.50")]
    assert table_facts and all(f.origin.column for f in table_facts), [(f.indicator, f.value) for f in report.facts]
    assert retail, [(f.indicator, f.value, f.origin) for f in table_facts]
    assert {(t.number, t.name, t.plan_text) for t in report.targets} == {
        (1, "地区生产总值增速", "5左右"), (2, "高质量上市挂牌企业数量", "85")}
    assert all(t.origin.row == t.number + 1 and t.origin.column == 4 for t in report.targets)


def test_doc_through_libreoffice(tmp_path, soffice):
    import subprocess

    docx_path = small_docx(tmp_path / "r.docx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(docx_path)], check=True, capture_output=True, timeout=180)
    doc_path = tmp_path / "doc" / "r.doc"
    a, b = parse_file(docx_path), parse_file(doc_path)
    assert b.format == "doc" and fact_keys(a) == fact_keys(b) and target_keys(a) == target_keys(b)
    wps = tmp_path / "r.wps"
    shutil.copy(doc_path, wps)
    assert fact_keys(parse_file(wps)) == fact_keys(a)


def test_doc_without_libreoffice_is_one_line(tmp_path):
    doc = tmp_path / "r.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    proc = cli("ingest", "--store", tmp_path / "s.db", doc, env={"PATH": "/nonexistent"})
    assert one_line_error(proc, "r.doc", "LibreOffice", "apt-get install") and not (tmp_path / "s.db").exists()


# ---------------------------------------------------------------- web pages


@pytest.mark.parametrize("encoding,tables", [("utf-8", False), ("gb18030", False), ("utf-8", True)])
def test_government_page_gives_the_articles_facts_only(encoding, tables, tmp_path, parsed):
    page = gov_page(SEED_001, tmp_path / "001.html", encoding, tables=tables)
    assert (b"<table" in page.read_bytes()) == tables
    text, html_report = parsed["001"], parse_file(page)
    assert html_report.format == "html"
    assert recall(text, html_report) >= 0.98, sorted(fact_keys(text) - fact_keys(html_report), key=str)[:5]
    assert len(fact_keys(html_report) - fact_keys(text)) <= 0.02 * len(fact_keys(text))
    assert html_report.published == "2021-12-20" and html_report.url.startswith("https://www.example.gov.cn/")
    assert html_report.title == text.title and html_report.kind == text.kind
    every = " ".join(s.title + "".join(s.paragraphs) for s in html_report.all_sections())
    for chrome in ("首页", "分享到", "相关链接", "ICP备", "主办单位", "政务服务", "99.9%", "12.3%"):
        assert chrome not in every, chrome  # navigation, breadcrumb, share bar, related links, footer, script


def test_page_date_line_and_headings_and_tables(tmp_path):
    page = tmp_path / "p.htm"
    page.write_text("""<html><head><title>东河区2031年1-10月经济运行情况_东河区人民政府网站</title></head><body>
<div class="nav"><a>首页</a><a>政务公开</a></div>
<div id="zoom"><h2>东河区2031年1-10月经济运行情况</h2><p>发布时间：2031年11月20日</p>
<h3>一、总体情况</h3><p>1-10月，全区地区生产总值实现500亿元，同比增长6.2%，经济运行总体平稳，主要指标好于预期。</p>
<table><tr><th>指标</th><th>1-10月</th><th>同比增长（%）</th></tr>
<tr><td>社会消费品零售总额（亿元）</td><td>320.5</td><td>3.1</td></tr></table>
<p>下一步，全区将继续加大稳增长工作力度，确保全年目标任务顺利完成，为明年发展打下坚实基础。</p></div>
<div class="footer">京ICP备12345678号</div></body></html>""", "utf-8")
    report = parse_file(page)
    assert report.published == "2031-11-20" and report.title == "东河区2031年1-10月经济运行情况"
    assert [s.title for s in report.sections if s.number] == ["总体情况"]
    assert any(f.origin.row == 1 and f.origin.column for f in report.facts), [(f.indicator, f.origin) for f in report.facts]


def test_mhtml_page(tmp_path):
    page = gov_page(SEED_001, tmp_path / "001.html").read_bytes()
    import base64

    mht = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/a.html\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n--B\r\n"
           b"Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://www.example.gov.cn/a.html\r\n\r\n"
           + base64.encodebytes(page) + b"\r\n--B--\r\n")
    (tmp_path / "001.mhtml").write_bytes(mht)
    report = parse_file(tmp_path / "001.mhtml")
    assert report.format == "html" and len(fact_keys(report)) >= 0.98 * len(fact_keys(parse_file(SEED_001)))


# ---------------------------------------------------------------- choosing by content, bad files


def test_reader_chosen_by_content_and_ingest_lists_formats(tmp_path, seed_docx_files):
    src = tmp_path / "src"
    src.mkdir()
    for seed in sorted(SEEDS.glob("00[34]_*.txt")):
        shutil.copy(seed, src / seed.name)
    shutil.copy(seed_docx_files["002"], src / "002.docx")
    gov_page(SEED_001, src / "001.html")
    proc = cli("ingest", "--store", tmp_path / "s.db", src)
    assert proc.returncode == 0 and "read 2 text, 1 docx, 1 html" in proc.stdout, proc.stdout + proc.stderr
    # the same bytes under the wrong suffix: read by what they are
    shutil.copy(seed_docx_files["002"], tmp_path / "word.txt")
    gov_page(SEED_001, tmp_path / "page.txt")
    assert parse_file(tmp_path / "word.txt").format == "docx" and parse_file(tmp_path / "page.txt").format == "html"


def other_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


BAD = {
    "binary.docx": (bytes(range(256)) * 8, "not a Word document"),
    "binary.html": (b"\x00\x01\x02\x89PNG" + bytes(range(256)) * 8, "binary"),
    "sheet.docx": (other_zip(), "a ZIP archive but not a Word document"),
    "zip.docx": (b"PK\x03\x04" + bytes(100), "not a Word document"),
}


BAD["deep.html"] = (b"<html><body>" + b"<div>" * 400 + "全区地区生产总值实现500亿元。".encode() * 20 + b"</body></html>",
                    "nested more than 256")


@pytest.mark.parametrize("name", sorted(BAD) + ["nav.html"])
def test_bad_files_one_line_exit_1_store_untouched(name, tmp_path):
    store = tmp_path / "s.db"
    assert cli("ingest", "--store", store, SEED_001).returncode == 0
    before = store.read_bytes()
    path = tmp_path / name
    if name == "nav.html":
        nav_page(path)
        words = ("navigation only",)
    else:
        path.write_bytes(BAD[name][0])
        words = (BAD[name][1],)
    proc = cli("ingest", "--store", store, path)
    assert one_line_error(proc, name, *words), proc.stderr
    assert store.read_bytes() == before


# ---------------------------------------------------------------- origin stored, footnotes


def test_origin_is_stored_and_old_stores_load(tmp_path, seed_docx_files):
    from reporter.model import Origin, report_from_dict, to_jsonable

    report = parse_file(seed_docx_files["002"])
    data = json.loads(json.dumps(to_jsonable(report), ensure_ascii=False))
    again = report_from_dict(data)
    assert [f.origin for f in again.facts] == [f.origin for f in report.facts]
    assert [t.origin for t in again.targets] == [t.origin for t in report.targets]
    for f in data["facts"]:
        del f["origin"]  # a store written before the origin existed
    for t in data["targets"]:
        del t["origin"]
    del data["format"], data["url"]
    old = report_from_dict(data)
    assert all(f.origin == Origin() for f in old.facts) and old.format == "text" and old.url == ""


def test_footnotes_cite_pdf_page_and_web_address():
    from reporter.compose.sources import citation
    from reporter.i18n import messages
    from reporter.model import Fact, Origin, Report

    fact = Fact("地区生产总值", None, "亿元", "500", "none", "2031", "actual", "全区地区生产总值实现500亿元。",
                report_id="r", section="一、总体情况", origin=Origin(page=12))
    pdf = Report("r", "r.pdf", "", "东河区经济简讯", "news", None, None, "2031-11-20", ["2031"], None, format="pdf")
    web = Report("r", "r.html", "", "东河区经济简讯", "news", None, None, "2031-11-20", ["2031"], None, format="html",
                 url="https://www.example.gov.cn/a.html")
    zh = messages("zh")
    assert "一，第12页" in citation(fact, pdf, zh)
    assert "https://www.example.gov.cn/a.html" in citation(fact, web, zh) and "第12页" not in citation(fact, web, zh)
    assert "p. 12" in citation(fact, pdf, messages("en"))


def test_pdf_facts_cite_the_page_their_figure_is_on(seed_pdfs):
    """A paragraph running across a page break: each fact is cited on the page its figure is
    printed on (pdftotext of that page holds the figure), and the footnote says that page."""
    import subprocess

    from reporter.compose.sources import citation
    from reporter.i18n import messages

    pdf = seed_pdfs["002"]
    report = parse_file(pdf)
    page_text: dict[int, str] = {}
    placed = [f for f in report.facts if f.origin.page is not None and not f.origin.annex]
    on_page = 0
    for fact in placed:
        if fact.origin.page not in page_text:
            out = subprocess.run(["pdftotext", "-f", str(fact.origin.page), "-l", str(fact.origin.page), str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout
            page_text[fact.origin.page] = "".join(out.split())
        on_page += "".join(fact.raw.split()) in page_text[fact.origin.page]
    assert len(placed) >= 0.9 * len([f for f in report.facts if not f.origin.annex])
    assert on_page >= 0.98 * len(placed), (on_page, len(placed))
    assert len({f.origin.page for f in placed}) >= 10  # not every fact on its paragraph's first page
    fact = placed[len(placed) // 2]
    assert f"第{fact.origin.page}页" in citation(fact, report, messages("zh"))


def test_word_and_web_reports_reparse_from_the_store_with_their_files_gone(tmp_path, seed_docx_files):
    """A parser upgrade re-parses from the stored bytes: the reader is chosen from them again."""
    import sqlite3

    src, store = tmp_path / "src", tmp_path / "s.db"
    src.mkdir()
    shutil.copy(seed_docx_files["003"], src / "003.docx")
    gov_page(SEED_001, src / "001.html")
    assert cli("-q", "--store", store, "ingest", src).returncode == 0
    before = cli("--store", store, "facts", "--format", "csv").stdout
    with sqlite3.connect(store) as db:
        db.execute("UPDATE meta SET value = 'an older parser' WHERE key = 'parser'")
    shutil.rmtree(src)
    proc = cli("--store", store, "ingest", SEED_001)
    assert proc.returncode == 0 and "parsing 2 stored report(s) again" in proc.stdout + proc.stderr
    assert "kept as parsed before" not in proc.stdout + proc.stderr
    after = cli("--store", store, "facts", "--format", "csv").stdout
    assert set(before.splitlines()) <= set(after.splitlines()) and len(before.splitlines()) > 150


def test_page_encoding_detected_when_the_markup_does_not_say(tmp_path, parsed):
    page = gov_page(SEED_001, tmp_path / "p.html")
    text = page.read_text("utf-8").replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>', "")
    assert "charset" not in text
    page.write_bytes(text.encode("gb18030"))
    report = parse_file(page)
    assert recall(parsed["001"], report) >= 0.98 and report.title == parsed["001"].title
