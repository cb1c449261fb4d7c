"""The indicator appendix: every registered figure in a year range, for checking, then the
unregistered figures that have a real label in a compact list, the plan tables and the notes
(corrections applied, sources with their file names).

One DataFrame holds the rows; the template prints it grouped, and the same frame is written
to XLSX (numeric values, Chinese column names, a wide indicator × year sheet) and CSV, so the
document and the data never differ.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from reporter.compose.labels import is_real_label
from reporter.compose.sources import SourceNames, file_name, report_date, short_title
from reporter.compose.tables import facts_frame, targets_frame
from reporter.errors import UserError
from reporter.i18n import Messages, messages
from reporter.model import Fact, Report
from reporter.periods import period_years
from reporter.registry import registry

QUOTE_CONTEXT = 30


def select(reports: list[Report], first: int, last: int) -> list[Fact]:
    """The same selection as `reporter facts --years first-last` (the corpus query's)."""
    from reporter.corpus import Corpus

    return Corpus.of(reports).overlapping(first, last)


def period_label(period: str, t: Messages) -> str:
    """'2021-01..2021-10' -> '2021年1-10月'; whole years and spans stay as written."""
    from reporter.compose.brief import part_of_year

    if ".." not in period:
        return period
    return t("year_and_part", year=period[:4], part=part_of_year(period, t))


def frame(facts: list[Fact], unregistered: str, names: SourceNames | None = None,
          t: Messages | None = None) -> pd.DataFrame:
    reg = registry()
    df = facts_frame(facts)
    order = {d: i for i, d in enumerate(reg.dimensions)}
    ind_order = {i: n for n, i in enumerate(reg.indicators)}
    df["indicator"] = df["indicator"].fillna("")
    df["dimension"] = df["indicator"].map(lambda i: reg.indicators[i].dimension if i in reg.indicators else "")
    df["group"] = df["dimension"].map(lambda d: reg.dimensions.get(d, d) if d else unregistered)
    df["name"] = [reg.indicators[i].zh if i in reg.indicators else label for i, label in zip(df.indicator, df.label)]
    df["excerpt"] = [f.excerpt(QUOTE_CONTEXT) for f in facts]
    df["source_name"] = [names.short(f.report_id) if names else f.report_id for f in facts]
    df["labelled"] = [bool(i in reg.indicators) or is_real_label(label) for i, label in zip(df.indicator, df.label)]
    df["first_year"] = df["period"].map(lambda p: (period_years(p) or (0, 0))[0])
    df["period_label"] = df["period"].map(lambda p: period_label(p, t) if t else p)
    df["_g"] = df["dimension"].map(lambda d: order.get(d, len(order)))
    df["_i"] = df["indicator"].map(lambda i: ind_order.get(i, len(ind_order)))
    df["_n"] = range(len(df))
    return df.sort_values(["_g", "_i", "first_year", "period", "_n"]).drop(columns=["_g", "_i", "_n"])


@dataclass
class Group:
    name: str
    indicators: list[tuple[str, str, list[dict]]]  # (indicator id or "", name, rows)


def groups(df: pd.DataFrame, unregistered: str) -> list[Group]:
    """Registered indicators by dimension, in the registry's order; the labelled rest last."""
    out = []
    for group, gdf in df.groupby("group", sort=False):
        if group == unregistered:
            continue
        out.append(Group(group, [(ind, idf["name"].iloc[0], idf.to_dict("records"))
                                 for ind, idf in gdf.groupby("indicator", sort=False)]))
    return out


# column key -> catalogue key of its Chinese (or English) header; ids go last
EXPORT_COLUMNS = {
    "group": "col_group", "name": "col_name", "period": "col_period", "kind_name": "col_kind",
    "value": "col_value", "unit": "col_unit", "qualifier_name": "col_qualifier", "source_name": "col_source",
    "section": "col_section", "quote": "col_quote", "indicator": "col_indicator_id", "report_id": "col_report_id",
}
QUALIFIER_FORMATS = {"approx": '"约"#,##0.###', "estimated": '"预计"#,##0.###', "at_least": '"≥"#,##0.###',
                     "at_most": '"≤"#,##0.###'}
NUMBER_FORMAT = "#,##0.###"


def words(t: Messages, prefix: str, keys) -> dict[str, str]:
    return {k: t(f"{prefix}{k}") for k in keys}


def long_sheet(df: pd.DataFrame, t: Messages) -> pd.DataFrame:
    kinds = words(t, "kind_", ("actual", "target"))
    quals = {q: t(f"qualifier_{q}") if f"qualifier_{q}" in t.entries else "" for q in set(df.qualifier)}
    out = df.assign(kind_name=df.kind.map(kinds), qualifier_name=df.qualifier.map(quals))
    out = out[list(EXPORT_COLUMNS)].rename(columns={k: t(v) for k, v in EXPORT_COLUMNS.items()})
    out.attrs["number_formats"] = {t("col_value"): NUMBER_FORMAT}
    return out


def wide_sheet(reports: list[Report], first: int, last: int, t: Messages) -> pd.DataFrame:
    """One row per registered indicator with any figure; per year its actual and its target side by side."""
    from reporter.corpus import Corpus

    reg = registry()
    corpus = Corpus.of(reports)
    years = list(range(first, last + 1))
    rows, cell_formats = [], {}
    for ind in reg.indicators.values():
        row = {t("col_dimension"): reg.dimensions.get(ind.dimension, ind.dimension), t("col_name"): ind.zh,
               t("col_unit"): ind.unit}
        seen = False
        for y in years:
            for kind, fact in (("actual", corpus.actual(ind.id, y)), ("target", corpus.target(ind.id, y))):
                col = t(f"col_year_{kind}", year=y)
                value = None if fact is None or fact.value is None else float(fact.value)
                row[col] = value
                if value is not None:
                    seen = True
                    if fact.qualifier in QUALIFIER_FORMATS:
                        cell_formats[(len(rows), col)] = QUALIFIER_FORMATS[fact.qualifier]
        row[t("col_indicator_id")] = ind.id
        if seen:
            rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["number_formats"] = {c: NUMBER_FORMAT for c in out.columns if c not in (
        t("col_dimension"), t("col_name"), t("col_unit"), t("col_indicator_id"))}
    out.attrs["cell_formats"] = cell_formats
    return out


def plan_sheet(targets: pd.DataFrame, t: Messages) -> pd.DataFrame:
    cols = {"plan_year": "col_plan_year", "dimension": "col_dimension", "number": "col_number", "name": "col_name",
            "unit": "col_unit", "plan_text": "col_plan_text", "value": "col_value", "attribute": "col_attribute",
            "indicator": "col_indicator_id", "report_id": "col_report_id"}
    out = targets[list(cols)].rename(columns={k: t(v) for k, v in cols.items()})
    out.attrs["number_formats"] = {t("col_value"): NUMBER_FORMAT}
    return out


@dataclass
class Appendix:
    """The template's context, and the tables the data formats (xlsx, csv) are written from."""

    context: dict
    sheets: dict[str, pd.DataFrame]
    rows: pd.DataFrame  # the CSV: one row per fact


def build(reports: list[Report], first: int, last: int, t: Messages | None = None,
          corrections: list | None = None) -> dict:
    """The template's context."""
    return build_with_tables(reports, first, last, t, corrections).context


def source_list(reports: list[Report], used: set[str], t: Messages) -> list[dict]:
    return [{"id": r.id, "short": short_title(r, t), "title": r.title, "date": report_date(r), "file": file_name(r)}
            for r in reports if r.id in used]


def build_with_tables(reports: list[Report], first: int, last: int, t: Messages | None = None,
                      corrections: list | None = None) -> Appendix:
    t = t or messages("zh")
    facts = select(reports, first, last)
    if not facts:
        raise UserError(f"no facts for {first}-{last}: no source covers these years")
    names = SourceNames.of(reports, t)
    df = frame(facts, t("unregistered"), names, t)
    registered = df[df.indicator != ""]
    others = df[(df.indicator == "") & df.labelled]
    targets = targets_frame(reports)
    targets = targets[(targets.plan_year >= first) & (targets.plan_year <= last)]
    tables = [(int(year), tdf.to_dict("records")) for year, tdf in targets.groupby("plan_year")]
    used = set(df.report_id) | set(targets.report_id)
    context = {
        "first": first,
        "last": last,
        "count": len(df),
        "registered": len(registered),
        "labelled": len(others),
        "left_out": len(df) - len(registered) - len(others),
        "groups": groups(registered, t("unregistered")),
        "others": others.to_dict("records"),
        "plan_tables": tables,
        "reports": reports,
        "sources": source_list(reports, used, t),
        "sources_named": names,
        "corrections": corrections or [],
        "quote_context": QUOTE_CONTEXT,
        # one file holds everything; split() gives an index and volumes their own parts
        "show_plan": True,
        "show_notes": True,
        "sources_in": "",
        "volume": None,
        "volumes": [],
        "indicator_volumes": [],
        "max_pages": None,
        "estimated_pages": None,
    }
    export = pd.concat([registered, others])
    sheets = {t("sheet_wide"): wide_sheet(reports, first, last, t), t("sheet_facts"): long_sheet(export, t),
              t("sheet_plan_targets"): plan_sheet(targets, t)}
    return Appendix(context, sheets, long_sheet(export, t))
