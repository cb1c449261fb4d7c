"""Text -> one normal form: full-width Chinese punctuation, half-width digits, no stray
spaces, web chrome and page footers set aside, hard-wrapped lines re-joined.

Every guess is written down as a warning; no step changes a digit of a figure silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from reporter.settings import per_data


@dataclass
class CleanText:
    paragraphs: list[str]
    lines: list[str]  # the same text before re-joining (tables need line boundaries)
    chrome: list[str] = field(default_factory=list)  # what was set aside as web chrome
    warnings: list[str] = field(default_factory=list)
    # lines with characters normalised but spaces kept: a flattened table's cells are apart
    cell_lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    chrome_line: tuple[re.Pattern, ...]
    top_marker: tuple[re.Pattern, ...]
    bottom_marker: tuple[re.Pattern, ...]
    glued_meta: re.Pattern
    page_footer: tuple[re.Pattern, ...]
    block_start: tuple[re.Pattern, ...]
    repairs: frozenset[str]  # the OCR repairs cleaning.toml switches on


@per_data
def rules() -> Rules:
    from reporter.datafiles import package_data

    data = package_data("cleaning.toml", "reporter.parse_schemas:CleaningFile")
    many = lambda key: tuple(re.compile(p) for p in data[key])  # noqa: E731
    return Rules(
        chrome_line=many("chrome_line"),
        top_marker=many("top_marker"),
        bottom_marker=many("bottom_marker"),
        glued_meta=re.compile(data["glued_meta"]),
        page_footer=many("page_footer"),
        block_start=many("block_start"),
        repairs=frozenset(data["repairs"]),
    )


CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WIDE_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
TERMINAL = "。！？；：…"


CJK_CHAR = re.compile(f"[{CJK}]")
WIDE_CHAR = re.compile(f"[{CJK}{WIDE_PUNCT}]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_CHAR.match(ch) is not None


def is_wide(ch: str) -> bool:
    return bool(ch) and WIDE_CHAR.match(ch) is not None


WIDE_WIDTH = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(s: str) -> int:
    """Columns a line takes (East Asian wide and full-width characters count two)."""
    return 2 * len(s) - len(WIDE_WIDTH.sub("", s))  # no list of every wide character (28 MB for a 10 MB line)


# ---------------------------------------------------------------- characters

_HALF = {chr(0xFF10 + i): str(i) for i in range(10)}
_HALF.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_HALF.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_HALF.update({"％": "%", "／": "/", "＋": "+", "＜": "<", "＞": ">", "＝": "=", "\u00a0": " ", "\u3000": " ", "\t": " "})
_TO_WIDE = {",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


_HALF_TABLE = str.maketrans(_HALF)
_TO_WIDE_ALL = {**_TO_WIDE, ",": "，", ":": "："}
_NARROW_PUNCT = re.compile(r"[;!?()]|(?<!\d)[,:]|[,:](?!\d)")
_TEX = re.compile(r"([A-Za-z])_\{([\w.]+)\}")
_FULL_POINT = re.compile(r"(?<=\d)．(?=\d)")


def normalise_chars(line: str) -> str:
    """Digits and Latin letters half-width; Chinese punctuation full-width."""
    line = line.translate(_HALF_TABLE)
    if "．" in line:
        line = _FULL_POINT.sub(".", line)
    if "_{" in line:
        line = _TEX.sub(r"\1\2", line)  # TeX subscripts: PM_{2.5} -> PM2.5
    line = _NARROW_PUNCT.sub(lambda m: _TO_WIDE_ALL[m.group(0)], line)  # 1,000 and 10:30 stay as they are
    return _curly_quotes(line)


def _curly_quotes(line: str) -> str:
    if '"' not in line:
        return line
    parts = line.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        out.append("“" if i % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def strip_markdown(line: str) -> str:
    """Heading marks sit at random levels in OCR text; the numbering carries the level."""
    line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
    return line.replace("**", "").replace("__", "")


def squeeze_spaces(line: str, heading_like: bool) -> str:
    """Drop spaces next to Chinese text ("2021 年", "孙 硕"); keep one between Latin words.

    In a short heading-like line a space between two Chinese phrases is a separator
    ("把握首都城市战略定位 服务保障首都功能"), so it stays.
    """
    line = line.strip()

    def repl(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if is_wide(a) and is_wide(b) and heading_like and not (a in "（“" or b in "）”，。"):
            return a + " " + b
        if is_wide(a) or is_wide(b):
            return a + b
        return a + " " + b

    prev = None
    while prev != line:
        prev = line
        line = re.sub(r"(\S) +(\S)", repl, line)
    return line


# ---------------------------------------------------------------- repairs that are guesses


def repair_line(line: str, warnings: list[str]) -> str:
    """The line-level OCR repairs named in cleaning.toml's `repairs` (each a guess, each warned)."""
    on = rules().repairs
    fixed = re.sub(r"^[一－\-]{2}(?=\d{4}年)", "——", line) if "ocr_dash_before_date" in on else line
    if fixed != line:
        warnings.append(f"read OCR dash '{line[:2]}' before a date as '——'")
        line = fixed
    m = re.match(r"^(20\d{2}|19\d{2})([1-9]\d{0,2})(项|个|家|件)", line) if "year_fused_to_count" in on else None
    if m:
        warnings.append(
            f"split year fused to a count: '{m.group(0)}' read as '{m.group(1)}年 {m.group(2)}{m.group(3)}'"
        )
        line = f"{m.group(1)}年{line[4:]}"
    return line


