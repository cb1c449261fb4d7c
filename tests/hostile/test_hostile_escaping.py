"""Issue 25, break 4: sidecar and source strings are text in Markdown, HTML and DOCX: no image,
no live link, no template blamed."""
import docx
import markdown
import pytest

from reporter.cli import main

TITLE = "![](http://evil.example/x.png)[下载修订版](http://phish.example/login)"
ISSUER = "[点此](http://phish.example/a) `code` *em* {: #x} <b>bold</b> & 'q'"
SOURCE = "来源:某区政府\n时间:2023-01-10\n2022年政府工作报告\n一、主要工作\n全年地区生产总值增长5.2%。\n新建项目12个。\n"
ACTIVE = ('src="http://evil', 'href="http://phish', "<img", "<code>", "<em>em", "<b>bold")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("esc")
    (folder / "r.txt").write_text(SOURCE, "utf-8")
    (folder / "r.txt.meta.toml").write_text(f"title = '''{TITLE}'''\nissuer = '''{ISSUER}'''\npublished = 2023-01-10\n",
                                            "utf-8")
    db = folder / "s.db"
    assert main(["-q", "--store", str(db), "ingest", str(folder / "r.txt")]) == 0
    return db


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def no_active_content(html: str):
    body = html[html.find("<body"):]
    assert not [a for a in ACTIVE if a in body], [a for a in ACTIVE if a in body]


def test_the_appendix_prints_a_hostile_title_as_text(store, tmp_path, capsys):
    code, err = run(capsys, "--store", store, "appendix", "--years", "2022-2022", "--format", "md,html,docx",
                    "--out", tmp_path)
    assert code == 0, err  # not "refused …: templates may not load anything from the network"
    md = (tmp_path / "appendix-2022-2022.md").read_text("utf-8")
    no_active_content(markdown.markdown(md, extensions=["tables", "attr_list"]))  # any Markdown viewer
    html = (tmp_path / "appendix-2022-2022.html").read_text("utf-8")
    no_active_content(html)
    assert "[下载修订版](http://phish.example/login)" in html  # shown, literally
    document = docx.Document(tmp_path / "appendix-2022-2022.docx")
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(TITLE in c for c in cells)
    assert "hyperlink" not in document.element.xml


def test_the_quarters_digest_is_built_and_shows_the_title_as_text(store, tmp_path, capsys):
    code, err = run(capsys, "--store", store, "digest", "--quarter", "2023Q1", "--out", tmp_path)
    assert code == 0 and "FAILED" not in err, err
    html = (tmp_path / "digests" / "2023Q1.html").read_text("utf-8")
    no_active_content(html)


@pytest.mark.parametrize("value", [TITLE, ISSUER, "# heading", "`x`", "**b**", "{#id}", "a\\b", "[x]: http://e.x",
                                   "[^1]", "<script>alert(1)</script>", "&amp;"])
def test_md_text_round_trips_through_markdown_as_literal_text(value):
    from reporter.render.filters import md_text

    html = markdown.markdown("p " + str(md_text(value)), extensions=["tables", "attr_list", "footnotes"])
    assert html.startswith("<p>") and "<a" not in html and "<img" not in html and "<code" not in html
    assert "<em" not in html and "<strong" not in html and "<script" not in html


def test_a_template_may_still_print_markup_it_means(tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block body %}\n\n**bold** {{ '*x*' }} {{ '*y*' | safe }}\n{% endblock %}", "utf-8")
    code, err = run(capsys, "render", "sample", "--templates", user, "--out", out, "--format", "html")
    assert code == 0, err
    html = (out / "sample.html").read_text("utf-8")
    assert "<strong>bold</strong>" in html and "*x*" in html and "<em>y</em>" in html
