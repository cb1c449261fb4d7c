"""The corpus as pandas DataFrames: the shared ground for products and exports."""
from __future__ import annotations

import pandas as pd

from reporter.model import Fact, Report

FACT_FIELDS = ["source", "indicator", "period", "kind", "value", "unit", "qualifier", "quote",
               "label", "raw", "section", "report_id"]


def facts_frame(facts: list[Fact]) -> pd.DataFrame:
    """One row per fact; value as float for arithmetic (the exact Decimal stays in 'raw'/'value_text')."""
    from reporter import confidence

    mark = confidence.settings()["mark"]
    rows = [{k: getattr(f, k) for k in FACT_FIELDS} | (  # below the threshold: the mark and why (issue 19)
        {"low_mark": mark, "low_reason": confidence.reason(f)} if confidence.is_low(f) else {"low_mark": "", "low_reason": ""})
        for f in facts]
    frame = pd.DataFrame(rows, columns=FACT_FIELDS + ["low_mark", "low_reason"])
    frame["value_text"] = frame["value"].map(lambda v: "" if v is None else str(v))
    frame["value"] = frame["value"].map(lambda v: None if v is None else float(v)).astype("float64")
    return frame


def targets_frame(reports: list[Report]) -> pd.DataFrame:
    rows = [
        {"report_id": r.id, "plan_year": t.plan_year, "dimension": t.dimension, "number": t.number, "group": t.group,
         "name": t.name, "unit": t.unit, "plan_text": t.plan_text,
         "value": None if t.value is None else float(t.value), "qualifier": t.qualifier,
         "attribute": t.attribute, "indicator": t.indicator}
        for r in reports for t in r.targets
    ]
    return pd.DataFrame(rows, columns=["report_id", "plan_year", "dimension", "number", "group", "name", "unit",
                                       "plan_text", "value", "qualifier", "attribute", "indicator"])
