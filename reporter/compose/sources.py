"""How products name their sources: a short title, the date and the section, never a file name.

The file name (and never a path) appears only in the appendix's list of sources, where a reader
who wants to check the original needs it. Words come from the message catalogue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from reporter import confidence
from reporter.i18n import Messages
from reporter.model import Fact, Report

SECTION_NUMBER = re.compile(r"^\s*((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）)|(?:\d+[.．、]))")
SHORT_TITLE_MAX = 16
SECTION_TITLE_MAX = 12
QUOTE_CONTEXT = 40  # characters each side of the figure in a footnote; the appendix's xlsx keeps the whole


def short_title(report: Report, t: Messages) -> str:
    """'2021年计划执行报告' for the long official title; the kind's words from the catalogue."""
    year = report.review_year if report.kind in ("plan_report", "performance_report", "statistics_release") \
        else report.plan_year
    key = f"source_short_{report.kind}"
    if year and key in t.entries:
        return t(key, year=year)
    title = report.title.strip() or file_name(report)
    return title if len(title) <= SHORT_TITLE_MAX else title[: SHORT_TITLE_MAX - 1] + "…"


def report_date(report: Report) -> str:
    return report.delivered or report.published or ""


def report_label(report: Report, t: Messages) -> str:
    """'2021年计划执行报告（2021-12-13）'."""
    date = report_date(report)
    return t("source_with_date", source=short_title(report, t), date=date) if date else short_title(report, t)


def section_ref(section: str) -> str:
    """'一、执行情况 / （三）抢抓机遇' -> '一（三）'; a path without numbers -> its last title, short."""
    parts = [p.strip() for p in section.split(" / ") if p.strip()]
    numbers = [m.group(1).rstrip("、.．") for p in parts if (m := SECTION_NUMBER.match(p))]
    if numbers:
        return "".join(numbers)
    if not parts:
        return ""
    last = parts[-1]
    return last if len(last) <= SECTION_TITLE_MAX else last[: SECTION_TITLE_MAX - 1] + "…"


def file_name(report: Report) -> str:
    """The source's file name alone: a path on the building machine never reaches an output."""
    return PurePath(report.source.replace("\\", "/")).name


PAGED_FORMATS = ("pdf", "ocr")  # sources whose facts carry the page they were read on


def citation(fact: Fact, report: Report | None, t: Messages) -> str:
    """A footnote's text: short title (date), section, page (a PDF's): “quote”; a web page's
    address after its title."""
    where = report_label(report, t) if report else fact.report_id
    if report is not None and report.url:
        where = t("source_with_url", source=where, url=report.url)
    ref = section_ref(fact.section)
    page = fact.origin.page if report is not None and report.format in PAGED_FORMATS else None
    if page:
        ref = (ref + t("section_sep") if ref else "") + t("source_page", page=page)
    quote = fact.excerpt(QUOTE_CONTEXT) if len(fact.quote) > 2 * QUOTE_CONTEXT + len(fact.raw) else fact.quote
    text = t("citation", source=where, section=(t("section_sep") + ref) if ref else "", quote=quote)
    if confidence.is_low(fact):  # a figure below the threshold: its mark's reason goes with its source
        text += t("low_confidence", mark=confidence.settings()["mark"], reason=confidence.reason(fact))
    return text


def annex_citation(report: Report, year: int, t: Messages) -> str:
    return t("annex_citation", source=report_label(report, t), year=year)


@dataclass
class SourceNames:
    """What templates call to name a source: `sources_named.cite(fact)`, `sources_named.label(id)`."""

    reports: dict[str, Report]
    messages: Messages
    names: object | None = None  # a names store (reporter/names.py) outside Chinese: footnotes name the indicator
    areas: dict[str, str] = field(default_factory=dict)  # report id -> the area said before its name (compare)

    @classmethod
    def of(cls, reports: list[Report], t: Messages) -> "SourceNames":
        return cls({r.id: r for r in reports}, t)

    def cite(self, fact: Fact) -> str:
        """The footnote: source, section and the Chinese quote; in another language with the
        indicator's name in that language beside it."""
        text = self.of_area(fact.report_id, citation(fact, self.reports.get(fact.report_id), self.messages))
        if self.names is None or not fact.indicator:
            return text
        name = self.names.indicator(fact.indicator, fact.label)
        return self.messages.t("citation_named", name=name.text, citation=text)

    def label(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return self.of_area(report_id, report_label(report, self.messages) if report else report_id)

    def of_area(self, report_id: str, text: str) -> str:
        """TEXT naming a report, with the report's area before it where sources of several areas
        are cited together and the report's own name does not say it."""
        area = self.areas.get(report_id)
        return self.messages.t("source_area", area=area, source=text) if area else text

    def short(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return short_title(report, self.messages) if report else report_id

    def annex(self, report_id: str, year: int) -> str:
        return annex_citation(self.reports[report_id], year, self.messages)

    def file(self, report_id: str) -> str:
        report = self.reports.get(report_id)
        return file_name(report) if report else ""
