"""DOCX as LibreOffice lays it out (issue 23): contents with page numbers without a field update,
tables at the text width, headers that do not split a two-character word, year spans unbroken."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile

import pytest

from reporter.cli import main
from reporter.writers.docx.widths import column_widths, header_em, text_em

pytestmark = pytest.mark.skipif(os.environ.get("REPORTER_NO_LIBREOFFICE") == "1" or not shutil.which("soffice"),
                                reason="LibreOffice not installed (REPORTER_NO_LIBREOFFICE=1)")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("docx")
    store = out / "s.db"
    assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
    assert main(["-q", "--store", str(store), "brief", "--years", "2021-2024", "--format", "docx", "--out", str(out)]) == 0
    docx = out / "brief-西城区-2021-2024.docx"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(out / "lo"), str(docx)], capture_output=True, timeout=300, check=True)
    return docx, out / "lo" / "brief-西城区-2021-2024.pdf"


def page_text(pdf, page=None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_contents_show_the_page_each_heading_is_on(laid_out):
    _, pdf = laid_out
    contents = page_text(pdf, 1)
    entries = re.findall(r"^(\S[^.\n]*?)\.{5,}\s*(\d+)\s*$", contents, re.M)
    assert len(entries) >= 6, contents
    for title, page in entries:
        body = subprocess.run(["pdftotext", "-f", page, "-l", page, str(pdf), "-"], capture_output=True,
                              text=True).stdout
        assert title.strip() in [line.strip() for line in body.splitlines()], (title, page)


def test_tables_span_the_text_width(laid_out):
    docx, _ = laid_out
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    widths = [int(w) for w in re.findall(r'<w:tblW w:w="(\d+)" w:type="dxa"/>', body)]
    assert widths and all(abs(w - 17.0 * 567) < 15 for w in widths), widths


def test_header_words_and_year_spans_stay_whole(laid_out):
    _, pdf = laid_out
    text = page_text(pdf)
    assert re.search(r"变化\s+计算增速\s+年均增速\s+报告增速", text)
    assert "2021→2023" in text and not re.search(r"2021→202\s*$", text, re.M)


def test_header_em_keeps_short_words_whole():
    assert header_em("变化") == text_em("变化")
    assert header_em("由水平值计算增速") == text_em("由水平值")
    narrow = column_widths([["变化", "说明"], ["1", "很长的一段文字" * 20]], 40.0, 1.4, header=["变化", "说明"])
    assert narrow[0] >= text_em("变化") + 1.4 and abs(sum(narrow) - 40.0) < 1e-6
