"""The bilingual summary's context: one year's report in Chinese and English, side by side.

Every English sentence is assembled from catalogue phrases (messages/en.toml: fixed words,
qualifier forms, units), term-base names and the data. A name with official or reviewed English
prints plainly; a draft prints marked and is listed for review; a name with no entry at all is
shown in Chinese and marked. Qualifiers (预计, 约, 余, 突破, 与…同步 …) have catalogue forms applied
to the number, so they never cost a sentence; only a unit no rule covers or a target with no
figure leaves a sentence out of the English side, and it is counted. Nothing is approximated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reporter.compose.bilingual import Lexicon, Part, en_figure, zh_figure
from reporter.compose.sources import annex_citation
from reporter.errors import UserError
from reporter.i18n import Messages, format_date
from reporter.model import Fact, PlanTarget, Report, Section
from reporter.registry import registry
from reporter.termbase import TermBase

KIND_ORDER = ("plan_report", "government_work_report", "performance_report", "statistics_release", "other", "news")
# how a qualifier code is worded, by the words the figure's own text uses (first hit wins)
QUALIFIER_WORDS = {
    "approx": ("左右", "约", "近"),
    "at_least": ("突破", "超过", "以上", "不少于", "余"),
    "at_most": ("以内", "不超过"),
    "estimated": ("预计",),
    "in_line": ("基本同步", "同步"),
}
DEFAULT_WORD = {"approx": "约", "at_least": "以上", "at_most": "以内", "estimated": "预计", "in_line": "同步"}
# the English form (catalogue key summary_q_<form>) of each Chinese qualifier word the sources use
QUALIFIER_FORM = {"预计": "estimated", "约": "about", "左右": "about", "近": "almost", "余": "over", "超过": "over",
                  "以上": "at_least", "不少于": "at_least", "以内": "within", "不超过": "within", "突破": "exceeded",
                  "基本同步": "in_line_basic", "同步": "in_line"}
VERB_WORDS = ("突破",)  # qualifiers that are the sentence's verb ("exceeded"), not a prefix
AFTER_FIGURE = ("左右", "以上", "以内", "余")  # Chinese puts these after the figure
MAX_PROGRAMMES = 10
MAX_HEADLINES = 10  # the summary is one to three pages: the registry's first indicators, the rest in the appendix
MAX_TARGETS = 12
MAX_MET = 8
MAX_PART_TITLE = 30
MAX_SECTION_TITLE = 10
MAX_DEFINITION = 28


@dataclass
class Row:
    """One line of the summary in both languages; en None = left out of the English side."""

    zh: str
    en: list[Part] | None
    facts: list[Fact] = field(default_factory=list)  # cited on both sides (footnotes like the brief)
    notes: list[str] = field(default_factory=list)  # further footnotes: a plan table's words, quoted


@dataclass
class Block:
    key: str
    heading_zh: str
    heading_en: str
    rows: list[Row] = field(default_factory=list)
    empty_zh: str = ""
    empty_en: str = ""


@dataclass
class Writer:
    """Both catalogues and the lexicon: what every sentence builder needs."""

    zh: Messages
    en: Messages
    lex: Lexicon
    dropped: int = 0
    notes: Messages | None = None  # the footnotes' language (the page's: Chinese unless English alone)

    def row(self, zh: str, en: list[Part] | None, facts: list[Fact] | None = None,
            notes: list[str] | None = None) -> Row:
        if en is None:
            self.dropped += 1
        return Row(zh, en, [f for f in facts or [] if f is not None], notes or [])

    def sentence(self, key: str, **slots: Part | str) -> list[Part]:
        """An English catalogue pattern with its slots filled: Parts keep their Chinese marks."""
        pattern = self.en.t(key)
        parts: list[Part] = []
        for piece in re.split(r"(\{\w+\})", pattern):
            if piece.startswith("{") and piece.endswith("}"):
                value = slots.get(piece[1:-1])
                if value is None:
                    raise UserError(f"messages/en.toml: {key}: placeholder {piece} has no value here")
                parts.extend(value if isinstance(value, list) else [value if isinstance(value, Part) else Part(value)])
            elif piece:
                parts.append(Part(piece))
        return _joined(parts)


def _joined(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for p in parts:
        if out and not (p.zh or p.draft or out[-1].zh or out[-1].draft):
            out[-1] = Part(out[-1].text + p.text)
        elif p.text:
            out.append(p)
    return out


# ---------------------------------------------------------------- choosing the report


def pick_report(reports: list[Report], year: int, report_id: str | None) -> Report:
    """The report that reviews `year` and sets the next year's targets; --report overrides."""
    if report_id:
        for r in reports:
            if report_id in (r.id, r.source) or r.id.startswith(report_id):
                return r
        raise UserError(f"--report {report_id}: no such report in the store (see `reporter reports`)")
    candidates = [r for r in reports if str(year) in r.review_periods]
    if not candidates:
        raise UserError(f"--year {year}: no stored report reviews {year} (see `reporter reports`)")
    def rank(r: Report):
        kind = KIND_ORDER.index(r.kind) if r.kind in KIND_ORDER else len(KIND_ORDER)
        return (r.plan_year != year + 1, kind, -len(r.facts))
    return sorted(candidates, key=rank)[0]


