"""Report metadata from the text's own signals: title, kind, issuer, dates, periods.

A sidecar <file>.meta.toml overrides any field the text cannot tell (004 has no date).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reporter.errors import UserError
from reporter.model import REPORT_KINDS

TITLE_WORDS = re.compile(r"报告|计划|公报|情况|简报|通报")
POSTS = r"(?:区长|副区长|主任|副主任|局长|副局长|市长|主席|书记|负责人)"


@dataclass
class Metadata:
    title: str
    kind: str
    issuer: str | None
    delivered: str | None
    published: str | None
    review_periods: list[str]
    plan_year: int | None
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def kind_rules() -> dict:
    return tomllib.loads(resources.files("reporter.data").joinpath("kinds.toml").read_text("utf-8"))


def _date(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def find_title(paragraphs: list[str], chrome: list[str]) -> str | None:
    """The first short line that names a report; a web page keeps it in its header."""
    for par in paragraphs[:4]:
        if len(par) <= 80 and TITLE_WORDS.search(par) and not re.search("[，。；]|^——|^一、", par):
            return par
    for line in chrome:
        if 8 <= len(line) <= 80 and TITLE_WORDS.search(line) and "：" not in line:
            return line
    return None


def find_kind(title: str | None, chrome: list[str]) -> str:
    rules = kind_rules()
    if title:
        for rule in rules["title_rule"]:
            if re.search(rule["pattern"], title):
                return rule["kind"]
    if any(re.search(rules["news"]["chrome"], line) for line in chrome):
        return "news"
    return "other"


def find_delivered(paragraphs: list[str]) -> str | None:
    """'——2024年1月9日在…会议上': the day the report was delivered."""
    for par in paragraphs[:8]:
        m = re.match(r"^——\s*(\d{4})年(\d{1,2})月(\d{1,2})日", par)
        if m:
            return _date(*m.groups())
    return None


def find_published(chrome: list[str]) -> str | None:
    for line in chrome:
        m = re.search(r"(?:发布时间|时间|日期)[：:]\s*(\d{4})-(\d{1,2})-(\d{1,2})", line)
        if m:
            return _date(*m.groups())
    return None


def find_issuer(paragraphs: list[str], chrome: list[str]) -> str | None:
    for par in paragraphs[:8]:
        m = re.search(rf"(?:会议上)?([\u4e00-\u9fff]{{4,30}}?){POSTS}[\s\u4e00-\u9fff]{{0,6}}$", par)
        if m and not par.startswith("各位"):
            issuer = re.sub(r"^.*会议上", "", m.group(1))
            if len(issuer) >= 4:
                return issuer
    for line in chrome:
        m = re.match(r"^来源[：:]\s*(\S+)", line)
        if m:
            return m.group(1)
    m = re.match(r"^(?:关于)?((?:北京市)?[\u4e00-\u9fff]{2,4}区)", paragraphs[0] if paragraphs else "")
    return m.group(1) if m else None


def find_periods(title: str | None, paragraphs: list[str], delivered: str | None) -> tuple[list[str], int | None]:
    """Review year(s) and plan year from the title, headings and target sentences."""
    review: int | None = None
    plan: int | None = None
    head = title or ""
    m = re.search(r"(\d{4})年度", head) or re.search(r"(\d{4})年.{0,20}?(?:执行情况|完成情况|工作回顾)", head)
    if m:
        review = int(m.group(1))
    m = re.search(r"与(\d{4})年.{0,20}计划", head)
    if m:
        plan = int(m.group(1))
    for par in paragraphs:
        if len(par) > 60:
            if plan is None:
                m = re.search(r"(\d{4})年[^。]{0,20}?主要(?:预期)?目标", par)
                if m:
                    plan = int(m.group(1))
            continue
        if review is None:
            m = re.search(r"(\d{4})年(?:工作回顾|.{0,20}?执行情况)", par)
            if m:
                review = int(m.group(1))
        if plan is None:
            m = re.search(r"(\d{4})年(?:主要任务|.{0,20}?(?:目标任务|工作安排|发展目标))", par)
            if m:
                plan = int(m.group(1))
    if review is None and plan is not None:
        review = plan - 1
    if review is None and delivered:
        year, month = int(delivered[:4]), int(delivered[5:7])
        review = year - 1 if month <= 6 else year
    periods = [str(review)] if review else []
    if review:
        span = five_year_span(review, "".join(paragraphs))
        if span:
            periods.append(span)
    return periods, plan


def five_year_span(review: int, text: str) -> str | None:
    """A report looks back five years if it says so, or names a plan period ending in its year."""
    if re.search(r"过去五年|五年来|五年间", text):
        return f"{review - 4}-{review}"
    for name, span in kind_rules()["plan_periods"].items():
        if span.endswith(str(review)) and name in text:
            return span
    return None


def read_sidecar(path: Path) -> dict:
    """<file>.meta.toml beside the source (or the one stored with the report), its values checked
    and normalised by the reader layer."""
    from reporter.readers import load_sidecar

    return load_sidecar(path)


def detect(paragraphs: list[str], chrome: list[str], path: Path) -> Metadata:
    warnings: list[str] = []
    title = find_title(paragraphs, chrome)
    kind = find_kind(title, chrome)
    delivered = find_delivered(paragraphs)
    published = find_published(chrome)
    review, plan = find_periods(title, paragraphs, delivered or published)
    if title is None:
        first = re.split(r"[。！？]", paragraphs[0])[0] if paragraphs else path.stem
        title = first[:40]
        warnings.append(f"no title line in the text; used the opening words '{title}'")
    if not delivered and kind != "news":
        warnings.append("no delivery date in the text (a <file>.meta.toml can give one)")
    meta = Metadata(title, kind, find_issuer(paragraphs, chrome), delivered, published, review, plan, warnings)
    for key, value in read_sidecar(path).items():
        if not hasattr(meta, key) or key == "warnings":
            raise UserError(f"{path.name}.meta.toml: unknown field '{key}'")
        if key == "kind" and value not in REPORT_KINDS:
            raise UserError(f"{path.name}.meta.toml: kind must be one of {', '.join(REPORT_KINDS)}")
        setattr(meta, key, value)
    return meta
