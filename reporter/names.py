"""One names store for indicators, areas and terms, keyed by (id, language).

A name in Chinese is the source's own (the registry's zh, the area's, the term itself). In any
other language it comes from the term base by tier: official and reviewed print plainly, a draft
prints marked and is listed for `terms review`; the indicator registry's English (`en`) is a
reviewed name when the term base has none. With no entry at all the Chinese stands, marked, so
nothing is guessed. Every name asked for is recorded (a Need), so coverage, `terms missing` and
`terms review` count what a product really printed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reporter.termbase import TermBase

SOURCE_LANG = "zh"


@dataclass(frozen=True)
class Part:
    """A piece of a sentence in the target language; zh=True marks a term shown in Chinese (no entry
    at all), draft=True a draft name (printed in italics with the mark, listed for review).

    In a template a Part prints as HTML (`__html__`): a draft in <em> with its mark, a Chinese
    term quoted from its source (`span.src lang=zh-CN`) with the awaiting mark; `str()` is the bare text."""

    text: str
    zh: bool = False
    draft: bool = False
    mark: str = ""

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        from markupsafe import escape

        text = escape(self.text)
        mark = f'<sup class="mark">{escape(self.mark)}</sup>' if self.mark else ""
        if self.zh:
            return f'<span class="src" lang="zh-CN">{text}</span>{mark}'
        if self.draft:
            return f'<em class="draft">{text}</em>{mark}'
        return str(text)


@dataclass
class Need:
    zh: str
    category: str
    uses: int = 0
    en: str | None = None  # the name printed (any tier), in the store's language
    status: str | None = None  # official | reviewed | draft | None (no entry)

    @property
    def covered(self) -> bool:
        return self.status in ("official", "reviewed")


@dataclass
class Names:
    """The term base (and the registry's names) as a product sees it, in one language."""

    base: TermBase
    lang: str = "en"
    needs: dict[str, Need] = field(default_factory=dict)
    marks: tuple[str, str] = ("", "")  # (no entry, draft): the catalogue's marks, for Parts printed as HTML

    def need(self, zh: str, category: str, fallback: str | None = None) -> Need:
        need = self.needs.get(zh)
        if need is None:
            entry = self.base.best(zh, self.lang)
            if entry is not None:
                need = Need(zh, category, en=entry.en, status=entry.status)
            elif fallback:
                need = Need(zh, category, en=fallback, status="reviewed")
            else:
                need = Need(zh, category)
            self.needs[zh] = need
        need.uses += 1
        return need

    def en(self, zh: str, category: str) -> str | None:
        """The official or reviewed name, or None (a draft does not count here)."""
        need = self.need(zh, category)
        return need.en if need.covered else None

    def name(self, zh: str, category: str, fallback: str | None = None) -> Part:
        """A name: official/reviewed plainly, a draft marked, else the Chinese with the awaiting mark."""
        if self.lang == SOURCE_LANG:
            return Part(zh)
        need = self.need(zh, category, fallback)
        if need.en is None:
            return Part(zh, zh=True, mark=self.marks[0])
        return Part(need.en, draft=not need.covered, mark="" if need.covered else self.marks[1])

    def indicator(self, indicator_id: str | None, fallback_zh: str) -> Part:
        """An indicator's name in this language: by its registry zh, the registry's en as reviewed."""
        from reporter.registry import registry

        ind = registry().get(indicator_id) if indicator_id else None
        zh = ind.zh if ind else fallback_zh
        return self.name(zh, "indicator", ind.en if ind and self.lang == "en" else None)

    def area(self, name_zh: str) -> Part:
        """An area's name: the term base's, else the areas file's English name as a reviewed one."""
        from reporter.areas import areas

        return self.name(name_zh, "place", (areas().en(name_zh) or None) if self.lang == "en" else None)

    def text(self, zh: str, category: str = "other") -> str:
        """A name as plain text: the Chinese when there is no entry."""
        return self.name(zh, category).text

    def label(self, zh: str, category: str = "other", indicator: str | None = None, fallback: str | None = None):
        """What a product prints: in Chinese the Chinese itself (a str), in another language a Part
        (plain, draft or quoted Chinese; prints as HTML in a template)."""
        if self.lang == SOURCE_LANG:
            return zh
        if indicator is not None:
            return self.indicator(indicator, zh)
        return self.name(zh, category, fallback)

    def missing(self) -> list[Need]:
        """Terms with no entry at all (shown in Chinese)."""
        return [n for n in self.needs.values() if n.en is None]

    def drafts(self) -> list[Need]:
        """Terms printed from a draft entry: what `terms review` walks."""
        return [n for n in self.needs.values() if n.en is not None and not n.covered]

    def coverage(self) -> tuple[int, int]:
        """(terms with official or reviewed names, terms asked for)."""
        return sum(1 for n in self.needs.values() if n.covered), len(self.needs)
