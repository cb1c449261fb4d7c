"""Annex plan tables (计划表) -> PlanTarget rows, whatever the layout.

Web pages give one cell per line; PDF text flattens a row onto one line and stacks the
dimension names one character per line. Both become one token stream: a row starts at
its sequence number, a name ends at its unit in parentheses, a value ends at the
attribute (预期性/约束性), and what is left between rows names the next dimension.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reporter.model import Fact, PlanTarget
from reporter.parse.numbers import parse_plan_value, units
from reporter.registry import registry

ATTR = re.compile(r"(预期性|约束性)")
PAREN = re.compile(r"（([^（）]{1,12})）")
END = re.compile(r"^附件|^名词解释$")


def is_unit(text: str) -> bool:
    return units().split(text) is not None


def unit_end(cell: str) -> int | None:
    """Index just after the last parenthesised unit in cell, if any: '增速（%）' -> end."""
    found = None
    for m in PAREN.finditer(cell):
        if is_unit(m.group(1)):
            found = m.end()
    return found


@dataclass
class Token:
    text: str
    kind: str  # name_end | attr | cell


def tokenize(cells: list[str]) -> list[Token]:
    tokens = []
    for cell in cells:
        rest = cell
        while rest:
            end = unit_end(rest)
            attr = ATTR.search(rest)
            if end is not None and (attr is None or end <= attr.start()):
                tokens.append(Token(rest[:end], "name_end"))
                rest = rest[end:]
            elif attr is not None:
                if attr.start():
                    tokens.append(Token(rest[: attr.start()], "cell"))
                tokens.append(Token(attr.group(0), "attr"))
                rest = rest[attr.end() :]
            else:
                tokens.append(Token(rest, "cell"))
                rest = ""
    return tokens


def find_table(annex: list[str]) -> tuple[int, int, int] | None:
    """(plan year, first cell index, end index) of the plan table among the lines."""
    for i, par in enumerate(annex):
        if "指标属性" in par or par == "属性":
            header = "".join(annex[max(0, i - 12) : i + 1])
            m = re.search(r"(\d{4})年计划", header)
            if not m:
                continue
            end = next((j for j in range(i + 1, len(annex)) if END.search(annex[j])), len(annex))
            return int(m.group(1)), i + 1, end
    return None


def row_starts(cells: list[str]) -> list[tuple[int, int]]:
    """(cell index, row number) where rows 1, 2, 3… begin: a number followed by a name."""
    starts, expected = [], 1
    for i, cell in enumerate(cells):
        m = re.match(rf"^{expected}(?![\d.])", cell)
        if not m:
            continue
        rest = cell[m.end() :] or (cells[i + 1] if i + 1 < len(cells) else "")
        if rest and re.match(r"[\u4e00-\u9fff（]", rest) and not ATTR.match(rest):
            starts.append((i, expected))
            expected += 1
    return starts


def parse_row(number: int, dimension: str, cells: list[str], plan_year: int, warnings: list[str]) -> tuple[list[PlanTarget], str]:
    """One numbered row (maybe several sub-rows) -> targets, and the next dimension's name."""
    tokens = tokenize(cells)
    last_attr = max((i for i, t in enumerate(tokens) if t.kind == "attr"), default=-1)
    tail = [t.text for t in tokens[last_attr + 1 :]] if last_attr >= 0 else []
    next_dimension = ""
    if tail and all(t.kind == "cell" and len(t.text) <= 4 for t in tokens[last_attr + 1 :]):
        next_dimension = "".join(tail)
        tokens = tokens[: last_attr + 1]
    subrows: list[dict] = []
    names: list[str] = []
    for tok in tokens:
        if tok.kind == "name_end":
            subrows.append({"names": names + [tok.text], "value": [], "attr": ""})
            names = []
        elif tok.kind == "attr" and subrows:
            subrows[-1]["attr"] = tok.text
        elif subrows and not subrows[-1]["attr"]:
            subrows[-1]["value"].append(tok.text)
        else:
            names.append(tok.text)
    if not subrows:
        warnings.append(f"plan table row {number}: no indicator name with a unit found in '{''.join(cells)[:40]}'")
        return [], next_dimension
    group = ""
    if len(subrows) > 1:
        lead = subrows[0]["names"]
        while len(lead) > 1 and len(lead[0]) <= 4:
            group += lead.pop(0)
    attribute = next((s["attr"] for s in subrows if s["attr"]), "")
    rows = []
    for sub in subrows:
        full = "".join(sub["names"])
        end = unit_end(full)
        name, unit = full[: end].rsplit("（", 1)
        unit = unit.rstrip("）")
        plan_text = "".join(sub["value"]) or "-"
        value, qualifier = parse_plan_value(plan_text)
        rows.append(
            PlanTarget(
                dimension=dimension,
                number=number,
                name=name,
                unit=unit,
                plan_text=plan_text,
                value=value,
                qualifier=qualifier,
                attribute=sub["attr"] or attribute,
                plan_year=plan_year,
                indicator=registry().lookup(name),
                group=group,
            )
        )
    return rows, next_dimension


def as_cells(lines: list[str]) -> list[str]:
    """A pipe table ('| 创新发展 | 1 | 地区生产总值增速（%） | 5左右 | 预期性 |') becomes one cell per
    line, the layout the token walk below reads; other lines are kept as they are."""
    out: list[str] = []
    for line in lines:
        if line.count("|") >= 2:
            out.extend(c.strip() for c in line.strip().strip("|").split("|") if c.strip() and not re.fullmatch(r"[-:—\s]+", c))
        else:
            out.append(line)
    return out


