"""The Word and web-page readers under fuzz (hypothesis): any bytes give a SourceDocument the
parser takes, or one UserError line naming the file; never an internal error."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.errors import UserError
from reporter.parse import parse
from reporter.readers import read_document
from store_helpers import SEEDS
from web_fixtures import gov_page

EXAMPLES = int(os.environ.get("REPORTER_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _small_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("东河区2031年国民经济和社会发展计划执行情况的报告")
    doc.add_heading("一、总体情况", level=1)
    doc.add_paragraph("全区地区生产总值实现500亿元，同比增长6.2%。")
    table = doc.add_table(rows=2, cols=3)
    for c, v in enumerate(["指标", "本期", "同比增长（%）"]):
        table.cell(0, c).text = v
    for c, v in enumerate(["社会消费品零售总额（亿元）", "320.5", "3.1"]):
        table.cell(1, c).text = v
    table.cell(1, 1).merge(table.cell(1, 2))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


DOCX = _small_docx()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _z:
    PARTS = {n: _z.read(n) for n in _z.namelist()}
PAGE = gov_page(next(SEEDS.glob("001_*.txt")), Path(os.environ.get("TMPDIR", "/tmp")) / "fuzz-001.html").read_bytes()
PAGE = PAGE[:4000] + PAGE[-2500:]  # head, a little article, the chrome at the end


def rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@st.composite
def docx_bytes(draw):
    kind = draw(st.sampled_from(["random", "flipped", "xml", "parts"]))
    if kind == "random":
        return b"PK\x03\x04" + draw(st.binary(max_size=2000))
    if kind == "flipped":
        data = bytearray(DOCX)
        for _ in range(draw(st.integers(1, 6))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    parts = dict(PARTS)
    if kind == "xml":
        xml = bytearray(parts["word/document.xml"])
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(xml)))
            xml[at:at] = draw(st.sampled_from([b"<", b">", b"</w:tbl>", b"<w:tc>", b"&", b"\xff", b"<w:outlineLvl w:val=\"x\"/>",
                                               b"<w:gridSpan w:val=\"99\"/>", b"<w:vMerge/>", b"<w:tbl>", b"\x00"]))
        parts["word/document.xml"] = bytes(xml)
    else:
        drop = draw(st.sampled_from(sorted(parts)))
        if draw(st.booleans()):
            del parts[drop]
        else:
            parts[drop] = draw(st.binary(max_size=300))
    return rezip(parts)


TAGS = ["p", "div", "table", "tr", "td", "th", "h1", "h2", "h3", "br", "span", "ul", "li", "nav", "script", "meta", "title"]


@st.composite
def html_bytes(draw):
    kind = draw(st.sampled_from(["random", "mutated", "soup"]))
    if kind == "random":
        return b"<html>" + draw(st.binary(max_size=2000))
    if kind == "mutated":
        data = bytearray(PAGE)
        for _ in range(draw(st.integers(1, 10))):
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.sampled_from([b"<", b">", b"</div>", b"<table>", b"<td rowspan=9999>", b"<td colspan=-3>",
                                                b"\x00", b"\xff\xfe", b"<meta charset=\"x-nonsense\">", b"&#0;", b"<br>",
                                                "发布日期：2031-13-45".encode()]))
        return bytes(data)
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        tag = draw(st.sampled_from(TAGS))
        attr = draw(st.sampled_from(["", ' class="nav"', ' colspan="3"', ' rowspan="2"', ' id="content"', ' class="footer"']))
        text = draw(st.text(alphabet="全区地区生产总值实现亿元增长%.0123456789，。：发布日期", max_size=40))
        parts.append(f"<{tag}{attr}>{text}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    return ("<!DOCTYPE html><html><body>" + "".join(parts)).encode(draw(st.sampled_from(["utf-8", "gb18030"])))


def read_and_parse(name: str, data: bytes) -> None:
    try:
        doc = read_document(Path(name), data)
        parse(doc, name)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(name), str(exc)


@SETTINGS
@given(data=docx_bytes())
def test_docx_reader_any_bytes_no_internal_error(data):
    read_and_parse("fuzz.docx", data)


@SETTINGS
@given(data=html_bytes(), suffix=st.sampled_from([".html", ".htm", ".mhtml"]))
def test_html_reader_any_bytes_no_internal_error(data, suffix):
    read_and_parse("fuzz" + suffix, data)


@settings(max_examples=int(os.environ.get("REPORTER_FUZZ_DOC_EXAMPLES", "6")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=3000).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
                      st.binary(max_size=600)))
def test_doc_reader_any_bytes_no_internal_error(data, soffice, monkeypatch):
    """Each example is a LibreOffice start (seconds): few of them, a short conversion limit
    (the fixtures only find LibreOffice and set an environment variable: fine to share)."""
    monkeypatch.setenv("REPORTER_CONVERT_TIMEOUT", "60")
    read_and_parse("fuzz.doc", data)
