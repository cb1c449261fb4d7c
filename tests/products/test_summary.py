"""The bilingual summary and the term base, on a small corpus made here (not the seeds).

Outputs are real: WeasyPrint PDFs read back with pdftotext (each column cropped on its own),
DOCX read back with python-docx, the CLI run as a subprocess.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporter.model import Fact, PlanTarget, Report, Section, Term

ROOT = Path(__file__).resolve().parents[2]
HEADER = "zh,en,category,status,source,note\n"


def fact(indicator, period, value, unit, raw, qualifier="none", kind="actual", label=""):
    return Fact(label=label or indicator, value=None if value is None else Decimal(value), unit=unit, raw=raw,
                qualifier=qualifier, period=period, kind=kind, quote=f"……{raw}……", indicator=indicator)


def corpus() -> list[Report]:
    """Two reports of an imaginary district: one planned 2030, one reviews 2030 and plans 2031."""
    earlier = Report("r0", "r0.txt", "c0", "关于示例区2029年计划执行情况与2030年计划的报告", "plan_report", "示例区发展和改革委员会",
                     "2030-01-08", None, ["2029"], 2030, facts=[
                         fact("gdp_growth", "2030", "5", "%", "5%左右", "approx", "target"),
                         fact("pm25", "2030", "30", "微克/立方米", "30微克/立方米", kind="target")])
    sections = [
        Section("一", "2030年计划执行情况", 1, ["坚持接诉即办，推进城市更新。接诉即办成效明显。"], themes=["economy"], children=[
            Section("（一）", "服务保障首都功能", 2, ["接诉即办"], themes=["capital"]),
            Section("（二）", "经济高质量发展", 2, ["数字经济"], themes=["economy"])]),
        Section("二", "2031年目标任务", 1, [], themes=["livelihood"], children=[
            Section("（一）", "保障和改善民生", 2, ["示例计划"], themes=["livelihood"])]),
    ]
    report = Report("r1", "r1.txt", "c1", "关于示例区2030年计划执行情况与2031年计划的报告", "plan_report", "示例区发展和改革委员会",
                    "2031-01-10", "2031-02-01", ["2030"], 2031, sections=sections, facts=[
                        fact("gdp", "2030", "5007.3", "亿元", "5007.3亿元"),
                        fact("gdp_growth", "2030", "5.2", "%", "5.2%"),
                        fact("district_budget_revenue", "2030", "413.84", "亿元", "413.84亿元"),
                        fact("district_budget_revenue_growth", "2030", "-1.5", "%", "-1.5%"),
                        fact("local_budget_revenue", "2030", "925.34", "亿元", "925.34亿元"),
                        fact("disposable_income", "2030", "88000", "元", "88000元", "estimated"),
                        fact("resident_population", "2030", "113.7", "万人", "113.7万人"),
                        fact("pm25", "2030", "32", "微克/立方米", "32微克/立方米"),
                    ], targets=[
                        PlanTarget("创新发展", 1, "地区生产总值增速", "%", "5左右", Decimal("5"), "approx", "预期性", 2031, "gdp_growth"),
                        PlanTarget("共享发展", 2, "登记失业率", "%", "<3.5", Decimal("3.5"), "at_most", "预期性", 2031, "unemployment_rate"),
                        PlanTarget("安全稳定", 3, "食品安全抽检合格率", "%", "稳定在98.5以上", Decimal("98.5"), "at_least", "约束性", 2031,
                                   "food_safety_pass_rate"),
                        PlanTarget("减量提质", 4, "生产生活用水总量", "亿立方米", "达到市级要求", None, "none", "约束性", 2031, "water_use_total"),
                    ], terms=[Term(1, "“两区”建设", "中央支持开放发展的重大政策。包括两个方面。"),
                              Term(2, "示例计划", "示例区的一项三年计划。")])
    news = Report("r2", "r2.txt", "c2", "示例新闻", "news", "示例区文明办", None, "2030-12-20", ["2030"], 2031)
    return [earlier, news, report]


def render(tmp_path: Path, formats: str, termbase: str | None = None, lang: str | None = None,
           **options) -> dict[str, Path]:
    from reporter.app.render import RenderOptions, render_product
    from reporter.settings import Settings

    settings = Settings(store=tmp_path / "none.db", out=tmp_path, termbase=Path(termbase) if termbase else None, lang=lang)
    result = render_product(RenderOptions("summary", settings, {"year": "2030", **options}, formats, reports=corpus()))
    return {p.suffix[1:]: p for p in result.paths}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    return render(tmp_path_factory.mktemp("summary"), "pdf,docx,html,md")


# ---------------------------------------------------------------- reading both sides back

EN_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million)?\s*(yuan|%|μg/m³|m²)?")
ZH_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万)?余?(元|%|微克/立方米|平方米|公顷|人)?")
EN_SCALE = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6, None: Decimal(1)}
ZH_SCALE = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, None: Decimal(1)}
UNIT = {"yuan": "元", "%": "%", "μg/m³": "微克/立方米", "m²": "平方米"}


def figures_en(text: str) -> set[tuple[Decimal, str]]:
    """(value in base units, unit) for every figure with a unit or a scale word."""
    out = set()
    for m in EN_FIGURE.finditer(text):
        number, scale, unit = m.groups()
        if scale or unit:
            out.add(((Decimal(number.replace(",", "")) * EN_SCALE[scale]).normalize(), UNIT.get(unit, "")))
    return out


def figures_zh(text: str) -> set[tuple[Decimal, str]]:
    out = set()
    for m in ZH_FIGURE.finditer(text):
        number, scale, unit = m.groups()
        if scale or unit:
            if unit == "公顷":  # the Chinese text keeps the report's hectares; English gives square meters
                out.add(((Decimal(number) * ZH_SCALE[scale] * 10000).normalize(), "平方米"))
                continue
            out.add(((Decimal(number) * ZH_SCALE[scale]).normalize(), "" if unit == "人" else (unit or "")))
    return out


def docx_pairs(path: Path) -> list[tuple[str, str]]:
    import docx

    pairs = []
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            cells = [cell_text(c) for c in row.cells]
            if len(cells) == 2:
                pairs.append((cells[0], cells[1]))
    return pairs


def cell_text(cell) -> str:
    """A cell's words without its footnote references (the sources cited on both sides)."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            if run._r.find(f".//{ns}footnoteReference") is not None or run.font.superscript:
                continue
            out.append(run.text)
        out.append("\n")
    return "".join(out).strip()


