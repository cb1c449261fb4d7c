"""The summary's sentence parts: a Row in both languages, and Phrasing — both catalogues and the
lexicon, which every sentence builder of compose/summary.py uses — with the qualifier forms and
the indicator names each English sentence is assembled from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from reporter.compose.bilingual import Lexicon, Part, en_figure
from reporter.errors import UserError
from reporter.i18n import Messages
from reporter.model import Fact
from reporter.registry import registry

# how a qualifier code is worded, by the words the figure's own text uses (first hit wins)
QUALIFIER_WORDS = {
    "approx": ("左右", "约", "近"),
    "at_least": ("突破", "超过", "以上", "不少于", "余"),
    "at_most": ("以内", "不超过"),
    "estimated": ("预计",),
    "in_line": ("基本同步", "同步"),
}
DEFAULT_WORD = {"approx": "约", "at_least": "以上", "at_most": "以内", "estimated": "预计", "in_line": "同步"}
# the English form (catalogue key summary_q_<form>) of each Chinese qualifier word the sources use
QUALIFIER_FORM = {"预计": "estimated", "约": "about", "左右": "about", "近": "almost", "余": "over", "超过": "over",
                  "以上": "at_least", "不少于": "at_least", "以内": "within", "不超过": "within", "突破": "exceeded",
                  "基本同步": "in_line_basic", "同步": "in_line"}
VERB_WORDS = ("突破",)  # qualifiers that are the sentence's verb ("exceeded"), not a prefix
AFTER_FIGURE = ("左右", "以上", "以内", "余")  # Chinese puts these after the figure


@dataclass
class Row:
    """One line of the summary in both languages; en None = left out of the English side."""

    zh: str
    en: list[Part] | None
    facts: list[Fact] = field(default_factory=list)  # cited on both sides (footnotes like the brief)
    notes: list[str] = field(default_factory=list)  # further footnotes: a plan table's words, quoted


@dataclass
class Block:
    key: str
    heading_zh: str
    heading_en: str
    rows: list[Row] = field(default_factory=list)
    empty_zh: str = ""
    empty_en: str = ""


@dataclass
class Phrasing:
    """Both catalogues and the lexicon: what every sentence builder needs."""

    zh: Messages
    en: Messages
    lex: Lexicon
    dropped: int = 0
    notes: Messages | None = None  # the footnotes' language (the page's: Chinese unless English alone)

    def row(self, zh: str, en: list[Part] | None, facts: list[Fact] | None = None,
            notes: list[str] | None = None) -> Row:
        if en is None:
            self.dropped += 1
        return Row(zh, en, [f for f in facts or [] if f is not None], notes or [])

    def sentence(self, key: str, **slots: Part | str) -> list[Part]:
        """An English catalogue pattern with its slots filled: Parts keep their Chinese marks."""
        pattern = self.en.t(key)
        parts: list[Part] = []
        for piece in re.split(r"(\{\w+\})", pattern):
            if piece.startswith("{") and piece.endswith("}"):
                value = slots.get(piece[1:-1])
                if value is None:
                    raise UserError(f"messages/en.toml: {key}: placeholder {piece} has no value here")
                filled = value if isinstance(value, list) else [value if isinstance(value, Part) else Part(value)]
                parts.extend(_cased(filled, "".join(p.text for p in parts)))
            elif piece:
                parts.append(Part(piece))
        return _joined(parts)


SENTENCE_CASE = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*(?: (?:[a-z0-9][\w.-]*|[A-Z0-9.]{2,}|\([^)]*\)))*")


def _cased(filled: list[Part], before: str) -> list[Part]:
    """A name as its place in the sentence wants it: a list item or sentence starts with a capital;
    after an article a sentence-case name ('Fixed-asset investment growth', one capital, no
    proper noun) is lower-cased; names with more capitals (Gross Regional Product) stay as written."""
    if not filled or filled[0].zh:
        return filled
    first = filled[0]
    if not before.strip() and first.text[:1].islower():
        return [replace(first, text=first.text[0].upper() + first.text[1:]), *filled[1:]]
    if before.endswith(("the ", "of ")) and SENTENCE_CASE.fullmatch(first.text):
        return [replace(first, text=first.text[0].lower() + first.text[1:]), *filled[1:]]
    return filled


def _joined(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for p in parts:
        if out and not (p.zh or p.draft or out[-1].zh or out[-1].draft):
            out[-1] = Part(out[-1].text + p.text)
        elif p.text:
            out.append(p)
    return out


# ---------------------------------------------------------------- choosing the report


def qualifier_word(qualifier: str, text: str) -> str | None:
    """The Chinese qualifier a figure carries (突破, 左右, 以上 …), from its own words."""
    if qualifier not in QUALIFIER_WORDS:
        return None
    for word in QUALIFIER_WORDS[qualifier]:
        if word in text:
            return word
    return DEFAULT_WORD[qualifier]


def indicator_name(ph: "Phrasing", indicator: str | None, fallback: str) -> list[Part]:
    """An indicator's English: its own approved name, else '<approved level name> growth' for a
    growth rate, else the Chinese with the awaiting mark."""
    zh = indicator_zh(indicator, fallback)
    base = indicator.removesuffix("_growth") if indicator and indicator.endswith("_growth") else None
    if base and registry().get(base) and ph.lex.base.english(zh) is None and ph.lex.base.english(registry().get(base).zh):
        return ph.sentence("summary_growth_name", name=ph.lex.name(registry().get(base).zh, "indicator"))
    return [ph.lex.indicator(indicator, fallback)]


def restricted_name(ph: "Phrasing", indicator: str | None, name_zh: str) -> list[Part]:
    """An indicator's name with the restriction the report's own name puts before it
    (非历史文化街区地区 + 公园绿地500米服务半径覆盖率): the restriction is a term, never dropped."""
    base = indicator_name(ph, indicator, name_zh)
    registered = indicator_zh(indicator, name_zh)
    scope = name_zh[: -len(registered)] if registered != name_zh and name_zh.endswith(registered) else ""
    if not scope:
        return base
    return ph.sentence("summary_restricted", name=base, scope=ph.lex.name(scope, "scope"))


def indicator_zh(indicator: str | None, fallback: str) -> str:
    ind = registry().get(indicator)
    return ind.zh if ind else fallback


def _zh_with_word(raw: str, word: str | None) -> str:
    """The figure as the report wrote it, with its qualifier word added where the words lack it."""
    if not word or word in raw:
        return raw
    return raw + word if word in AFTER_FIGURE else word + raw


def qualified(ph: Phrasing, figure: str, word: str | None) -> str:
    """The figure with its qualifier's English form: 'about 5%', 'an estimated 1,070 billion yuan'."""
    form = QUALIFIER_FORM.get(word or "")
    if form is None or word in VERB_WORDS or form.startswith("in_line"):
        return figure
    return ph.en.t(f"summary_q_{form}", figure=figure)


def _figure_parts(ph: Phrasing, value: Decimal, unit: str, word: str | None) -> tuple[list[Part] | None, str | None]:
    """(English figure with its qualifier, English verb) or (None, None) when no unit rule covers it."""
    figure = en_figure(value, unit, ph.en)
    if figure is None:
        return None, None
    verb = ph.en.t("summary_verb_exceeded" if word in VERB_WORDS else "summary_verb_reached")
    return [Part(qualified(ph, figure, word))], verb