# ---------------------------------------------------------------- figures


def qualifier_word(qualifier: str, text: str) -> str | None:
    """The Chinese qualifier a figure carries (突破, 左右, 以上 …), from its own words."""
    if qualifier not in QUALIFIER_WORDS:
        return None
    for word in QUALIFIER_WORDS[qualifier]:
        if word in text:
            return word
    return DEFAULT_WORD[qualifier]


def indicator_name(w: "Writer", indicator: str | None, fallback: str) -> list[Part]:
    """An indicator's English: its own approved name, else '<approved level name> growth' for a
    growth rate, else the Chinese with the awaiting mark."""
    zh = indicator_zh(indicator, fallback)
    base = indicator.removesuffix("_growth") if indicator and indicator.endswith("_growth") else None
    if base and registry().get(base) and w.lex.base.english(zh) is None and w.lex.base.english(registry().get(base).zh):
        return w.sentence("summary_growth_name", name=w.lex.name(registry().get(base).zh, "indicator"))
    return [w.lex.indicator(indicator, fallback)]


def restricted_name(w: "Writer", indicator: str | None, name_zh: str) -> list[Part]:
    """An indicator's name with the restriction the report's own name puts before it
    (非历史文化街区地区 + 公园绿地500米服务半径覆盖率): the restriction is a term, never dropped."""
    base = indicator_name(w, indicator, name_zh)
    registered = indicator_zh(indicator, name_zh)
    scope = name_zh[: -len(registered)] if registered != name_zh and name_zh.endswith(registered) else ""
    if not scope:
        return base
    return w.sentence("summary_restricted", name=base, scope=w.lex.name(scope, "scope"))


def indicator_zh(indicator: str | None, fallback: str) -> str:
    ind = registry().get(indicator)
    return ind.zh if ind else fallback


def _zh_with_word(raw: str, word: str | None) -> str:
    """The figure as the report wrote it, with its qualifier word added where the words lack it."""
    if not word or word in raw:
        return raw
    return raw + word if word in AFTER_FIGURE else word + raw


def qualified(w: Writer, figure: str, word: str | None) -> str:
    """The figure with its qualifier's English form: 'about 5%', 'an estimated 1,070 billion yuan'."""
    form = QUALIFIER_FORM.get(word or "")
    if form is None or word in VERB_WORDS or form.startswith("in_line"):
        return figure
    return w.en.t(f"summary_q_{form}", figure=figure)


def _figure_parts(w: Writer, value: Decimal, unit: str, word: str | None) -> tuple[list[Part] | None, str | None]:
    """(English figure with its qualifier, English verb) or (None, None) when no unit rule covers it."""
    figure = en_figure(value, unit, w.en)
    if figure is None:
        return None, None
    verb = w.en.t("summary_verb_exceeded" if word in VERB_WORDS else "summary_verb_reached")
    return [Part(qualified(w, figure, word))], verb


def headline_rows(w: Writer, report: Report, year: int) -> list[Row]:
    """Actual figures for the year, one sentence per indicator, growth joined to its level."""
    facts = [f for f in report.facts if f.kind == "actual" and f.period == str(year) and f.indicator and f.value is not None]
    first: dict[str, Fact] = {}
    for f in facts:
        first.setdefault(f.indicator, f)
    order = {ind_id: i for i, ind_id in enumerate(registry().indicators)}
    rows: list[Row] = []
    used: set[str] = set()
    for ind_id in sorted(first, key=lambda i: order.get(i, len(order))):
        if ind_id in used:
            continue
        fact = first[ind_id]
        growth = first.get(f"{ind_id}_growth")
        if ind_id.endswith("_growth") and ind_id.removesuffix("_growth") in first:
            continue  # said with its level
        used.update({ind_id, f"{ind_id}_growth"})
        rows.append(_headline(w, fact, growth, year))
        if len(rows) == MAX_HEADLINES:
            break
    return rows


