"""The compare product's notes and charts: where figures side by side are not like for like
(price basis, definitions, part-year periods, delivery dates, bounds, levels of government), and
one chart per indicator with a line per area. Words come from the message catalogue; the
definitions that differ by indicator are editor data (templates/compare.toml)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reporter.areas import areas
from reporter.corpus import Corpus
from reporter.datafiles import file_data
from reporter.i18n import Messages
from reporter.model import Fact
from reporter.paths import templates_dir
from reporter.periods import Period

COMPARABLE_WORDS = ("可比价", "可比增长", "不变价")  # a growth rate at comparable prices says so
NOMINAL_WORDS = ("现价", "名义")


def config(user_templates: Path | None) -> dict:
    """templates/compare.toml (the user's file first): the default rows, and the [[caveat]]s
    (indicators whose figures differ in definition between areas, and the note to print)."""
    for folder in ([user_templates] if user_templates else []) + [templates_dir()]:
        path = folder / "compare.toml"
        if path.exists():
            data = file_data(path, "reporter.compose.compare_schema:CompareConfig")
            return {"row": [dict(r) for r in data["row"]], "caveat": [dict(c) for c in data["caveat"]]}
    return {"row": [], "caveat": []}


def config_caveats(user_templates: Path | None) -> list[dict]:
    return config(user_templates)["caveat"]


def basis(fact: Fact) -> str:
    """comparable | nominal | '' from the sentence that gives a growth rate."""
    if any(w in fact.quote for w in COMPARABLE_WORDS):
        return "comparable"
    if any(w in fact.quote for w in NOMINAL_WORDS):
        return "nominal"
    return ""


def same(name: str) -> str:
    return name


def caveat_note(caveat: dict, lang: str) -> str:
    """A caveat's note in the product's language (a note given as one text is Chinese)."""
    note = caveat["note"]
    return note if isinstance(note, str) else note.get(lang) or note.get("zh") or next(iter(note.values()))


def block_notes(block, corpora: dict[str, Corpus], caveats: list[dict], t: Messages,
                shown: Callable[[str], str] = same) -> list[str]:
    """Every note of one indicator's section; SHOWN names an area in the product's language."""
    notes = [caveat_note(c, t.lang) for c in caveats if block.indicator in c["indicators"]]
    notes += growth_notes(block, t, shown) + level_notes(block, t, shown) + partial_notes(block, t, shown)
    return notes + date_notes(block, corpora, t, shown)


def growth_notes(block, t: Messages, shown: Callable[[str], str] = same) -> list[str]:
    out = []
    bases = {}
    for row in block.rows:
        for c in row.cells:
            if c.growth is not None:
                bases.setdefault(basis(c.growth), []).append(f"{shown(row.area)} {c.year}")
    if "comparable" in bases and ("nominal" in bases or "" in bases):
        out.append(t("compare_note_basis", comparable=t("compare_list_separator").join(bases["comparable"][:4]),
                     other=t("compare_list_separator").join((bases.get("nominal", []) + bases.get("", []))[:4])))
    if block.has_growth and any(r.cagr is not None for r in block.rows):
        out.append(t("compare_note_cagr_nominal"))
    return out


def level_notes(block, t: Messages, shown: Callable[[str], str] = same) -> list[str]:
    out = []
    known = areas()
    levels = {r.area: (known.get(r.area).level if known.get(r.area) else "") for r in block.rows}
    if len(set(levels.values())) > 1:
        out.append(t("compare_note_levels", areas=t("compare_list_separator").join(
            t("compare_area_level", area=shown(a), level=t("level_" + lv) if lv else "—") for a, lv in levels.items())))
    bounded = [f"{shown(r.area)} {c.year}" for r in block.rows for c in r.cells
               if c.level is not None and c.level.qualifier != "none"]
    if bounded:
        out.append(t("compare_note_inexact", cells=t("compare_list_separator").join(bounded[:6])))
    return out


def partial_notes(block, t: Messages, shown: Callable[[str], str] = same) -> list[str]:
    cells = [f"{shown(r.area)} {months(c.partial.period, t)}" for r in block.rows for c in r.cells if c.partial]
    return [t("compare_note_partial", cells=t("compare_list_separator").join(cells[:6]))] if cells else []


def months(period: str, t: Messages) -> str:
    """'2021-01..2021-10' -> 2021年1月至10月 (a date to a reader, not a figure)."""
    span = Period.parse(period)
    if span is None or span.kind != "months" or span.first[0] != span.last[0]:
        return period
    return t("compare_months", year=span.first[0], start=span.first[1], end=span.last[1])


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def date_notes(block, corpora: dict[str, Corpus], t: Messages, shown: Callable[[str], str] = same) -> list[str]:
    """A year whose figures come from reports delivered months apart (a January estimate beside a
    May communiqué): said, with each area's date."""
    out = []
    for j, year in enumerate(block.rows[0].cells if block.rows else []):
        dated = {}
        for row in block.rows:
            fact = row.cells[j].level or row.cells[j].growth
            if fact is None:
                continue
            report = corpora[row.area].report_or_none(fact.report_id)
            day = _day(report.delivered or report.published) if report else None
            if day:
                dated[row.area] = day
        if len(dated) > 1 and (max(dated.values()) - min(dated.values())).days > 90:
            out.append(t("compare_note_dates", year=year.year, dates=t("compare_list_separator").join(
                f"{shown(a)} {d.isoformat()}" for a, d in dated.items())))
    return out


def chart_of(block, years: list[int], t: Messages, shown: Callable[[str], str] = same) -> dict | None:
    """One line per area (bars for one year): the levels, else the growth rates; a bound is drawn
    as a bound and a year with no figure as a gap, never bridged."""
    use_levels = any(c.level is not None and c.level.value is not None for r in block.rows for c in r.cells)
    series = []
    for row in block.rows:
        facts = [c.level if use_levels else c.growth for c in row.cells]
        values = [None if f is None or f.value is None else float(f.value) for f in facts]
        marks = [None if f is None or f.value is None or f.qualifier == "none" else f.qualifier for f in facts]
        series.append({"name": shown(row.area), "values": values, "marks": marks,
                       "kind": "bar" if len(years) == 1 else "line"})
    if not any(v is not None for s in series for v in s["values"]):
        return None
    empty = [str(y) for j, y in enumerate(years) if all(s["values"][j] is None for s in series)]
    notes = ([t("chart_no_data", years=t("list_separator").join(empty))] if empty else []) + \
        ([t("chart_bounds")] if any(m in ("at_least", "at_most") for s in series for m in s["marks"]) else [])
    label = block.label if use_levels else block.growth_label
    return {"title": str(label), "x": [str(y) for y in years], "series": series,
            "unit": block.unit if use_levels else "%", "note": t("list_separator").join(notes)}
