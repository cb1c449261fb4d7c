"""Ejecting one block with `reporter templates copy --block` and editing it changes that block
only, in every format (HTML, PDF read back with pdftotext, DOCX read back with python-docx)."""
from __future__ import annotations

import difflib
import re
import subprocess

import lxml.html
import pytest

from reporter.cli import main

BLOCK = "headline_intro"


def html_texts(path):
    root = lxml.html.fromstring(path.read_bytes())
    return [" ".join(el.text_content().split()) for el in root.iter("p", "li", "td", "th", "h1", "h2", "h3", "figcaption")]


def pdf_lines(path):
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def docx_texts(path):
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [t.strip() for t in texts if t.strip()]


def changes(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """(lines only before, lines only after), in order."""
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += before[i1:i2]
            added += after[j1:j2]
    return removed, added


@pytest.fixture(scope="module")
def renders(tmp_path_factory, seeds):
    import os

    base = tmp_path_factory.mktemp("eject")
    store = base / "store.db"
    assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
    folder = base / "mine"
    assert main(["templates", "copy", "brief", str(folder), "--block", BLOCK]) == 0
    ejected = (folder / "brief.md.j2").read_text("utf-8")
    original = re.search(r"{% block \w+ %}(.*){% endblock %}", ejected, re.S).group(1).strip()  # as shipped
    sentence = "本段由编辑改写表中数字都有脚注注明来源报告与原文对勾与叉号表示是否完成目标"
    shown = _shown(original)  # the block's words as printed (a catalogue call prints its message)
    edited = (sentence * 3)[:len(shown) - 1] + "。"  # as long as the original: the pages do not reflow
    assert original and original in ejected
    (folder / "brief.md.j2").write_text(ejected.replace(original, edited), "utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        for name, extra in (("default", []), ("edited", ["--templates", str(folder)])):
            assert main(["-q", "--store", str(store), "brief", "--years", "2021-2024", "--format", "html,pdf,docx",
                         "--out", str(base / name), *extra]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return base, shown, edited, folder


def _shown(block: str) -> str:
    """A block's text as the Chinese brief prints it: a t("key") call is its catalogue message."""
    from reporter.i18n import messages

    call = re.fullmatch(r'\{\{ t\("(\w+)"\) \}\}', block)
    return messages("zh").t(call.group(1)) if call else block


def test_copy_block_holds_just_that_block(renders):
    _, original, _, folder = renders
    text = (folder / "brief.md.j2").read_text("utf-8")
    assert text.count("{% block") == 1 and f"{{% block {BLOCK} %}}" in text and "{% extends" not in text


@pytest.mark.parametrize("fmt,read", [("html", html_texts), ("pdf", pdf_lines), ("docx", docx_texts)])
def test_only_the_block_changes(renders, fmt, read):
    base, original, edited, _ = renders
    before = read(base / "default" / f"brief-西城区-2021-2024.{fmt}")
    after = read(base / "edited" / f"brief-西城区-2021-2024.{fmt}")
    removed, added = changes(before, after)
    assert removed and added, "the edit did not show"
    squash = "".join
    assert squash(removed).replace(" ", "") in original.replace(" ", "")
    assert squash(added).replace(" ", "") in edited.replace(" ", "")
    assert len(before) == len(after)  # nothing else moved in or out


def test_copy_block_refuses_unknown_and_repeated(capsys, tmp_path):
    assert main(["templates", "copy", "brief", str(tmp_path), "--block", "headline_intr"]) == 1
    assert "did you mean headline_intro" in capsys.readouterr().err
    assert main(["templates", "copy", "brief", str(tmp_path), "--block", "toc"]) == 0
    assert main(["templates", "copy", "brief", str(tmp_path), "--block", "cover_lines"]) == 0
    assert main(["templates", "copy", "brief", str(tmp_path), "--block", "toc"]) == 1
    assert "already holds block toc" in capsys.readouterr().err
    text = (tmp_path / "brief.md.j2").read_text("utf-8")
    assert text.count("{% block toc %}") == 1 and "{% block cover_lines %}" in text


def test_output_html_has_no_preview_script(renders):
    base = renders[0]
    for name in ("default", "edited"):
        html = (base / name / "brief-西城区-2021-2024.html").read_text("utf-8")
        assert "<script" not in html and "EventSource" not in html and "reporter-problem" not in html
