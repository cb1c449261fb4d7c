"""Report metadata from the text's own signals: title, kind, issuer, dates, periods.

A sidecar <file>.meta.toml overrides any field the text cannot tell (004 has no date).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import PurePath

from reporter.datewindow import date_ok, year_window
from reporter.errors import UserError
from reporter.model import REPORT_KINDS
from reporter.settings import per_data

TITLE_WORDS = re.compile(r"报告|计划|公报|情况|简报|通报|数据|主要经济指标")
POSTS = r"(?:区长|副区长|主任|副主任|局长|副局长|市长|主席|书记|负责人)"
ISSUER_TAIL = 80  # longer than any match of the issuer line (会议上 + 30 + a post + 6)


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
    writing_year: int | None = None  # the year the text was written: 今年 is this year, 去年 the one before
    release_months: tuple[int, int] | None = None  # a statistics release's own months (1-9月)
    evidence: list[str] = field(default_factory=list)  # 'stated: …' / 'inferred: …', one per signal used
    area: str | None = None  # the place the report speaks for (reporter/areas.py), a sidecar may say it


@per_data
def kind_rules() -> dict:
    from reporter.datafiles import package_data

    return package_data("kinds.toml", "reporter.parse_schemas:KindsFile", exclude_none=True)


def _date(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def find_title(paragraphs: list[str], chrome: list[str]) -> str | None:
    """The first short line that names a report; a web page keeps it in its header."""
    for par in paragraphs[:8]:
        if len(par) <= 80 and TITLE_WORDS.search(par) and not re.search("[，。；]|^——|^一、|^[（(]?\\d{4}年\\d", par):
            return par
    for line in chrome:
        if 8 <= len(line) <= 80 and TITLE_WORDS.search(line) and "：" not in line:
            return line
    return None


def find_kind(title: str | None, chrome: list[str], paragraphs: list[str] = ()) -> str:
    rules = kind_rules()
    if title:
        for rule in rules["title_rule"]:
            if re.search(rule["pattern"], title):
                return rule["kind"]
    for rule in rules.get("opening_rule", []):  # a heading near the top ("一、主要指标完成情况")
        if any(re.search(rule["pattern"], p[:200]) for p in paragraphs[:12]):
            return rule["kind"]
    if any(re.search(rules["news"]["chrome"], line) for line in chrome):
        return "news"
    return "other"


def _sane(m: re.Match | None, ignored: list[str] | None) -> str | None:
    """The match's date when it is a calendar date in the window (reporter/data/dates.toml); a
    date outside it is noted in IGNORED and not used."""
    if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return None
    return _in_window(_date(*m.groups()), ignored)


def _in_window(found: str | None, ignored: list[str] | None) -> str | None:
    if found is not None and not date_ok(found):
        if ignored is not None:
            ignored.append(found)
        return None
    return found


def find_delivered(paragraphs: list[str], chrome: list[str] = (), ignored: list[str] | None = None) -> str | None:
    """'——2024年1月9日在…会议上': the day the report was delivered (a repost's header may have
    been set aside as chrome: a line there that opens with the dateline counts too)."""
    for par in [*paragraphs[:20], *[c for c in chrome if c.startswith("——")]]:
        m = re.match(r"^(?:——|[（(])\s*(\d{4})年(\d{1,2})月(\d{1,2})日", par) or re.fullmatch(
            r"(\d{4})年(\d{1,2})月(\d{1,2})日", par.strip())
        if found := _sane(m, ignored):
            return found
        collapsed = _in_window(collapsed_date(par.strip()), ignored)
        if collapsed:
            return collapsed
    return None


def collapsed_date(line: str) -> str | None:
    """'2016614' alone on a line: a date whose 年/月/日 were lost with the page's markup. Read
    only when the digits split into exactly one valid month and day."""
    m = re.fullmatch(r"((?:19|20)\d{2})(\d{2,4})", line)
    if not m:
        return None
    rest = m.group(2)
    reads = {(int(rest[:k]), int(rest[k:])) for k in range(1, len(rest)) if rest[k] != "0"
             and not (rest[0] == "0" and k == 1)}
    valid = [(mo, d) for mo, d in reads if 1 <= mo <= 12 and 1 <= d <= 31]
    return _date(m.group(1), str(valid[0][0]), str(valid[0][1])) if len(valid) == 1 else None


def find_published(chrome: list[str], paragraphs: list[str] = (), ignored: list[str] | None = None) -> str | None:
    for line in [*chrome, *[p for p in paragraphs[:12] if len(p) <= 120]]:
        m = re.search(r"(?:发布时间|发稿时间|时间|日期)\s*[：:\]]?\s*(\d{4})-(\d{1,2})-(\d{1,2})", line)
        if found := _sane(m, ignored):
            return found
    return None


def find_issuer(paragraphs: list[str], chrome: list[str]) -> str | None:
    for par in paragraphs[:8]:
        # anchored at the end and at most ~45 characters long: searching the tail finds the same
        # match, where searching a 10 MB paragraph tried the pattern at every character
        m = re.search(rf"(?:会议上)?([\u4e00-\u9fff]{{4,30}}?){POSTS}[\s\u4e00-\u9fff]{{0,6}}$", par[-ISSUER_TAIL:])
        if m and not par.startswith("各位"):
            issuer = re.sub(r"^.*会议上", "", m.group(1))
            if len(issuer) >= 4:
                return issuer
    for line in chrome:
        m = re.match(r"^来源[：:]\s*(\S+)", line)
        if m:
            return m.group(1)
    m = re.match(r"^(?:关于)?((?:[\u4e00-\u9fff]{2,4}市)?[\u4e00-\u9fff]{2,4}区)", paragraphs[0] if paragraphs else "")
    return m.group(1) if m else None


def find_periods(title: str | None, paragraphs: list[str], delivered: str | None,
                 evidence: list[str] | None = None) -> tuple[list[str], int | None]:
    """Review year(s) and plan year from the title, headings and target sentences. `evidence`
    collects one line per signal used, starting 'stated:' (the text names the year) or
    'inferred:' (a default: the delivery month, the work report's naming habit)."""
    ev = evidence if evidence is not None else []
    review: int | None = None
    plan: int | None = None
    head = title or ""
    m = re.search(r"(\d{4})年度", head) or re.search(r"(\d{4})年.{0,20}?(?:执行情况|完成情况|工作回顾|工作总结)", head)
    if m:
        review = int(m.group(1))
        ev.append(f"stated: review year {review} in the title '{m.group(0)}'")
    m = re.search(r"与(\d{4})年.{0,20}计划", head)
    if m:
        plan = int(m.group(1))
        ev.append(f"stated: plan year {plan} in the title '{m.group(0)}'")
    for par in paragraphs:
        if len(par) > 60:
            if plan is None:
                m = re.search(r"(\d{4})年[^。]{0,20}?主要(?:预期)?目标", par)
                if m:
                    plan = int(m.group(1))
                    ev.append(f"stated: plan year {plan} from '{m.group(0)[:30]}'")
            continue
        if review is None:
            m = re.search(r"(\d{4})年(?:工作回顾|.{0,20}?执行情况)", par)
            if m:
                review = int(m.group(1))
                ev.append(f"stated: review year {review} from the heading '{par[:30]}'")
        if plan is None:
            m = re.search(r"(\d{4})年(?:主要任务|.{0,20}?(?:目标任务|工作安排|发展目标|预期目标|主要目标|工作目标))", par)
            if m:
                plan = int(m.group(1))
                ev.append(f"stated: plan year {plan} from the heading '{par[:30]}'")
    if review is None:
        opening = head + "".join(p[:200] for p in paragraphs[:6])
        m = re.search(r"((?:19|20)\d{2})年.{0,24}?(?:统计公报|经济运行|主要经济指标|经济发展数据|预算执行|决算"
                      r"|国民经济和社会发展(?!计划|第)(?:统计|情况|概况|数据|公报)|统计(?:数据|资料|摘要|概况))", opening)
        if m:
            review = int(m.group(1))
            ev.append(f"stated: review year {review} from '{m.group(0)[:30]}'")
    if review is None:  # a bare year as a heading near the top ('2019'): the year the figures below are of
        bare = next((p.strip() for p in paragraphs[:10] if re.fullmatch(r"\s*(?:19|20)\d{2}年?(?:度)?\s*", p)), None)
        if bare:
            review = int(bare[:4])
            ev.append(f"stated: review year {review} from a heading that is only a year ('{bare}')")
    if review is None and plan is not None:
        review = plan - 1
        ev.append(f"inferred: review year {review}, the year before the plan year")
    if review is None and delivered:
        year, month = int(delivered[:4]), int(delivered[5:7])
        review = year - 1 if month <= 6 else year
        ev.append(f"inferred: review year {review} from the date {delivered} (a report given in the first half "
                  "of a year reviews the year before)")
    if review is None:
        m = re.search(r"((?:19|20)\d{2})年[）)]?(?:[^，。]{0,12})?政府工作报告|政府工作报告[（(]((?:19|20)\d{2})年?[）)]", head)
        if m:
            review = int(m.group(1) or m.group(2)) - 1  # a work report is named by the year it is given
            ev.append(f"inferred: review year {review}: a work report is named by the year it is given ('{m.group(0)}')")
    if review is None:
        from reporter.parse.periods import year_from_plan_ordinal

        review = year_from_plan_ordinal("".join(paragraphs[:30])[:6000], kind_rules()["plan_periods"])
        if review:
            ev.append(f"stated: review year {review} named through the five-year plan (第N年 / 收官之年)")
    periods = [str(review)] if review else []
    if review:
        span = five_year_span(review, "".join(paragraphs))
        if span:
            periods.append(span)
    return periods, plan


def release_period(title: str | None, paragraphs: list[str]) -> tuple[tuple[int, int] | None, int | None]:
    """A statistics release's own period: from its title, else the first year+months it names."""
    from reporter.parse.periods import find_marks

    for text in [title or "", *paragraphs[:40]]:
        for mark in find_marks(text[:400]):
            if mark.year and (mark.months or mark.full_year) and not mark.single_month and not mark.comparative:
                return (mark.months if mark.months != (1, 12) else None), mark.year
        if text is title and title and re.search(r"((?:19|20)\d{2})年", title):
            return None, int(re.search(r"((?:19|20)\d{2})年", title).group(1))
    return None, None


def latest_year(paragraphs: list[str]) -> int | None:
    """The latest year a text names as a time it speaks of (not a horizon: '到2035年', '2035年远景')."""
    text = "".join(paragraphs[:20])[:5000]
    years = [int(m.group(1)) for m in re.finditer(r"(?<!\d)((?:19|20)\d{2})年(?!远景|目标|前|愿景)", text)
             if not re.search(r"(到|至|迈向|展望|面向|力争)$", text[max(0, m.start() - 2) : m.start()])]
    return max(years) if years else None


def repost_year(paragraphs: list[str], published: str, review: list[str], evidence: list[str]) -> None:
    """A page date later than every year the text speaks of is a repost's date, not the report's:
    the year the text estimates (预计，2016年…) or the latest year it names is the year it reviews."""
    latest = latest_year(paragraphs)
    page = int(published[:4])
    if latest is None or latest >= page - 1:
        return
    text = "".join(paragraphs[:30])[:6000]
    year = latest if re.search(rf"预计[，,：:]?\s*{latest}年", text) else latest - 1
    review[:] = [str(year)] + [p for p in review if "-" in p and False]
    span = five_year_span(year, "".join(paragraphs))
    if span:
        review.append(span)
    evidence.append(f"inferred: the page date {published} is later than any year the text speaks of (a repost): "
                    f"reviews {year}{' (the year it estimates, 预计)' if year == latest else ', the year before the latest it names'}")


def five_year_span(review: int, text: str) -> str | None:
    """A report looks back five years if it says so, or names a plan period ending in its year."""
    if re.search(r"过去五年|五年来|五年间", text):
        return f"{review - 4}-{review}"
    for name, span in kind_rules()["plan_periods"].items():
        if span.endswith(str(review)) and name in text:
            return span
    return None


def report_area(meta: Metadata, paragraphs: list[str]) -> str | None:
    """The place the report speaks for, from its issuer, title and opening (reporter/areas.py)."""
    from reporter.areas import detect as detect_area

    area, why = detect_area(meta.issuer, meta.title, "".join(paragraphs[:40])[:4000])
    if area is None:
        meta.warnings.append(f"no place the report speaks for ({why or 'none named in the issuer, title or opening'});"
                             " a <file>.meta.toml can say area = \"…\"")
    return area.name if area else None


def detect(paragraphs: list[str], chrome: list[str], path: PurePath, given: dict | None = None) -> Metadata:
    """What the text says, then what the file said of itself and the sidecar (`given`, merged by
    the ingest use case) over it."""
    warnings: list[str] = []
    title = find_title(paragraphs, chrome)
    kind = find_kind(title, chrome, paragraphs)
    ignored: list[str] = []
    delivered = find_delivered(paragraphs, chrome, ignored)
    published = find_published(chrome, paragraphs, ignored)
    if ignored:
        first, last = year_window()
        warnings.append(f"date(s) {', '.join(dict.fromkeys(ignored))} outside {first}–{last} not used "
                        "(a <file>.meta.toml can give the right one)")
    evidence: list[str] = []
    if delivered:
        evidence.append(f"stated: delivered {delivered} (dateline)")
    elif published:
        evidence.append(f"stated: published {published} (page header)")
    review, plan = find_periods(title, paragraphs, delivered or published, evidence)
    writing = int((delivered or published)[:4]) if (delivered or published) else (plan or None)
    months = None
    if kind == "statistics_release":
        months, year = release_period(title, paragraphs)
        if year:  # a release is about the period it names, whenever it was published
            review = [str(year)] + [p for p in review if "-" in p]
            evidence.append(f"stated: a statistics release about {year}{f' {months[0]}-{months[1]}月' if months else ''}"
                            " (title or opening)")
    elif title:  # '2023年上半年…计划执行情况': a part-year report of any kind
        months, year = release_period(title, [])
        if months is None or year is None or (review and review[0] != str(year)):
            months = None
    if published and not delivered and review and "inferred" in evidence[-1]:
        repost_year(paragraphs, published, review, evidence)
    if writing is None and months and months[1] < 12 and review:
        writing = int(review[0])  # a part-year release is written within its year: 今年 is that year
    if not review and writing is None:
        writing = latest_year(paragraphs)
        if writing:
            review = [str(writing - 1)]
            warnings.append(f"no date in the text: read as written in {writing}, the latest year it names")
            evidence.append(f"inferred: written in {writing}, the latest year the text names; reviews {writing - 1}")
    if title is None:
        first = re.split(r"[。！？]", paragraphs[0])[0] if paragraphs else path.stem
        title = first[:40]
        warnings.append(f"no title line in the text; used the opening words '{title}'")
    if not delivered and kind != "news":
        warnings.append("no delivery date in the text (a <file>.meta.toml can give one)")
    meta = Metadata(title, kind, find_issuer(paragraphs, chrome), delivered, published, review, plan, warnings,
                    writing, months, evidence)
    meta.area = report_area(meta, paragraphs)
    for key, value in (given or {}).items():
        if not hasattr(meta, key) or key in ("warnings", "evidence"):
            raise UserError(f"{path.name}.meta.toml: unknown field '{key}'")
        if key == "kind" and value not in REPORT_KINDS:
            raise UserError(f"{path.name}.meta.toml: kind must be one of {', '.join(REPORT_KINDS)}")
        setattr(meta, key, value)
        meta.evidence.append(f"stated: {key} = {value} from the sidecar {path.name}.meta.toml")
    return meta
