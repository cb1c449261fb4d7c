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
from datetime import date

from reporter.compose.bilingual import Lexicon, Part, en_figure, zh_figure
from reporter.compose.localise import in_line_with
from reporter.compose.sources import annex_citation
from reporter.compose.summary_phrases import (VERB_WORDS, QUALIFIER_FORM, Block, Phrasing, Row, _figure_parts, _joined,
                                              _zh_with_word, indicator_name, indicator_zh, qualified, qualifier_word,
                                              restricted_name)
from reporter.errors import UserError
from reporter.i18n import Messages, format_date
from reporter.model import Fact, PlanTarget, Report, Section
from reporter.registry import registry
from reporter.termbase import TermBase

KIND_ORDER = ("plan_report", "government_work_report", "performance_report", "statistics_release", "other", "news")
MAX_PROGRAMMES = 10
MAX_HEADLINES = 10  # the summary is one to three pages: the registry's first indicators, the rest in the appendix
MAX_TARGETS = 12
MAX_MET = 8
MAX_PART_TITLE = 30
MAX_SECTION_TITLE = 10
MAX_DEFINITION = 28


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


def headline_rows(ph: Phrasing, report: Report, year: int) -> list[Row]:
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
        rows.append(_headline(ph, fact, growth, year))
        if len(rows) == MAX_HEADLINES:
            break
    return rows


def _headline(ph: Phrasing, fact: Fact, growth: Fact | None, year: int) -> Row:
    name_zh = indicator_zh(fact.indicator, fact.label)
    word = qualifier_word(fact.qualifier, fact.raw)
    figure_zh = _zh_with_word(fact.raw, word)
    link = "" if word and figure_zh.startswith(word) else ph.zh.t("summary_is")
    zh = ph.zh.t("summary_actual", year=year, name=name_zh, link=link, figure=figure_zh)
    change_zh, change_en = "", [Part("")]
    if growth is not None and growth.value is not None:
        change_zh, change_en = _change(ph, growth)
    zh = zh + change_zh + ph.zh.t("summary_stop")
    name = indicator_name(ph, fact.indicator, fact.label)  # a need even when the sentence is left out
    figure, verb = _figure_parts(ph, fact.value, fact.unit, word)
    cited = [fact, growth]
    if figure is None or verb is None or change_en is None:
        return ph.row(zh, None, cited)
    en = ph.sentence("summary_actual", name=name, verb=verb, figure=figure, year=str(year), change=change_en)
    return ph.row(zh, en, cited)


def _change(ph: Phrasing, growth: Fact) -> tuple[str, list[Part] | None]:
    """', up 5.8% year on year' / '，同比增长5.8%'; English None only when no unit rule covers it."""
    down = growth.value < 0
    size = abs(growth.value)
    yoy = _year_on_year(growth)
    key = ("summary_down" if down else "summary_up") + ("_yoy" if yoy else "")
    figure_zh = growth.raw.lstrip("-−") if growth.raw else zh_figure(size, growth.unit)
    zh = ph.zh.t(key, figure=figure_zh)
    figure_en = en_figure(size, growth.unit, ph.en)
    word = qualifier_word(growth.qualifier, growth.raw)
    if figure_en is None:
        return zh, None
    figure_en = ph.en.t("summary_q_over", figure=figure_en) if word in VERB_WORDS else qualified(ph, figure_en, word)
    if not yoy:
        return zh, [Part(ph.en.t(key, figure=figure_en))]
    return zh, ph.sentence(key, figure=figure_en, yoy=ph.en.t("summary_yoy"))


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


def target_rows(ph: Phrasing, report: Report) -> list[Row]:
    rows = []
    for t in plan_rows(report)[:MAX_TARGETS]:
        row = _target(ph, t)
        row.notes.insert(0, annex_citation(report, t.plan_year, ph.notes))  # every target cites its plan table
        rows.append(row)
    return rows


def _target(ph: Phrasing, t: PlanTarget) -> Row:
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
    attribute_zh = ph.zh.t("summary_attribute", attribute=t.attribute) if t.attribute else ""
    zh = ph.zh.t("summary_target", name=t.name, figure=figure_zh) + attribute_zh
    en = _target_en(ph, t, name_zh, word)
    notes = []
    if en is None and t.value is None and t.qualifier != "in_line":  # a target in words: said so, the words in a note
        words = t.plan_text.strip()
        en = ph.sentence("summary_target_words" if words not in ("", "-", "—") else "summary_target_none",
                        name=indicator_name(ph, t.indicator, t.name))
        if words not in ("", "-", "—"):
            notes.append(ph.notes.t("summary_plan_note", name=t.name, year=t.plan_year, text=words))
    if en is not None and t.attribute:
        en = en + ph.sentence("summary_attribute", attribute=ph.lex.name(t.attribute, "attribute"))
    return ph.row(zh, _joined(en) if en else None, notes=notes)


