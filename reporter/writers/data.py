"""Data writers: tables and records -> xlsx, csv, json bytes. Every command that writes one of
these formats comes here, so a CSV from `export` and from `appendix` are the same dialect."""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pandas as pd


def csv_text(rows: Iterable[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def csv_bytes(rows: Iterable[dict], columns: list[str]) -> bytes:
    """UTF-8 with a BOM, so Excel opens Chinese text right."""
    return csv_text(rows, columns).encode("utf-8-sig")


def frame_csv_bytes(frame: "pd.DataFrame") -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def json_bytes(data) -> bytes:
    return json_text(data).encode("utf-8")


def xlsx_bytes(sheets: dict[str, "pd.DataFrame"]) -> bytes:
    import pandas as pd

    from reporter.document import xml_safe

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            clean = frame.map(lambda v: xml_safe(v) if isinstance(v, str) else v)  # openpyxl refuses controls
            clean.to_excel(xl, sheet_name=xml_safe(name)[:31] or "sheet", index=False)
    return buf.getvalue()
