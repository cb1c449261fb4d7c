"""The rendering pipeline with real WeasyPrint PDFs, real DOCX files read back, real HTML."""
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reporter.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    assert main(["-q", "render", "sample", "--out", str(out), "--format", "pdf,docx,html,md"]) == 0
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)  # ZWSP: the DOCX's line-break hint before "（" in table cells


def docx_parts(path: Path):
    d = docx.Document(str(path))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = "\n".join(p.text for p in d.paragraphs) + "\n" + "\n".join(cells)
    return d, headings, cells, text


def east_asian_font(run, paragraph) -> str | None:
    """The East Asian face a run is shown in: its own rFonts, else its paragraph style's chain."""
    rpr = run._r.rPr
    fonts = rpr.rFonts if rpr is not None else None
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        return fonts.get(qn("w:eastAsia"))
    style = paragraph.style
    while style is not None:
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None


def test_all_formats_written(sample):
    names = sorted(p.name for p in sample.iterdir())
    assert names == ["sample.docx", "sample.html", "sample.md", "sample.pdf"]


def test_pdf_embeds_a_cjk_font(sample):
    fonts = subprocess.run(["pdffonts", str(sample / "sample.pdf")], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes yes " in line for line in cjk)


def test_pdf_and_docx_say_the_same(sample):
    pdf = squash(pdf_text(sample / "sample.pdf"))
    _, headings, cells, text = docx_parts(sample / "sample.docx")
    assert len(headings) >= 4 and len(cells) >= 20
    for heading in headings:
        assert squash(heading) in pdf, heading
    for cell in cells:
        assert squash(cell) in pdf, cell
    figures = set(re.findall(r"\d[\d,]*\.?\d*", text))
    assert {"5,408.1", "452.7", "8.8", "36"} <= figures
    for figure in figures:
        assert figure in pdf, figure


def test_pdf_has_toc_page_numbers_and_running_footer(sample):
    text = pdf_text(sample / "sample.pdf")
    assert re.search(r"第1部分 示例章节 \.[ .]+ 2", text)
    assert re.search(r"第\s*1\s*页\s*/\s*共\s*\d+\s*页", text)


def test_docx_fonts_headings_and_table_header(sample):
    d, headings, _, _ = docx_parts(sample / "sample.docx")
    assert {p.style.name for p in d.paragraphs if p.text in headings} >= {"Heading 1", "Heading 2", "Heading 3"}
    for p in d.paragraphs:
        for run in p.runs:  # a run names its fonts, or its paragraph style carries them (fonts by style)
            assert east_asian_font(run, p), p.text
    for name in ("Normal", "Heading 1", "Heading 2", "List Bullet", "Table Grid"):
        fonts = d.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
        assert d.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    first_row = d.tables[0].rows[0]._tr
    assert first_row.trPr.find(qn("w:tblHeader")) is not None
    assert len(d.inline_shapes) == 1
    assert "PAGE" in d.sections[0].footer._element.xml


def test_html_is_standalone(sample):
    html = (sample / "sample.html").read_text("utf-8")
    assert '<html lang="zh-CN">' in html and "<style>" in html and "<link" not in html and "data:image/png" in html


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("body,expect", [
    ("{% block summary %}{{ no_such_name }}{% endblock %}", r"sample\.md\.j2:1: 'no_such_name' is undefined"),
    ("{% block summary %}\n{% if %}{% endblock %}", r"sample\.md\.j2:2: template syntax error"),
])
def test_template_errors_name_file_and_line_and_write_nothing(capsys, tmp_path, body, expect):
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "sample.md.j2").write_text(body, "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out))
    assert code == 1 and re.search(expect, err), err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("ref", ["http://example.com/x.png", "file:///etc/passwd"])
def test_template_references_outside_are_refused(capsys, tmp_path, ref):
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "sample.md.j2").write_text(f'{{% block summary %}}<img src="{ref}">{{% endblock %}}', "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out))
    assert code == 1 and "refused" in err and ref in err
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("css", ['@import url("http://example.com/evil.css");', 'body { background: url("file:///etc/passwd"); }'])
@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_css_references_outside_are_refused(capsys, tmp_path, project_home, css, fmt):
    name = "print.css" if fmt == "pdf" else "screen.css"
    path = project_home / "styles" / name
    path.write_text(css + "\n" + path.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "sample", "--format", fmt, "--out", str(out))
    assert code == 1 and "refused" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_single_overridden_block_changes_only_that_block(capsys, tmp_path):
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block summary %}编辑改写的要点段落。{% endblock %}\n", "utf-8")
    out = tmp_path / "out"
    assert run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "html,md")[0] == 0
    md = (out / "sample.md").read_text("utf-8")
    assert "编辑改写的要点段落。" in md and "本节演示" not in md
    assert "| 地区生产总值 |" in md and "## 第1部分 示例章节" in md


