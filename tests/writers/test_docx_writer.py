"""The DOCX writer's one-pass WordprocessingML: real files rendered by the CLI from our own
Markdown, read back with python-docx; and the column measure against a plain reference."""
import random
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from reporter.cli import main
from reporter.writers.docx import widths as docx_widths

ROWS = 300


def table_markdown(rows: int) -> str:
    lines = ["# 长表", "", "说明文字 & <尖括号> 与“引号”。[^a]", "",
             "| 指标 | 2024 | 说明 |", "| --- | ---: | --- |"]
    for i in range(rows):
        note = f"[^n{i}]" if i % 50 == 0 else ""
        lines.append(f"| 指标{i} | {i},012.5{note} | 第{i}行（含括号）& 说明 |")
    lines += ["", "```", "code\tafter a tab", "second line", "```", ""]
    lines += ["[^a]: 正文脚注。"] + [f"[^n{i}]: 第{i}行的来源。" for i in range(0, rows, 50)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docxw")
    (tmp / "t").mkdir()
    (tmp / "t" / "sample.md.j2").write_text("{% raw %}" + table_markdown(ROWS) + "{% endraw %}", "utf-8")
    assert main(["-q", "render", "sample", "--templates", str(tmp / "t"), "--out", str(tmp / "out"),
                 "--format", "docx"]) == 0
    return tmp / "out" / "sample.docx"


def test_every_row_and_cell_arrives(written):
    d = docx.Document(str(written))
    table = max(d.tables, key=lambda t: len(t.rows))
    assert len(table.rows) == ROWS + 1
    assert [c.text for c in table.rows[0].cells] == ["指标", "2024", "说明"]
    last = [c.text.replace("\u200b", "") for c in table.rows[-1].cells]
    assert last == [f"指标{ROWS - 1}", f"{ROWS - 1},012.5", f"第{ROWS - 1}行（含括号）& 说明"]
    assert "说明文字 & <尖括号> 与“引号”。" in "\n".join(p.text for p in d.paragraphs)


def test_header_repeats_and_numbers_stay_whole_and_right_aligned(written):
    d = docx.Document(str(written))
    table = max(d.tables, key=lambda t: len(t.rows))
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr is None for r in table.rows[1:])  # only the first row repeats
    number = table.rows[5].cells[1]._tc
    assert number.tcPr.find(qn("w:noWrap")) is not None
    assert number.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "right"
    widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table.rows[7]._tr.tc_lst] == widths
    header = table.rows[0].cells[1]._tc.tcPr
    names = [child.tag for child in header]  # schema order: tcW, shd, noWrap
    assert names.index(qn("w:shd")) < names.index(qn("w:noWrap"))


def test_footnotes_inside_cells_are_word_footnotes(written):
    d = docx.Document(str(written))
    table = max(d.tables, key=lambda t: len(t.rows))
    refs = [r for r in table._tbl.iter(qn("w:footnoteReference"))]
    assert len(refs) == ROWS // 50
    with zipfile.ZipFile(written) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
    for i in range(0, ROWS, 50):
        assert f"第{i}行的来源。" in notes
    assert "正文脚注。" in notes
    ids = [int(r.get(qn("w:id"))) for r in d.element.body.iter(qn("w:footnoteReference"))]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)  # numbered in reading order


def test_runs_carry_fonts_only_where_the_style_does_not(written):
    d = docx.Document(str(written))
    body = next(p for p in d.paragraphs if p.text.startswith("说明文字"))  # Normal: fonts from the style
    text_runs = [r for r in body.runs if r.text]
    assert text_runs and all(r._r.rPr is None or r._r.rPr.rFonts is None for r in text_runs)
    assert body._p.find(f".//{qn('w:footnoteReference')}") is not None
    code = next(p for p in d.paragraphs if "code" in p.text)
    assert code.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Sans Mono CJK SC"


def test_run_text_keeps_tabs_line_breaks_and_markup_characters():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.text.run import Run

    from reporter.writers.docx.runs import text_xml

    text = "a & <b>\tc\nd "
    r = parse_xml(f"<w:r {nsdecls('w')}>" + text_xml(text) + "</w:r>")
    assert Run(r, None).text == text
    assert [etree_name(c) for c in r] == ["t", "tab", "t", "br", "t"]


def etree_name(el) -> str:
    return el.tag.rsplit("}", 1)[-1]


def naive_needs(rows: list[list[str]], padding: float) -> list[tuple[float, float]]:
    """Every cell measured, as the writer did before it skipped cells that cannot be the widest."""
    out = []
    for j in range(max(len(r) for r in rows)):
        minimum = natural = 0.0
        for row in rows:
            minimum = max(minimum, docx_widths.unbreakable_em(row[j]) + padding)
            natural = max(natural, docx_widths.text_em(row[j]) + padding)
        out.append((minimum, natural))
    return out


def test_column_measure_equals_measuring_every_cell():
    rng = random.Random(7)
    pieces = ["西城区", "增长", "5,408.1", "+8.1%", "2021–2024", "abc", "（第12行）", "约", "≥6,000", " ", "GDP", "亿元"]
    for _ in range(200):
        ncols = rng.randint(1, 6)
        rows = [["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(ncols)]
                for _ in range(rng.randint(1, 40))]
        got = [docx_widths._column_needs({r[j] for r in rows}, 1.4) for j in range(ncols)]
        assert [(n.minimum, n.natural) for n in got] == naive_needs(rows, 1.4)


def figure_markdown(src: str) -> str:
    return f'# 图\n\n<figure class="chart" id="chart-1">\n<img src="{src}" alt="图">\n<figcaption>图一</figcaption>\n</figure>\n'


def render_docx(tmp_path, markdown: str):
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "sample.md.j2").write_text("{% raw %}" + markdown + "{% endraw %}", "utf-8")
    assert main(["-q", "render", "sample", "--templates", str(tmp_path / "t"), "--out", str(tmp_path / "out"),
                 "--format", "docx"]) == 0
    return docx.Document(str(tmp_path / "out" / "sample.docx"))


def test_a_markdown_file_keeps_its_inline_png_charts(tmp_path):
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (300, 200), "#1f4e79").save(buf, format="PNG")
    d = render_docx(tmp_path, figure_markdown("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()))
    assert len(d.inline_shapes) == 1
    shape = d.inline_shapes[0]
    assert abs(shape.width / shape.height - 1.5) < 0.01  # the image's own proportions
    assert "图一" in [p.text for p in d.paragraphs]


def test_a_broken_inline_png_is_left_out_not_fatal(tmp_path):
    import base64

    junk = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 4).decode()
    d = render_docx(tmp_path, figure_markdown("data:image/png;base64," + junk))
    assert len(d.inline_shapes) == 0 and "图一" in [p.text for p in d.paragraphs]
