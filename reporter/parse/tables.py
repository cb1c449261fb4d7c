"""Statistics tables -> facts, in one stage: a reader hands over tables as rows of cells.

Statistics releases (主要经济指标完成情况, 统计公报) put their figures in tables of
指标 / 计量单位 / 本期 / ±% (or 1-N月 / 同比, or 计划目标值 / 比上年增长). The text reader
rebuilds the rows from three layouts (`find_tables`): pipe tables ('a | b | c'), flattened
rows with cells apart by spaces ('区级一般公共预算收入 282.18 3.0'), and one cell per line
under a run of column headers. An HTML/DOCX/PDF reader hands `table_facts` its own Table.

Each column gets a role from its header words (data [table] of indicators.toml would be the
place to move these lists if they grow): level, growth, target level, target growth, or skip
(完成计划%, 占比, 位次); and a scope (全市/全国 column groups are another area's). Each row's
name goes through the indicator registry; its facts take the table's period (the release's,
or the caption's year, or a column's own months such as 1季度累计).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from reporter.model import Fact
import reporter.parse.periods as pm
from reporter.parse.document import relation
from reporter.parse.numbers import convert, units
from reporter.registry import registry

NUMBER = re.compile(r"^[-−－]?\d+(?:,\d{3})*(?:\.\d+)?$")
NO_VALUE = re.compile(r"^(?:-{1,2}|—{1,2}|－{1,2}|/|…|\.\.\.)$")
HEADER_WORD = re.compile(
    r"^(?:指标(?:名称)?|项目|计量单位|单位|本期|本月|当月|累计|上年同期|同比|增长|增速|比上年|±|绝对[值额]|数值|金额"
    r"|\d{1,2}[-—－~至]\d{1,2}月|[1-4一二三四]季度|前[一二三]季度|上半年|全年|\d{4}年|计划|目标|完成|占|比重|总量)"
)
SKIP_HEADER_WORDS = re.compile(r"完成率|占|比重|位次|排名|名次|排位")
FULFILMENT_OF = re.compile(r"计划|目标|预算")


def skip_header(text: str) -> bool:
    """A header of a column to leave out; `完成.*(计划|目标|预算)` as one pass per line (the
    regex rescans a line from every 完成, quadratic on a long cell)."""
    if SKIP_HEADER_WORDS.search(text):
        return True
    for line in text.split("\n"):
        first = line.find("完成")
        if first >= 0 and FULFILMENT_OF.search(line, first + 2):
            return True
    return False
TARGET_HEADER = re.compile(r"计划|目标|预期|预算")
GROWTH_HEADER = re.compile(r"同比|增长|增速|增幅|±|比上年|较上年|%")
SINGLE_MONTH_HEADER = re.compile(r"本月|当月")
CITY_HEADER = re.compile(r"全市|全省|全国|市级")
PLAN_TABLE = re.compile(r"指标属性|^属性$|预期性|约束性")
ROW_PREFIX = re.compile(r"^(?:[#＃\s]+|[一二三四五六七八九十]+、|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]+[）)]|其中[：:]?)+")
PAREN_UNIT = re.compile(r"[（(]([^（）()]{1,8})[）)]")


@dataclass
class Table:
    header: list[list[str]]  # header rows, each a list of cells
    rows: list[list[str]]  # body rows: the first cell names the row
    caption: str = ""  # the line(s) above the table
    layout: str = "pipe"  # pipe | spaced | cell_per_line (for the quote)
    warnings: list[str] = field(default_factory=list)


def is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell.strip()))


def is_header_cell(cell: str) -> bool:
    c = cell.strip()
    return bool(c) and len(c) <= 16 and bool(HEADER_WORD.match(c)) and not is_number(c)


# ---------------------------------------------------------------- layouts -> rows of cells


def find_tables(lines: list[str]) -> list[Table]:
    tables: list[Table] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.count("|") >= 2:
            j = i
            while j < n and lines[j].count("|") >= 2:
                j += 1
            tables.extend(_pipe_table(lines[i:j], lines[max(0, i - 2) : i]))
            i = j
            continue
        cells = line.split()
        if len(cells) >= 2 and sum(is_header_cell(c) for c in cells) >= 2 and all(
                is_header_cell(c) or len(c) <= 8 for c in cells):
            j = i + 1
            while j < n and _spaced_row(lines[j]) is not None:
                j += 1
            if j - i >= 2:
                tables.append(Table([cells], [_spaced_row(x) for x in lines[i + 1 : j]], " ".join(lines[max(0, i - 2) : i]), "spaced"))
                i = j
                continue
        if is_header_cell(line):
            j = i
            while j < n and is_header_cell(lines[j]) and j - i < 8:
                j += 1
            width = j - i
            if width >= 2:
                rows, k = _cell_rows(lines, j, width, [("单位" in h) for h in lines[i:j]])
                if len(rows) >= 2:
                    tables.append(Table([lines[i:j]], rows, " ".join(lines[max(0, i - 2) : i]), "cell_per_line"))
                    i = k
                    continue
        i += 1
    return [t for t in tables if not any(PLAN_TABLE.search(c) for row in t.header for c in row)]


def _pipe_table(lines: list[str], above: list[str]) -> list[Table]:
    """Pipe rows; a run may hold several tables, each opened by its own header rows."""
    out: list[Table] = []
    current: Table | None = None
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if re.fullmatch(r"[\s|:\-—]*", line):
            continue
        numeric = sum(is_number(c) for c in cells[1:])
        if numeric == 0:
            if current is None or current.rows:
                current = Table([], [], " ".join(above), "pipe")
                out.append(current)
            current.header.append(cells)
        else:
            if current is None:  # rows before any header: kept so the reader can say it cannot read them
                current = Table([], [], " ".join(above), "pipe")
                out.append(current)
            current.rows.append(cells)
    return [t for t in out if t.rows]


def _spaced_row(line: str) -> list[str] | None:
    """'区级一般公共预算收入 282.18 3.0' (or '地区生产总值 亿元 812.4 6.2') -> cells, or None."""
    tokens = line.split()
    first = next((i for i, t in enumerate(tokens) if is_number(t) or NO_VALUE.match(t)), None)
    if not first or not all(is_number(t) or NO_VALUE.match(t) for t in tokens[first:]):
        return None
    name_tokens = tokens[:first]
    unit = []
    if len(name_tokens) > 1 and is_unit_cell(name_tokens[-1]):
        unit = [name_tokens.pop()]
    name = " ".join(name_tokens)
    if re.search(r"[，。；]", name) or len(name) > 30:
        return None
    return [name, *unit, *tokens[first:]]


def is_unit_cell(cell: str) -> bool:
    c = cell.strip().strip("（）()")
    return bool(c) and len(c) <= 8 and units().split(c) is not None


def _cell_rows(lines: list[str], start: int, width: int, unit_cols: list[bool]) -> tuple[list[list[str]], int]:
    """One cell per line: a name line, then width-1 value lines (or a unit where the header says 单位)."""
    rows, k = [], start
    while k + width <= len(lines):
        name, values = lines[k], lines[k + 1 : k + width]
        if is_number(name) or NO_VALUE.match(name) or len(name) > 30 or re.search(r"[，。；]", name):
            break
        if not all(is_number(v) or NO_VALUE.match(v) or (unit_cols[n + 1] and is_unit_cell(v))
                   for n, v in enumerate(values)):
            break
        rows.append([name, *values])
        k += width
    return rows, k


# ---------------------------------------------------------------- rows of cells -> facts


@dataclass
class Column:
    index: int
    header: str
    role: str  # name | unit | level | growth | skip
    kind: str = "actual"
    unit: str = ""
    year: int | None = None
    months: tuple[int, int] | None = None
    single_month: bool = False
    scope: str = "own"
    area: str = ""  # the area a column group names (东江市 | 南岭区), for context facts


GROUP_CELL = re.compile(r"^(?:\d{4}年.{0,4}|本月|当月|本期|累计|\d{1,2}[-—－~～至]\d{1,2}月份?|[1-4一二三四]季度(?:累计)?|上半年|"
                        r"前[一二三]季度|计划|目标|全市|全省|全国|全区|本区|[\u4e00-\u9fff]{1,6}(?:区|县|市|省|旗))$")
AREA_CELL = re.compile(r"全市|全省|全国|全区|本区|全县|本市|[\u4e00-\u9fff]{1,6}(?:自治县|新区|区|县|市|省|旗)")


def merged_header(table: Table, width: int) -> list[str] | None:
    """Header rows -> one label per column. Group cells of the first row ('2016年', '本月' and
    '1-5月', '全市' and '全区') spread over the second row's cells ('计划目标值', '比上年增长(%)';
    '绝对值', '±%'): one column per sub-cell, labelled group + sub-cell."""
    if not table.header:
        return [""] * width
    first = [c for c in table.header[0] if c]
    for extra in table.header[1:]:
        sub = [c for c in extra if c]
        if not sub or len(first) >= width:
            continue
        groups = [i for i, c in enumerate(first) if i > 0 and GROUP_CELL.match(c.replace(" ", ""))]
        if not groups:
            continue
        need = width - len(first)  # columns the sub-cells add
        if len(groups) > 1 and len(sub) % len(groups) == 0 and len(sub) - len(groups) == need:
            per = len(sub) // len(groups)
        else:  # one group takes them all: a bare label ('2016年', '全区') before one that is a column itself
            pure = [i for i in groups if re.fullmatch(r"\d{4}年|计划|目标|全市|全省|全国|全区|本区", first[i].replace(" ", ""))]
            if len(pure or groups) > 1 and len(sub) != need:
                return None  # several groups and sub-cells that do not share out: the header cannot be read
            groups, per = (pure or groups)[:1], len(sub)
        out, k = [], 0
        for i, c in enumerate(first):
            if i in groups:
                mine = sub[k : k + per]
                k += per
                label = c
                if any(TARGET_HEADER.search(x) for x in mine) and not TARGET_HEADER.search(label):
                    label += "计划"  # the group's columns share its kind: 计划目标值 and its 比上年增长
                out.extend(label + x for x in mine)
            else:
                out.append(c)
        first = out
    first += [""] * (width - len(first))
    return first[:width]


def column_roles(labels: list[str], caption: str, decision=None) -> list[Column]:
    cols = []
    unit_in_caption = PAREN_UNIT.search(caption)
    for i, label in enumerate(labels):
        text = label.replace(" ", "")
        if i == 0:
            cols.append(Column(i, text, "name"))
            continue
        if re.search(r"单位", text):
            cols.append(Column(i, text, "unit"))
            continue
        col = Column(i, text, "skip")
        if not text or skip_header(text):
            cols.append(col)
            continue
        col.kind = "target" if TARGET_HEADER.search(text) else "actual"
        col.role = "growth" if GROWTH_HEADER.search(text) else "level"
        paren = PAREN_UNIT.search(text)
        if paren and units().split(paren.group(1)) is not None:
            col.unit = paren.group(1)
            if col.unit == "%":
                col.role = "growth" if col.role == "growth" or col.kind == "actual" else "growth"
        elif unit_in_caption and units().split(unit_in_caption.group(1)) is not None and col.role == "level":
            col.unit = unit_in_caption.group(1)
        for mark in pm.find_marks(text):
            col.year = mark.year or col.year
            if mark.months:
                col.months, col.single_month = mark.months, mark.single_month
        if SINGLE_MONTH_HEADER.search(text):
            col.single_month = True
        if CITY_HEADER.search(text):
            col.scope = "city"
        area = AREA_CELL.search(text)
        known = area is not None and decision is not None and (decision.area or area.group(0) in ("全市", "本市", "全区", "本区", "全县"))
        if area and known:  # '东江市 | 南岭区' column groups: whose figures, by the hierarchy
            col.scope, col.area = relation(area.group(0), decision), area.group(0)
        elif area and not CITY_HEADER.search(text) and area.group(0) not in ("全区", "本区", "全县"):
            col.scope = "unknown_area"  # an area column while the report's own area is not known
        if col.role == "growth" and col.months is None and not col.single_month and cols and cols[-1].role == "level" \
                and cols[-1].kind == col.kind:
            col.months, col.single_month, col.year = cols[-1].months, cols[-1].single_month, col.year or cols[-1].year
            col.scope = cols[-1].scope if col.scope == "own" else col.scope
        cols.append(col)
    return cols


def row_name(cell: str) -> str:
    name = ROW_PREFIX.sub("", cell.replace(" ", "")).strip()
    paren = PAREN_UNIT.search(name)
    if paren and name.endswith(paren.group(0)) and units().split(paren.group(1)) is not None:
        name = name[: paren.start()]
    return name


def parse_cell(cell: str) -> Decimal | None:
    c = cell.strip().replace(",", "").replace("−", "-").replace("－", "-")
    if not is_number(c):
        return None
    try:
        return Decimal(c)
    except InvalidOperation:
        return None


def row_indicator(reg, name: str) -> tuple[str | None, bool, bool]:
    """A row name's indicator: its exact name, a table name, else a name it starts with (weak or
    a sub-sector as the registry says); (None, False, False) for a row of no known indicator."""
    if name in reg.by_name:
        return reg.by_name[name], False, False
    ident = next((i.id for i in reg.indicators.values() if name in i.table_names), None)
    if ident is not None:
        return ident, False, False
    hits = reg.hits(name)
    if hits and hits[0].start == 0:
        return hits[0].id, hits[0].weak, hits[0].sub
    return None, False, False


def table_facts(tables: list[Table], frame, warnings: list[str]) -> list[Fact]:
    reg = registry()
    out: list[Fact] = []
    for t in tables:
        width = max(len(r) for r in t.rows)
        labels = merged_header(t, width)
        if labels is None:
            warnings.append(f"a table's header could not be read into columns ({' / '.join(' | '.join(h) for h in t.header)[:80]}): "
                            "no facts taken from it")
            continue
        cols = column_roles(labels, t.caption, getattr(frame, "decision", None))
        if any(c.scope == "unknown_area" for c in cols):
            warnings.append(f"a table has area columns ({', '.join(c.header for c in cols if c.scope == 'unknown_area')}) "
                            "but the report's own area is not known: no facts taken from it")
            continue
        caption_marks = [mk for mk in pm.find_marks(t.caption) if mk.year]
        base_year = caption_marks[-1].year if caption_marks else frame.review_year
        base_months = frame.release_months if base_year == frame.review_year else None
        if not any(c.role in ("level", "growth") for c in cols):
            what = f"names no level or growth column ({' | '.join(t.header[0])[:60]})" if t.header else "has no header row"
            warnings.append(f"a table {what}: its columns cannot be read, no facts taken from it")
            continue
        for row in t.rows:
            name = row_name(row[0])
            ident, weak, sub = row_indicator(reg, name)
            if ident is None:
                continue
            row_unit = next((row[c.index] for c in cols if c.role == "unit" and c.index < len(row)), "")
            if not row_unit:  # '社会消费品零售总额（亿元）': the unit in the row's name
                paren = PAREN_UNIT.search(row[0])
                row_unit = paren.group(1) if paren and units().split(paren.group(1)) else ""
            for c in cols:
                if c.role not in ("level", "growth") or c.index >= len(row):
                    continue
                value = parse_cell(row[c.index])
                if value is None:
                    continue  # '--', '-', a range: no value
                unit = "%" if c.role == "growth" else (c.unit or row_unit)
                dimension = "percent" if unit == "%" else (units().split(unit)[1].dimension if units().split(unit) else None)
                if dimension is None:
                    continue
                indicator = reg.for_unit(ident, dimension)
                ind = reg.get(indicator)
                if ind is None:
                    continue
                target_unit = next((u for u in ind.units if convert(value, unit, u) is not None), None)
                if target_unit is None:
                    continue
                year = c.year or (frame.plan_year if c.kind == "target" and frame.plan_year else base_year)
                if year is None:
                    period = ""
                elif c.kind == "target":
                    period = str(year)
                elif c.single_month and c.months is None:
                    if not (base_months and year == base_year):
                        continue  # 本月 with no release month known: no period to give it
                    period = pm.month_period(year, (base_months[1], base_months[1]))
                else:
                    period = pm.month_period(year, c.months or (base_months if year == base_year else None))
                confidence = (0.85 if not weak else 0.7) if period else 0.4  # no year: never a plain figure
                quote = row[c.index] if t.layout == "cell_per_line" else " | ".join(row[: c.index + 1])
                if len(quote) > 120:  # a wide row: its label and the cell
                    quote = f"{row[0][:60]} | … | {row[c.index][:40]}"
                out.append(
                    Fact(
                        label=name, value=convert(value, unit, target_unit), unit=target_unit, raw=row[c.index],
                        qualifier="none", period=period, kind=c.kind, quote=quote, indicator=indicator,
                        report_id=frame.report_id, section=f"表：{t.caption[:30]}".rstrip("："), source=frame.source,
                        scope="sub_sector" if sub else c.scope, confidence=confidence,
                        rule=f"indicator=table_row{'+weak_name' if weak else ''}{f'+area:{c.area}' if c.area and c.scope != 'own' else ''}; "
                             f"period=table:{c.header or 'release'}",
                        start=len(quote) - len(row[c.index]), end=len(quote),
                    )
                )
    return out
