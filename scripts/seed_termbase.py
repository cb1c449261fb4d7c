"""Seed reporter/data/termbase.csv from the team's reference (termbase-reference.csv) and the
indicator registry. Run once by a maintainer; afterwards editors own the CSV.

Tiers: `official` (an official source's English), `reviewed` (checked by the project: derived
rows, the indicator registry's and the areas file's names), `draft` (proposals, alternatives).

Rules (the reference's own conventions, written down so the seed can be re-made and checked):
- a row is official when its source is official (Beijing FAO and its glossaries and mirrors,
  the national report's official translation, NBS/SCIO, official district sites) and its
  English is one clean rendering; where sources disagree, PREFER names the one to approve and
  the others stay draft; renderings with alternatives ("a / b") or placeholders ("[year]") are
  approved only through PREFER (which names the exact alternative) and are otherwise draft;
- DERIVED rows apply a sourced rendering to the district's own wording, as the reference's
  notes advise (e.g. 登记失业率), keeping the source: reviewed, not official;
- the indicator registry's English names enter as reviewed (the project's own, checked) unless
  the reference gives an official English for the same Chinese; the areas file's (if present)
  likewise;
- OWN_DRAFTS are the project's proposals where nothing official exists: drafts, printed marked.

usage: python scripts/seed_termbase.py REFERENCE.csv > reporter/data/termbase.csv
"""
from __future__ import annotations

import csv
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlparse

OFFICIAL_HOSTS = (
    "gov.cn", "en.people.cn", "reciyi.com", "lance-translate.com", "bjreview.com", "bjreview.com.cn",
    "ecns.cn", "kaoyan.100xuexi.com", "journal.bisu.edu.cn", "shine.cn", "china.org.cn", "wxredian.com",
    "glamanduncensored.com", "news.cgtn.com", "lapost.us",
)
# zh -> the exact English to approve where sources disagree or a row lists alternatives
PREFER = {
    "地区生产总值": "Gross Regional Product (GRP)",
    "人均地区生产总值": "per capita GRP",
    "全员劳动生产率": "overall labor productivity",
    "常住人口": "resident population",
    "接诉即办": "swift response to public complaints",
    "疏解非首都功能": "relocate functions nonessential to Beijing's role as the capital",
    "城镇居民人均可支配收入": "urban per capita disposable income",
    "预期性": "anticipatory",
    "约束性": "binding",
    "左右": "around",
    "以上": "over",
    "控制在…以内": "no more than",
    "突破": "surpassed",
    "超过": "over",
    "近": "almost",
    "约": "around",
    "同比": "year on year",
    "基本同步": "basically in step with",
    "增加值": "added value",
    "力争": "strive to",
}
# the reference says every source agrees, though the row's page is news
AGREED = {"约束性", "力争"}  # 力争: the reference's qualifier table gives "strive to" as the official rendering
# reference zh written with an annotation -> the form reports use
RENAME = {"预期性（指标）": "预期性", "约束性（指标）": "约束性"}
# (zh, en, category, from-reference-zh, note): a sourced rendering applied to the district's wording
DERIVED = [
    ("登记失业率", "registered unemployment rate", "indicator", "城镇登记失业率",
     "Xicheng reports say 登记失业率 without 城镇; the reference's note advises dropping 'urban'."),
    ("地区生产总值增速", "GRP growth", "indicator", "地区生产总值",
     "growth of the approved GRP; plan tables name the rate so"),
    ("经济增长", "economic growth", "indicator", "同步",
     "the official target 'growth in personal income in step with economic growth' names it so"),
    ("{year}年国民经济和社会发展计划执行情况", "Implementation of the {year} Plan for National Economic and Social Development",
     "heading", "关于…年国民经济和社会发展计划执行情况与…年国民经济和社会发展计划草案的报告",
     "a part heading of the plan report: the official title's first half; {year} is filled from the heading"),
    ("{year}年工作回顾", "Review of Work During {year}", "heading", "工作回顾",
     "the official heading; {year} is filled from the heading"),
    ("{year}年主要任务", "Major Tasks for {year}", "heading", "重点任务",
     "the official 'Major Tasks for [year]' (重点任务); 主要任务 is the same heading in other years' reports"),
    ("非历史文化街区地区", "outside historical and cultural blocks", "scope", "历史文化街区",
     "a target's restriction (plan tables): 非 + the official 'Historical and Cultural Block'"),
    ("国民经济和社会发展计划执行情况报告", "Report on the Implementation of the Plan for National Economic and Social Development",
     "report_kind", "关于…年国民经济和社会发展计划执行情况与…年国民经济和社会发展计划草案的报告",
     "the official national title without its years and the draft plan"),
    ("细颗粒物（PM2.5）累计浓度", "annual average concentration of fine particulate matter (PM2.5)", "indicator",
     "细颗粒物（PM2.5）年均浓度", "the year-end cumulative figure is the annual average"),
]
# the product's own renderings where no official one exists: drafts an editor may approve
_FIVE = ("one of the five concepts of the new development philosophy (officially listed together as 'innovative, "
         "coordinated, green, open and shared development'); the single term's English is the project's proposal")