def pdf_columns(path: Path) -> tuple[str, str]:
    """The left (Chinese) and right (English) halves of every page, cropped separately."""
    from pypdf import PdfReader

    page = PdfReader(str(path)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    def crop(x: float, w: float) -> str:
        return subprocess.run(["pdftotext", "-x", str(int(x)), "-y", "0", "-W", str(int(w)), "-H", str(int(height)),
                               "-r", "72", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return crop(0, width / 2), crop(width / 2, width / 2)


HEADLINE = [(Decimal("500730000000"), "元"), (Decimal("41384000000"), "元"), (Decimal("5.2"), "%"), (Decimal("1.5"), "%")]


def test_docx_every_english_figure_is_a_chinese_figure_of_the_same_row(outputs):
    pairs = docx_pairs(outputs["docx"])
    assert len(pairs) > 10
    checked = 0
    for zh, en in pairs:
        en_figs = figures_en(en)
        assert en_figs <= figures_zh(zh), f"{en!r} vs {zh!r}"
        checked += len(en_figs)
    assert checked >= 8
    both = [(figures_zh(zh), figures_en(en)) for zh, en in pairs if en.strip()]
    for figure in HEADLINE:  # and the reverse for the headline figures
        assert any(figure in z and figure in e for z, e in both), figure


def test_pdf_every_english_figure_is_a_chinese_figure(outputs):
    left, right = pdf_columns(outputs["pdf"])
    assert "地区生产总值" in left and "Gross Regional Product" in right
    en_figs, zh_figs = figures_en(right), figures_zh(left)
    assert en_figs and en_figs <= zh_figs, en_figs - zh_figs
    for figure in HEADLINE:
        assert figure in en_figs and figure in zh_figs, figure


def test_exact_conversion_and_dropped_sentences(outputs):
    pairs = dict(docx_pairs(outputs["docx"]))
    en = "\n".join(pairs.values())
    assert "500.73 billion yuan" in en and "41.384 billion yuan" in en and "92.534 billion yuan" in en
    assert "1.137 million" in en
    assert ", down 1.5%" in en
    income = next(zh for zh in pairs if "居民人均可支配收入" in zh)
    # 预计 is a qualifier with a catalogue form: applied to the number, never a reason to drop the sentence
    assert "预计" in income and pairs[income].endswith("reached an estimated 88,000 yuan.")
    water = next(zh for zh in pairs if "生产生活用水总量" in zh)  # a target in words: said so, its words in a note
    assert pairs[water].startswith("Total production and household water use: a target stated in words")
    coverage = next(e for e in pairs.values() if e.startswith("English coverage"))
    covered, total, dropped = map(int, re.findall(r"\d+", coverage))
    assert 0 < covered < total and dropped == 0  # every Chinese sentence has its English one


# ---------------------------------------------------------------- where English words come from


def allowed_words() -> set[str]:
    from babel.dates import get_month_names

    from reporter.termbase import load

    text = " ".join(tomllib.loads((ROOT / "reporter/data/messages/en.toml").read_text("utf-8")).values())
    text += " " + " ".join(e.en for e in load().entries if e.status != "rejected")  # drafts print too, marked
    text += " " + " ".join(get_month_names("wide", locale="en_GB").values())
    words = set(re.findall(r"[A-Za-z]+", text))
    # a name's first letter follows its place in the sentence (capital at the start, lower after an article)
    return words | {w[0].upper() + w[1:] for w in words} | {w[0].lower() + w[1:] for w in words}


def test_every_english_word_comes_from_the_catalogue_the_term_base_or_the_data(outputs):
    from reporter.termbase import load

    pairs = docx_pairs(outputs["docx"])
    english = " ".join(en for _, en in pairs)
    words = set(re.findall(r"[A-Za-z]+", english))
    assert len(words) > 40
    assert words <= allowed_words(), words - allowed_words()
    base = load()
    approved = {e.en for e in base.entries if e.approved}
    # an alternative rendering (a draft where a better tier exists) never prints
    drafts = [e.en for e in base.entries if not e.approved and e.en not in approved and len(e.en) > 12
              and base.best(e.zh) is not e]
    assert not [d for d in drafts if d in english]


def test_terms_without_an_entry_are_marked_and_listed(outputs):
    html = outputs["html"].read_text("utf-8")
    assert '<span class="awaiting" lang="zh-CN">示例区发展和改革委员会</span><sup class="mark">†</sup>' in html
    box = html[html.index('class="awaiting-box nosource"'):]
    assert "示例区发展和改革委员会" in box
    # a reviewed name (the indicator registry's) prints plainly and is not awaiting
    assert "地方级一般公共预算收入" not in box and "local-level general budget revenue reached" in html.lower()
    assert '<div class="en" lang="en">' in html and '<html lang="zh-CN"' in html


def test_user_term_base_entry_leaves_missing_and_the_box(tmp_path):
    from reporter.app.terms import missing

    from reporter.settings import Settings

    _, before = missing(Settings(store=tmp_path / "none.db"), 2030, reports=corpus())
    assert "示例区发展和改革委员会" in [m.zh for m in before]
    user = tmp_path / "mine.csv"
    user.write_text(HEADER + "示例区发展和改革委员会,Example District Development and Reform Commission,body,reviewed,"
                    "https://example.org/glossary,editor's choice\n", "utf-8")
    _, after = missing(Settings(store=tmp_path / "none.db", termbase=user), 2030, reports=corpus())
    assert "示例区发展和改革委员会" not in [m.zh for m in after] and len(after) == len(before) - 1
    html = render(tmp_path / "out", "html", termbase=str(user))["html"].read_text("utf-8")
    assert "Issued by: Example District Development and Reform Commission" in html
    assert "示例区发展和改革委员会" not in html[html.index('class="awaiting-box nosource"'):]


def test_one_language_alone(tmp_path):
    en = render(tmp_path / "en", "html", lang="en")["html"].read_text("utf-8")
    assert '<div class="en" lang="en">' in en and '<div class="zh"' not in en
    zh = render(tmp_path / "zh", "html", lang="zh")["html"].read_text("utf-8")
    assert '<div class="zh"' in zh and '<div class="en"' not in zh


def test_pdf_pages_fonts_and_docx_language(outputs):
    from pypdf import PdfReader

    import docx
    from docx.oxml.ns import qn

    assert 1 <= len(PdfReader(str(outputs["pdf"])).pages) <= 3
    fonts = subprocess.run(["pdffonts", str(outputs["pdf"])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"\+Noto-Serif\s", fonts) and "CJK" in fonts  # a Latin face for English, CJK for Chinese
    runs = [r for t in docx.Document(str(outputs["docx"])).tables for c in t.columns[-1].cells
            for p in c.paragraphs for r in p.runs if "Gross Regional Product" in r.text]
    assert runs and runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-US"


def test_the_report_that_reviews_the_year_and_plans_the_next(tmp_path):
    from reporter.compose.summary import pick_report
    from reporter.errors import UserError

    assert pick_report(corpus(), 2030, None).id == "r1"  # not the news item, not the 2029 review
    assert pick_report(corpus(), 2030, "r2").id == "r2"
    assert {p.name for p in render(tmp_path, "md", report="r2").values()} == {"summary-2030-r2.md"}
    with pytest.raises(UserError):
        pick_report(corpus(), 2040, None)


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize("value, unit, table, expect", [
    ("5007.3", "亿元", False, "500.73 billion yuan"), ("413.84", "亿元", False, "41.384 billion yuan"),
    ("925.34", "亿元", False, "92.534 billion yuan"), ("1012.9", "亿元", False, "101.29 billion yuan"),
    ("6000", "亿元", False, "600 billion yuan"), ("45000", "亿元", False, "4.5 trillion yuan"),
    ("5007.3", "亿元", True, "5,007.3 (100 million yuan)"), ("16", "万亿元", False, "16 trillion yuan"),
    ("113.7", "万人", False, "1.137 million"), ("29.9", "万人", False, "299,000"),
    ("0.82", "万平方米", False, "8,200 m²"), ("2000", "万平方米", False, "20 million m²"),
    ("4539", "万元", False, "45.39 million yuan"), ("8.8", "万元", False, "88,000 yuan"),
    ("0.4", "个百分点", False, "0.4 percentage points"), ("5.8", "%", False, "5.8%"),
])
def test_figures_in_english_convention(value, unit, table, expect):
    from reporter.compose.bilingual import en_figure
    from reporter.i18n import messages

    assert en_figure(Decimal(value), unit, messages("en"), table=table) == expect


def test_no_rule_no_english():
    from reporter.compose.bilingual import en_figure
    from reporter.i18n import messages

    assert en_figure(Decimal("0.9"), "人/百亿元", messages("en")) is None


@settings(deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2))
def test_billions_convert_back_exactly(value):
    from reporter.compose.bilingual import en_figure
    from reporter.i18n import messages

    text = en_figure(value, "亿元", messages("en"))
    number = Decimal(text.split()[0].replace(",", ""))
    assert number * 10 == value


# ---------------------------------------------------------------- the term base


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reporter", *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_terms_check_names_each_bad_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "示例词,example word,programme,approved,https://example.org,\n"
                   "示例词,example word,programme,approved,https://example.org,\n"
                   "空白词,,programme,draft,,\n"
                   "状态词,status word,programme,final,https://example.org,\n"
                   "两译词,one,other,approved,https://example.org,\n"
                   "两译词,two,other,approved,https://example.org,\n"
                   "控制词,bell\x07word,other,draft,,\n", "utf-8")
    result = run_cli("terms", "check", "--termbase", str(bad))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert len(lines) == 5, result.stderr
    assert any(f"{bad}:3: 示例词: duplicate of {bad}:2" in line for line in lines)
    assert any(f"{bad}:4: 空白词: en: must not be empty" in line for line in lines)
    assert any(f"{bad}:5: 状态词: status: unknown status 'final'" in line for line in lines)
    assert any(f"{bad}:7: 两译词: a second reviewed en name" in line for line in lines)
    assert any(f"{bad}:8: 控制词: en: contains a control character" in line for line in lines)


def test_terms_check_passes_the_package_term_base():
    result = run_cli("terms", "check")
    assert result.returncode == 0, result.stderr
    assert "approved" in result.stdout


def test_terms_check_bad_header(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("zh,english\n地区,region\n", "utf-8")
    result = run_cli("terms", "check", "--termbase", str(bad))
    assert result.returncode == 1 and f"{bad}:1: header: missing column(s)" in result.stderr


def test_tbx_export(tmp_path):
    from lxml import etree

    from reporter.termbase import load

    out = tmp_path / "terms.tbx"
    result = run_cli("terms", "export", "--format", "tbx", "--out", str(out))
    assert result.returncode == 0, result.stderr
    root = etree.parse(str(out)).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    concepts = root.findall(".//t:conceptEntry", ns)
    approved = {e.zh: e.en for e in load().entries if e.approved}
    assert len(concepts) == len(approved)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for concept in concepts:
        secs = concept.findall("t:langSec", ns)
        assert [s.get(lang) for s in secs] == ["zh-CN", "en"]
        zh = secs[0].find("t:termSec/t:term", ns).text
        assert secs[1].find("t:termSec/t:term", ns).text == approved[zh]


# ---------------------------------------------------------------- the seeds, end to end


@pytest.mark.parametrize("year", [2023, 2021])
def test_seed_summaries_have_both_languages_and_agreeing_figures(parsed, tmp_path, year):
    from pypdf import PdfReader

    from reporter.app.render import RenderOptions, render_product
    from reporter.settings import Settings

    result = render_product(RenderOptions("summary", Settings(store=tmp_path / "none.db", out=tmp_path), {"year": str(year)}, "pdf,docx",
                                          reports=list(parsed.values())))
    paths = {p.suffix[1:]: p for p in result.paths}
    assert 1 <= len(PdfReader(str(paths["pdf"])).pages) <= 4  # three pages of pairs and the footnotes (issue 22)
    pairs = docx_pairs(paths["docx"])
    english = "\n".join(en for _, en in pairs)
    assert "Gross Regional Product" in english and "at the district level" in english  # GRP, district revenue
    assert "GRP growth of" in english  # the next year's targets
    for zh, en in pairs:
        assert figures_en(en) <= figures_zh(zh), (zh, en)
    left, right = pdf_columns(paths["pdf"])
    assert figures_en(right) <= figures_zh(left)
    assert set(re.findall(r"[A-Za-z]+", english)) <= allowed_words()


@pytest.mark.parametrize("raw,qualifier,english", [
    ("5%左右", "approx", "about 5%"), ("约5%", "approx", "about 5%"), ("5%以上", "at_least", "at least 5%"),
    ("5万余人", "at_least", "over 50,000"), ("5%以内", "at_most", "within 5%"), ("预计5%", "estimated", "an estimated 5%"),
    ("突破5%", "at_least", "exceeded 5%")])
def test_every_qualifier_has_an_english_form_applied_to_the_number(tmp_path, raw, qualifier, english):
    from reporter.compose.summary import _headline
    from reporter.compose.summary_phrases import Phrasing
    from reporter.compose.bilingual import Lexicon
    from reporter.i18n import messages
    from reporter.termbase import load

    value, unit = ("5", "万人") if "万" in raw else ("5", "%")
    w = Phrasing(messages("zh"), messages("en"), Lexicon(load()))
    row = _headline(w, fact("gdp_growth", "2030", value, unit, raw, qualifier), None, 2030)
    assert row.en is not None and english in "".join(p.text for p in row.en), row.en


@settings(deadline=None)  # the first example imports Babel's locale data
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999"), places=2),
       st.sampled_from(["亿元", "元", "万元", "平方米", "万平方米", "%", "微克/立方米"]))
def test_english_and_chinese_figures_name_the_same_quantity(value, unit):
    """Whatever the size, the English figure read back equals the Chinese one (no rounding)."""
    from reporter.compose.bilingual import en_figure, zh_figure
    from reporter.i18n import messages

    zh_unit = unit.removeprefix("万") if unit.startswith("万") else unit
    zh_text = zh_figure(value, unit) if not unit.startswith("万") else f"{value}万{zh_unit}"
    assert figures_en(en_figure(value, unit, messages("en"))) == figures_zh(zh_text)


def test_term_base_text_is_escaped_in_html(tmp_path):
    user = tmp_path / "mine.csv"
    user.write_text(HEADER + '地方级一般公共预算收入,<img src=x onerror=alert(1)> revenue,indicator,approved,x,\n', "utf-8")
    html = render(tmp_path / "out", "html", termbase=str(user))["html"].read_text("utf-8")
    assert "<img" not in html and "&lt;img" in html


def test_names_are_cased_for_their_place_in_the_english_sentence():
    """A list item starts with a capital; after an article a sentence-case name is lower-cased;
    a name with more capitals (an official one) stays as written."""
    from reporter.compose.summary_phrases import _cased
    from reporter.names import Part

    assert _cased([Part("overall labor productivity")], "")[0].text == "Overall labor productivity"
    assert _cased([Part("Fixed-asset investment growth")], "In 2023, the ")[0].text == "fixed-asset investment growth"
    assert _cased([Part("Gross Regional Product (GRP)")], "In 2023, the ")[0].text == "Gross Regional Product (GRP)"
    assert _cased([Part("Xicheng Home")], "the ")[0].text == "Xicheng Home"
    assert _cased([Part("PM2.5 concentration")], "the ")[0].text == "PM2.5 concentration"
    assert _cased([Part("Urban green space added (PM2.5)")], "the ")[0].text == "urban green space added (PM2.5)"
    assert _cased([Part("北京", zh=True)], "")[0].text == "北京"