def close_open_parenthesis(par: str, warnings: list[str]) -> str:
    """Web tables lose the ')' of a unit: "增速(%" -> "增速（%）" (repair `unit_parenthesis`)."""
    if "unit_parenthesis" not in rules().repairs:
        return par
    opened = par.rfind("（")
    if opened >= 0 and opened > par.rfind("）") and re.fullmatch(r"[%‰/A-Za-z0-9.\u4e00-\u9fff]{1,6}", par[opened + 1 :]):
        warnings.append(f"closed a parenthesis left open: '{par[max(0, opened - 8):]}' + '）'")
        return par + "）"
    return par


ADJACENT_REPEAT = re.compile(r"(\D{6,40}?)\1")  # never a run with digits: figures are not touched


def drop_adjacent_repeats(par: str, warnings: list[str]) -> str:
    if "adjacent_repeats" not in rules().repairs:
        return par
    """OCR sometimes doubles a phrase in place ("…能力…能力"); drop the copy, say so."""

    def drop(m: re.Match) -> str:
        warnings.append(f"dropped an OCR-repeated phrase: '{m.group(1)}'")
        return m.group(1)

    return ADJACENT_REPEAT.sub(drop, par)


def flag_repeats(par: str, index: int, warnings: list[str], size: int = 14) -> None:
    """A 14-character run found twice in one paragraph is likely an OCR repeat or scramble."""
    seen: dict[str, int] = {}
    for i in range(len(par) - size + 1):
        gram = par[i : i + size]
        if gram in seen and i - seen[gram] >= size:
            warnings.append(f"paragraph {index + 1}: phrase '{gram}' repeats (possible OCR repeat or scramble); kept as is")
            return
        seen.setdefault(gram, i)


# ---------------------------------------------------------------- lines -> paragraphs


def hard_wrap_width(lines: list[str]) -> int | None:
    """PDF text breaks lines at one page width: if most lines share it, return it."""
    widths = [w for w in map(display_width, lines) if w >= 20]
    if len(widths) < 10:
        return None
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    mode = max(counts, key=lambda w: (counts[w], w))
    near = sum(1 for w in widths if mode - 6 <= w <= mode + 4)  # punctuation made wide can lengthen a line
    return mode if near >= 8 and near / len(widths) >= 0.4 and mode <= 120 else None


def starts_block(line: str) -> bool:
    return any(p.search(line) for p in rules().block_start)


TITLE_END = re.compile(r"(报告|公报|情况|通知|决定|纪要|简报|通报|数据)[）)]?$")  # a whole title line: do not glue the text to it


NUMBER_TAIL = re.compile(r"^(?:万亿|亿|万|千)?(?:元|美元|%|％|平方米|平方公里|公顷|人次|人|户|家|个|项|件|吨)")


