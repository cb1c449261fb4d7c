"""Words and figures for a bilingual product, each from a known source, never guessed.

English comes from three places only: the English message catalogue (fixed phrases, qualifiers
and unit words), the term base (names, by tier: official and reviewed print plainly, a draft
prints marked and is listed for review) and the data (numbers, years). A Lexicon records every
term a product asked for, so coverage, `terms missing` and `terms review` are counts of real
needs. Figures convert with Decimal arithmetic: 5007.3亿元 is exactly 500.73 billion yuan.
"""
from __future__ import annotations

from decimal import Decimal

from reporter.i18n import Messages
from reporter.names import Names, Need, Part  # noqa: F401  (re-exported: the summary's vocabulary)

TEN_THOUSAND = Decimal(10000)
MILLION = Decimal(1_000_000)
HUNDRED_MILLION = Decimal(100_000_000)


Lexicon = Names  # the summary's name for the names store (reporter/names.py)


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
