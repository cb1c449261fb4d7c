"""The brief's settings (templates/brief.toml: title, headline rows, charts) and the data of the
charts it asks for."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.compose import compare_values
from reporter.corpus import Corpus
from reporter.datafiles import file_data
from reporter.errors import UserError
from reporter.i18n import Messages
from reporter.paths import templates_dir
from reporter.registry import registry

def chart_series(corpus: Corpus, years: list[int], cfg: ChartSettings, t: Messages) -> dict | None:
    """A chart's data: values, each value's qualifier (a bound is drawn as a bound), and a note
    naming the years with no figure (drawn as gaps, never bridged by a line) and any series break
    (the old series drawn apart, never joined to the new)."""
    breaks: list[str] = []

    def series(indicator: str, which: str, name: str, **extra) -> list[dict]:
        get = corpus.actual if which == "actual" else corpus.target
        facts = [get(indicator, y) for y in years]
        values = [None if f is None or f.value is None else float(f.value) for f in facts]
        marks = [None if f is None or f.value is None or f.qualifier == "none" else f.qualifier for f in facts]
        return split_at_break(indicator, facts, {"name": name, "values": values, "marks": marks, **extra}, t, breaks)

    reg = registry()
    out = []
    if cfg.actual:
        ind = reg.indicators[cfg.actual]
        for kind in ("actual", "target"):
            out += series(ind.id, kind, t(f"series_{kind}", unit=t.get(f"unit.{ind.unit}", ind.unit)))
        unit, unit_right = t.get(f"unit.{ind.unit}", ind.unit), ""
        named = [None] * len(out)
    else:
        named = []
        for bar in cfg.bars:
            out += series(bar, "actual", reg.indicators[bar].zh, kind="bar")
            named += [bar] * (len(out) - len(named))
        unit = t.get(f"unit.{reg.indicators[cfg.bars[0]].unit}", reg.indicators[cfg.bars[0]].unit)
        unit_right = ""
        if cfg.line:
            out += series(cfg.line, "actual", t("series_rate", name=reg.indicators[cfg.line].zh), axis="right")
            named += [cfg.line] * (len(out) - len(named))
            unit_right = "%"
    if not any(v is not None for s in out for v in s["values"]):
        return None
    empty = [str(y) for j, y in enumerate(years) if all(s["values"][j] is None for s in out)]
    bounds = any(m in ("at_least", "at_most") for s in out for m in s["marks"])
    notes = ([t("chart_no_data", years=t("list_separator").join(empty))] if empty else []) + \
        ([t("chart_bounds")] if bounds else []) + list(dict.fromkeys(breaks))
    return {"title": cfg.title, "x": [str(y) for y in years], "series": out, "unit": unit, "unit_right": unit_right,
            "note": t("list_separator").join(notes), "indicators": [i for i in [cfg.actual, *cfg.bars, cfg.line] if i],
            "series_indicators": named}  # what localise.chart_names renames


def split_at_break(indicator: str, facts: list, one: dict, t: Messages, notes: list[str]) -> list[dict]:
    """A series that straddles a series break becomes two: the old series named as such."""
    kinds = [compare_values.definition(f) if f is not None and f.value is not None else "" for f in facts]
    if not {"old", "new"} <= set(kinds):
        return [one]
    notes.append(compare_values.break_note(indicator))
    old = {**one, "name": one["name"] + t("series_old_definition"),
           "values": [v if k == "old" else None for v, k in zip(one["values"], kinds)],
           "marks": [m if k == "old" else None for m, k in zip(one["marks"], kinds)]}
    new = {**one, "values": [v if k != "old" else None for v, k in zip(one["values"], kinds)],
           "marks": [m if k != "old" else None for m, k in zip(one["marks"], kinds)]}
    return [old, new]


@dataclass
class ChartSettings:
    """One [[chart]] of brief.toml (checked by compose/brief_schema.py)."""

    title: str
    bars: list[str]
    line: str | None
    actual: str | None


@dataclass
class BriefSettings:
    """templates/brief.toml as plain data: the brief's title, headline rows and charts."""

    title: str | None
    headline: list[dict]  # {"indicator": id, "growth": id | None}
    chart: list[ChartSettings]


def check_ids(settings: BriefSettings, path: Path) -> None:
    """Every indicator id the file names is in the registry (checked on every load: the
    registry can change while the file does not)."""
    known = registry().indicators
    ids = [(f"headline.{i}.indicator", h["indicator"]) for i, h in enumerate(settings.headline)]
    ids += [(f"headline.{i}.growth", h["growth"]) for i, h in enumerate(settings.headline) if h.get("growth")]
    for i, c in enumerate(settings.chart):
        ids += [(f"chart.{i}.bars", b) for b in c.bars] + [(f"chart.{i}.{k}", getattr(c, k))
                                                            for k in ("line", "actual") if getattr(c, k)]
    for where, value in ids:
        if value not in known:
            raise UserError(f"{path}: {where}: unknown indicator id '{value}' (see `reporter indicators`)")


def load_config(user_templates: Path | None) -> BriefSettings:
    from reporter.allowlist import resolve_inside

    for folder in ([user_templates] if user_templates else []) + [templates_dir()]:
        path = resolve_inside(folder, "brief.toml", "--templates" if folder == user_templates else "templates/")
        if path is not None:
            data = file_data(path, "reporter.compose.brief_schema:BriefConfig")
            settings = BriefSettings(data["title"], [dict(h) for h in data["headline"]],
                                     [ChartSettings(c["title"], list(c["bars"]), c["line"], c["actual"])
                                      for c in data["chart"]])
            check_ids(settings, path)
            return settings
    raise UserError(f"no brief.toml in {templates_dir()}")
