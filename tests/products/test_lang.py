"""Every product in either language (issue 22), on the seeds: real PDFs read back with pdftotext,
DOCX read back with python-docx and converted by LibreOffice, HTML parsed.

What "no Chinese on the English side" means here: a CJK character may appear only in words quoted
from a source (`span.src`, the footnotes, which quote the Chinese source with the English indicator
name beside it) and in the box that lists terms for review.
"""
from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from reporter.cli import main

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff08\uff09\uff0c\uff1a\uff1b]+")
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
ISSUER = "北京市西城区发展和改革委员会"


@pytest.fixture(scope="module")
def store(tmp_path_factory, seeds) -> Path:
    path = tmp_path_factory.mktemp("lang") / "store.db"
    assert main(["-q", "--store", str(path), "ingest", str(seeds)]) == 0
    return path


@pytest.fixture(scope="module")
def products(store, tmp_path_factory) -> Path:
    """The brief, the appendix and the compare (the city beside the district) in Chinese and English, every format."""
    out = tmp_path_factory.mktemp("products")
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        for lang in ("zh", "en"):
            for product, years, *more in (("brief", "2021-2024"), ("appendix", "2019-2024"),
                                          ("compare", "2019-2024", "--areas", "北京市,西城区")):
                assert main(["-q", "--store", str(store), product, "--years", years, *more, "--lang", lang,
                             "--format", "md,html,pdf,docx", "--out", str(out)]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reporter", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


# ---------------------------------------------------------------- where Chinese may stand


def quoted_and_rest(html_path: Path) -> tuple[str, str]:
    """(the quoted text: span.src, footnotes, review box; everything else) of an HTML output."""
    from lxml import html

    doc = html.parse(str(html_path)).getroot()
    quoted = []
    for el in doc.xpath('//*[contains(concat(" ", @class, " "), " src ")] | //div[contains(@class, "footnote")]'
                        ' | //*[contains(@class, "awaiting-box")]'):
        quoted.append(el.text_content())
        el.drop_tree()
    return "\n".join(quoted), doc.xpath("//body")[0].text_content()


def cjk_outside(text: str, quoted: str) -> list[str]:
    """CJK runs of `text` that are not part of a quotation (whitespace ignored: PDFs break lines)."""
    flat = re.sub(r"\s+", "", quoted)
    return [run for run in CJK.findall(text) if re.sub(r"\s+", "", run) not in flat]


ENGLISH = ["brief-西城区-2021-2024-en", "appendix-西城区-2019-2024-en", "compare-北京市-西城区-2019-2024-en"]


@pytest.mark.parametrize("name", ENGLISH)
def test_no_chinese_outside_quotes_html(products, name):
    quoted, rest = quoted_and_rest(products / f"{name}.html")
    assert len(rest) > 2000 and CJK.search(quoted)  # quotes are kept, and marked
    assert not CJK.findall(rest), CJK.findall(rest)[:10]


@pytest.mark.parametrize("name", ENGLISH)
def test_no_chinese_in_the_pdf_except_quoted_source_words(products, name):
    quoted, _ = quoted_and_rest(products / f"{name}.html")
    text = subprocess.run(["pdftotext", "-layout", str(products / f"{name}.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Page 1 of" in text and "第 1 页" not in text  # the page footer in the product's language
    runs = CJK.findall(text)
    assert runs  # the footnotes quote the Chinese source
    bad = cjk_outside(text, quoted)
    assert not bad, bad[:10]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by scripts/setup.sh")
def test_english_docx_through_libreoffice(products, tmp_path):
    """The English brief's DOCX as LibreOffice lays it out: pages, English headings, no stray Chinese."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(products / "brief-西城区-2021-2024-en.docx")], capture_output=True, check=True, timeout=240,
                   env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "brief-西城区-2021-2024-en.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Headline indicators" in text and "Targets and results" in text and "Page 1 of" in text
    quoted, _ = quoted_and_rest(products / "brief-西城区-2021-2024-en.html")
    bad = cjk_outside(text, quoted)
    assert not bad, bad[:10]


def test_docx_runs_outside_quotes_are_english(products):
    import docx

    quoted, _ = quoted_and_rest(products / "brief-西城区-2021-2024-en.html")
    document = docx.Document(str(products / "brief-西城区-2021-2024-en.docx"))
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("Headline indicators" in t for t in texts)
    bad = [run for t in texts for run in cjk_outside(t, quoted)]
    assert not bad, bad[:10]


# ---------------------------------------------------------------- the same figures in both languages


def _names_with_digits() -> tuple[list[str], list[str]]:
    from reporter.termbase import load

    entries = load().entries
    en = sorted({e.en for e in entries if re.search(r"\d", e.en)}, key=len, reverse=True)
    zh = sorted({e.zh for e in entries if re.search(r"\d", e.zh)}, key=len, reverse=True)
    catalogue = tomllib.loads((ROOT / "reporter/data/messages/en.toml").read_text("utf-8"))
    units = [v for k, v in catalogue.items() if k.startswith(("unit.", "magnitude.")) and re.search(r"\d", v)]
    return en + zh, sorted(units, key=len, reverse=True)


def cell_numbers(text: str, strip: list[str]) -> collections.Counter:
    """The figures of a cell: names and unit words that hold digits (GRP per 10,000 yuan, PM2.5) and
    years taken out, thousands separators ignored."""
    for words in strip:
        text = re.sub(r"(?<![\d,.])" + re.escape(words) + r"(?!\d)", " ", text)
    found = [n.strip(",").replace(",", "") for n in NUM.findall(text)]
    return collections.Counter(n for n in found if not re.fullmatch(r"(19|20)\d\d", n))


def table_cells(path: Path) -> list[list[list[str]]]:
    from lxml import html

    doc = html.parse(str(path)).getroot()
    for sup in doc.xpath('//sup[a[contains(@class, "footnote-ref")]]'):
        sup.drop_tree()
    return [[[c.text_content() for c in row.xpath("./th|./td")] for row in table.xpath(".//tr")]
            for table in doc.xpath("//table")]


@pytest.mark.parametrize("zh,en,least", [("brief-西城区-2021-2024", "brief-西城区-2021-2024-en", 150),
                                         ("appendix-西城区-2019-2024", "appendix-西城区-2019-2024-en", 600),
                                         ("compare-北京市-西城区-2019-2024", "compare-北京市-西城区-2019-2024-en", 30)])
def test_every_figure_equal_to_the_chinese_products(products, zh, en, least):
    names, units = _names_with_digits()
    left, right = table_cells(products / f"{zh}.html"), table_cells(products / f"{en}.html")
    assert len(left) == len(right) and len(left) > 5
    checked, bad = 0, []
    for table_zh, table_en in zip(left, right):
        assert len(table_zh) == len(table_en)
        for row_zh, row_en in zip(table_zh, table_en):
            for a, b in zip(row_zh, row_en):
                want, got = cell_numbers(a, names), cell_numbers(b, names + units)
                checked += sum(want.values())
                if want != got:
                    bad.append((a, b))
    assert checked > least and not bad, bad[:5]


# ---------------------------------------------------------------- golden English Markdown: tests/products/test_golden.py


# ---------------------------------------------------------------- the summary in English


@pytest.fixture(scope="module")
def summaries(store, tmp_path_factory) -> dict:
    from reporter.app.render import RenderOptions, build_context, render_product
    from reporter.settings import Settings

    out = tmp_path_factory.mktemp("summaries")
    found = {}
    for year in (2023, 2021):
        for lang in ("en", "zh,en"):
            result = render_product(RenderOptions("summary", Settings(store=store, out=out, lang=lang), {"year": str(year)},
                                                  "pdf,docx,html"))
            found[(year, lang)] = {p.suffix[1:]: p for p in result.paths}
        found[(year, "context")] = build_context(RenderOptions("summary", Settings(store=store, out=out, lang="en"),
                                                               {"year": str(year)}))
    return found


@pytest.mark.parametrize("year", [2023, 2021])
def test_summary_terms_with_official_or_reviewed_english_print_in_english(summaries, year):
    lexicon = summaries[(year, "context")].context["lexicon"]
    covered, total = lexicon.coverage()
    # every term with an official or reviewed entry is printed in English (none falls back to Chinese)
    entries = [n for n in lexicon.needs.values() if n.status in ("official", "reviewed")]
    assert entries and all(n.en for n in entries) and covered == len(entries)
    assert covered / total >= 0.95, (covered, total)  # the issue's coverage goal
    # a term with no entry at all is the only one shown in Chinese: at most a few, each listed
    assert len(lexicon.missing()) <= 2, [n.zh for n in lexicon.missing()]
    print(f"{year}: official/reviewed {covered}/{total}, drafts {len(lexicon.drafts())}, "
          f"no entry {len(lexicon.missing())}")


@pytest.mark.parametrize("year", [2023, 2021])
def test_summary_english_side_has_no_chinese_outside_the_review_box(summaries, year):
    html = summaries[(year, "en")]["html"]
    quoted, rest = quoted_and_rest(html)
    assert "In %d, the Gross Regional Product" % year in rest or "Gross Regional Product" in rest
    assert not CJK.findall(rest), CJK.findall(rest)[:10]
    text = subprocess.run(["pdftotext", "-layout", str(summaries[(year, "en")]["pdf"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Page 1 of" in text
    assert not cjk_outside(text, quoted), cjk_outside(text, quoted)[:10]


@pytest.mark.parametrize("year", [2023, 2021])
def test_summary_every_chinese_sentence_has_its_english_one(summaries, year):
    from tests.products.test_summary import docx_pairs, figures_en, figures_zh

    pairs = docx_pairs(summaries[(year, "zh,en")]["docx"])
    assert len(pairs) > 20
    assert all(en.strip() for zh, en in pairs if zh.strip()), [zh for zh, en in pairs if zh.strip() and not en.strip()]
    for zh, en in pairs:  # every English figure is the Chinese one after unit conversion
        assert figures_en(en) <= figures_zh(zh), (zh, en)
    context = summaries[(year, "context")].context
    assert context["dropped"] == 0


def test_summary_qualified_figures_stay_in_english(summaries):
    """2021: 预计 retail sales and income, 余 demolition; 2023: 余 demolition (issue 22)."""
    from tests.products.test_summary import docx_pairs

    pairs = dict(docx_pairs(summaries[(2021, "zh,en")]["docx"]))
    income = next(zh for zh in pairs if "居民人均可支配收入" in zh and "预计" in zh)
    assert "an estimated 96,000 yuan" in pairs[income]
    demolition = next(zh for zh in docx_pairs(summaries[(2023, "zh,en")]["docx"]) if "拆除违法建设" in zh[0])
    assert "over 100,000 m²" in demolition[1]


# ---------------------------------------------------------------- terms review round trip


def test_terms_review_round_trip(store, tmp_path):
    """Promote a draft, render again: the mark is gone; reject one: no entry, quoted and listed;
    edit one: the user's English; the overlay exports as TBX."""
    from lxml import etree

    overlay = tmp_path / "termbase.csv"
    # the user's overlay holds drafts (its rows replace the shipped ones, which are reviewed)
    overlay.write_text("zh,en,category,status,source,note\n"
                       f"{ISSUER},Xicheng District Development and Reform Commission,body,draft,,\n"
                       "红墙先锋工程,Red Wall Pioneer Project,programme,draft,,\n"
                       "长安计划,Chang'an Plan,programme,draft,,\n"
                       "西融计划,Xirong Talent Plan,programme,draft,,\n", "utf-8")
    listed = run_cli("--store", str(store), "terms", "review", "--year", "2023", cwd=tmp_path)
    assert listed.returncode == 0 and ISSUER in listed.stdout and "Red Wall Pioneer Project" in listed.stdout
    before = run_cli("--store", str(store), "summary", "--year", "2023", "--lang", "en", "--format", "html",
                     "--out", str(tmp_path / "a"), cwd=tmp_path)
    assert before.returncode == 0, before.stderr
    html = (tmp_path / "a" / "summary-西城区-2023-en.html").read_text("utf-8")
    assert '<em class="draft">Xicheng District Development and Reform Commission</em><sup class="mark">‡</sup>' in html
    decided = run_cli("--store", str(store), "terms", "review", "--year", "2023", "--promote", ISSUER,
                      "--reject", "长安计划", "--edit", "西融计划=Xirong Programme", cwd=tmp_path)
    assert decided.returncode == 0, decided.stderr
    assert overlay.is_file()  # ./termbase.csv: products in this folder read it without a flag
    after = run_cli("--store", str(store), "summary", "--year", "2023", "--lang", "en", "--format", "html",
                    "--out", str(tmp_path / "b"), cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    html = (tmp_path / "b" / "summary-西城区-2023-en.html").read_text("utf-8")
    assert "Issued by: Xicheng District Development and Reform Commission" in html
    assert '<em class="draft">Xicheng District' not in html
    assert "Xirong Programme" in html and "Xirong Talent Plan" not in html
    assert '<span class="awaiting" lang="zh-CN">长安计划</span>' in html  # rejected: no English, marked, listed
    assert run_cli("terms", "check", "--termbase", str(overlay), cwd=tmp_path).returncode == 0
    exported = run_cli("terms", "export", "--termbase", str(overlay), "--out", str(tmp_path / "t.tbx"), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    root = etree.parse(str(tmp_path / "t.tbx")).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    terms = {c.find("t:langSec/t:termSec/t:term", ns).text: c for c in root.findall(".//t:conceptEntry", ns)}
    assert ISSUER in terms and "长安计划" not in terms
    en = terms[ISSUER].findall("t:langSec", ns)[1].find("t:termSec", ns)
    assert en.find("t:term", ns).text == "Xicheng District Development and Reform Commission"
    assert en.find("t:termNote", ns).text == "preferredTerm-admn-sts"


def test_terms_review_refuses_a_term_it_did_not_print(store, tmp_path):
    result = run_cli("--store", str(store), "terms", "review", "--year", "2023", "--promote", "不存在的词", cwd=tmp_path)
    assert result.returncode == 1 and "不存在的词" in result.stderr and not (tmp_path / "termbase.csv").exists()


# ---------------------------------------------------------------- a third language: data only


TOY = """locale = "de_DE"
sample_title = "Musterprodukt: Vorlagenelemente"
col_name = "Kennzahl"
sample_h_list = "Eine Liste"
cover_generated = "Erstellt am {date}"
"""


def test_a_toy_language_from_test_data_renders_the_sample(tmp_path):
    """One catalogue (a --templates folder's messages/xx.toml, the rest in English), term-base
    columns (xx, xx_status, xx_source) and a Babel locale: no code change."""
    templates = tmp_path / "templates"
    (templates / "messages").mkdir(parents=True)
    (templates / "messages" / "xx.toml").write_text(TOY, "utf-8")
    terms = tmp_path / "terms.csv"
    terms.write_text("zh,en,category,status,source,note,xx,xx_status,xx_source\n"
                     "地区生产总值,Gross Regional Product (GRP),indicator,official,https://example.org,,"
                     "Bruttoregionalprodukt,reviewed,test data\n", "utf-8")
    assert run_cli("terms", "check", "--termbase", str(terms), cwd=tmp_path).returncode == 0
    result = run_cli("render", "sample", "--lang", "xx", "--templates", str(templates), "--termbase", str(terms),
                     "--format", "md,html,pdf", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "out" / "sample-xx.md").read_text("utf-8")
    assert md.startswith("# Musterprodukt: Vorlagenelemente")
    assert "| Kennzahl |" in md and "### Eine Liste" in md
    assert "Bruttoregionalprodukt" in md  # the xx column of the term base
    assert "5.408,1" in md  # the de_DE locale: its separators, by Babel
    assert re.search(r"Erstellt am \d{1,2}\. \w+ \d{4}", md)  # the date as de_DE writes it
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "sample-xx.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Bruttoregionalprodukt" in text and "5.408,1" in text
    unknown = run_cli("render", "sample", "--lang", "yy", "--out", str(tmp_path / "o2"), cwd=tmp_path)
    assert unknown.returncode == 1 and "--lang yy" in unknown.stderr


def test_a_target_in_line_with_another_figure_is_said_in_english_only_when_that_figure_has_a_name():
    """与经济增长基本同步 -> 'generally in line with economic growth' (a reviewed name); a figure
    with no official or reviewed name keeps the target quoted as written (None here)."""
    from reporter.compose.localise import in_line_words
    from reporter.i18n import messages
    from reporter.names import Names
    from reporter.termbase import load

    names, t = Names(load(), "en"), messages("en")
    assert str(in_line_words("in_line", "与经济增长基本同步", names, t)) == "generally in line with economic growth"
    assert str(in_line_words("in_line", "与经济增长同步", names, t)) == "in line with economic growth"
    assert in_line_words("in_line", "与某某虚构指标同步", names, t) is None
    assert in_line_words("approx", "与经济增长同步", names, t) is None