def test_failed_render_keeps_the_old_output(capsys, tmp_path):
    out = tmp_path / "out"
    assert run(capsys, "render", "sample", "--out", str(out), "--format", "html")[0] == 0
    before = (out / "sample.html").read_bytes()
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block summary %}{{ missing }}{% endblock %}", "utf-8")
    assert run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "html")[0] == 1
    assert (out / "sample.html").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["sample.html"]


def test_sanitiser_drops_active_content():
    from reporter.allowlist import AllowList as AllowListFetcher
    from reporter.render.markdown import sanitise

    root = sanitise('<p onclick="x()">a<script>alert(1)</script><a href="javascript:x()">b</a></p><iframe src="#"></iframe>',
                    AllowListFetcher([ROOT]))
    html = "".join(__import__("lxml.html").html.tostring(c, encoding="unicode") for c in root)
    assert "script" not in html and "onclick" not in html and "javascript" not in html and "iframe" not in html


def test_styles_found_by_outline_level_when_names_differ():
    from reporter.writers.docx.styles import DocxSettings, Styles

    document = docx.Document()
    document.styles["Heading 1"].name = "标题 1"  # as a Chinese-locale Word saves it
    styles = Styles(document, DocxSettings())
    assert styles.get("Heading 1", level=1).name == "标题 1"


def test_filters():
    from decimal import Decimal

    from reporter.render.filters import amount, date_en, date_zh, pct, pp, qualifier

    assert amount(Decimal("5408.1")) == "5,408.1亿元"
    assert pct(Decimal("-1.5"), sign=True) == "−1.5%" and pct(8.1, sign=True) == "+8.1%"
    assert pp(Decimal("0.5")) == "+0.5个百分点"
    assert qualifier("at_least") == "≥" and qualifier("approx") == "约"
    assert date_zh("2024-01-09") == "2024年1月9日" and date_en("2024-01-09") == "9 January 2024"


def test_a_glyph_no_font_has_fails_the_pdf_instead_of_printing_a_box(capsys, tmp_path):
    user = tmp_path / "tpl"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block summary %}私用区字符\ue000。{% endblock %}", "utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "pdf")
    assert code == 1 and "U+E000" in err and "boxes" in err
    assert not out.exists() or not any(out.iterdir())



def test_one_word_headers_are_marked_to_stay_whole():
    """变化 above a narrow numeric column broke into 变/化, a character a line: a header of one short
    word gets class `word`, which the stylesheets keep on one line (the brief's PDF test reads it)."""
    from reporter.allowlist import AllowList
    from reporter.document import NoImages
    from reporter.render.markdown import build_document

    md = "| 指标 | 变化 | 年均增速 | 对应指标及目标值说明 | Change rate |\n|---|--:|--:|---|---|\n| a | 1 | 2 | b | c |\n"
    doc = build_document(md, "t", AllowList([ROOT / "styles"]), NoImages(), "目录")
    classes = {th.text_content(): (th.get("class") or "").split() for th in doc.body.iter("th")}
    assert "word" in classes["变化"] and "word" in classes["年均增速"] and "word" in classes["指标"]
    assert "word" not in classes["对应指标及目标值说明"] and "word" not in classes["Change rate"]
    css = (ROOT / "styles" / "print.css").read_text("utf-8")
    assert re.search(r"th\.word\s*\{[^}]*white-space:\s*nowrap", css)
