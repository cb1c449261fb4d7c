"""Editors (issue 23): every section of the shipped templates, heading included, is a block named in
docs/templates.md; `templates copy --block` twice renders; a heading is a 3-line override;
`templates check DIR` reports DIR's own templates; previews open on the store's latest years."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from reporter.cli import main

ROOT = Path(__file__).resolve().parents[2]
BLOCK_OPEN = re.compile(r"{%-?\s*block\s+(\w+)")


def brief_md(store, templates: Path, out: Path) -> str:
    assert main(["-q", "--store", str(store), "brief", "--years", "2021-2024", "--format", "md", "--templates",
                 str(templates), "--out", str(out)]) == 0
    return (out / "brief-西城区-2021-2024.md").read_text("utf-8")


@pytest.mark.parametrize("name", ["brief.md.j2", "appendix.md.j2", "digest.md.j2"])
def test_every_section_heading_is_its_own_block_named_in_the_docs(name):
    docs = (ROOT / "docs" / "templates.md").read_text("utf-8")
    lines = (ROOT / "templates" / name).read_text("utf-8").splitlines()
    headings = 0
    in_macro = False
    for i, line in enumerate(lines):
        in_macro = (in_macro or "{% macro" in line) and "{%- endmacro" not in line and "{% endmacro" not in line
        if line.startswith("## ") and in_macro:  # Jinja has no blocks in macros: a catalogue word there
            assert 't("' in line, f"{name}:{i + 1}: a heading in a macro must be a catalogue word"
        elif line.startswith("## "):
            headings += 1
            opened = BLOCK_OPEN.search(lines[i - 1])
            assert opened and opened.group(1).endswith("heading"), f"{name}:{i + 1}: {line} is not in a heading block"
            assert f"`{opened.group(1)}`" in docs, f"{opened.group(1)} not named in docs/templates.md"
    blocks = BLOCK_OPEN.findall("\n".join(lines))
    assert headings >= 2
    for block in blocks:
        assert f"`{block}`" in docs, f"block {block} of {name} not named in docs/templates.md"


def test_renaming_a_section_heading_is_a_three_line_override(store, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    override = "{% block headline_heading %}\n## 核心指标一览\n{% endblock %}\n"
    assert len(override.splitlines()) == 3
    (mine / "brief.md.j2").write_text(override, "utf-8")
    md = brief_md(store, mine, tmp_path)
    assert "## 核心指标一览" in md and "## 主要指标对比" not in md
    assert "## 逐年变化" in md and "| 地区生产总值（亿元） |" in md  # the rest as shipped


def test_copy_two_blocks_one_after_the_other_renders(store, tmp_path):
    mine = tmp_path / "mine"
    assert main(["templates", "copy", "brief", str(mine), "--block", "headline_intro"]) == 0
    path = mine / "brief.md.j2"
    # the shipped block says its words through the catalogue; the editor writes their own in its place
    path.write_text(path.read_text("utf-8").replace('{{ t("brief_headline_intro") }}', "（编辑加）下表列出各年实际值。"),
                    "utf-8")
    assert main(["templates", "copy", "brief", str(mine), "--block", "body"]) == 0
    text = path.read_text("utf-8")
    assert len(re.findall(r"{%\s*block headline_intro", text)) == 1
    md = brief_md(store, mine, tmp_path)
    assert "（编辑加）下表列出各年实际值" in md and "## 逐年变化" in md


def test_copying_a_block_already_there_says_where(tmp_path, capsys):
    mine = tmp_path / "mine"
    assert main(["templates", "copy", "brief", str(mine), "--block", "body"]) == 0
    before = (mine / "brief.md.j2").read_text("utf-8")
    assert main(["templates", "copy", "brief", str(mine), "--block", "headline_intro"]) == 1
    assert "already holds block headline_intro (inside block headline_section)" in capsys.readouterr().err
    assert (mine / "brief.md.j2").read_text("utf-8") == before


def test_check_reports_the_folders_own_templates_only(store, tmp_path, capsys):
    mine = tmp_path / "mine"
    assert main(["templates", "copy", "brief", str(mine), "--block", "headline_intro"]) == 0
    capsys.readouterr()
    assert main(["--store", str(store), "templates", "check", str(mine)]) == 0
    assert "0 finding(s)" in capsys.readouterr().out
    (mine / "brief.md.j2").write_text((mine / "brief.md.j2").read_text("utf-8") +
                                      "{% block nosuch %}x{% endblock %}\n", "utf-8")
    assert main(["--store", str(store), "templates", "check", str(mine)]) == 1
    lines = [x for x in capsys.readouterr().out.splitlines() if ": block:" in x or "unsourced" in x]
    assert lines and all(x.startswith(str(mine)) for x in lines)


def test_the_preview_opens_on_the_stores_latest_years(store):
    from reporter.app.defaults import fill_options
    from reporter.app.ingest import load_corpus
    from reporter.app.plugins import get

    reports = load_corpus(store)
    assert fill_options(get("brief"), {}, reports) == {"years": "2021-2024"}  # the latest plan year counts
    assert fill_options(get("summary"), {}, reports)["year"] == "2023"  # the latest year a report reviews
