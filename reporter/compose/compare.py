"""Areas side by side: per indicator, each area's levels, growth, CAGR, targets, rank among the
compared areas and share of its parent, with a note wherever two figures are not like for like.

Every figure handed to the template is a Fact of the corpus (reporter/corpus.py) so it carries
its source; what is computed here (CAGR, shares, ranks) is marked as computed and computed only
from exact figures of one definition (the arithmetic is in small functions at the top, to be
routed through one comparison module later). Nothing here formats text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reporter.areas import areas
from reporter.compose.brief import part_of_year
from reporter.compose.brief_charts import load_config
from reporter.compose.brief_targets import status
from reporter.compose.compare_values import compute, exact, like_for_like
from reporter.corpus import Atlas, Corpus, quote_view
from reporter.errors import UserError
from reporter.i18n import Messages
from reporter.model import Fact, Report
from reporter.registry import registry

LATE_DAYS = 90  # two figures of one year published further apart than this get a note
ONE_DECIMAL = Decimal("0.1")


# ---------------------------------------------------------------- arithmetic (exact figures only)
# Whether two figures may be computed against each other is decided in one place for every
# product (compose/compare_values.py: exact, like for like); these say what compare computes.


def same_definition(a: Fact, b: Fact) -> bool:
    """One indicator, one unit, one kind of period, one definition: the only pairs growth, CAGR and
    shares are computed from."""
    return a.indicator == b.indicator and not like_for_like(a, b)


def cagr(before: Fact, after: Fact, years: int) -> Decimal | None:
    """Compound annual growth (%) from two exact levels of one definition YEARS apart (over one
    year: the growth)."""
    if years < 1 or before.indicator != after.indicator or before.value is None or before.value <= 0:
        return None
    done = compute(before, after, years)
    if done is None:
        return None
    return done.cagr if years > 1 else done.growth


def share(part: Fact, whole: Fact) -> Decimal | None:
    """PART as a % of WHOLE: two exact levels of one definition (never of a rate)."""
    if not (exact(part) and exact(whole)) or not same_definition(part, whole) or part.unit == "%" or whole.value <= 0:
        return None
    return (part.value / whole.value * 100).quantize(ONE_DECIMAL)


def ranks(values: dict[str, Fact | None], better: str = "higher") -> dict[str, int]:
    """Rank 1.. among exact values (ties share a rank); fewer than two: no ranks."""
    known = {k: f.value for k, f in values.items() if exact(f)}
    if len(known) < 2:
        return {}
    order = sorted(set(known.values()), reverse=better != "lower")
    return {k: 1 + sum(1 for v in known.values() if v in order[: order.index(value)]) for k, value in known.items()}


# ---------------------------------------------------------------- the context


@dataclass
class AreaYear:
    year: int
    level: Fact | None = None
    growth: Fact | None = None
    target: Fact | None = None
    growth_target: Fact | None = None
    status: str | None = None
    partial: Fact | None = None  # a part of the year, where the whole year is not given
    partial_period: str = ""
    rank: int | None = None
    share: Decimal | None = None  # % of the parent's figure of the same year
    parent_level: Fact | None = None


@dataclass
class AreaRow:
    area: str
    parent: str | None
    cells: list[AreaYear]
    cagr: Decimal | None = None
    cagr_span: tuple[int, int] | None = None
    cagr_why: str = ""  # why none: one_level | not_exact

    @property
    def has_targets(self) -> bool:
        return any(c.target or c.growth_target for c in self.cells)


@dataclass
class IndicatorBlock:
    indicator: str
    label: str
    unit: str
    growth_label: str
    rows: list[AreaRow]
    notes: list[str] = field(default_factory=list)
    chart: dict | None = None

    @property
    def has_growth(self) -> bool:
        return any(c.growth for r in self.rows for c in r.cells)

    @property
    def has_targets(self) -> bool:
        return any(r.has_targets for r in self.rows)

    @property
    def has_shares(self) -> bool:
        return any(c.share is not None for r in self.rows for c in r.cells)


def area_row(corpus: Corpus, parent: Corpus | None, area: str, ind, growth: str | None, years: list[int],
             t: Messages) -> AreaRow:
    """One area's figures of one indicator over the years."""
    cells = []
    for y in years:
        c = AreaYear(y, corpus.actual(ind.id, y), corpus.actual(growth, y) if growth else None,
                     corpus.target(ind.id, y), corpus.target(growth, y) if growth else None)
        c.status = status(c.growth, c.growth_target) or status(c.level, c.target)
        if c.level is None and c.growth is None:
            c.partial = corpus.partial(ind.id, y) or corpus.partial(growth, y)
            c.partial_period = part_of_year(c.partial.period, t) if c.partial else ""
        if parent is not None and c.level is not None:
            c.parent_level = parent.actual(ind.id, y)
            c.share = share(c.level, c.parent_level) if c.parent_level else None
        cells.append(c)
    row = AreaRow(area, areas().get(area).parent if areas().get(area) else None, cells)
    levels = [c for c in cells if exact(c.level)]  # the first and last exact levels (never a bound)
    if ind.unit != "%" and len(levels) >= 2:
        row.cagr = cagr(levels[0].level, levels[-1].level, levels[-1].year - levels[0].year)
        row.cagr_span = (levels[0].year, levels[-1].year)
    elif ind.unit != "%":
        several = sum(1 for c in cells if c.level is not None and c.level.value is not None) >= 2
        row.cagr_why = "not_exact" if several else "one_level"
    return row