def _target_en(ph: Phrasing, t: PlanTarget, name_zh: str, word: str | None) -> list[Part] | None:
    if t.qualifier == "in_line":
        found = in_line_with(t.plan_text)
        if not found:
            return None
        q = ph.en.t(found[1])
        other = ph.lex.name(found[0], "indicator")
        return ph.sentence("summary_target_in_line", name=indicator_name(ph, t.indicator, t.name), qualifier=q, other=other)
    if t.value is None:
        return None  # a target in words only (达到市级要求): _target says so
    name = restricted_name(ph, t.indicator, t.name)
    figure = en_figure(t.value, t.unit, ph.en)
    if figure is None:
        return None
    if word in VERB_WORDS:
        figure = ph.en.t("summary_q_over", figure=figure)
    key = "summary_target_within" if QUALIFIER_FORM.get(word or "") == "within" else "summary_target"
    return ph.sentence(key, name=name, figure=qualified(ph, figure, word))


# ---------------------------------------------------------------- met and missed


def met_rows(ph: Phrasing, reports: list[Report], report: Report, year: int) -> list[Row]:
    """Targets set for `year` (in any stored report) against the chosen report's actual figures."""
    from reporter.compose.brief_targets import status
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
            rows.append(_met_row(ph, ind_id, target, fact, result))
    return rows


def _met_row(ph: Phrasing, ind_id: str, target: Fact, fact: Fact, result: str) -> Row:
    name_zh = indicator_zh(ind_id, target.label)
    zh = ph.zh.t("summary_met_row", name=name_zh, target=_zh_with_word(target.raw, qualifier_word(target.qualifier, target.raw)),
                actual=_zh_with_word(fact.raw, qualifier_word(fact.qualifier, fact.raw)), result=ph.zh.t(f"status_{result}"))
    name = indicator_name(ph, ind_id, target.label)
    target_en, _ = _figure_parts(ph, target.value, target.unit, qualifier_word(target.qualifier, target.raw))
    actual_en, _ = _figure_parts(ph, fact.value, fact.unit, qualifier_word(fact.qualifier, fact.raw))
    if target_en is None or actual_en is None:
        return ph.row(zh, None, [target, fact])
    en = ph.sentence("summary_met_row", name=name, target=target_en, actual=actual_en,
                    result=ph.en.t(f"status_{result}"))
    return ph.row(zh, en, [target, fact])


# ---------------------------------------------------------------- structure and programmes


def structure_rows(ph: Phrasing, report: Report) -> list[Row]:
    """One row per part: its title (through the term base, years as placeholders) and themes, then its
    sections (numbered, with their themes). A part title with no entry is numbered only, and listed."""
    rows = []
    parts = [s for s in report.sections if s.title and not s.is_lead]
    for i, section in enumerate(parts, start=1):
        subs = [c for c in section.children if c.title and not c.is_lead]
        zh = _section_zh(ph, section, 1, MAX_PART_TITLE)
        title = heading_name(ph, section.title)
        en = (ph.sentence("summary_part_titled", number=str(i), title=title) if title
              else [Part(ph.en.t("summary_part", number=str(i)))]) + [Part(_themes_en(ph, section))]
        if subs:
            zh += ph.zh.t("summary_sections", sections=ph.zh.t("summary_section_sep").join(
                _section_zh(ph, c, 2, MAX_SECTION_TITLE) for c in subs))
            en.append(Part(ph.en.t("summary_sections", sections=ph.en.t("summary_section_sep").join(
                ph.en.t("summary_subpart", number=f"{i}.{j}") + _themes_en(ph, c) for j, c in enumerate(subs, start=1)))))
        rows.append(Row(zh, _joined(en)))
    return rows


YEAR = re.compile(r"\d{4}")


def heading_name(ph: Phrasing, title: str) -> Part | None:
    """A report heading through the term base, its years as {year} placeholders
    ('2023年国民经济和社会发展计划执行情况' -> '{year}年国民经济和社会发展计划执行情况'); None when there is no entry."""
    key = YEAR.sub("{year}", title.strip())
    need = ph.lex.need(key, "heading")
    if need.en is None:
        return None
    years = iter(YEAR.findall(title))
    text = re.sub(r"\{year\}", lambda _: next(years, ""), need.en)
    return Part(text, draft=not need.covered, mark="" if need.covered else ph.en.t("summary_draft_marker"))


def _section_zh(ph: Phrasing, s: Section, level: int, limit: int) -> str:
    title = s.title if len(s.title) <= limit else s.title[: limit - 1] + "…"
    mark = "、" if level == 1 and s.number and s.number[0] not in "（(" else ""
    themes = ph.zh.t("list_separator").join(ph.zh.t(f"summary_theme_{t}") for t in s.themes)
    return f"{s.number}{mark}{title}" + (ph.zh.t("summary_themes", themes=themes) if themes else "")


