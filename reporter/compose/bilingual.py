"""Words and figures for a bilingual product, each from a known source, never guessed.

English comes from three places only: the English message catalogue (fixed phrases, qualifiers
and unit words), the term base (names, by tier: official and reviewed print plainly, a draft
prints marked and is listed for review) and the data (numbers, years). A Lexicon records every
term a product asked for, so coverage, `terms missing` and `terms review` are counts of real
needs. Figures convert with Decimal arithmetic: 5007.3亿元 is exactly 500.73 billion yuan.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reporter.i18n import Messages
from reporter.termbase import TermBase

TEN_THOUSAND = Decimal(10000)
MILLION = Decimal(1_000_000)
HUNDRED_MILLION = Decimal(100_000_000)


@dataclass(frozen=True)
class Part:
    """A piece of a sentence in the target language; zh=True marks a term shown in Chinese (no entry
    at all), draft=True a draft name (printed in italics with the mark, listed for review)."""

    text: str
    zh: bool = False
    draft: bool = False


@dataclass
class Need:
    zh: str
    category: str
    uses: int = 0
    en: str | None = None  # the name printed (any tier)
    status: str | None = None  # official | reviewed | draft | None (no entry)

    @property
    def covered(self) -> bool:
        return self.status in ("official", "reviewed")


@dataclass
class Lexicon:
    """The term base as a product sees it, in one language, and a record of every need."""

    base: TermBase
    needs: dict[str, Need] = field(default_factory=dict)
    lang: str = "en"

    def need(self, zh: str, category: str) -> Need:
        need = self.needs.get(zh)
        if need is None:
            entry = self.base.best(zh, self.lang)
            need = self.needs[zh] = Need(zh, category, en=entry.en if entry else None,
                                         status=entry.status if entry else None)
        need.uses += 1
        return need

    def en(self, zh: str, category: str) -> str | None:
        """The official or reviewed name, or None (a draft does not count here)."""
        need = self.need(zh, category)
        return need.en if need.covered else None

    def name(self, zh: str, category: str) -> Part:
        """A name: official/reviewed plainly, a draft marked, else the Chinese with the awaiting mark."""
        need = self.need(zh, category)
        if need.en is None:
            return Part(zh, zh=True)
        return Part(need.en, draft=not need.covered)

    def missing(self) -> list[Need]:
        """Terms with no entry at all (shown in Chinese)."""
        return [n for n in self.needs.values() if n.en is None]

    def drafts(self) -> list[Need]:
        """Terms printed from a draft entry: what `terms review` walks."""
        return [n for n in self.needs.values() if n.en is not None and not n.covered]

    def coverage(self) -> tuple[int, int]:
        """(terms with official or reviewed English, terms asked for)."""
        return sum(1 for n in self.needs.values() if n.covered), len(self.needs)


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 6E+2 -> '600', 500.730 -> '500.73'."""
    d = value.normalize()
    if d.as_tuple().exponent > 0:
        d = d.quantize(Decimal(1))
    return f"{d:f}"


def grouped(value: Decimal) -> str:
    """English digits with thousands separators: 96000 -> '96,000'."""
    d = Decimal(plain(value))
    return f"{d:,f}"


def zh_figure(value: Decimal, unit: str) -> str:
    """A figure as Chinese text writes it: large plain counts and areas in 万 (100000平方米 -> 10万平方米)."""
    if unit in ("平方米", "", "个", "人", "家", "项", "套") and abs(value) >= TEN_THOUSAND:
        return f"{plain(value / TEN_THOUSAND)}万{unit}"
    return f"{plain(value)}{unit}"


def en_figure(value: Decimal, unit: str, en: Messages, table: bool = False) -> str | None:
    """A figure in English convention, or None when no rule covers the unit (never a guess).

    Running text converts 亿元 to billion (or trillion) yuan; tables keep '100 million yuan'.
    """
    t = en.t
    if unit in ("亿元", "万亿元"):
        yuan = value * (HUNDRED_MILLION if unit == "亿元" else HUNDRED_MILLION * TEN_THOUSAND)
        if table and unit == "亿元":
            return t("summary_unit_100m_yuan", value=grouped(value))
        if yuan >= MILLION * MILLION:
            return t("summary_unit_trillion_yuan", value=grouped(yuan / (MILLION * MILLION)))
        return t("summary_unit_billion_yuan", value=grouped(yuan / (MILLION * 1000)))
    if unit in ("元", "万元"):
        yuan = value * (TEN_THOUSAND if unit == "万元" else 1)
        return _big(yuan, "summary_unit_yuan", "summary_unit_million_yuan", en)
    if unit == "万元/人":
        return t("summary_unit_yuan_per_person", value=grouped(value * TEN_THOUSAND))
    if unit == "%":
        return t("summary_unit_percent", value=grouped(value))
    if unit == "个百分点":
        return t("summary_unit_points", value=grouped(value))
    if unit == "微克/立方米":
        return t("summary_unit_ugm3", value=grouped(value))
    if unit in ("平方米", "万平方米"):
        area = value * (TEN_THOUSAND if unit == "万平方米" else 1)
        return _big(area, "summary_unit_m2", "summary_unit_million_m2", en)
    if unit in ("万人", "人"):
        people = value * (TEN_THOUSAND if unit == "万人" else 1)
        return _big(people, "summary_unit_count", "summary_unit_million", en)
    if unit in ("", "家", "个", "项", "张", "件"):
        return _big(value, "summary_unit_count", "summary_unit_million", en)
    return None


def _big(value: Decimal, small_key: str, million_key: str, en: Messages) -> str:
    """Counts of a million and more in millions (12440000 -> 12.44 million), else grouped digits."""
    if abs(value) >= MILLION:
        return en.t(million_key, value=grouped(value / MILLION))
    return en.t(small_key, value=grouped(value))