def _headline(w: Writer, fact: Fact, growth: Fact | None, year: int) -> Row:
    name_zh = indicator_zh(fact.indicator, fact.label)
    word = qualifier_word(fact.qualifier, fact.raw)
    figure_zh = _zh_with_word(fact.raw, word)
    link = "" if word and figure_zh.startswith(word) else w.zh.t("summary_is")
    zh = w.zh.t("summary_actual", year=year, name=name_zh, link=link, figure=figure_zh)
    change_zh, change_en = "", [Part("")]
    if growth is not None and growth.value is not None:
        change_zh, change_en = _change(w, growth)
    zh = zh + change_zh + w.zh.t("summary_stop")
    name = indicator_name(w, fact.indicator, fact.label)  # a need even when the sentence is left out
    figure, verb = _figure_parts(w, fact.value, fact.unit, word)
    cited = [fact, growth]
    if figure is None or verb is None or change_en is None:
        return w.row(zh, None, cited)
    en = w.sentence("summary_actual", name=name, verb=verb, figure=figure, year=str(year), change=change_en)
    return w.row(zh, en, cited)


def _change(w: Writer, growth: Fact) -> tuple[str, list[Part] | None]:
    """', up 5.8% year on year' / '，同比增长5.8%'; English None only when no unit rule covers it."""
    down = growth.value < 0
    size = abs(growth.value)
    yoy = _year_on_year(growth)
    key = ("summary_down" if down else "summary_up") + ("_yoy" if yoy else "")
    figure_zh = growth.raw.lstrip("-−") if growth.raw else zh_figure(size, growth.unit)
    zh = w.zh.t(key, figure=figure_zh)
    figure_en = en_figure(size, growth.unit, w.en)
    word = qualifier_word(growth.qualifier, growth.raw)
    if figure_en is None:
        return zh, None
    figure_en = w.en.t("summary_q_over", figure=figure_en) if word in VERB_WORDS else qualified(w, figure_en, word)
    if not yoy:
        return zh, [Part(w.en.t(key, figure=figure_en))]
    return zh, w.sentence(key, figure=figure_en, yoy=w.en.t("summary_yoy"))


def _year_on_year(growth: Fact) -> bool:
    """Whether the report says 同比 right before this change (…同比增长5.8%)."""
    start = growth.quote.find(growth.raw) if not (0 <= growth.start < growth.end <= len(growth.quote)) \
        or growth.quote[growth.start:growth.end] != growth.raw else growth.start
    return start > 0 and "同比" in growth.quote[max(0, start - 6):start]


# ---------------------------------------------------------------- targets


def plan_rows(report: Report) -> list[PlanTarget]:
    """The plan table for the report's plan year, or its target figures when it has no table."""
    if report.targets:
        return [t for t in report.targets if report.plan_year is None or t.plan_year == report.plan_year]
    rows = []
    seen: set[str] = set()
    for f in report.facts:
        if f.kind == "target" and f.period == str(report.plan_year) and f.indicator and f.indicator not in seen:
            seen.add(f.indicator)
            rows.append(PlanTarget("", 0, indicator_zh(f.indicator, f.label), f.unit, f.raw, f.value, f.qualifier, "",
                                   report.plan_year or 0, f.indicator))
    return rows


def target_rows(w: Writer, report: Report) -> list[Row]:
    rows = []
    for t in plan_rows(report)[:MAX_TARGETS]:
        row = _target(w, t)
        row.notes.insert(0, annex_citation(report, t.plan_year, w.notes))  # every target cites its plan table
        rows.append(row)
    return rows


