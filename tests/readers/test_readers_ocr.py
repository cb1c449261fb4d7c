"""OCR (Tesseract, chi_sim) of the 002 PDF rasterised and wrapped back into a PDF: the facts
and plan targets of the seed text, the OCR confidence carried into the facts; an image file."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from reporter.errors import UserError
from reporter.parse import parse
from reporter.readers import ocr, read_document
from store_helpers import SEEDS, cli

def fact_keys(report) -> set[tuple]:
    return {(f.indicator, f.period, f.kind, str(f.value)) for f in report.facts + report.context_facts}


@pytest.fixture(scope="module")
def ocr_report(scanned_pdf):
    with ocr.ocr_on():
        doc = read_document(scanned_pdf, scanned_pdf.read_bytes())
    return doc, parse(doc, scanned_pdf.name)


@pytest.fixture(scope="module")
def text_report():
    path = next(SEEDS.glob("002_*.txt"))
    return parse(read_document(path, path.read_bytes()), path.name)


def test_ocr_facts_match_the_text(ocr_report, text_report):
    doc, report = ocr_report
    assert doc.format == "ocr"
    gold, got = fact_keys(text_report), fact_keys(report)
    recall = len(gold & got) / len(gold)
    assert recall >= 0.90, (recall, sorted(gold - got, key=str)[:10])


def test_ocr_plan_table_from_the_image_rules(ocr_report, text_report):
    doc, report = ocr_report
    assert any(b.kind == "table" for b in doc.blocks)
    want = {(t.number, t.name, t.plan_text) for t in text_report.targets}
    got = {(t.number, t.name, t.plan_text) for t in report.targets}
    assert len(want & got) / len(want) >= 0.8, sorted(want - got)


def test_ocr_plan_targets_as_the_text(ocr_report, text_report):
    """The cells of the ruled annex table, read again one by one, give the text's plan targets
    (name, value, unit) for all but at most one of them."""
    _, report = ocr_report
    key = lambda t: (t.name, t.value, t.unit)  # noqa: E731
    want = [key(t) for t in text_report.targets]
    got = {key(t) for t in report.targets}
    matched = sum(1 for k in want if k in got)
    assert len(want) >= 20 and matched >= len(want) - 1, sorted(set(want) - got, key=str)


def test_ocr_confidence_reaches_the_facts(ocr_report, text_report):
    doc, report = ocr_report
    blocks = {b.index: b.confidence for b in doc.blocks}
    assert all(0 <= c <= 1 for c in blocks.values()) and min(blocks.values()) < 1
    by_key = {(f.indicator, f.period, f.kind, str(f.value), f.quote): f.confidence for f in text_report.facts}
    lowered = [f for f in report.facts if f.origin.block is not None and blocks[f.origin.block] < 1]
    assert lowered
    for f in lowered:
        parser_conf = by_key.get((f.indicator, f.period, f.kind, str(f.value), f.quote))
        if parser_conf is not None:  # the same quote read: the product of the two confidences
            assert f.confidence == pytest.approx(parser_conf * blocks[f.origin.block], abs=0.002)


def test_image_file_by_ocr_and_refused_without(scanned_pdf, tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(scanned_pdf))
    image = doc[0].render(scale=200 / 72, grayscale=True).to_pil()
    png = tmp_path / "page.png"
    image.save(png, dpi=(200, 200))
    with ocr.ocr_on():
        read = read_document(png, png.read_bytes())
    assert read.format == "ocr" and any("各位代表" in b.text for b in read.content())
    with ocr.ocr_on(False), pytest.raises(UserError, match="--ocr"):
        read_document(png, png.read_bytes())
    proc = cli("ingest", "--store", tmp_path / "s.db", png, env={"REPORTER_OCR": ""})
    assert proc.returncode == 1 and "--ocr" in proc.stderr and not (tmp_path / "s.db").exists()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("level\tpage_num12-x\n0"), max_size=200), st.integers(0, 5))
def test_cell_tsv_split_takes_any_output(tsv, count):
    """Tesseract's TSV of several cell images, whatever it holds, gives one TSV per cell."""
    from reporter.readers._ocr_cells import _split_pages

    parts = _split_pages(tsv, count)
    assert len(parts) == count and all(isinstance(p, str) for p in parts)
