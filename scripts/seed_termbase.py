"""Seed reporter/data/termbase.csv from the team's reference (termbase-reference.csv) and the
indicator registry. Run once by a maintainer; afterwards editors own the CSV.

Rules (the reference's own conventions, written down so the seed can be re-made and checked):
- a row is approved when its source is official (Beijing FAO and its glossaries and mirrors,
  the national report's official translation, NBS/SCIO, official district sites) and its
  English is one clean rendering; where sources disagree, PREFER names the one to approve and
  the others stay draft; renderings with alternatives ("a / b") or placeholders ("[year]") are
  approved only through PREFER (which names the exact alternative) and are otherwise draft;
- DERIVED rows apply a sourced rendering to the district's own wording, as the reference's
  notes advise (e.g. 登记失业率), keeping the source;
- the indicator registry's English names enter as draft (the project's own, not sourced)
  unless the reference approves an English for the same Chinese.

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
    ("细颗粒物（PM2.5）累计浓度", "annual average concentration of fine particulate matter (PM2.5)", "indicator",
     "细颗粒物（PM2.5）年均浓度", "the year-end cumulative figure is the annual average"),
]
# the product's own renderings where no official one exists: drafts an editor may approve
OWN_DRAFTS = [
    ("预计", "an estimated", "qualifier",
     "no official pair found (reference 3.3); the project's own choice, e.g. 'reached an estimated 1,070 billion yuan'"),
]
COLUMNS = ["zh", "en", "category", "status", "source", "note"]


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
            out.append({"zh": zh, "en": en, "category": r["category"], "status": "approved" if approved else "draft",
                        "source": r["source_url"], "note": note})
    approved_zh = {r["zh"] for r in out if r["status"] == "approved"}
    for zh, en, category, ref_zh, note in DERIVED:
        src = next(r["source_url"] for r in rows if r["zh"] == ref_zh)
        out.append({"zh": zh, "en": en, "category": category, "status": "approved", "source": src,
                    "note": f"derived from {ref_zh}: {note}"})
        approved_zh.add(zh)
    for zh, en, category, note in OWN_DRAFTS:
        out.append({"zh": zh, "en": en, "category": category, "status": "draft", "source": "", "note": note})
    registry = tomllib.loads(Path("reporter/data/indicators.toml").read_text("utf-8"))
    for ind in registry["indicator"]:
        if ind["zh"] in approved_zh or (ind["zh"], ind["en"]) in seen:
            continue
        out.append({"zh": ind["zh"], "en": ind["en"], "category": "indicator", "status": "draft",
                    "source": "reporter/data/indicators.toml",
                    "note": "the project's own name from the indicator registry; no official English found"})
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