def should_join(prev: str, cur: str, width: int | None, first: bool) -> bool:
    """Glue cur to prev when prev was cut by a line break, not ended by the writer."""
    if prev.startswith("——") and not starts_block(cur) and not re.search(f"[上{TERMINAL}]$", prev) and display_width(cur) <= 40:
        return True  # "——2021年12月13日在…第十七届" + "人民代表大会第一次会议上"
    if first and width is not None and not starts_block(cur) and prev[-1] not in TERMINAL and not TITLE_END.search(prev):
        return display_width(prev) >= 20  # a centred title over several lines
    if width is not None and prev and prev[-1] in "；：" and not starts_block(cur):
        return display_width(prev) >= width - 6  # a full-width line ending in ；/： goes on
    if prev and prev[-1].isdigit() and NUMBER_TAIL.match(cur) and not starts_block(cur):
        return True  # '…固定资产投资完成163.3' + '亿元、增长1.7%': a figure cut from its unit
    if not prev or prev[-1] in TERMINAL or prev.endswith(("。”", "！”", "？”")) or starts_block(cur):
        return False
    if width is not None:
        return display_width(prev) >= width - 6
    if not (is_cjk(prev[-1]) and is_cjk(cur[0])):
        return False
    # long line cut mid-sentence, or a line that opens with a 1-3 character clause ("程、实施…")
    return display_width(prev) >= 60 or (not starts_block(prev) and bool(re.match(f"^[{CJK}]{{1,3}}[，、；。]", cur)))


def join_lines(lines: list[str], width: int | None, warnings: list[str]) -> list[str]:
    paragraphs: list[str] = []
    last = ""
    for line in lines:
        if paragraphs and should_join(last, line, width, first=len(paragraphs) == 1):
            if width is None:
                warnings.append(f"re-joined a paragraph broken after '…{last[-6:]}'")
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        last = line
    return paragraphs


# ---------------------------------------------------------------- chrome


CHROME_MAX = 200  # a chrome line is short: a long line that mentions 'ICP备' is still text


def split_chrome(lines: list[str], warnings: list[str]) -> tuple[list[str], list[str]]:
    r = rules()
    chrome: list[str] = []
    top_end = 0
    for i, line in enumerate(lines[:15]):
        if len(line) <= CHROME_MAX and any(p.search(line) for p in r.top_marker):
            top_end = i + 1
    chrome.extend(lines[:top_end])
    body_lines = lines[top_end:]
    for i, line in enumerate(body_lines):
        if len(line) <= CHROME_MAX and any(p.search(line) for p in r.bottom_marker):
            chrome.extend(body_lines[i:])
            body_lines = body_lines[:i]
            break
    body: list[str] = []
    for line in body_lines:
        m = r.glued_meta.match(line)
        if m and len(line) > m.end():
            warnings.append(f"split '{m.group(0)}' off the paragraph it was glued to")
            chrome.append(m.group(0))
            line = line[m.end() :]
        if len(line) <= CHROME_MAX and any(p.search(line) for p in r.chrome_line):
            chrome.append(line)
        else:
            body.append(line)
    if chrome:
        warnings.append(f"set aside {len(chrome)} lines of web chrome")
    return body, chrome


TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_DEBRIS = re.compile(rf"(?<=[{CJK}])[(（]([a-zü{TONE_VOWELS}]{{1,7}})[)）]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
DOUBLE_POINT = re.compile(r"(?<![\d.])(\d+\.\d+)\.(?=%)")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str, warnings: list[str]) -> str:
    """Traditional characters -> simplified (OpenCC), and the pinyin a converter left behind
    ('區(qū)' -> '区'); both written down as warnings."""
    debris = PINYIN_DEBRIS.findall(text)
    if debris:
        text = PINYIN_DEBRIS.sub("", text)
        warnings.append(f"dropped {len(debris)} pinyin annotations left by a character converter (e.g. '({debris[0]})')")
    converted = _t2s().convert(text)
    if converted != text:
        changed = sum(1 for a, b in zip(text, converted) if a != b)
        warnings.append(f"converted {changed} traditional characters to simplified")
    return converted


def repair_figures(text: str, warnings: list[str]) -> str:
    """Source typos in figures that can be read one way only: '4.1.%' -> '4.1%'."""
    found = DOUBLE_POINT.findall(text)
    if found:
        warnings.append(f"read the figure typo '{found[0]}.%' as '{found[0]}%' ({len(found)} such)")
        text = DOUBLE_POINT.sub(r"\1", text)
    return text


