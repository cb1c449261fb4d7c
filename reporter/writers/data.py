"""Data writers: tables and records -> xlsx, csv, json bytes. Every command that writes one of
these formats comes here, so a CSV from `export` and from `appendix` are the same dialect."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pandas as pd


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula (OWASP)
PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?\Z")


def formula_like(value) -> bool:
    """Text a spreadsheet would run as a formula ('=1+1新建项目', '@SUM(…)'); a number written as
    text ('-5', '+0.5%') is not: it stays as it is."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value)


def inert(value):
    """A CSV field made text (OWASP CSV injection): a leading apostrophe before a formula start."""
    return "'" + value if formula_like(value) else value


def csv_text(rows: Iterable[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: inert(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


def csv_bytes(rows: Iterable[dict], columns: list[str]) -> bytes:
    """UTF-8 with a BOM, so Excel opens Chinese text right."""
    return csv_text(rows, columns).encode("utf-8-sig")


def frame_csv_bytes(frame: "pd.DataFrame") -> bytes:
    return frame.map(inert).to_csv(index=False).encode("utf-8-sig")


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def json_bytes(data) -> bytes:
    return json_text(data).encode("utf-8")


@dataclass
class Rows:
    """A sheet as plain rows, for a product whose tables are small: written with openpyxl alone,
    without importing pandas (about 50 MiB of a process that is laying out a PDF beside it)."""

    columns: list[str]
    rows: list[dict]


def xlsx_bytes(sheets: dict[str, "pd.DataFrame | Rows"]) -> bytes:
    """One sheet per frame: header frozen, columns sized to their content, numbers as numbers.

    A frame may carry `attrs["number_formats"]` (column -> Excel format) and
    `attrs["cell_formats"]` ((row, column) -> format, e.g. '"≥"#,##0' for a bound).
    """
    if all(isinstance(s, Rows) for s in sheets.values()):
        return _rows_xlsx(sheets)
    import pandas as pd

    from reporter.document import xml_safe

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, frame in sheets.items():
            clean = frame.map(lambda v: xml_safe(v) if isinstance(v, str) else v)  # openpyxl refuses controls
            sheet = xml_safe(name)[:31] or "sheet"
            clean.to_excel(xl, sheet_name=sheet, index=False)
            _polish(xl.sheets[sheet], frame)
            _text_not_formulas(xl.sheets[sheet], frame)
    return buf.getvalue()


def _rows_xlsx(sheets: dict[str, Rows]) -> bytes:
    """xlsx_bytes for Rows: the same header, widths and text-not-formulas as a frame gets."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from reporter.document import xml_safe

    book = Workbook()
    book.remove(book.active)
    for name, sheet in sheets.items():
        ws = book.create_sheet(xml_safe(name)[:31] or "sheet")
        ws.append([xml_safe(str(c)) for c in sheet.columns])
        for row in sheet.rows:
            ws.append([xml_safe(v) if isinstance(v, str) else v for v in (row.get(c) for c in sheet.columns)])
        ws.freeze_panes = "A2"
        for j, col in enumerate(sheet.columns, start=1):
            header = ws.cell(row=1, column=j)
            header.font = Font(bold=True)
            header.alignment = Alignment(wrap_text=True, vertical="top")
            values = [row.get(col) for row in sheet.rows]
            for i, value in enumerate(values, start=2):
                if formula_like(value):
                    cell = ws.cell(row=i, column=j)
                    cell.value, cell.data_type, cell.quotePrefix = xml_safe(value), "s", True
            texts = [str(v) for v in values[:500] if v is not None and v == v]
            width = max([_display_width(str(col))] + [_display_width(t) for t in texts]) + 2
            ws.column_dimensions[get_column_letter(j)].width = min(width, 60)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _text_not_formulas(ws, frame) -> None:
    """Cells whose text starts like a formula stay text: a string cell (openpyxl makes '=…' a
    formula) with Excel's quote prefix, so editing the cell does not turn it into one either."""
    text_columns = [j for j, col in enumerate(frame.columns, start=1) if frame[col].dtype.kind not in "biufcmM"]
    for j in text_columns:
        for i, value in enumerate(frame.iloc[:, j - 1].tolist(), start=2):
            if formula_like(value):
                cell = ws.cell(row=i, column=j)
                cell.data_type = "s"
                cell.quotePrefix = True


def _polish(ws, frame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    formats = frame.attrs.get("number_formats", {})
    cells = frame.attrs.get("cell_formats", {})
    columns = list(frame.columns)
    for j, col in enumerate(columns, start=1):
        letter = get_column_letter(j)
        header = ws.cell(row=1, column=j)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        if col in formats:
            for i in range(2, len(frame) + 2):
                ws.cell(row=i, column=j).number_format = formats[col]
        texts = [str(v) for v in frame[col].tolist()[:500] if v is not None and v == v]
        width = max([_display_width(str(col))] + [_display_width(t) for t in texts]) + 2
        ws.column_dimensions[letter].width = min(width, 60)
    index = {c: j for j, c in enumerate(columns, start=1)}
    for (row, col), fmt in cells.items():
        if col in index:
            ws.cell(row=row + 2, column=index[col]).number_format = fmt


def _display_width(text: str) -> int:
    """Characters as Excel measures them: a CJK character is two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