OWN_DRAFTS = [
    ("北京市西城区发展和改革委员会", "Xicheng District Development and Reform Commission", "body",
     "no official English found (reference 4); the pattern of the National Development and Reform Commission"),
    ("北京市发展和改革委员会", "Beijing Municipal Commission of Development and Reform", "body",
     "no official English found in the reference (4); the project's proposal"),
    ("绩效管理工作报告", "Report on Performance Management", "report_kind",
     "no official English found (reference 4); the project's proposal"),
    ("统计数据发布", "Statistics release", "report_kind", "the project's own label"),
    ("{year}年国民经济和社会发展目标任务及主要举措",
     "Targets, Tasks and Major Measures for National Economic and Social Development in {year}", "heading",
     "a part heading of the plan report; no official English found; the project's proposal"),
    ("未来五年面临的形势和发展目标", "The Situation and Development Goals for the Next Five Years", "heading",
     "no official English found; the project's proposal"),
    ("总体情况", "Overall situation", "heading", "the project's proposal"),
    ("主要做法和工作成效", "Main measures and results", "heading", "the project's proposal"),
    ("存在问题及改进措施", "Problems and improvements", "heading", "the project's proposal"),
    ("创新发展", "innovative development", "dimension", _FIVE),
    ("协调发展", "coordinated development", "dimension", _FIVE),
    ("绿色发展", "green development", "dimension", _FIVE),
    ("开放发展", "open development", "dimension", _FIVE),
    ("共享发展", "shared development", "dimension", _FIVE),
    ("减量提质", "reduction and quality improvement", "dimension",
     "a plan-table dimension; the project's proposal after 减量发展 'reduction-based development' (reference)"),
    ("红墙先锋工程", "Red Wall Pioneer Project", "programme",
     "no official English (reference 4); the project's proposal after 红墙意识 'red wall consciousness'"),
    ("长安计划", "Chang'an Plan", "programme", "no official English (reference 4); the project's proposal"),
    ("西融计划", "Xirong Talent Plan", "programme", "the project's proposal: a plan to attract high-level talent"),
    ("一键呼", "one-touch call service", "programme", "the project's proposal: a call service for older residents"),
    ("创城伙伴计划", "Civilised District Partners Programme", "programme", "the project's proposal"),
    ("健康联合体", "health consortium", "programme", "the project's proposal"),
    ("西城家园", "Xicheng Home", "programme", "no official English (reference 4); the project's proposal"),
    ("西城消费", "Xicheng Consumption", "programme", "the project's proposal"),
    ("城市大脑", "City Brain", "programme", "the project's proposal (the name Chinese cities' platforms use in English)"),
    ("新闻报道", "News report", "report_kind", "the project's own label"),
    ("其他报告", "Other report", "report_kind", "the project's own label"),
]
STATUS = {True: "official", False: "draft"}
COLUMNS = ["zh", "en", "category", "status", "source", "note"]
# the registry's dimensions (its own Chinese names) in English: the project's names, reviewed
DIMENSIONS_EN = {"economy": "Economic development", "fiscal": "Fiscal revenue", "finance": "Finance",
                 "livelihood": "People's livelihoods", "culture": "Culture", "governance": "City governance",
                 "environment": "Environment", "safety": "Security and stability"}


