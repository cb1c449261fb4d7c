"""Table column widths measured from content, so numbers never break inside themselves and long
text columns share what is left (the widths always add up to the text width, as in the PDF).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBER = re.compile(r"[-+−±≥≤~]?[\d][\d,.]*%?|[\d]{4}(?:→|–|-)[\d]{4}")
NUMERIC_CELL = re.compile(r"^[\s约预计≥≤+−±-]*[\d][\d,.]*\s*(?:%|[^\s\d]{0,3})?(?:\[\d+\])*\s*$")
CJK_EM = 1.0
NARROW_EM = 0.55


NARROW_CHARS = re.compile(r"[\x00-\u218f\u2200-\u2e7f]+")  # arrows (→) are full width in the CJK faces


def text_em(text: str) -> float:
    """Width in em at the cell's font size: CJK full width, digits and Latin about half."""
    return sum(CJK_EM if ord(ch) > 0x2E7F or 0x2190 <= ord(ch) <= 0x21FF else NARROW_EM for ch in text)


def text_em_bound(text: str) -> float:
    """At least text_em(text), cheaply: its closed form, plus room for the rounding of the sum."""
    wide = len(NARROW_CHARS.sub("", text))
    return wide * CJK_EM + (len(text) - wide) * NARROW_EM + 1e-9 * (len(text) + 1)


def unbreakable_em(text: str) -> float:
    """The widest piece that must not break: a number with its sign, separators and %."""
    pieces = [m.group(0) for m in NUMBER.finditer(text)]
    longest_word = max((text_em(w) for w in re.findall(r"[A-Za-z0-9_.,%→]+", text)), default=0.0)  # 2021→2023
    return max([text_em(p) for p in pieces] + [longest_word, CJK_EM * 2])


def is_numeric(text: str) -> bool:
    return bool(NUMERIC_CELL.match(text.strip())) and len(text.strip()) <= 24


@dataclass
class ColumnNeeds:
    minimum: float = 0.0  # em: the widest unbreakable piece
    natural: float = 0.0  # em: the widest cell on one line
    texts: list[str] = field(default_factory=list)


def _column_needs(texts: set[str], padding_em: float) -> ColumnNeeds:
    """A column's widest line and widest unbreakable piece, measuring only the texts that could be
    the widest: a piece (a number, a word) is never wider than its text, and a bound on a text's
    width costs one regex, so a 2,000-row column measures only the cells near its widest.
    (The measures must stay exactly those of every cell: the width sharing below is sensitive
    to the last bit of a float.)"""
    need = ColumnNeeds()
    if not texts:
        return need
    floor = CJK_EM * 2 + padding_em  # unbreakable_em is never less than two CJK characters
    need.minimum = floor
    for bound, text in sorted(((text_em_bound(t), t) for t in texts), reverse=True):
        if bound + padding_em <= need.natural and bound + padding_em <= need.minimum:
            break
        if bound + padding_em > need.natural:
            need.natural = max(need.natural, text_em(text) + padding_em)
        if bound + padding_em > need.minimum:
            need.minimum = max(need.minimum, unbreakable_em(text) + padding_em)
    return need


def header_em(text: str) -> float:
    """The narrowest a header cell may be without splitting a word: whole up to four characters
    (变化, 年均增速), else half of it rounded up to an even number of characters, so a two-line
    header breaks between two-character words (由水平值/计算增速), never inside one."""
    chars = len(text.strip())
    if chars <= 4:
        return text_em(text.strip())
    keep = -(-chars // 2)
    keep += keep % 2
    return max(text_em(text.strip()[i:i + keep]) for i in range(0, chars, keep))


def column_widths(rows: list[list[str]], available_em: float, padding_em: float = 0.9,
                  header: list[str] | None = None) -> list[float]:
    """Widths in em: every column at least its widest number, the rest shared by natural width.

    A column of short cells gets what it needs on one line; long text columns (quotes) share
    what is left in proportion to their length, so nothing wraps every four characters. The
    widths always add up to the text width (a table as wide as the text, as in the PDF).
    """
    ncols = max(len(r) for r in rows)
    needs = [_column_needs({row[j] for row in rows if j < len(row)}, padding_em) for j in range(ncols)]
    for j, text in enumerate(header or []):
        if j < ncols and text:
            needs[j].minimum = max(needs[j].minimum, header_em(text) + padding_em)
            needs[j].natural = max(needs[j].natural, needs[j].minimum)
    widths = [n.minimum for n in needs]
    spare = available_em - sum(widths)
    if spare <= 0:
        return [w * available_em / sum(widths) for w in widths]
    # give short columns their natural width first (cheapest first), then share by length
    extra = sorted(range(ncols), key=lambda j: needs[j].natural - widths[j])
    for j in extra:
        want = needs[j].natural - widths[j]
        if want <= spare / max(1, sum(1 for k in extra if needs[k].natural > widths[k])) or want <= 0:
            take = max(0.0, min(want, spare))
            widths[j] += take
            spare -= take
    if spare > 0:
        longing = [max(0.0, needs[j].natural - widths[j]) for j in range(ncols)]
        total = sum(longing)
        if total > 0:
            widths = [w + spare * lg / total for w, lg in zip(widths, longing)]
        else:  # every column on one line and room to spare: the table still spans the text width
            whole = sum(widths)
            widths = [w + spare * w / whole for w in widths]
    return widths