def _target(w: Writer, t: PlanTarget) -> Row:
    name_zh = indicator_zh(t.indicator, t.name)
    word = qualifier_word(t.qualifier, t.plan_text)
    if t.value is not None:
        figure_zh = zh_figure(t.value, t.unit)
        if word in ("约", "近"):
            figure_zh = word + figure_zh
        elif word:
            figure_zh = figure_zh + ("以内" if t.qualifier == "at_most" else word)
    else:
        figure_zh = t.plan_text
    attribute_zh = w.zh.t("summary_attribute", attribute=t.attribute) if t.attribute else ""
    zh = w.zh.t("summary_target", name=t.name, figure=figure_zh) + attribute_zh
    en = _target_en(w, t, name_zh, word)
    notes = []
    if en is None and t.value is None and t.qualifier != "in_line":  # a target in words: said so, the words in a note
        words = t.plan_text.strip()
        en = w.sentence("summary_target_words" if words not in ("", "-", "—") else "summary_target_none",
                        name=indicator_name(w, t.indicator, t.name))
        if words not in ("", "-", "—"):
            notes.append(w.notes.t("summary_plan_note", name=t.name, year=t.plan_year, text=words))
    if en is not None and t.attribute:
        en = en + w.sentence("summary_attribute", attribute=w.lex.name(t.attribute, "attribute"))
    return w.row(zh, _joined(en) if en else None, notes=notes)


def _target_en(w: Writer, t: PlanTarget, name_zh: str, word: str | None) -> list[Part] | None:
    if t.qualifier == "in_line":
        match = re.search(r"与(.{1,80}?)(基本)?同步", t.plan_text)  # bounded: linear on any text
        if not match:
            return None
        q = w.en.t("summary_q_" + QUALIFIER_FORM["基本同步" if match.group(2) else "同步"])
        other = w.lex.name(match.group(1), "indicator")
        return w.sentence("summary_target_in_line", name=indicator_name(w, t.indicator, t.name), qualifier=q, other=other)
    if t.value is None:
        return None  # a target in words only (达到市级要求): _target says so
    name = restricted_name(w, t.indicator, t.name)
    figure = en_figure(t.value, t.unit, w.en)
    if figure is None:
        return None
    if word in VERB_WORDS:
        figure = w.en.t("summary_q_over", figure=figure)
    key = "summary_target_within" if QUALIFIER_FORM.get(word or "") == "within" else "summary_target"
    return w.sentence(key, name=name, figure=qualified(w, figure, word))


# ---------------------------------------------------------------- met and missed


def met_rows(w: Writer, reports: list[Report], report: Report, year: int) -> list[Row]:
    """Targets set for `year` (in any stored report) against the chosen report's actual figures."""
    from reporter.compose.brief import status
    from reporter.corpus import Corpus

    actual = {f.indicator: f for f in reversed(report.facts)
              if f.kind == "actual" and f.period == str(year) and f.indicator and f.value is not None}
    corpus = Corpus.of(reports)  # the year's target as every product picks it (the plan-year report first)
    targets: dict[str, Fact] = {}
    for indicator in dict.fromkeys(ind for ind, kind, y in corpus.index if kind == "target" and y == year):
        target = corpus.target(indicator, year)
        if target is not None and target.value is not None:
            targets[indicator] = target
    rows = []
    for ind_id, target in targets.items():
        fact = actual.get(ind_id)
        result = status(fact, target)
        if result in ("met", "missed") and len(rows) < MAX_MET:
            rows.append(_met_row(w, ind_id, target, fact, result))
    return rows


def _met_row(w: Writer, ind_id: str, target: Fact, fact: Fact, result: str) -> Row:
    name_zh = indicator_zh(ind_id, target.label)
    zh = w.zh.t("summary_met_row", name=name_zh, target=_zh_with_word(target.raw, qualifier_word(target.qualifier, target.raw)),
                actual=_zh_with_word(fact.raw, qualifier_word(fact.qualifier, fact.raw)), result=w.zh.t(f"status_{result}"))
    name = indicator_name(w, ind_id, target.label)
    target_en, _ = _figure_parts(w, target.value, target.unit, qualifier_word(target.qualifier, target.raw))
    actual_en, _ = _figure_parts(w, fact.value, fact.unit, qualifier_word(fact.qualifier, fact.raw))
    if target_en is None or actual_en is None:
        return w.row(zh, None, [target, fact])
    en = w.sentence("summary_met_row", name=name, target=target_en, actual=actual_en,
                    result=w.en.t(f"status_{result}"))
    return w.row(zh, en, [target, fact])


# ---------------------------------------------------------------- structure and programmes


