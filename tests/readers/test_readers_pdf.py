"""The PDF reader on real PDFs: the 002/003 seeds as DOCX printed by LibreOffice (tests/
source_fixtures.py), scored against the facts and plan targets of the seed texts; bad PDFs
refused in one line with the store untouched; a 500-page PDF with a progress bar."""
from __future__ import annotations

import hashlib
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reporter.errors import UserError
from reporter.parse import parse
from reporter.readers import pdf, read_document
from store_helpers import ROOT, SEEDS, cli, one_line_error

FOOTER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")


def seed_path(seed: str) -> Path:
    return next(SEEDS.glob(f"{seed}_*.txt"))


def report_of(path: Path):
    return parse(read_document(path, path.read_bytes()), path.name)


def fact_keys(report) -> set[tuple]:
    return {(f.indicator, f.period, f.kind, str(f.value)) for f in report.facts + report.context_facts}


def target_keys(report) -> set[tuple]:
    return {(t.dimension, t.number, t.group, t.name, t.unit, t.plan_text, t.value, t.attribute, t.plan_year) for t in report.targets}


@pytest.fixture(scope="module")
def pdf_docs(seed_pdfs):
    return {seed: pdf.read(str(path), path.read_bytes()) for seed, path in seed_pdfs.items()}


# ---------------------------------------------------------------- blocks


def test_furniture_is_set_aside(pdf_docs, parsed):
    for seed, doc in pdf_docs.items():
        pages = max(b.page for b in doc.blocks)
        furniture = [b.text for b in doc.blocks if b.kind == "furniture"]
        assert sum(bool(FOOTER.match(t.replace(" ", " "))) for t in furniture) == pages  # every — N —
        title = parsed[seed].title
        assert sum(t.replace(" ", "") == title for t in furniture) == pages  # the running header
        content = [b.text for b in doc.content()]
        assert not any(FOOTER.match(t) for t in content)
        assert sum(t == title for t in content) == 1  # the title itself, once


def test_hard_line_breaks_rejoined(pdf_docs, seed_docx_files):
    """Every paragraph of the DOCX (what LibreOffice printed) comes back whole from the PDF."""
    from docx import Document

    for seed, doc in pdf_docs.items():
        printed = [p.text for p in Document(str(seed_docx_files[seed])).paragraphs if p.text.strip()]
        read = {b.text for b in doc.content() if b.kind in ("heading", "paragraph")}
        whole = [p for p in printed if p in read]
        assert len(whole) / len(printed) >= 0.98, [p[:30] for p in printed if p not in read][:5]


def test_headings_by_size_and_weight(pdf_docs, parsed):
    for seed, doc in pdf_docs.items():
        headings = [b.text for b in doc.blocks if b.kind == "heading"]
        assert headings[0] == parsed[seed].title
        assert any(h.startswith("一、") for h in headings) and any(h.startswith("（一）") for h in headings)
        assert not any(h.endswith("。") for h in headings)


def test_plan_table_is_a_table_across_the_page_break(pdf_docs, parsed):
    for seed, doc in pdf_docs.items():
        tables = [b for b in doc.blocks if b.kind == "table"]
        assert len(tables) == 1  # the part on the next page joined, its repeated header dropped
        rows = tables[0].rows
        assert rows[0][0] == "评价维度" and sum(r[0] == "评价维度" for r in rows) == 1
        numbers = [r[1] for r in rows[1:]]
        assert numbers[-1] == "20" and all(r[0] for r in rows[1:])  # merged dimension cells filled


# ---------------------------------------------------------------- facts and targets


def test_pdf_facts_and_targets_match_the_text(seed_pdfs):
    for seed, path in seed_pdfs.items():
        gold, got = report_of(seed_path(seed)), report_of(path)
        recall = len(fact_keys(gold) & fact_keys(got)) / len(fact_keys(gold))
        assert recall >= 0.98, (seed, recall, sorted(fact_keys(gold) - fact_keys(got), key=str)[:5])
        assert target_keys(got) == target_keys(gold)
        assert all(t.origin.page for t in got.targets)  # read from the table block, page known
        assert len(got.terms) == len(gold.terms)


def test_ingest_reads_pdf_end_to_end(seed_pdfs, tmp_path):
    db = tmp_path / "s.db"
    proc = cli("ingest", "--store", db, seed_pdfs["003"])
    assert proc.returncode == 0, proc.stderr
    assert "read 1 pdf" in proc.stdout
    out = cli("facts", "--store", db, "--format", "csv")
    assert out.returncode == 0 and "第" not in out.stderr
    assert out.stdout.count("\n") > 100


# ---------------------------------------------------------------- bad files


def store_digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else ""


@pytest.fixture(scope="module")
def store_with_text(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.db"
    assert cli("ingest", "--store", db, seed_path("002")).returncode == 0
    return db


def refused(db: Path, path: Path, *words, env=None) -> None:
    before = store_digest(db)
    proc = cli("ingest", "--store", db, path, env=env)
    assert one_line_error(proc, *words), proc.stderr
    assert store_digest(db) == before


def test_binary_renamed_pdf_is_one_line(store_with_text, tmp_path):
    bad = tmp_path / "report.pdf"
    bad.write_bytes(bytes(range(256)) * 40)
    refused(store_with_text, bad, "report.pdf", "not a PDF")


def test_encrypted_pdf_is_one_line(store_with_text, seed_pdfs, tmp_path):
    from source_fixtures import encrypt_pdf

    locked = encrypt_pdf(seed_pdfs["003"], tmp_path / "locked.pdf")
    refused(store_with_text, locked, "locked.pdf", "encrypted")


def test_encrypted_pdf_with_empty_password_is_read(seed_pdfs, tmp_path):
    from source_fixtures import encrypt_pdf

    opened = encrypt_pdf(seed_pdfs["003"], tmp_path / "open.pdf", user_password="")
    assert target_keys(report_of(opened)) == target_keys(report_of(seed_path("003")))


def test_scanned_pdf_without_ocr_is_one_line(store_with_text, scanned_pdf):
    refused(store_with_text, scanned_pdf, "no text layer", "--ocr", env={"REPORTER_OCR": ""})


def test_damaged_pdf_is_one_line(seed_pdfs):
    data = seed_pdfs["002"].read_bytes()
    with pytest.raises(UserError, match="002.pdf"):
        pdf.read("002.pdf", data[: len(data) // 50])


# ---------------------------------------------------------------- a long PDF


def test_500_pages_progress_bar(seed_pdfs, tmp_path):
    """A 500-page PDF (the 002 pages over and over) is read with a bar on a terminal."""
    from source_fixtures import repeat_pdf

    big = repeat_pdf(seed_pdfs["002"], tmp_path / "big.pdf", 500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "reporter", "ingest", "--store", str(tmp_path / "s.db"), str(big)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=child, env=env)
    os.close(child)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=300)
    os.close(main)
    assert proc.returncode == 0, seen[-500:]
    assert b"reading big.pdf" in seen and b"500/500" in seen
    assert b"read 1 pdf" in out