def _themes_en(ph: Phrasing, s: Section) -> str:
    themes = ph.en.t("list_separator").join(ph.en.t(f"summary_theme_{t}") for t in s.themes)
    return ph.en.t("summary_themes", themes=themes) if themes else ""


def programme_rows(ph: Phrasing, report: Report, base: TermBase) -> list[Row]:
    """Programme names the report uses most: its glossary's terms (with a one-line definition)
    and approved programme names from the term base that its text uses."""
    text = _text(report)
    candidates: list[tuple[int, int, str, str]] = []  # (-uses, order, key, shown zh)
    glossary: set[str] = set()
    for i, term in enumerate(report.terms):
        key = _glossary_key(term.term, base)
        glossary.add(key)
        definition = _first_clause(term.definition)
        shown = ph.zh.t("summary_programme", term=term.term, definition=definition) if definition else term.term
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
    return [Row(shown, [ph.lex.name(key, "programme")]) for _, _, key, shown in chosen]


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


def source_rows(ph: Phrasing, report: Report, year: int) -> list[Row]:
    kind_zh = ph.zh.t(f"summary_kind_{report.kind}")
    periods_en = ph.en.t("list_separator").join(report.review_periods)
    # a title is not a term: the English describes it from the report's kind and years
    rows = [Row(ph.zh.t("summary_source_title", title=report.title),
                ph.sentence("summary_source_title", kind=ph.lex.name(kind_zh, "report_kind"), periods=periods_en,
                           plan=str(report.plan_year or "—")))]
    rows.append(Row(ph.zh.t("summary_source_kind", kind=kind_zh),
                    ph.sentence("summary_source_kind", kind=ph.lex.name(kind_zh, "report_kind"))))
    if report.issuer:
        rows.append(Row(ph.zh.t("summary_source_issuer", issuer=report.issuer),
                        ph.sentence("summary_source_issuer", issuer=ph.lex.name(report.issuer, "body"))))
    for key, value in (("delivered", report.delivered), ("published", report.published)):
        if value:
            d = date.fromisoformat(value[:10])
            rows.append(Row(ph.zh.t(f"summary_source_{key}", date=format_date(d, locale=ph.zh.locale)),
                            [Part(ph.en.t(f"summary_source_{key}", date=format_date(d, locale=ph.en.locale)))]))
    periods = ph.zh.t("list_separator").join(report.review_periods)
    periods_en = ph.en.t("list_separator").join(report.review_periods)
    plan = str(report.plan_year) if report.plan_year else "—"
    rows.append(Row(ph.zh.t("summary_source_years", periods=periods, plan=plan),
                    [Part(ph.en.t("summary_source_years", periods=periods_en, plan=plan))]))
    return rows


def build(reports: list[Report], year: int, report_id: str | None, langs: str, base: TermBase,
          zh: Messages, en: Messages, lexicon: Lexicon | None = None) -> dict:
    """The summary's context: blocks of bilingual rows, the awaiting terms and the coverage."""
    report = pick_report(reports, year, report_id)
    ph = Phrasing(zh, en, lexicon if lexicon is not None else Lexicon(base, en.lang), notes=zh if "zh" in langs else en)
    plan_year = report.plan_year or year + 1
    blocks = [
        Block("source", zh.t("summary_h_source"), en.t("summary_h_source"), source_rows(ph, report, year)),
        Block("headline", zh.t("summary_h_headline", year=year), en.t("summary_h_headline", year=year),
              headline_rows(ph, report, year), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("targets", zh.t("summary_h_targets", year=plan_year), en.t("summary_h_targets", year=plan_year),
              target_rows(ph, report), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("met-missed", zh.t("summary_h_met", year=year), en.t("summary_h_met", year=year),
              met_rows(ph, reports, report, year), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
        Block("structure", zh.t("summary_h_structure"), en.t("summary_h_structure"), structure_rows(ph, report)),
        Block("programmes", zh.t("summary_h_programmes"), en.t("summary_h_programmes"),
              programme_rows(ph, report, base), empty_zh=zh.t("summary_none"), empty_en=en.t("summary_none")),
    ]
    covered, total = ph.lex.coverage()
    awaiting = [{"zh": n.zh, "category": n.category, "uses": text_frequency(report, n.zh)} for n in ph.lex.missing()]
    review = [{"zh": n.zh, "en": n.en, "category": n.category, "uses": text_frequency(report, n.zh)}
              for n in ph.lex.drafts()]
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
        "dropped": ph.dropped,
        "coverage": {"covered": covered, "total": total},
        "coverage_zh": zh.t("summary_coverage", covered=covered, total=total, dropped=ph.dropped),
        "coverage_en": en.t("summary_coverage", covered=covered, total=total, dropped=ph.dropped),
        "lexicon": ph.lex,
    }
