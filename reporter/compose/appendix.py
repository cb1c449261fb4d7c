"""The indicator appendix: every fact in a year range, for checking, plus the plan tables.

One DataFrame holds the rows; the template prints it grouped, and the same frame is written
to XLSX (one sheet per group) and CSV, so the document and the data never differ.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from reporter.compose.tables import facts_frame, targets_frame
from reporter.errors import UserError
from reporter.i18n import Messages, messages
from reporter.model import Fact, Report
from reporter.periods import overlaps, period_years
from reporter.registry import registry

QUOTE_CONTEXT = 30


def select(reports: list[Report], first: int, last: int) -> list[Fact]:
    """The same selection as `reporter facts --years first-last`."""
    return [f for r in reports for f in r.facts if overlaps(f.period, first, last)]


def frame(facts: list[Fact], unregistered: str) -> pd.DataFrame:
    reg = registry()
    df = facts_frame(facts)
    order = {d: i for i, d in enumerate(reg.dimensions)}
    ind_order = {i: n for n, i in enumerate(reg.indicators)}
    df["dimension"] = df["indicator"].map(lambda i: reg.indicators[i].dimension if i in reg.indicators else "")
    df["group"] = df["dimension"].map(lambda d: reg.dimensions.get(d, d) if d else unregistered)
    df["name"] = [reg.indicators[i].zh if i in reg.indicators else label for i, label in zip(df.indicator, df.label)]
    df["excerpt"] = [f.excerpt(QUOTE_CONTEXT) for f in facts]
    df["first_year"] = df["period"].map(lambda p: (period_years(p) or (0, 0))[0])
    df["_g"] = df["dimension"].map(lambda d: order.get(d, len(order)))
    df["_i"] = df["indicator"].map(lambda i: ind_order.get(i, len(ind_order)))
    df["_n"] = range(len(df))
    return df.sort_values(["_g", "_i", "first_year", "period", "_n"]).drop(columns=["_g", "_i", "_n"])


@dataclass
class Group:
    name: str
    indicators: list[tuple[str, str, list[dict]]]  # (indicator id or "", name, rows)


def groups(df: pd.DataFrame, unregistered: str) -> list[Group]:
    out = []
    for group, gdf in df.groupby("group", sort=False):
        if group == unregistered:
            out.append(Group(group, [("", "", gdf.to_dict("records"))]))
            continue
        out.append(Group(group, [(ind, idf["name"].iloc[0], idf.to_dict("records"))
                                 for ind, idf in gdf.groupby("indicator", sort=False)]))
    last = [g for g in out if g.name == unregistered]
    return [g for g in out if g.name != unregistered] + last


EXPORT_COLUMNS = ["group", "indicator", "name", "period", "kind", "value_text", "unit", "qualifier", "source",
                  "report_id", "section", "quote"]


def export_frames(df: pd.DataFrame, targets: pd.DataFrame, t: Messages) -> dict[str, pd.DataFrame]:
    """Sheet name -> rows: one per group, then the plan tables."""
    sheets = {str(name)[:31]: gdf[EXPORT_COLUMNS].rename(columns={"value_text": "value"})
              for name, gdf in df.groupby("group", sort=False)}
    if t("unregistered") in sheets:
        sheets[t("unregistered")] = sheets.pop(t("unregistered"))
    sheets[t("sheet_plan_targets")] = targets
    return sheets


@dataclass
class Appendix:
    """The template's context, and the tables the data formats (xlsx, csv) are written from."""

    context: dict
    sheets: dict[str, pd.DataFrame]
    rows: pd.DataFrame  # the CSV: one row per fact


def build(reports: list[Report], first: int, last: int, t: Messages | None = None) -> dict:
    """The template's context."""
    return build_with_tables(reports, first, last, t).context


def build_with_tables(reports: list[Report], first: int, last: int, t: Messages | None = None) -> Appendix:
    t = t or messages("zh")
    facts = select(reports, first, last)
    if not facts:
        raise UserError(f"no facts for {first}-{last}: no source covers these years")
    df = frame(facts, t("unregistered"))
    targets = targets_frame(reports)
    targets = targets[(targets.plan_year >= first) & (targets.plan_year <= last)]
    tables = [(int(year), tdf.to_dict("records")) for year, tdf in targets.groupby("plan_year")]
    context = {
        "first": first,
        "last": last,
        "count": len(df),
        "registered": int(df.indicator.notna().sum() - (df.indicator == "").sum()),
        "groups": groups(df, t("unregistered")),
        "plan_tables": tables,
        "reports": reports,
        "quote_context": QUOTE_CONTEXT,
    }
    rows = df[EXPORT_COLUMNS].rename(columns={"value_text": "value"})
    return Appendix(context, export_frames(df, targets, t), rows)
