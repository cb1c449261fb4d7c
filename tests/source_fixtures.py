"""Fixture builders: the seed texts as people have them (issue 20).

`seed_docx` writes a seed as a Word file in the official-document layout (仿宋 body, 黑体/楷体
headings by level, Word heading styles, a running header, a `— N —` page-number footer) with the
annex plan table as a real Word table (rows rebuilt from the parser's PlanTarget rows of the text)
and the glossary as paragraphs; `docx_to_pdf` prints DOCX to PDF through LibreOffice headless;
`scan_pdf` rasterises a PDF and wraps the page images back into a PDF (the OCR path).

These build test inputs from the text version, whose facts are the gold the readers are scored
against; nothing here is used by reporter itself.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reporter.clean import clean
from reporter.model import PlanTarget, Report
from reporter.parse import parse_text
from reporter.parse.sections import heading, preamble_length, split_annex

# The faces official documents (GB/T 9704) set: body 仿宋 三号, level 1 黑体, level 2 楷体,
# level 3 仿宋 bold, title 方正小标宋 二号. Where the faces are missing, LibreOffice substitutes;
# headings are also bold so the printed PDF shows them by weight whatever the fallback face.
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
BODY_PT = 16
TITLE_PT = 22
TABLE_PT = 12


# ---------------------------------------------------------------- DOCX


def seed_docx(seed_txt_path: Path, out_path: Path) -> Path:
    """A seed text written as an official-document DOCX: body and headings as the cleaned text
    has them, the annex plan table as a Word table, the glossary as numbered paragraphs."""
    seed_txt_path, out_path = Path(seed_txt_path), Path(out_path)
    text = seed_txt_path.read_text(encoding="utf-8")
    report = parse_text(text, seed_txt_path)
    body, annex = split_annex(clean(text).paragraphs)
    doc = Document()
    _page_setup(doc, report.title)
    _styles(doc)
    _body(doc, body, report.title)
    _annex(doc, annex, report)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out_path)
    return out_path


def _east_asian(run_or_style_rpr, font: str) -> None:
    """Set the East Asian face (w:eastAsia), which python-docx's font.name does not reach."""
    fonts = run_or_style_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_or_style_rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def _style_font(style, font: str, size: int, bold: bool = False) -> None:
    style.font.name = font
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = None
    _east_asian(style.element.get_or_add_rPr(), font)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    _style_font(normal, BODY_FONT, BODY_PT)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(BODY_PT * 2)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # 两端对齐, as official documents set their body
    fmt.line_spacing = Pt(28.9)  # 22 lines a page, as GB/T 9704 sets
    fmt.space_before = fmt.space_after = Pt(0)
    for level, font in HEADING_FONTS.items():
        style = doc.styles[f"Heading {level}"]
        _style_font(style, font, BODY_PT, bold=True)
        style.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = Pt(28.9)
    title = doc.styles["Title"]
    _style_font(title, TITLE_FONT, TITLE_PT, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = Pt(BODY_PT)
    # python-docx's template draws a rule under Title; official documents have none
    for border in title.element.findall(".//" + qn("w:pBdr")):
        border.getparent().remove(border)


def _page_setup(doc: Document, title: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in header.runs:
        run.font.size = Pt(9)
        _east_asian(run._element.get_or_add_rPr(), BODY_FONT)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    for run in footer.runs:
        run.font.size = Pt(14)


def _body(doc: Document, paragraphs: list[str], title: str) -> None:
    skip = preamble_length(paragraphs, title)
    doc.add_paragraph(title, style="Title")  # a web page's title sits in its chrome, not the text
    start = 1 if paragraphs and paragraphs[0] == title else 0
    for i, par in enumerate(paragraphs[start:], start):
        if i < skip:
            p = doc.add_paragraph(par)
            if not par.startswith("各位"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
            continue
        head = heading(par)
        if head and head[0] in HEADING_FONTS and not head[3]:
            doc.add_paragraph(par, style=f"Heading {head[0]}")
        elif head and head[0] in HEADING_FONTS:  # a run-in heading: '（一）标题。正文…'
            lead, _, rest = par.partition("。")
            p = doc.add_paragraph()
            run = p.add_run(lead + "。")
            run.bold = True
            _east_asian(run._element.get_or_add_rPr(), HEADING_FONTS[head[0]])
            p.add_run(rest)
        else:
            doc.add_paragraph(par)


# ---------------------------------------------------------------- annex


def _annex(doc: Document, annex: list[str], report: Report) -> None:
    """The annex list, then 附件1 (title and the plan table), then 附件2 (the glossary)."""
    first = next((i for i, p in enumerate(annex) if _annex_mark(p, 1)), len(annex))
    for par in annex[:first]:  # '附件：1.…计划表' '2.名词解释': the annex list closing the body
        p = doc.add_paragraph(par)
    if not report.targets:
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    mark = doc.add_paragraph("附件1")
    _font(mark, HEADING_FONTS[1])
    mark.paragraph_format.first_line_indent = Pt(0)
    table_title = f"{report.targets[0].plan_year}年国民经济和社会发展计划表"
    caption = doc.add_paragraph(_table_title(annex, first) or table_title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    _font(caption, TITLE_FONT, TITLE_PT - 4)
    _plan_table(doc, report.targets)
    if report.terms:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        mark = doc.add_paragraph("附件2")
        _font(mark, HEADING_FONTS[1])
        mark.paragraph_format.first_line_indent = Pt(0)
        head = doc.add_paragraph("名词解释")
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.first_line_indent = Pt(0)
        _font(head, TITLE_FONT, TITLE_PT - 4)
        for term in report.terms:
            doc.add_paragraph(f"{term.number}.{term.term}：{term.definition}")


def _annex_mark(par: str, n: int) -> bool:
    return par.replace(" ", "") == f"附件{n}"


def _table_title(annex: list[str], first: int) -> str:
    """The table's title as the text has it: the long lines after '附件1' up to the first cell."""
    parts = []
    for par in annex[first + 1 :]:
        if len(par) <= 4 or "序号" in par:
            break
        parts.append(par)
    return "".join(parts)


def _font(paragraph, font: str, size: int | None = None) -> None:
    for run in paragraph.runs:
        _east_asian(run._element.get_or_add_rPr(), font)
        if size:
            run.font.size = Pt(size)


def _plan_table(doc: Document, targets: list[PlanTarget]) -> None:
    """评价维度 | 序号 | 指标名称 | N年计划 | 指标属性, the dimension and grouped row numbers merged
    down as printed tables have them; a group (食品药品安全 …) splits the name cell in two."""
    grouped = any(t.group for t in targets)
    cols = 6 if grouped else 5
    table = doc.add_table(rows=1 + len(targets), cols=cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = ["评价维度", "序号", "指标名称"] + ([""] if grouped else []) + [f"{targets[0].plan_year}年计划", "指标属性"]
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    if grouped:
        table.cell(0, 2).merge(table.cell(0, 3)).text = "指标名称"
    _repeat_header(table.rows[0])
    for r, t in enumerate(targets, 1):
        name = f"{t.name}（{t.unit}）" if t.unit else t.name
        cells = [t.dimension, str(t.number)] + ([t.group, name] if grouped else [name]) + [t.plan_text, t.attribute]
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
        if grouped and not t.group:
            table.cell(r, 2).merge(table.cell(r, 3)).text = name
    _merge_down(table, 0, [t.dimension for t in targets])
    _merge_down(table, 1, [str(t.number) for t in targets])
    if grouped:
        _merge_down(table, 2, [t.group or f"\0{i}" for i, t in enumerate(targets)])
    widths = [24, 14, 26, 42, 30, 20] if grouped else [24, 14, 68, 30, 20]
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = Mm(width)
    for row in table.rows:
        _cell_widths(row, widths)
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.first_line_indent = Pt(0)
                p.paragraph_format.line_spacing = 1.0
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in p.runs:
                    run.font.size = Pt(TABLE_PT)


def _cell_widths(row, widths: list[int]) -> None:
    """Each cell's width from the grid columns it spans (LibreOffice reads tcW, not gridCol)."""
    grid = 0
    for tc in row._tr.tc_lst:
        span = tc.grid_span
        tc.width = Mm(sum(widths[grid : grid + span]))
        grid += span


def _merge_down(table, col: int, keys: list[str]) -> None:
    """Merge runs of equal keys in one column (rows counted after the header)."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if i - start > 1:
                text = table.cell(start + 1, col).text
                table.cell(start + 1, col).merge(table.cell(i, col)).text = text
            start = i


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


# ---------------------------------------------------------------- PDF


def docx_to_pdf(docx: Path | list[Path], out_dir: Path, timeout: int = 300) -> list[Path] | Path:
    """DOCX -> PDF through LibreOffice headless, several files in one start (LibreOffice is slow
    to start). A private profile dir keeps runs apart; returns the PDF path(s) in order."""
    files = [Path(d) for d in (docx if isinstance(docx, (list, tuple)) else [docx])]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)]
        env = {**os.environ, "HOME": profile}
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    pdfs = [out_dir / (f.stem + ".pdf") for f in files]
    missing = [p for p in pdfs if not p.is_file()]
    if proc.returncode or missing:
        raise RuntimeError(f"soffice failed ({proc.returncode}): {proc.stderr.strip()[:500]} missing={missing}")
    return pdfs if isinstance(docx, (list, tuple)) else pdfs[0]


def scan_pdf(pdf: Path, out: Path, dpi: int = 200, pages: int | None = None) -> Path:
    """Rasterise a PDF's pages (pdftoppm, grayscale) and wrap the images back into a PDF with
    Pillow: a PDF with no text layer, as a scanner makes."""
    from PIL import Image

    pdf, out = Path(pdf), Path(out)
    with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
        cmd = ["pdftoppm", "-r", str(dpi), "-gray", "-png"]
        if pages:
            cmd += ["-l", str(pages)]
        subprocess.run(cmd + [str(pdf), f"{tmp}/p"], check=True, timeout=600)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        images = [Image.open(f) for f in files]
        out.parent.mkdir(parents=True, exist_ok=True)
        images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
        for im in images:
            im.close()
    return out


def repeat_pdf(pdf: Path, out: Path, pages: int) -> Path:
    """A long PDF made by repeating a real one's pages (pypdf), for the 500-page checks."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(pdf))
    writer = PdfWriter()
    n = len(reader.pages)
    for i in range(pages):
        writer.add_page(reader.pages[i % n])
    with open(out, "wb") as fh:
        writer.write(fh)
    return Path(out)


def encrypt_pdf(pdf: Path, out: Path, user_password: str = "secret") -> Path:
    """The PDF encrypted (AES-128 where available): with a user password it cannot be opened
    without one; with '' it opens but is still encrypted."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    with open(out, "wb") as fh:
        writer.write(fh)
    return Path(out)
