"""A product's context in another language: its names through the names store, in one pass.

Context builders compose in the sources' language (Chinese). For any other language this pass
replaces what the context names (indicators, plan-table dimensions and names, themes, chart
titles and series) by the names store's Parts (reporter/names.py: official and reviewed plainly,
drafts marked, a term with no entry quoted from its source) and marks sentences taken from the
sources (highlights, statements, plan cells in words) as quotes. Figures are not touched: the
template prints them with the language's filters. In Chinese nothing changes.
"""
from __future__ import annotations

import re

from reporter.i18n import Messages
from reporter.model import PlanTarget
from reporter.names import SOURCE_LANG, Names, Part
from reporter.registry import registry


def quoted(text: str) -> Part:
    """A sentence or phrase from a source, printed as a quote in the source's language."""
    return Part(text, zh=True)


def indicator_label(names: Names, zh: str, indicator: str | None = None):
    """An indicator's name by id, else by its Chinese name when the registry knows it, else a term."""
    if indicator is None:
        indicator = registry().by_name.get(zh)
    if indicator is not None and registry().get(indicator):
        return names.indicator(indicator, zh)
    return names.name(zh, "indicator")


def scoped_label(names: Names, name_zh: str, indicator: str | None, t: Messages):
    """A plan-table name: the indicator's name with the restriction the table's own name puts before
    it (非历史文化街区地区 + 公园绿地500米服务半径覆盖率), the restriction a term of its own, never dropped."""
    ind = registry().get(indicator) if indicator else None
    if ind is None or name_zh == ind.zh or not name_zh.endswith(ind.zh):
        return names.indicator(ind.id, ind.zh) if ind else names.name(name_zh, "indicator")
    base, scope = names.indicator(ind.id, ind.zh), names.name(name_zh[: -len(ind.zh)], "scope")
    if scope.zh:
        return names.name(name_zh, "indicator")  # no entry for the restriction: the whole name, quoted
    return Part(t("summary_restricted", name=base.text, scope=scope.text), draft=base.draft or scope.draft,
                mark=base.mark or scope.mark)


def brief(context: dict, names: Names, t: Messages) -> None:
    """The brief's context in names.lang (in place)."""
    if names.lang == SOURCE_LANG:
        return
    for rows in (context["headline"], context["changes"], context["trends"], context["conflicts"]):
        for row in rows:
            row.label = indicator_label(names, row.label, row.indicator)
    context["empty_rows"] = [indicator_label(names, n) for n in context["empty_rows"]]
    for yt in context["targets"]:
        for line in yt.lines:
            line.label = indicator_label(names, line.label, line.indicator)
            if line.target.value is None:
                line.words = in_line_words(line.target.qualifier, line.target.raw, names, t)
        yt.unreported = [indicator_label(names, n) for n in yt.unreported]
        yt.statements = [(quoted(s), r) for s, r in yt.statements]
    for row in context["headline"]:
        for cell in row.cells:
            for which in ("target", "growth_target"):
                fact = getattr(cell, which, None)
                words = in_line_words(fact.qualifier, fact.raw, names, t) if fact is not None and fact.value is None else None
                if words is not None:
                    cell.words[which] = words
    for row in context["plan_rows"]:
        plan_row(names, row, t)
    context["highlights"] = [(year, [(theme_name(names, theme), [_quoted_highlight(h) for h in items])
                                     for theme, items in groups]) for year, groups in context["highlights"]]
    for chart in context["charts"]:
        chart_names(names, chart, t)
    head, _, years = context["title"].rpartition(" ")
    context["title"] = title(names, head, f" {years}", "brief_title", t)


def plan_row(names: Names, row, t: Messages) -> None:
    """A plan-table row: dimension and name through the names store, each cell as a figure or a quote."""
    ind = registry().get(row.key)
    row.dimension = names.name(row.dimension, "dimension") if row.dimension else row.dimension
    row.name = scoped_label(names, row.name, ind.id if ind else None, t)
    for year, target in getattr(row, "targets", {}).items():
        row.cells[year] = in_line_words(target.qualifier, target.plan_text, names, t) or plan_cell(target, t)


def plan_cell(target: PlanTarget, t: Messages):
    """A plan cell: its number with the qualifier's words, or the cell's own words quoted."""
    return plan_text(target.value, target.qualifier, target.plan_text, t)


IN_LINE = re.compile(r"与(.{1,80}?)(基本)?同步")  # bounded: linear on any text


