"""The fixture builders (tests/source_fixtures.py) make what the readers are scored on: check
the DOCX, the LibreOffice PDF and the scan are what they claim before trusting any score."""
from __future__ import annotations

import re
import subprocess

from docx import Document


def test_seed_docx_has_plan_table_headings_and_footer(seed_docx_files, parsed):
    for seed, path in seed_docx_files.items():
        doc = Document(str(path))
        targets = parsed[seed].targets
        table = doc.tables[0]
        names = {row.cells[-3].text for row in table.rows[1:]}
        assert {f"{t.name}（{t.unit}）" for t in targets} <= names
        assert table.rows[0].cells[0].text == "评价维度"
        styles = {p.style.name for p in doc.paragraphs}
        assert {"Title", "Heading 1", "Heading 2"} <= styles
        assert "PAGE" in doc.sections[0].footer._element.xml
        terms = [p.text for p in doc.paragraphs if re.match(r"\d+\.[^：]{1,40}：", p.text)]
        assert len(terms) >= len(parsed[seed].terms)


def test_seed_pdfs_have_footers_header_and_table_text(seed_pdfs, parsed):
    for seed, pdf in seed_pdfs.items():
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")
        assert len(pages) > 20
        assert re.search(r"—\s*1\s*—", pages[0]) and re.search(r"—\s*2\s*—", pages[1])
        assert sum(parsed[seed].title[:12] in re.sub(r"\s", "", p) for p in pages) > 20  # the running header
        assert "评价维度" in text and "生产生活用水总量" in text


def test_scanned_pdf_has_no_text_layer(scanned_pdf, seed_pdfs):
    text = subprocess.run(["pdftotext", str(scanned_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not text.replace("\f", "").strip()
    info = subprocess.run(["pdfinfo", str(scanned_pdf)], capture_output=True, text=True, check=True).stdout
    orig = subprocess.run(["pdfinfo", str(seed_pdfs["002"])], capture_output=True, text=True, check=True).stdout
    pages = [line for line in info.splitlines() if line.startswith("Pages:")]
    assert pages == [line for line in orig.splitlines() if line.startswith("Pages:")]