def clean(text: str) -> CleanText:
    """The whole cleaner: raw text in, paragraphs (one per logical paragraph) out."""
    warnings: list[str] = []
    r = rules()
    lines: list[str] = []
    footers = 0
    text = text.replace("\f", "\n").replace("\v", "\n")  # page and line breaks of PDF text
    controls = len(CONTROL.findall(text))
    if controls:
        text = CONTROL.sub("", text)
        warnings.append(f"dropped {controls} control or zero-width characters")
    text = to_simplified(text, warnings)
    cell_lines: list[str] = []
    for raw in text.split("\n"):
        line = strip_markdown(normalise_chars(raw)).strip()
        if not line:
            continue
        cell_lines.append(line)
        if any(p.match(line) for p in r.page_footer):
            footers += 1
            continue
        heading_like = display_width(line) <= 40 and line[-1] not in TERMINAL
        line = squeeze_spaces(line, heading_like)
        if line:
            lines.append(repair_figures(repair_line(line, warnings), warnings))
    if footers:
        warnings.append(f"dropped {footers} page footer lines")
    lines, chrome = split_chrome(lines, warnings)
    width = hard_wrap_width(lines)
    if width is None:  # a web table line lost its ')'; in wrapped PDF text a '(' may close on the next line
        lines = [close_open_parenthesis(line, warnings) for line in lines]
    paragraphs = join_lines(lines, width, warnings)
    paragraphs = [drop_adjacent_repeats(p, warnings) for p in paragraphs]
    if width is not None:
        paragraphs = [close_open_parenthesis(p, warnings) for p in paragraphs]
    for i, par in enumerate(paragraphs):
        flag_repeats(par, i, warnings)
    return CleanText(paragraphs=paragraphs, lines=lines, chrome=chrome, warnings=warnings, cell_lines=cell_lines)


def text_document(text: str, format: str = "text") -> "SourceDocument":
    """Running text (plain text, Markdown, a PDF's text layer) -> a SourceDocument: one
    paragraph block per re-joined paragraph, the web chrome set aside as furniture, and the
    lines kept for tables that text flattened."""
    from reporter.source import Block, SourceDocument

    cleaned = clean(text)
    blocks = [Block("furniture", line) for line in cleaned.chrome]
    blocks += [Block("paragraph", par) for par in cleaned.paragraphs]
    for i, block in enumerate(blocks):
        block.index = i
    return SourceDocument(blocks, format, {}, cleaned.warnings, cleaned.lines, cleaned.cell_lines)


def tidy_line(line: str, warnings: list[str]) -> str:
    """One line of a format that knows its paragraphs: characters and spaces as in running text."""
    line = normalise_chars(line).strip()
    if not line:
        return ""
    heading_like = display_width(line) <= 40 and line[-1] not in TERMINAL
    return repair_figures(squeeze_spaces(line, heading_like), warnings)


def tidy_document(doc: "SourceDocument") -> "SourceDocument":
    """A document whose reader knew its paragraphs and tables (Word, a web page): the same
    characters, spaces and script as the cleaner gives running text, lines never re-joined;
    a block matching a chrome rule of cleaning.toml becomes furniture."""
    warnings = doc.warnings
    chrome = rules().chrome_line
    converted = [0]

    def simple(text: str) -> str:
        text = CONTROL.sub("", text)
        out = _t2s().convert(text) if text else text
        converted[0] += sum(1 for a, b in zip(text, out) if a != b)
        return out

    for block in doc.blocks:
        if block.kind == "table":
            block.rows = [["".join(tidy_line(part, warnings) for part in simple(c).split("\n")) for c in row] for row in block.rows]
            block.text = tidy_line(simple(block.text), warnings)
            continue
        block.text = "".join(tidy_line(part, warnings) for part in simple(block.text).split("\n"))
        block.page_starts = [(page, tidy_line(simple(opening), warnings)) for page, opening in block.page_starts]
        if block.kind != "furniture" and len(block.text) <= CHROME_MAX and any(p.search(block.text) for p in chrome):
            block.kind = "furniture"
    if converted[0]:
        warnings.append(f"converted {converted[0]} traditional characters to simplified")
    doc.blocks = [b for b in doc.blocks if b.text or b.rows]
    return doc
