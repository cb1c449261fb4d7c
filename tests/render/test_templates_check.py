"""`reporter templates check`: lint findings on files we write, and none on the shipped templates."""
from __future__ import annotations

import lxml.html
import pytest

from reporter.cli import main
from reporter.render.lint import figures, unsourced


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# Findings the shipped templates are known to have, kept visible rather than hidden. Remove a
# product from here when it cites its figures; the test fails both ways. (The summary cites its
# figures since issue 22.)
KNOWN_UNSOURCED: tuple[str, ...] = ()


def test_shipped_templates_are_clean(capsys, store):
    code, out, err = run(capsys, "--store", str(store), "templates", "check")
    findings = [line for line in out.splitlines() if line.strip() and "finding(s)" not in line]
    known = [line for line in findings
             if ": unsourced: " in line and any(f"(rendered for {name}" in line for name in KNOWN_UNSOURCED)]
    assert [line for line in findings if line not in known] == [], out + err
    for name in KNOWN_UNSOURCED:
        assert any(f"(rendered for {name}" in line for line in known), f"{name} is clean now: take it off the list"
    assert code == (1 if findings else 0)


def test_each_kind_of_finding_names_file_and_line(capsys, store, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "brief.md.j2").write_text(
        "{% block headline_intr %}\n"          # 1: a typo: overrides nothing
        "说明。\n"
        "{% endblock %}\n"
        "{% macro never_called(x) %}{{ x }}{% endmacro %}\n"  # 4: unused
        "{% block cover_lines %}\n"
        "{{ frist }} 至 {{ last }}\n"          # 6: undefined, near 'first'
        "{% endblock %}\n"
        "{% block sources %}\n"
        "\n"
        "全年增长5.5%，高于预期。\n"            # 10: a figure written in the template, no footnote
        "{% endblock %}\n", "utf-8")
    code, out, _ = run(capsys, "--store", str(store), "templates", "check", str(mine))
    path = str(mine / "brief.md.j2")
    lines = out.splitlines()
    assert code == 1

    def finding(kind):
        return [line for line in lines if f": {kind}: " in line]

    assert any(line.startswith(f"{path}:1: block: block headline_intr overrides nothing") and "headline_intro" in line
               for line in finding("block"))
    assert any(line.startswith(f"{path}:4: macro: macro never_called") for line in finding("macro"))
    assert any(line.startswith(f"{path}:6: undefined: 'frist' is undefined") and "did you mean `first`" in line
               for line in finding("undefined"))
    assert any(line.startswith(f"{path}:10: unsourced: 5.5 printed without a source footnote") for line in finding("unsourced"))
    assert not any("headline_intro" in line and "block:" in line and "intr " not in line for line in lines)


@pytest.mark.parametrize("text,expected", [
    ("2023年增长5.8%", ["5.8"]),
    ("2021→2024", []),                  # years
    ("PM2.5年均浓度", []),               # touches a letter: a name
    ("2024Q1", []),
    ("来源 002", []),                    # an identifier
    ("3月15日", []),                     # a date
    ("Delivered: 9 January 2024", []),
    ("on January 9, 2024, 12.5%", ["12.5"]),
    ("地区生产总值5,408.1亿元", ["5,408.1"]),
    ("85家", ["85"]),
])
def test_what_counts_as_a_figure(text, expected):
    assert figures(text) == expected


def body(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_sourced_by_footnote_row_header_or_report_reference():
    marker = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
    assert not unsourced(body(f"<p>增长5.8%{marker}</p>"), "x")
    assert unsourced(body("<p>增长5.8%</p>"), "x")
    assert not unsourced(body("<p>增长5.8%（003）</p>"), "x", ["003_abc"])
    assert unsourced(body("<p>增长5.8%（009）</p>"), "x", ["003_abc"])
    row = f"<table><tr><th>指标</th><th>值</th></tr><tr><td>收入</td><td>5.8{marker}</td><td>6.1</td></tr></table>"
    assert not unsourced(body(row), "x")
    header = f"<table><tr><th>指标</th><th>2024年{marker}</th></tr><tr><td>收入</td><td>6.1</td></tr></table>"
    assert not unsourced(body(header), "x")
    bare = "<table><tr><th>指标</th><th>值</th></tr><tr><td>收入</td><td>6.1</td></tr></table>"
    assert len(unsourced(body(bare), "x")) == 1
    assert not unsourced(body('<div class="cover"><p>共 120 个数字</p></div><p><span class="nosource">0.5个百分点</span></p>'), "x")


def test_a_broken_file_is_one_error_finding(capsys, store, tmp_path):
    (tmp_path / "brief.md.j2").write_text("{% block headline_intro %}\n{% if x %}\n{% endblock %}\n", "utf-8")
    code, out, _ = run(capsys, "--store", str(store), "templates", "check", str(tmp_path))
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert code == 1 and len(errors) == 1 and errors[0].startswith(f"{tmp_path / 'brief.md.j2'}:3: error: template syntax")
