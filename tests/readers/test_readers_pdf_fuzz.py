"""The PDF reader under fuzz (hypothesis): mutated bytes of a small real PDF (two LibreOffice
pages, one of them the plan table) give a SourceDocument the parser takes, or one UserError."""
from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.errors import UserError
from reporter.parse import parse
from reporter.readers import pdf

SMALL: dict[str, bytes] = {}


@pytest.fixture(scope="module", autouse=True)
def small_pdf(seed_pdfs):
    """Pages 1 and the plan table's first page of the 003 PDF, as one small PDF."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(str(seed_pdfs["003"]))
    table = next(i for i, p in enumerate(reader.pages) if "评价维度" in (p.extract_text() or ""))
    writer = PdfWriter()
    for i in (0, table):
        writer.add_page(reader.pages[i])
    buf = io.BytesIO()
    writer.write(buf)
    SMALL["pdf"] = buf.getvalue()


@st.composite
def mutated(draw):
    data = bytearray(SMALL["pdf"])
    kind = draw(st.sampled_from(["bytes", "truncate", "splice", "header"]))
    if kind == "truncate":
        return bytes(data[: draw(st.integers(0, len(data)))])
    if kind == "header":
        return b"%PDF-1.7\n" + draw(st.binary(max_size=2000))
    if kind == "splice":
        a, b = sorted(draw(st.lists(st.integers(0, len(data)), min_size=2, max_size=2)))
        at = draw(st.integers(0, len(data)))
        data[at:at] = data[a:b]
        return bytes(data)
    for _ in range(draw(st.integers(1, 40))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def test_small_pdf_reads(small_pdf):
    doc = pdf.read("small.pdf", SMALL["pdf"])
    assert any(b.kind == "table" for b in doc.blocks) and any(b.kind == "heading" for b in doc.blocks)


@settings(max_examples=int(os.environ.get("REPORTER_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=mutated())
def test_mutated_pdf_reads_or_is_one_user_error(data):
    try:
        doc = pdf.read("fuzz.pdf", data)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz.pdf")
        return
    try:
        parse(doc, "fuzz.pdf")
    except UserError as exc:
        assert "\n" not in str(exc)
