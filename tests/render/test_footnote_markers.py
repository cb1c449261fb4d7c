"""Footnote markers side by side are one superscript list (`8,12,13`) in every writer, and a
note cited twice in a row is one marker (issue 23: "81213", "5757")."""
from __future__ import annotations

import re
import subprocess
import zipfile

import lxml.etree as ET
import lxml.html
import pytest

from reporter.cli import main
from reporter.render.markdown import separate_note_refs, to_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_separated_and_deduplicated_in_the_document():
    root = lxml.html.fragment_fromstring(to_html("a[^1][^2][^1] b[^3][^3]c\n\n[^1]: x\n[^2]: y\n[^3]: z\n", "C"),
                                         create_parent="div")
    separate_note_refs(root)
    p = root.find("p")
    assert "".join(p.itertext()) == "a1,2 b3c"
    assert [el.get("id") for el in p.iter("sup")] == ["fnref:1", None, "fnref:2", "fnref:3"]
    backrefs = [a.get("href") for a in root.iter("a") if "footnote-backref" in (a.get("class") or "")]
    assert "#fnref2:1" not in backrefs and "#fnref2:3" not in backrefs and "#fnref:1" in backrefs


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("notes")
    store = out / "s.db"
    assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
    assert main(["-q", "--store", str(store), "brief", "--years", "2021-2024", "--format", "pdf,docx,html",
                 "--out", str(out)]) == 0
    return out / "brief-西城区-2021-2024"


def test_html_markers_never_touch(outputs):
    html = outputs.with_suffix(".html").read_text("utf-8")
    assert not re.search(r'</a></sup><sup id="fnref', html)
    assert re.search(r'</a></sup><sup>,</sup><sup id="fnref', html)


def _paragraph_markers(docx_path):
    """Per paragraph, its runs as ("ref", id) for a Word footnote reference, ("sup", text) for
    superscript text (a repeat citation is its number in superscript), ("text", text) otherwise."""
    with zipfile.ZipFile(docx_path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    for p in root.iter(f"{W}p"):
        runs = []
        for r in p.iter(f"{W}r"):
            ref = r.find(f"{W}footnoteReference")
            sup = r.find(f"{W}rPr/{W}vertAlign")
            if ref is not None:
                runs.append(("ref", ref.get(f"{W}id")))
            elif sup is not None and sup.get(f"{W}val") == "superscript":
                runs.append(("sup", "".join(r.itertext())))
            else:
                runs.append(("text", "".join(r.itertext())))
        yield runs


def _is_marker(run) -> bool:
    return run[0] == "ref" or (run[0] == "sup" and run[1].isdigit())


def test_docx_read_back_has_separated_unique_markers(outputs):
    lists = []
    for runs in _paragraph_markers(outputs.with_suffix(".docx")):
        for a, b in zip(runs, runs[1:]):
            assert not (_is_marker(a) and _is_marker(b)), f"two markers with nothing between: {a} {b}"
        for a, b, c in zip(runs, runs[1:], runs[2:]):
            if _is_marker(a) and b == ("sup", ",") and _is_marker(c):
                lists.append((a, c))
                assert a != c, "the same note twice in a row"
    assert len(lists) >= 5
    refs = [r[1] for runs in _paragraph_markers(outputs.with_suffix(".docx")) for r in runs if r[0] == "ref"]
    assert refs and len(refs) == len(set(refs))  # each source one real Word footnote, repeats point to it


def test_pdf_text_shows_the_comma_list(outputs):
    text = subprocess.run(["pdftotext", str(outputs.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"\d+,\d+,\d+", text)
