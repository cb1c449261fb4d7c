"""Sentences and clauses: how a paragraph is cut, where a figure's clause starts, and the
registry's word lists a decider looks for in them.

Every loop here runs once over a bounded piece of text: a paragraph is cut into sentences
of at most MAX_SENTENCE characters, and a clause looks back at most MAX_CLAUSE characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reporter.parse.numbers import NumberSpan, units
from reporter.registry import registry

MAX_SENTENCE = 400  # a longer run is cut at ；, then ，, then anywhere outside a number
MAX_CLAUSE = 48  # how far back from a figure its name may stand
MAX_QUOTE = 120
CLAUSE_BREAK = re.compile(r"[，。；：、！？]")
SENTENCE = re.compile(r"[^。！？]*[。！？]?")


@dataclass(frozen=True)
class Figure:
    """A figure where it stands: its sentence, where its clause starts (cstart; the figure itself
    when a 分别 list gave the clause), the clause before it, and the words since the previous figure."""

    span: NumberSpan
    sentence: str
    floor: int  # the end of the previous figure: nothing before it belongs to this one
    cstart: int
    clause: str
    since_prev: str
    dimension: str

    @classmethod
    def at(cls, span: NumberSpan, sentence: str, floor: int, verb: str | None) -> "Figure":
        """verb: the words after 分别 when the subject was given by a list (they are the clause)."""
        cstart = clause_start(sentence, span.start, floor)
        clause = sentence[cstart : span.start]
        since_prev = sentence[max(floor, span.start - MAX_CLAUSE) : span.start]
        if verb is not None:
            clause, cstart = verb, span.start
        return cls(span, sentence, floor, cstart, clause, since_prev, units().units[span.unit].dimension)


def words_of(key: str) -> tuple[str, ...]:
    return tuple(registry().words.get(key, ()))


def has_any(text: str, key: str) -> bool:
    return any(w in text for w in words_of(key))


def sentences(par: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a paragraph, none longer than MAX_SENTENCE."""
    out: list[tuple[int, str]] = []
    for m in SENTENCE.finditer(par):
        if m.end() == m.start():
            continue
        _cut(par, m.start(), m.end(), out)
    return out


def _cut(text: str, start: int, end: int, out: list[tuple[int, str]]) -> None:
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = -1
        for marks in ("；", "，、：", ""):
            if marks:
                cut = max(window.rfind(c) for c in marks)
                if cut > MAX_SENTENCE // 4:
                    cut += 1
                    break
            else:  # no punctuation at all: cut where no figure is split
                cut = MAX_SENTENCE
                while cut > MAX_SENTENCE // 2 and (window[cut - 1 : cut + 1].strip("0123456789.%,万亿元") == "" or window[cut - 1].isdigit()):
                    cut -= 1
        out.append((start, text[start : start + cut]))
        start += cut
    if text[start:end].strip():
        out.append((start, text[start:end]))


def clause_start(sentence: str, pos: int, floor: int) -> int:
    lo = max(floor, pos - MAX_CLAUSE)
    start = lo
    for m in CLAUSE_BREAK.finditer(sentence, lo, pos):
        start = m.end()
    return start


def clause_after(sentence: str, span: NumberSpan, width: int = 12) -> str:
    """The words right after a figure, up to the end of its clause."""
    after = sentence[span.end : span.end + width]
    m = CLAUSE_BREAK.search(after)
    return after[: m.start()] if m else after


def skip_span(sentence: str, span: NumberSpan) -> bool:
    """A range ('3560-3570', '8.1-8.6'), part of a ratio (0.04:15.88) or a date is no figure."""
    before = sentence[max(0, span.start - 2) : span.start]
    if re.search(r"\d[-—~－至]$", before) or re.search(r"\d[:：]$", before):
        return True
    after = sentence[span.end : span.end + 2]
    if span.unit == "%" and re.match(r"[-—~－至]\d", after):
        return True
    return False
