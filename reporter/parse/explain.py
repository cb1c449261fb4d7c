"""Why a fact is what it is: lines on its indicator, period, kind, scope and confidence.

Reads the `rule` the fact finder wrote (indicator=…; period=…; extra notes), so the lines stay
true to what the code did. Used by `reporter facts --explain`.
"""
from __future__ import annotations

from reporter.model import Fact
from reporter.registry import registry

INDICATOR_WHY = {
    "name": "its name stands before the figure in the same clause: '{label}'",
    "growth_relation": "a % after the name '{label}' with a growth word (增长/同比…): the indicator's growth",
    "per_capita_relation": "'人均' after the name: the indicator's per-capita figure",
    "share_relation": "'占…比重' after '{label}': the indicator's share",
    "postposed_name": "the name follows the figure ('{label}')",
    "table_row": "a table row named '{label}'",
    "in_line": "a target with no figure: '…与…同步'",
    "qualitative_target": "a target with no figure: '…达到市级要求/完成市下达指标'",
    "not_indicator_name": "'{label}' is listed as not an indicator (a sub-sector, a broader or narrower total)",
    "ratio_prefix": "the name is part of a ratio ('{label}'): no indicator",
    "percent_without_growth_word": "a % after a level name with no growth word: no indicator",
    "flow_of_stock": "a 新增 figure of a stock indicator: no indicator",
    "stock_of_flow": "a 累计/总数 figure of a flow indicator: no indicator",
    "unit_mismatch": "the unit does not convert to the indicator's unit: no indicator",
    "missing_word": "the indicator needs a word that is not there (e.g. 新增/引进 for new institutions): no indicator",
    "excluded_word": "a word in its clause makes it another series (e.g. 改造 for new green space): no indicator",
    "no_name": "no indicator name in its clause and no subject to inherit",
    "name_written_apart": "the name is written apart in its clause (noun 在… verb: 企业在…上市; one share of two "
                          "totals: 占A和B的比重均…), read as '{label}'",
    "own_area_name": "the report's own area named right before a plain name: the area's own series",
    "sub_area_named": "a sub-district, park or zone named before it in the sentence: a part's figure",
    "period_default": "",
    "area_default": "the report's own area is not known: own by default",
    "missing_percent_sign": "",
    "split_digits": "",
    "no_period": "",
}
PERIOD_WHY = {
    "report": "the report's own period (review year from title, dateline or headings)",
    "unknown": "the report's year could not be told: empty period",
    "section": "the heading it stands under",
    "paragraph": "a period said at the head of its paragraph or an earlier sentence of it",
    "sentence": "a period said at the head of its sentence",
    "clause": "a year or months said in its own clause",
    "clause:span": "年均/累计 over a multi-year span",
    "table": "the table's period (release period, caption year or the column's own months)",
}
SCOPE_WHY = {
    "own": "the reporting area's own figure",
    "city": "a 全市/全省 figure beside the area's own",
    "nation": "a national figure",
    "sub_area": "a street, park or zone inside the area",
    "share": "a share of another total (占…)",
    "component": "after 其中: a part of a total given before in the sentence",
    "sub_sector": "a sub-sector of the indicator's total",
    "fulfilment": "a plan-completion ratio (完成…计划的…%)",
    "comparison": "a difference from another area or a standard (高于全市…, 低于…目标值)",
    "adjusted": "an adjusted basis (扣除/还原…后, 同口径)",
    "other_area": "another area's figure (a place of the same or another level named before it): kept as context",
    "multiple": "a multiple of a base year (是2011年的1.48倍): a statement over several years, not a level",
    "cumulative": "a change over several years (比2011年增长51.2%): not one year's growth",
    "with_zone": "the area together with a development zone or park (含开发区, 与经开区共…): not the area alone",
    "broader": "a plain name where the report also gives the narrower (区级) series",
}


def _parts(rule: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for piece in rule.split(";"):
        key, sep, value = piece.strip().partition("=")
        if sep:
            out.setdefault(key, value)
        elif piece.strip():
            out.setdefault("note:" + piece.strip(), "")
    return out


def explain(fact: Fact) -> list[str]:
    parts = _parts(fact.rule or "")
    ind = registry().get(fact.indicator)
    lines = [f"{fact.source} {fact.indicator or '-'} {fact.period or '(no period)'} {fact.kind} {fact.value} {fact.unit}"
             f" | {fact.quote}"]
    why = parts.get("indicator", "")
    steps = [s for s in why.replace("subject:", "").split("+") if s]
    inherited = why.startswith("subject:")
    place = next((s[5:] for s in steps if s.startswith("area:")), "")
    steps = [s for s in steps if not s.startswith("area:")]
    text = "; ".join(w for s in steps if (w := INDICATOR_WHY.get(s, s).format(label=fact.label))) or "no rule recorded"
    if inherited:
        text = "no name in its own clause: inherits the sentence's subject; " + text
    if "weak_name" in why:
        text += " (a plain name that counts only when the report never uses the 区级 name)"
    if ind:
        text += f" -> {ind.id} ({ind.zh}, {ind.unit or 'count'})"
    lines.append("indicator: " + text)
    period_rule = parts.get("period", "")
    base = period_rule.split(":")[0] if period_rule.startswith("table") else period_rule.replace(":span_end", "")
    ptext = PERIOD_WHY.get(base, period_rule or "not recorded")
    if period_rule.endswith("span_end"):
        ptext += "; a level said over a five-year span is dated at its end"
    if period_rule.startswith("table:"):
        ptext += f" (column '{period_rule[6:]}')"
    if "period_default" in fact.rule:
        ptext += "; the document's year rests on a default (a delivery or page date), not on its words"
    if "period=level" in fact.rule:
        ptext = "the months of the level figure it follows (…完成163.3亿元、增长1.7%)"
    lines.append(f"period: {fact.period or '(empty)'} from {ptext}")
    kind = f"kind: {fact.kind}"
    if "target=original" in fact.rule:
        kind += " (the target set at the start of the year, later adjusted)"
    elif "target=adjusted" in fact.rule:
        kind += " (the target as adjusted during the year)"
    elif fact.kind == "target":
        kind += " (a target word or a target section/sentence: 目标/预期/计划/力争/要求)"
    lines.append(kind)
    lines.append(f"scope: {fact.scope} ({SCOPE_WHY.get(fact.scope, fact.scope)})" + (f"; area named: {place}" if place else ""))
    value = f"value: {fact.value} {fact.unit} read from '{fact.raw}'"
    if "split_digits" in fact.rule:
        value += " (two digit groups apart by a space, read as one number)"
    if fact.unit == "%" and "%" not in (fact.raw or "") and fact.raw:
        value += " (no % sign in the source: read as a rate after a growth word)"
    if fact.raw and fact.unit and not fact.raw.endswith(fact.unit.split("/")[0]) and "万" in fact.raw:
        value += " (converted from 万 to the indicator's unit)"
    lines.append(value)
    from reporter import confidence

    low = confidence.is_low(fact)
    lines.append(f"confidence: {fact.confidence}" + (f"  (below {confidence.threshold()}: products mark it — "
                                                    f"{confidence.reason(fact)})" if low else
                                                    "  (doubtful: check the quote)" if fact.confidence < 0.7 else ""))
    for key in parts:
        if key.startswith("note:"):
            lines.append("note: " + key[5:])
    if "missing_percent_sign" in fact.rule:
        lines.append("note: the source wrote this rate without a % sign")
    return lines
