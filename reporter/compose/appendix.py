"""The indicator appendix: every fact in a year range, for checking, plus the plan tables.

One DataFrame holds the rows; the template prints it grouped, and the same frame is written
to XLSX (one sheet per group) and CSV, so the document and the data never differ.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from reporter.compose.tables import facts_frame, targets_frame
from reporter.errors import UserError
from reporter.model import Fact, Report
from reporter.periods import overlaps, period_years
from reporter.registry import registry

UNREGISTERED = "未登记指标"
QUOTE_CONTEXT = 30


def select(reports: list[Report], first: int, last: int) -> list[Fact]:
    """The same selection as `reporter facts --years first-last`."""
    return [f for r in reports for f in r.facts if overlaps(f.period, first, last)]


def frame(facts: list[Fact]) -> pd.DataFrame:
    reg = registry()
    df = facts_frame(facts)
    order = {d: i for i, d in enumerate(reg.dimensions)}
    ind_order = {i: n for n, i in enumerate(reg.indicators)}
    df["dimension"] = df["indicator"].map(lambda i: reg.indicators[i].dimension if i in reg.indicators else "")
    df["group"] = df["dimension"].map(lambda d: reg.dimensions.get(d, d) if d else UNREGISTERED)
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


def groups(df: pd.DataFrame) -> list[Group]:
    out = []
    for group, gdf in df.groupby("group", sort=False):
        if group == UNREGISTERED:
            out.append(Group(group, [("", "", gdf.to_dict("records"))]))
            continue
        out.append(Group(group, [(ind, idf["name"].iloc[0], idf.to_dict("records"))
                                 for ind, idf in gdf.groupby("indicator", sort=False)]))
    unregistered = [g for g in out if g.name == UNREGISTERED]
    return [g for g in out if g.name != UNREGISTERED] + unregistered


EXPORT_COLUMNS = ["group", "indicator", "name", "period", "kind", "value_text", "unit", "qualifier", "source",
                  "report_id", "section", "quote"]


def export_frames(df: pd.DataFrame, targets: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Sheet name -> rows: one per group, then the plan tables."""
    sheets = {str(name)[:31]: gdf[EXPORT_COLUMNS].rename(columns={"value_text": "value"})
              for name, gdf in df.groupby("group", sort=False)}
    if UNREGISTERED in sheets:
        sheets[UNREGISTERED] = sheets.pop(UNREGISTERED)
    sheets["计划表"] = targets
    return sheets


def build(reports: list[Report], first: int, last: int) -> dict:
    facts = select(reports, first, last)
    if not facts:
        raise UserError(f"no facts for {first}-{last}: no source covers these years")
    df = frame(facts)
    targets = targets_frame(reports)
    targets = targets[(targets.plan_year >= first) & (targets.plan_year <= last)]
    tables = [(int(year), tdf.to_dict("records")) for year, tdf in targets.groupby("plan_year")]
    return {
        "first": first,
        "last": last,
        "count": len(df),
        "registered": int(df.indicator.notna().sum() - (df.indicator == "").sum()),
        "groups": groups(df),
        "plan_tables": tables,
        "reports": reports,
        "frame": df,
        "sheets": export_frames(df, targets),
        "quote_context": QUOTE_CONTEXT,
    }