def rank_rows(rows: list[AreaRow], better: str) -> None:
    for j in range(len(rows[0].cells) if rows else 0):
        got = ranks({r.area: r.cells[j].level for r in rows}, better)
        for r in rows:
            r.cells[j].rank = got.get(r.area)


@dataclass
class Shown:
    """How the product names an area and an indicator in its language: in Chinese the names
    themselves; in another the names store's (reporter/names.py: the areas file's and the
    registry's English as reviewed names, a name with no entry quoted in Chinese and listed)."""

    names: object | None = None  # a Names in the product's language, or None (Chinese)

    @property
    def source_lang(self) -> bool:
        return self.names is None or self.names.lang == "zh"

    def area(self, name: str):
        return name if self.source_lang else self.names.area(name)

    def text(self, name: str) -> str:
        return str(self.area(name))

    def indicator(self, indicator_id: str, zh: str):
        return zh if self.source_lang else self.names.indicator(indicator_id, zh)

    def short(self, chosen: list[str]) -> dict:
        """Each area as the tables name it: without its parent's name when that stays unambiguous
        (in English the areas file writes e.g. 'Nancheng District, Donghai': the part before the parent)."""
        if self.source_lang:
            short = {a: areas().short(a) for a in chosen}
        else:
            short = {}
            for a in chosen:
                full, found = self.area(a), areas().get(a)
                parent = ", " + self.text(found.parent) if found and found.parent else None
                short[a] = str(full)[: -len(parent)] if parent and str(full).endswith(parent) else full
        return short if len({str(v) for v in short.values()}) == len(short) else {a: self.area(a) for a in chosen}


def build(reports: list[Report], names: list[str], first: int, last: int, indicators: list[str] | None = None,
          user_templates: Path | None = None, t: Messages | None = None, lang_names=None) -> dict:
    from reporter.compose.compare_notes import block_notes, chart_of, config_caveats
    from reporter.compose.sources import SourceNames
    from reporter.i18n import messages

    t = t or messages("zh", user_templates)
    shown = Shown(lang_names)
    atlas = Atlas.of(reports)
    chosen = checked_areas(atlas, names)
    years = list(range(first, last + 1))
    corpora = {a: atlas.corpus(a) for a in chosen}
    reg = registry()
    blocks = []
    for cfg in rows_config(user_templates, indicators):
        ind = reg.indicators[cfg["indicator"]]
        growth = cfg.get("growth")
        rows = [area_row(corpora[a], parent_corpus(atlas, a), a, ind, growth, years, t) for a in chosen]
        if not any(c.level or c.growth or c.target or c.growth_target or c.partial for r in rows for c in r.cells):
            continue
        rank_rows(rows, ind.better)
        block = IndicatorBlock(ind.id, shown.indicator(ind.id, ind.zh), ind.unit or t("count_unit"),
                               shown.indicator(growth, reg.indicators[growth].zh) if growth else "", rows)
        block.notes = block_notes(block, corpora, config_caveats(user_templates), t, shown.text)
        block.chart = chart_of(block, years, t, shown.text)
        blocks.append(block)
    if not blocks:
        raise UserError(f"no figure of {', '.join(chosen)} for {first}-{last} in the store "
                        "(see `reporter areas` for the years each area covers)")
    used = {f.report_id for b in blocks for r in b.rows for c in r.cells
            for f in (c.level, c.growth, c.target, c.growth_target, c.partial, c.parent_level) if f}
    # the cited reports without their text or facts: the context outlives the corpus (it is laid
    # out after the corpus is given back), and a report's sections are most of its memory
    by_id = {r.id: quote_view(r, []) for r in reports if r.id in used}
    named = SourceNames.of([by_id[i] for i in sorted(used) if i in by_id], t)
    named.areas = {i: shown.text(a) for i, a in cite_areas(named).items() if a}
    return {
        "areas": chosen, "short": shown.short(chosen), "years": years, "first": first, "last": last, "blocks": blocks,
        "area_names": {a: shown.area(a) for a in chosen},
        "parents": {a: shown.area(row.parent) if row.parent else None for a, row in zip(chosen, blocks[0].rows)},
        "report_areas": cite_areas(named),
        "sources": [by_id[i] for i in sorted(used) if i in by_id],
        "sources_named": named,  # only what is cited
        "status_names": {s: t(f"status_{s}") for s in ("met", "missed", "not_comparable")},
    }


