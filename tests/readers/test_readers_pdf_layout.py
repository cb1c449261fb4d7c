"""The PDF layout (readers/_layout.py) on pages made of characters and rules placed by hand:
the cases the LibreOffice fixtures do not print (tables without rules, merged cells drawn as
missing rules, a single page's number, Latin words without space characters)."""
from __future__ import annotations

from reporter.readers._glyphs import Char, Page, Rule
from reporter.readers._layout import layout

SIZE = 12.0


def text_at(text: str, x: float, y: float, size: float = SIZE, bold: bool = False) -> list[Char]:
    """One character per glyph, each `size` wide (a CJK font's advance), top at y."""
    return [Char(ch, x + i * size, y, x + (i + 1) * size, y + size, size, bold) for i, ch in enumerate(text)]


def page(number: int, chars: list[Char], rules: list[Rule] | None = None) -> Page:
    return Page(number, 600.0, 800.0, chars, rules or [])


def test_aligned_columns_without_rules_are_a_table():
    rows = [("指标", "2023年", "增长"), ("地区生产总值", "5200", "5.8%"), ("一般公共预算收入", "452.7", "8.8%"), ("常住人口", "110.4", "-0.3%")]
    chars = text_at("主要指标如下表。", 100, 100)
    for r, (name, value, rate) in enumerate(rows):
        y = 130 + r * 20
        chars += text_at(name, 100, y) + text_at(value, 360 - len(value) * SIZE, y) + text_at(rate, 460, y)  # numbers right-aligned
    blocks, lines = layout([page(1, chars)])
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].rows == [list(r) for r in rows]
    assert [b.text for b in blocks if b.kind == "paragraph"] == ["主要指标如下表。"]
    assert lines == []  # a table was found: the parser takes it, not lines


def test_lines_not_in_columns_stay_text():
    chars = text_at("地区生产总值", 100, 100) + text_at("5200", 300, 100) + text_at("正文继续。", 100, 130)
    blocks, lines = layout([page(1, chars)])
    assert not any(b.kind == "table" for b in blocks)
    assert lines == ["地区生产总值", "5200", "正文继续。"]


def test_ruled_table_with_a_merged_cell():
    """Rows 2 and 3 share the first cell (no rule between them there): its text fills both."""
    xs, ys = [100, 200, 300, 400], [100, 130, 160, 190]
    rules = [Rule(xs[0], y, xs[-1], y + 0.5) for y in (ys[0], ys[1], ys[3])]
    rules.append(Rule(xs[1], ys[2], xs[-1], ys[2] + 0.5))  # the rule under row 2 stops at the merged cell
    rules += [Rule(x, ys[0], x + 0.5, ys[-1]) for x in xs]
    chars = (text_at("维度", 110, 108) + text_at("名称", 210, 108) + text_at("计划", 310, 108)
             + text_at("创新", 110, 138) + text_at("甲", 210, 138) + text_at("6", 310, 138)
             + text_at("乙", 210, 168) + text_at("8", 310, 168))
    blocks, _ = layout([page(1, chars, rules)])
    (table,) = [b for b in blocks if b.kind == "table"]
    assert table.rows == [["维度", "名称", "计划"], ["创新", "甲", "6"], ["创新", "乙", "8"]]


def test_page_number_alone_and_running_header_are_furniture():
    pages = []
    for n in (1, 2, 3):
        body = text_at("正文" * 10, 100, 300 + n)
        pages.append(page(n, text_at("某某报告", 250, 30, 9) + body + text_at(f"— {n} —", 270, 760)))
    blocks, _ = layout(pages)
    furniture = [b.text for b in blocks if b.kind == "furniture"]
    assert furniture.count("某某报告") == 3 and {"— 1 —", "— 2 —", "— 3 —"} <= set(furniture)
    one, _ = layout([page(1, text_at("正文。", 100, 300) + text_at("- 7 -", 270, 760))])
    assert [b.text for b in one if b.kind == "furniture"] == ["- 7 -"]


def test_hard_breaks_rejoined_and_headings_by_weight():
    width = 20  # characters to the right edge
    chars = text_at("一、总体情况", 124, 100, bold=True)
    chars += text_at("甲" * (width - 2), 124, 130) + text_at("乙" * width, 100, 160) + text_at("丙。", 100, 190)
    chars += text_at("丁" * 5 + "。", 124, 220)
    blocks, _ = layout([page(1, chars)])
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds == [("heading", "一、总体情况"), ("paragraph", "甲" * 18 + "乙" * 20 + "丙。"), ("paragraph", "丁丁丁丁丁。")]


def test_latin_words_kept_apart_without_space_characters():
    chars = text_at("CMG", 100, 100) + [Char("AI", 100 + 3 * SIZE + 6, 100, 100 + 5 * SIZE + 6, 112, SIZE)]
    blocks, _ = layout([page(1, chars)])
    assert blocks[0].text == "CMG AI"