def structure_rows(w: Writer, report: Report) -> list[Row]:
    """One row per part: its title (through the term base, years as placeholders) and themes, then its
    sections (numbered, with their themes). A part title with no entry is numbered only, and listed."""
    rows = []
    parts = [s for s in report.sections if s.title and not s.is_lead]
    for i, section in enumerate(parts, start=1):
        subs = [c for c in section.children if c.title and not c.is_lead]
        zh = _section_zh(w, section, 1, MAX_PART_TITLE)
        title = heading_name(w, section.title)
        en = (w.sentence("summary_part_titled", number=str(i), title=title) if title
              else [Part(w.en.t("summary_part", number=str(i)))]) + [Part(_themes_en(w, section))]
        if subs:
            zh += w.zh.t("summary_sections", sections=w.zh.t("summary_section_sep").join(
                _section_zh(w, c, 2, MAX_SECTION_TITLE) for c in subs))
            en.append(Part(w.en.t("summary_sections", sections=w.en.t("summary_section_sep").join(
                w.en.t("summary_subpart", number=f"{i}.{j}") + _themes_en(w, c) for j, c in enumerate(subs, start=1)))))
        rows.append(Row(zh, _joined(en)))
    return rows


YEAR = re.compile(r"\d{4}")


def heading_name(w: Writer, title: str) -> Part | None:
    """A report heading through the term base, its years as {year} placeholders
    ('2023年国民经济和社会发展计划执行情况' -> '{year}年国民经济和社会发展计划执行情况'); None when there is no entry."""
    key = YEAR.sub("{year}", title.strip())
    need = w.lex.need(key, "heading")
    if need.en is None:
        return None
    years = iter(YEAR.findall(title))
    text = re.sub(r"\{year\}", lambda _: next(years, ""), need.en)
    return Part(text, draft=not need.covered, mark="" if need.covered else w.en.t("summary_draft_marker"))


def _section_zh(w: Writer, s: Section, level: int, limit: int) -> str:
    title = s.title if len(s.title) <= limit else s.title[: limit - 1] + "…"
    mark = "、" if level == 1 and s.number and s.number[0] not in "（(" else ""
    themes = w.zh.t("list_separator").join(w.zh.t(f"summary_theme_{t}") for t in s.themes)
    return f"{s.number}{mark}{title}" + (w.zh.t("summary_themes", themes=themes) if themes else "")


def _themes_en(w: Writer, s: Section) -> str:
    themes = w.en.t("list_separator").join(w.en.t(f"summary_theme_{t}") for t in s.themes)
    return w.en.t("summary_themes", themes=themes) if themes else ""


def programme_rows(w: Writer, report: Report, base: TermBase) -> list[Row]:
    """Programme names the report uses most: its glossary's terms (with a one-line definition)
    and approved programme names from the term base that its text uses."""
    text = _text(report)
    candidates: list[tuple[int, int, str, str]] = []  # (-uses, order, key, shown zh)
    glossary: set[str] = set()
    for i, term in enumerate(report.terms):
        key = _glossary_key(term.term, base)
        glossary.add(key)
        definition = _first_clause(term.definition)
        shown = w.zh.t("summary_programme", term=term.term, definition=definition) if definition else term.term
        candidates.append((-text.count(re.sub(r"[“”\"]", "", term.term)), i, key, shown))
    for e in base.entries:
        if e.approved and e.category == "programme" and e.zh not in glossary and len(e.zh) > 1 and e.zh in text:
            candidates.append((-text.count(e.zh), len(candidates), e.zh, e.zh))
            glossary.add(e.zh)
    from_glossary = sorted(c for c in candidates if c[1] < len(report.terms))
    from_base = sorted(c for c in candidates if c[1] >= len(report.terms))
    half = MAX_PROGRAMMES // 2
    chosen = from_glossary[: max(half, MAX_PROGRAMMES - len(from_base))]
    chosen += from_base[: MAX_PROGRAMMES - len(chosen)]
    return [Row(shown, [w.lex.name(key, "programme")]) for _, _, key, shown in chosen]


def _glossary_key(term: str, base: TermBase) -> str:
    """The glossary's term as the term base may hold it: as written, else without quotation marks."""
    bare = re.sub(r"[“”\"「」]", "", term)
    return term if base.english(term) or bare == term else (bare if base.english(bare) else term)


def _first_clause(definition: str) -> str:
    clause = re.split(r"[。；;]", definition.strip(), maxsplit=1)[0]
    return clause if len(clause) <= MAX_DEFINITION else clause[: MAX_DEFINITION - 1] + "…"


def _text(report: Report) -> str:
    return "\n".join(p for s in report.all_sections() for p in [s.title, *s.paragraphs])


def text_frequency(report: Report, term: str) -> int:
    return _text(report).count(term)


# ---------------------------------------------------------------- source and the whole


