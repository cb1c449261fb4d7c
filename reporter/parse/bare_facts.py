"""Facts without a plain figure: a target with no number ('…增长与经济增长同步', '…达到市级要求')
and a rate written without its % sign ('登记失业率控制在3.5以内', read with a low confidence)."""
from __future__ import annotations

import re
from decimal import Decimal

from reporter.model import Fact
from reporter.parse.clauses import has_any
from reporter.parse.fact_kind import is_target_clause
from reporter.parse.frame import Context, ReportFrame
from reporter.parse.numbers import NumberSpan, find_numbers
from reporter.registry import registry

IN_LINE = re.compile(r"([^，；。：]{2,30}?)与([^，；。：]{0,12}?)同步")
QUALITATIVE = re.compile(r"([^，；。：]{2,80}?)(?:均|都|全面)?(达到市级要求|(?:完成|达到)市级?下达(?:的)?(?:指标|任务|目标))")
BARE_AFTER_RATE = re.compile(r"率[\u4e00-\u9fff]{0,4}\d+(?:\.\d+)?(?![\d.]*%)")
BARE_RATE = re.compile(r"^(?:为|达到|达|控制在|降至|保持在|稳定在|是)?(\d{1,2}(?:\.\d+)?)(?=以内|左右|以下|[，。；、）]|$)")


def in_line_facts(sentence: str, ctx: Context, frame: ReportFrame) -> list[Fact]:
    """'居民人均可支配收入增长与经济增长基本同步': a target with no number."""
    out = []
    reg = registry()
    wants = ctx.kind == "target" or (has_any(sentence, "target") and not has_any(sentence, "not_target"))
    for m in (IN_LINE.finditer(sentence) if "同步" in sentence and wants else ()):  # a review's '实现同步' is no target
        hit = reg.last_match(m.group(1))
        if not hit:
            continue
        indicator = reg.for_unit(hit[0], "percent")
        out.append(
            Fact(
                label=hit[1],
                value=None,
                unit="%",
                raw="与" + m.group(2) + "同步",
                qualifier="in_line",
                period=ctx.period,
                kind="target",  # '…同步' is only read as a target (see `wants`)
                quote=sentence[m.start() : m.end()].strip(),
                indicator=indicator,
                report_id=frame.report_id,
                section=ctx.path,
                source=frame.source,
                confidence=0.8,
                rule="indicator=in_line; period=" + ctx.rule,
            )
        )
    if ctx.kind != "target" or "市" not in sentence:
        return out
    for m in QUALITATIVE.finditer(sentence):
        if find_numbers(m.group(1)):
            continue
        for hit in reg.hits(m.group(1)):
            if not hit.id:
                continue
            ind = reg.indicators[hit.id]
            out.append(
                Fact(
                    label=hit.name, value=None, unit=ind.unit, raw=m.group(2), qualifier="none", period=ctx.period,
                    kind="target", quote=sentence[m.start(1) + hit.start : m.end()].strip(), indicator=hit.id,
                    report_id=frame.report_id, section=ctx.path, source=frame.source, confidence=0.75,
                    rule="indicator=qualitative_target; period=" + ctx.rule,
                )
            )
    return out


def bare_rate_facts(sentence: str, ctx: Context, frame: ReportFrame, spans: list[NumberSpan]) -> list[Fact]:
    """'登记失业率控制在3.5以内': a rate written without its % sign (read, with a low confidence)."""
    out: list[Fact] = []
    if "率" not in sentence or not BARE_AFTER_RATE.search(sentence):
        return out  # only names of rates (…率) are read without their %
    taken = {(sp.start, sp.end) for sp in spans}
    reg = registry()
    for hit in reg.hits(sentence):
        if not hit.id or reg.indicators[hit.id].unit != "%" or not hit.name.endswith("率"):
            continue
        m = BARE_RATE.match(sentence[hit.end : hit.end + 14])
        if not m:
            continue
        start, end = hit.end + m.start(1), hit.end + m.end(1)
        if any(a <= start < b for a, b in taken):
            continue
        tail = sentence[end : end + 2]
        qualifier = "at_most" if tail.startswith(("以内", "以下")) or "控制在" in m.group(0) else (
            "approx" if tail.startswith("左右") else "none")
        quote = sentence[hit.start : end + (2 if qualifier != "none" and not "控制在" in m.group(0) else 0)]
        out.append(Fact(
            label=hit.name, value=Decimal(m.group(1)), unit="%", raw=m.group(1), qualifier=qualifier,
            period=ctx.period, kind="target" if is_target_clause(sentence[max(0, hit.start - 20) : start], tail) else ctx.kind,
            quote=quote, indicator=hit.id, report_id=frame.report_id, section=ctx.path, source=frame.source,
            confidence=0.6, rule="indicator=name; missing_percent_sign; period=" + ctx.rule,
            start=start - hit.start, end=end - hit.start,
        ))
    return out