def official(url: str) -> bool:
    host = urlparse(url).netloc.lower()
    return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)


def alternatives(en: str) -> list[str]:
    """'around (Beijing FAO) / almost (Xinhua)' -> ['around', 'almost']; annotations dropped."""
    return [re.sub(r"\s*\([^)]*\)$", "", part).strip() for part in en.split(" / ")] + [en]


def clean(en: str) -> bool:
    rule = "divided by" in en or "converted" in en  # a conversion rule (compose/bilingual.py applies it), not a name
    return " / " not in en and "[" not in en and "…" not in en and "..." not in en and not rule


def main(reference: Path) -> None:
    rows = list(csv.DictReader(reference.open(encoding="utf-8")))
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    by_zh: dict[str, list[dict]] = {}
    for r in rows:
        by_zh.setdefault(RENAME.get(r["zh"], r["zh"]), []).append(r)
    for zh, group in by_zh.items():
        for r in group:
            en = r["en"].strip()
            if zh in PREFER:
                approved = PREFER[zh] in alternatives(en) and (official(r["source_url"]) or zh in AGREED)
                if approved:
                    en = PREFER[zh]
            else:
                approved = len(group) == 1 and official(r["source_url"]) and clean(en)
            if (zh, en) in seen:
                continue
            seen.add((zh, en))
            note = r["note"].strip()
            if not approved and not official(r["source_url"]):
                note = ("not an official source. " + note).strip()
            out.append({"zh": zh, "en": en, "category": r["category"], "status": STATUS[approved],
                        "source": r["source_url"], "note": note})
    approved_zh = {r["zh"] for r in out if r["status"] == "official"}
    for zh, en, category, ref_zh, note in DERIVED:
        src = next(r["source_url"] for r in rows if RENAME.get(r["zh"], r["zh"]) == ref_zh)
        out.append({"zh": zh, "en": en, "category": category, "status": "reviewed", "source": src,
                    "note": f"derived from {ref_zh}: {note}"})
        approved_zh.add(zh)
    for zh, en, category, note in OWN_DRAFTS:
        out.append({"zh": zh, "en": en, "category": category, "status": "draft", "source": "", "note": note})
    registry = tomllib.loads(Path("reporter/data/indicators.toml").read_text("utf-8"))
    for ind in registry["indicator"]:
        if ind["zh"] in approved_zh or (ind["zh"], ind["en"]) in seen:
            continue
        out.append({"zh": ind["zh"], "en": ind["en"], "category": "indicator", "status": "reviewed",
                    "source": "reporter/data/indicators.toml",
                    "note": "the project's own name from the indicator registry; no official English found"})
    out += area_rows(approved_zh, seen)
    names = registry.get("dimensions", {})
    for key, en in DIMENSIONS_EN.items():
        if key in names and (names[key], en) not in seen:
            out.append({"zh": names[key], "en": en, "category": "dimension", "status": "reviewed",
                        "source": "reporter/data/indicators.toml",
                        "note": "the project's own name of a registry dimension (the appendix's groups)"})
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)


def area_rows(official_zh: set[str], seen: set[tuple[str, str]]) -> list[dict]:
    """The areas file's English names (reporter/data/areas.toml, once it exists) as reviewed rows."""
    path = Path("reporter/data/areas.toml")
    if not path.is_file():
        return []
    rows = []
    for area in tomllib.loads(path.read_text("utf-8")).get("area", []):
        zh, en = area.get("name") or area.get("zh"), area.get("en")
        if not zh or not en or zh in official_zh or (zh, en) in seen:
            continue
        seen.add((zh, en))
        rows.append({"zh": zh, "en": en, "category": "place", "status": "reviewed", "source": "reporter/data/areas.toml",
                     "note": "the areas file's English name"})
    return rows


if __name__ == "__main__":
    main(Path(sys.argv[1]))