def cite_areas(named) -> dict[str, str]:
    """Each cited report's area, as its footnotes and the list of sources put it before the
    report's name; nothing where that name already says it ('渝中区人民政府工作报告')."""
    out = {}
    for report_id, report in named.reports.items():
        title = named.short(report_id)
        said = report.area and (report.area in title or areas().short(report.area) in title)
        out[report_id] = "" if said else (report.area or "")
    return out


def checked_areas(atlas: Atlas, names: list[str]) -> list[str]:
    """--areas as the areas file names them, each held by the store (else one line naming what is)."""
    held = {h.area.name for h in atlas.held}
    out = []
    for name in names:
        canonical = areas().canonical(name)
        if canonical not in held:
            raise UserError(f"--areas: the store holds no report or figure of {name} "
                            f"(areas: {', '.join(sorted(held)) or 'none'})")
        if canonical not in out:
            out.append(canonical)
    if len(out) < 2:
        raise UserError("--areas: name at least two different areas, comma-separated")
    return out


def parent_corpus(atlas: Atlas, area: str) -> Corpus | None:
    found = areas().get(area)
    if found is None or not found.parent or not any(h.area.name == found.parent for h in atlas.held):
        return None
    return atlas.corpus(found.parent)


def rows_config(user_templates: Path | None, indicators: list[str] | None) -> list[dict]:
    """templates/compare.toml's rows (else the brief's headline rows), or --indicators (each with
    its growth series when those rows pair them)."""
    from reporter.compose.compare_notes import config

    known = registry().indicators
    rows = config(user_templates)["row"] or [dict(h) for h in load_config(user_templates).headline]
    bad = [v for r in rows for v in (r["indicator"], r.get("growth")) if v and v not in known]
    if bad:
        raise UserError(f"templates/compare.toml: unknown indicator id(s) {', '.join(bad)} (see `reporter indicators`)")
    if not indicators:
        return rows
    unknown = [i for i in indicators if i not in registry().indicators]
    if unknown:
        raise UserError(f"--indicators: unknown id(s) {', '.join(unknown)} (see `reporter indicators`)")
    picked = [r for r in rows if r["indicator"] in indicators or r.get("growth") in indicators]
    return picked + [{"indicator": i} for i in indicators if not any(i in (r["indicator"], r.get("growth")) for r in picked)]


def indicator_ids(user_templates: Path | None, indicators: list[str] | None) -> set[str]:
    """Every indicator id the compare reads (its rows and their growth series)."""
    return {i for r in rows_config(user_templates, indicators) for i in (r["indicator"], r.get("growth")) if i}


def sheets(context: dict, t: Messages) -> dict:
    """The xlsx: every figure compared (area, indicator, year, what, value, unit, qualifier, source,
    quote) and what was computed from them (CAGR, shares, ranks), each row naming its inputs."""
    from reporter.writers.data import Rows

    names = context["sources_named"]
    figures, computed = [], []
    for b in context["blocks"]:
        for r in b.rows:
            for c in r.cells:
                for what, x in (("level", c.level), ("growth", c.growth), ("target", c.target),
                                ("growth_target", c.growth_target), ("partial", c.partial)):
                    if x is not None:
                        figures.append({"area": r.area, "indicator": x.indicator, "label": str(b.label), "year": c.year,
                                        "what": what, "period": x.period, "value": None if x.value is None else float(x.value),
                                        "unit": x.unit, "qualifier": x.qualifier, "scope": x.scope,
                                        "source": names.label(x.report_id),
                                        "quote": x.quote})
                if c.rank:
                    computed.append({"area": r.area, "label": str(b.label), "what": "rank", "years": str(c.year),
                                     "value": c.rank, "from": str(c.level.value)})
                if c.share is not None:
                    computed.append({"area": r.area, "label": str(b.label), "what": f"share_of {r.parent}", "years": str(c.year),
                                     "value": float(c.share), "from": f"{c.level.value} / {c.parent_level.value}"})
            if r.cagr is not None:
                computed.append({"area": r.area, "label": str(b.label), "what": "cagr", "years": f"{r.cagr_span[0]}-{r.cagr_span[1]}",
                                 "value": float(r.cagr), "from": ""})
    columns = ["area", "indicator", "label", "year", "what", "period", "value", "unit", "qualifier", "scope", "source", "quote"]
    return {"figures": Rows(columns, figures), "computed": Rows(["area", "label", "what", "years", "value", "from"], computed)}
