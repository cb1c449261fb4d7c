"""Issue 25, break 5: the style check covers the whole cascade (imports, inline styles), calc(),
var(), page size minus margins, computed font sizes and nesting; WeasyPrint's own errors are one
line naming the file. Each case is a real `reporter sample --format pdf` with a `--styles` folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reporter

CODE = Path(reporter.__file__).resolve().parent.parent
STYLES = CODE / "styles"


def sample(tmp_path: Path, print_css: str, extra: dict[str, str] | None = None, templates: dict[str, str] | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess:
    styles = tmp_path / "styles"
    styles.mkdir(exist_ok=True)
    (styles / "print.css").write_text((STYLES / "print.css").read_text("utf-8") + "\n" + print_css, "utf-8")
    for name, text in (extra or {}).items():
        (styles / name).write_text(text, "utf-8")
    argv = ["-q", "sample", "--format", "pdf", "--styles", str(styles), "--out", str(tmp_path / "out")]
    if templates:
        folder = tmp_path / "templates"
        folder.mkdir(exist_ok=True)
        for name, text in templates.items():
            (folder / name).write_text(text, "utf-8")
        argv += ["--templates", str(folder)]
    env = {**os.environ, "PYTHONPATH": str(CODE), "REPORTER_STORE": str(tmp_path / "s.db"),
           "REPORTER_MEMORY_LIMIT_MB": "3000"}
    return subprocess.run([sys.executable, "-m", "reporter", *argv], capture_output=True, text=True, env=env,
                          timeout=timeout)


def refused(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]


CASES = {
    "import_of_a_huge_width": ("@import 'big.css';", {"big.css": "main { width: 1e9px }"}, ["big.css", "1e9px"]),
    "calc_product": ("main { width: calc(10000px * 999999) }", None, ["calc"]),
    "var": (":root { --w: 10000px } main { width: calc(var(--w) * 999999) }", None, ["var("]),
    "var_alone": (":root { --w: 100px } main { width: var(--w) }", None, ["var()"]),
    "page_size_zero": ("@page { size: 0 0 }", None, ["@page"]),
    "page_size_a10": ("@page { size: A10 }", None, ["A10"]),
    "page_minus_margins": ("@page { size: 50mm; margin: 40mm }", None, ["@page"]),
    "nested_font_size": ("p, span, li, ul, div { font-size: 1000em }", None, ["font-size"]),
    "import_outside_the_styles_folder": ("@import '../../../../../../etc/hostname';", None, ["@import"]),
    "deep_nesting": ("@media print {" * 40 + "p { color: red }" + "}" * 40, None, ["nested"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_stylesheet_is_one_line_naming_the_file(tmp_path, case):
    css, extra, words = CASES[case]
    refused(sample(tmp_path, css, extra), "print.css", *words)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_an_inline_style_in_a_template_is_checked_too(tmp_path):
    body = '{% extends "default/sample.md.j2" %}{% block body %}<div style="font-size: 1000em">x</div>{% endblock %}'
    refused(sample(tmp_path, "", templates={"sample.md.j2": body}), "font-size")


def test_an_inline_style_in_the_layout_is_checked_too(tmp_path):
    layout = (CODE / "templates" / "_layout.html.j2").read_text("utf-8").replace(
        "<main>", '<main style="width: calc(10000px * 999999)">')
    refused(sample(tmp_path, "", templates={"_layout.html.j2": layout}), "calc")


def test_the_project_styles_and_an_import_inside_the_folder_pass(tmp_path):
    done = sample(tmp_path, "@import 'extra.css';", {"extra.css": "h1 { color: #123456 }"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "sample.pdf").read_bytes().startswith(b"%PDF")


def test_weasyprint_errors_become_one_line(monkeypatch, tmp_path):
    """Whatever WeasyPrint raises on a style it accepts is one line naming the stylesheet."""
    from reporter.allowlist import AllowList
    from reporter.errors import UserError
    from reporter.writers import pdf

    css = tmp_path / "print.css"
    css.write_text("p { color: red }", "utf-8")

    class Broken:
        def __init__(self, *a, **k):
            pass

        def render(self, *a, **k):  # laid out, then written (the layout's memory given back between)
            return self

        def write_pdf(self, *a, **k):
            raise IndexError("list index out of range")

    monkeypatch.setattr("weasyprint.HTML", Broken)
    with pytest.raises(UserError) as caught:
        pdf.layout("<p>x</p>", css, AllowList([tmp_path]))
    assert "print.css" in str(caught.value) and "IndexError" in str(caught.value)
