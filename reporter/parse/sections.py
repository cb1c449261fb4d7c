"""Paragraphs -> section tree: 一、/（一）/1. headings, short topic lines, and topic-sentence leads."""
from __future__ import annotations

import re

from reporter.model import Section
from reporter.themes import themes

LEVEL_PATTERNS = (
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^(\d{1,2})[.．、](?!\d)")),
)
LEAD_MAX = 26  # a topic sentence is short: "中央政务服务保障水平稳步提升。"
ANNEX = re.compile(r"^附件\s*[：:\d]")


def theme_tags(text: str) -> list[str]:
    scores = [(sum(text.count(k) for k in t.keywords), -i, t.id) for i, t in enumerate(themes())]
    best = max(scores)
    return [best[2]] if best[0] > 0 else []


def split_annex(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The body ends where the annexes (附件：1.…计划表 2.名词解释) begin."""
    for i, par in enumerate(paragraphs):
        if ANNEX.match(par) and i > len(paragraphs) // 3:
            return paragraphs[:i], paragraphs[i:]
    return paragraphs, []


def heading(par: str) -> tuple[int, str, str, str] | None:
    """(level, number, title, rest) if the paragraph opens with a heading."""
    for level, pattern in LEVEL_PATTERNS:
        m = pattern.match(par)
        if not m:
            continue
        head, _, rest = par.partition("。")
        if len(head) > 60 or (level == 3 and not rest and len(par) > 40):
            return None
        number = par[: m.end()].rstrip("、.．")
        return level, number, head[m.end() :].strip(), rest.strip()
    if len(par) <= 30 and not re.search(r"[。！？；：，]", par) and not par.startswith("——"):
        return 0, "", par, ""  # a short topic line: level set by where it stands
    return None


def lead_of(par: str) -> str | None:
    head, sep, rest = par.partition("。")
    if sep and rest and 4 <= len(head) <= LEAD_MAX and not re.search(r"[，、；：]", head):
        return head
    return None


def preamble_length(paragraphs: list[str], title: str) -> int:
    """Title, '——date…' line, speaker line and salutation open a report: not sections."""
    skip = 0
    for i, par in enumerate(paragraphs[:5]):
        if par == title or re.match(r"^——\s*(\d{4}年|20xx年|在)", par) or par.startswith("各位") or re.search(
            r"(区长|主任|局长|市长|主席|书记|负责人)[\s\u4e00-\u9fff]{0,6}$", par
        ) and len(par) <= 40:
            skip = i + 1
    return skip


def build(paragraphs: list[str], skip: int = 0, known: dict[int, int] | None = None) -> list[Section]:
    """Stack the headings into a tree; paragraphs go to the innermost open section. known:
    paragraph index -> level, for headings whose format said so (a Word heading style)."""
    root = Section(number="", title="", level=0)
    stack = [root]
    for i, par in enumerate(paragraphs[skip:], skip):
        found = heading(par)
        if known and i in known:
            found = (known[i], found[1], found[2], found[3]) if found else (known[i], "", par, "")
        if found:
            level, number, title, rest = found
            if level == 0:
                level = 1 if len(stack) == 1 or not any(s.number for s in stack[1:]) else stack[-1].level + 1
            while stack[-1].level >= level:
                stack.pop()
            section = Section(number=number, title=title, level=level)
            stack[-1].children.append(section)
            stack.append(section)
            if rest:
                section.paragraphs.append(rest)
            continue
        lead = lead_of(par)
        if lead and len(stack) > 1:
            parent = stack[-1]
            parent.children.append(Section(number="", title=lead, level=parent.level + 1, paragraphs=[par], is_lead=True))
        else:
            stack[-1].paragraphs.append(par)
    for section in root.walk():
        lead_text = " ".join(c.title for c in section.children if c.is_lead)
        section.themes = theme_tags(section.title + " " + (section.title if section.is_lead else lead_text))
    sections = root.children
    if root.paragraphs:
        sections.insert(0, Section(number="", title="", level=1, paragraphs=root.paragraphs))
    return sections