def parse(lines: list[str], warnings: list[str]) -> list[PlanTarget]:
    """The plan table among the report's cleaned lines (before paragraphs are re-joined)."""
    return walk(as_cells(lines), warnings)


def parse_rows(rows: list[list[str]], caption: list[str], warnings: list[str], block=None) -> list[PlanTarget]:
    """A plan table its reader handed over as rows of cells (a Word or web table), read by its
    columns: 序号, the name columns (a group cell, then the name with its unit), the plan column,
    指标属性; a merged cell repeats in each row it spans. Falls back to the token walk over the
    cells when the header does not name its columns."""
    cols = plan_columns(rows, caption)
    if cols is None:
        cells = list(caption)
        for row in rows:
            cells.extend(c for j, c in enumerate(row) if c.strip() and (j == 0 or c != row[j - 1]))
        return walk([c.strip() for c in cells], warnings)
    year, first, number_col, plan_col, attr_col = cols
    targets = []
    for r in range(first, len(rows)):
        row = rows[r]
        if len(row) <= max(plan_col, attr_col) or not row[number_col].strip().isdigit():
            continue
        names = list(dict.fromkeys(c.strip() for c in row[number_col + 1 : plan_col] if c.strip()))
        full = "".join(names)
        end = unit_end(full)
        if end is None or "（" not in full[:end]:
            warnings.append(f"plan table row {row[number_col]}: no indicator name with a unit found in '{full[:40]}'")
            continue
        name, unit = full[:end].rsplit("（", 1)
        group = "".join(names[:-1]) if len(names) > 1 and unit_end(names[-1]) else ""
        name = name[len(group):] if group and name.startswith(group) else name
        plan_text = row[plan_col].strip() or "-"
        value, qualifier = parse_plan_value(plan_text)
        dimension = "".join(dict.fromkeys(c.strip() for c in row[:number_col] if c.strip()))
        target = PlanTarget(dimension=dimension, number=int(row[number_col]), name=name, unit=unit.rstrip("）"),
                            plan_text=plan_text, value=value, qualifier=qualifier, attribute=row[attr_col].strip(),
                            plan_year=year, indicator=registry().lookup(name), group=group)
        target.origin.annex, target.origin.row, target.origin.column = True, r + 1, plan_col + 1
        if block is not None:
            target.origin.page, target.origin.block = block.page, block.index
        targets.append(target)
    return targets


def plan_columns(rows: list[list[str]], caption: list[str]) -> tuple[int, int, int, int, int] | None:
    """(plan year, first body row, 序号 column, plan column, 指标属性 column) from the header rows."""
    first = next((r for r, row in enumerate(rows) if any(c.strip().isdigit() for c in row[:3])), None)
    if not first:
        return None
    width = max(len(row) for row in rows[:first])
    labels = ["".join(dict.fromkeys(row[j].strip() for row in rows[:first] if j < len(row))) for j in range(width)]
    attr = next((j for j, label in enumerate(labels) if "属性" in label), None)
    plan = next((j for j, label in enumerate(labels) if re.search(r"计划|目标|预期", label) and "属性" not in label), None)
    number = next((j for j, label in enumerate(labels) if "序号" in label), None)
    if number is None:
        number = next((j for j in range(min(3, width)) if rows[first][j].strip().isdigit()), None)
    found = re.search(r"(\d{4})年\s*(计划|目标|预期)", "".join(caption) + "".join(labels))
    if None in (attr, plan, number) or not found or not number < plan:
        return None
    return int(found.group(1)), first, number, plan, attr


def walk(lines: list[str], warnings: list[str]) -> list[PlanTarget]:
    """The token walk over one-cell-per-line text: header, numbered rows, dimensions between."""
    found = find_table(lines)
    if not found:
        return []
    plan_year, first, end = found
    cells = lines[first:end]
    starts = row_starts(cells)
    if not starts:
        warnings.append("a plan table header was found but no numbered rows under it")
        return []
    dimension = "".join(cells[: starts[0][0]])
    targets: list[PlanTarget] = []
    bounds = [i for i, _ in starts] + [len(cells)]
    for (i, number), stop in zip(starts, bounds[1:]):
        row_cells = [re.sub(rf"^{number}(?![\d.])", "", cells[i])] + cells[i + 1 : stop]
        rows, next_dimension = parse_row(number, dimension, [c for c in row_cells if c], plan_year, warnings)
        targets.extend(rows)
        dimension = next_dimension or dimension
    for t in targets:
        if not t.attribute:
            warnings.append(f"plan table row {t.number} ({t.name}) has no plan value or attribute: the table may be cut off")
    if cells[-1] == str(starts[-1][1] + 1):
        warnings.append(f"plan table ends with row number {cells[-1]} and nothing after it: the table may be cut off")
    return targets


def target_facts(targets: list[PlanTarget], report_id: str, source: str) -> list[Fact]:
    """Each plan-table row is also a target fact for its plan year."""
    facts = []
    for t in targets:
        ind = registry().get(t.indicator)
        unit = t.unit if ind is None or ind.unit == "" else ind.unit
        facts.append(
            Fact(
                label=t.name,
                value=t.value,
                unit=unit,
                raw=t.plan_text[:60],
                qualifier=t.qualifier,
                period=str(t.plan_year),
                kind="target",
                quote=f"{t.number} {t.group}{t.name}（{t.unit}） {t.plan_text} {t.attribute}".strip()[:120],
                indicator=t.indicator,
                report_id=report_id,
                section=f"附件：{t.plan_year}年计划表 / {t.dimension}",
                source=source,
                origin=replace(t.origin, annex=True, section_path=[f"附件：{t.plan_year}年计划表", t.dimension]),
            )
        )
    return facts