def source_rows(w: Writer, report: Report, year: int) -> list[Row]:
    kind_zh = w.zh.t(f"summary_kind_{report.kind}")
    periods_en = w.en.t("list_separator").join(report.review_periods)
    # a title is not a term: the English describes it from the report's kind and years
    rows = [Row(w.zh.t("summary_source_title", title=report.title),
                w.sentence("summary_source_title", kind=w.lex.name(kind_zh, "report_kind"), periods=periods_en,
                           plan=str(report.plan_year or "—")))]
    rows.append(Row(w.zh.t("summary_source_kind", kind=kind_zh),
                    w.sentence("summary_source_kind", kind=w.lex.name(kind_zh, "report_kind"))))
    if report.issuer:
        rows.append(Row(w.zh.t("summary_source_issuer", issuer=report.issuer),
                        w.sentence("summary_source_issuer", issuer=w.lex.name(report.issuer, "body"))))
    for key, value in (("delivered", report.delivered), ("published", report.published)):
        if value:
            d = date.fromisoformat(value[:10])
            rows.append(Row(w.zh.t(f"summary_source_{key}", date=format_date(d, locale=w.zh.locale)),
                            [Part(w.en.t(f"summary_source_{key}", date=format_date(d, locale=w.en.locale)))]))
    periods = w.zh.t("list_separator").join(report.review_periods)
    periods_en = w.en.t("list_separator").join(report.review_periods)
    plan = str(report.plan_year) if report.plan_year else "—"
    rows.append(Row(w.zh.t("summary_source_years", periods=periods, plan=plan),
                    [Part(w.en.t("summary_source_years", periods=periods_en, plan=plan))]))
    return rows


def build(reports: list[Report], year: int, report_id: str | None, langs: str, base: TermBase,
          zh: Messages, en: Messages, lexicon: Lexicon | None = None) -> dict:
    """The summary's context: blocks of bilingual rows, the awaiting terms and the coverage."""
    report = pick_report(reports, year, report_id)
    w = Writer(zh, en, lexicon if lexicon is not None else Lexicon(base, en.lang), notes=zh if "zh" in langs else en)
    plan_year = report.plan_year or year + 1
    blocks = [
        Block("source", zh.t("summary_h_source"), en.t("summary_h_source"), source_rows(w, report, year)),
        Block("headline", zh.t("summary_h_headline", year=year), en.t("summary_h_headline", year=year),
              headline_rows(w, report, year), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("targets", zh.t("summary_h_targets", year=plan_year), en.t("summary_h_targets", year=plan_year),
              target_rows(w, report), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("met-missed", zh.t("summary_h_met", year=year), en.t("summary_h_met", year=year),
              met_rows(w, reports, report, year), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("structure", zh.t("summary_h_structure"), en.t("summary_h_structure"), structure_rows(w, report)),
        Block("programmes", zh.t("summary_h_programmes"), en.t("summary_h_programmes"),
              programme_rows(w, report, base), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
    ]
    covered, total = w.lex.coverage()
    awaiting = [{"zh": n.zh, "category": n.category, "uses": text_frequency(report, n.zh)} for n in w.lex.missing()]
    review = [{"zh": n.zh, "en": n.en, "category": n.category, "uses": text_frequency(report, n.zh)}
              for n in w.lex.drafts()]
    return {
        "langs": ["zh" if lang == "zh" else "en" for lang in langs.split(",")],  # the template's two sides
        "target_lang": en.lang,
        "year": year,
        "report_id": report.id,
        "title_zh": zh.t("summary_title_" + ("both" if "," in langs else "zh"), year=year),
        "title_en": en.t("summary_title_" + ("both" if "," in langs else "en"), year=year),
        "blocks": blocks,
        "awaiting": awaiting,
        "awaiting_zh": zh.t("summary_h_awaiting"),
        "awaiting_en": en.t("summary_h_awaiting"),
        "review": review,
        "review_zh": zh.t("summary_h_review"),
        "review_en": en.t("summary_h_review"),
        "draft_marker": en.t("summary_draft_marker"),
        "draft_note": en.t("summary_draft_note", marker=en.t("summary_draft_marker")),
        "marker": en.t("summary_marker"),
        "marker_note": en.t("summary_marker_note", marker=en.t("summary_marker")),
        "dropped": w.dropped,
        "coverage": {"covered": covered, "total": total},
        "coverage_zh": zh.t("summary_coverage", covered=covered, total=total, dropped=w.dropped),
        "coverage_en": en.t("summary_coverage", covered=covered, total=total, dropped=w.dropped),
        "lexicon": w.lex,
    }