def in_line_with(text: str) -> tuple[str, str] | None:
    """A target that moves in line with another figure (与经济增长基本同步): the other figure's
    Chinese name and the catalogue key of the words ('summary_q_in_line_basic' for 基本同步)."""
    match = IN_LINE.search(text or "")
    if match is None:
        return None
    return match.group(1), "summary_q_in_line_basic" if match.group(2) else "summary_q_in_line"


def in_line_words(qualifier: str | None, text: str, names: Names, t: Messages) -> Part | None:
    """Such a target said in the language when the other figure's name has an official or
    reviewed entry; else None (quoted as written)."""
    found = in_line_with(text) if qualifier == "in_line" else None
    other = names.en(found[0], "indicator") if found else None
    if other is None:
        return None
    return Part(t(found[1]) + " " + other)


def plan_text(value, qualifier: str | None, text: str, t: Messages):
    from decimal import Decimal

    from reporter.i18n import format_number

    if value is None or value != value:  # None or NaN (a frame's empty cell)
        return quoted(text) if str(text).strip() not in ("", "-", "—") else "—"
    number = format_number(Decimal(str(value)).normalize(), locale=t.locale)
    key = f"plan_q_{qualifier or 'none'}"
    return t(key, figure=number) if key in t.entries else number


def appendix(context: dict, names: Names, t: Messages) -> None:
    """The appendix's context in names.lang (in place): dimensions and indicators by the names store,
    plan cells as figures or quotes, unregistered labels and source titles as quotes."""
    if names.lang == SOURCE_LANG:
        return
    for group in context["groups"]:
        group.name = names.name(group.name, "dimension") if group.name != t("unregistered") else group.name
        group.indicators = [(ind, indicator_label(names, name, ind or None), rows) for ind, name, rows in group.indicators]
    for _, rows in context["plan_tables"]:
        for row in rows:
            row["dimension"] = names.name(row["dimension"], "dimension") if row["dimension"] else ""
            row["group"] = names.name(row["group"], "dimension") if row.get("group") else ""
            row["name"] = scoped_label(names, row["name"], row.get("indicator") or None, t)
            row["plan_text"] = ((in_line_words(row["qualifier"], row["plan_text"], names, t) if row["value"] != row["value"] or row["value"] is None else None)
                                or plan_text(row["value"], row["qualifier"], row["plan_text"], t))
            row["attribute"] = names.name(row["attribute"], "attribute") if row.get("attribute") else ""
    for row in context["others"]:
        row["label"] = quoted(row["label"])
    for source in context["sources"]:
        source["title"] = quoted(source["title"])


def theme_name(names: Names, zh: str):
    from reporter.themes import themes

    known = {th.zh: th for th in themes()}
    theme = known.get(zh)
    return names.name(zh, "theme", theme.en if theme and names.lang == "en" else None)


def _quoted_highlight(h):
    from dataclasses import replace

    return replace(h, text=quoted(h.text))


def chart_names(names: Names, chart: dict, t: Messages) -> None:
    """A chart's title and series in names.lang: the title by the names store (else built from its
    indicators' names), bar and line series by their indicators."""
    reg = registry()
    ids = [i for i in chart.get("indicators", []) if reg.get(i)]
    for series, ind in zip(chart["series"], chart.get("series_indicators", [])):
        if ind and reg.get(ind):
            label = str(indicator_label(names, reg.get(ind).zh, ind))
            series["name"] = t("series_rate", name=label) if series.get("axis") == "right" else label
    if names.base.best(chart["title"], names.lang) is not None:
        chart["title"] = names.name(chart["title"], "title").text
    elif ids:
        labels = [str(indicator_label(names, reg.get(i).zh, i)) for i in ids]
        chart["title"] = t("chart_title", names=t("list_separator").join(labels))


def title(names: Names, title_zh: str, suffix: str, generic: str, t: Messages) -> str:
    """A product's title: the configured title through the names store, else the catalogue's generic one."""
    if names.lang == SOURCE_LANG:
        return title_zh + suffix
    entry = names.base.best(title_zh, names.lang)
    return (entry.en if entry else t(generic)) + suffix


def digest(context: dict, names: Names) -> None:
    """The digest's context in names.lang (in place): indicator names by the names store."""
    if names.lang == SOURCE_LANG:
        return
    for row in context["latest"]:
        row.label = indicator_label(names, row.label, row.indicator)
    context["unknown"] = [indicator_label(names, n) for n in context["unknown"]]
    for line in context["targets"].lines:
        line.label = indicator_label(names, line.label, line.indicator)
