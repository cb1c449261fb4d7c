"""Which indicator a figure is of: the name in its clause (the last one, longest at each place),
a name written apart (企业在…上市, 占A和B的比重均…), a name after the figure, or the subject of
an earlier clause it inherits; then whether the indicator admits the figure (its unit, the words
it needs or must not have). Names and words are registry data (reporter/data/indicators.toml)."""
from __future__ import annotations

import re

from reporter.model import Fact
import reporter.parse.scope as sc
from reporter.parse.clauses import MAX_CLAUSE, Figure, clause_after, has_any, words_of
from reporter.parse.draft import Draft, Subject
from reporter.parse.fact_value import ESTIMATE
from reporter.parse.frame import Context, ReportFrame
from reporter.parse.numbers import NumberSpan, convert
from reporter.registry import NameHit, registry

GROWTH_WORDS = re.compile(r"增长|增速|增幅|下降|提高|降低|回落|同比|比上年|较上年|年均|减少|上升|可比")
BARE_VERB = re.compile(
    r"^(?:预计|同比|比上年|较上年|分别|和|与|及|累计|总数|总量|共计|共|总额|总计|五年|全年|[一二三四五六七八九十\d]+年)*(?:降至|降到|增至|减少到|减少至|下降到|下降至|增加至|增长到|增长至|提升到|上升到|上升至|调整为|调整到|调整至|调减为|调增为|达到|达|提高到|提高至|提升至|跃升至|为|实现|完成|突破|超过|增加到|达到了)?$"
)
# units that can only belong to the sentence's subject ("PM2.5…36微克/立方米，距离市级要求31微克/立方米")
DISTINCT_DIMENSIONS = {"percent", "concentration", "death_rate", "money_per_person", "usd"}
PERIOD_WORDS = re.compile(r"^(?:由|从)|(?:19|20)\d{2}年(?:底|末)?的?|(?:全年|上半年|前三季度|[一二三四]季度)的?")
SHARE_CLAUSE = re.compile(r"占[^，。；]{0,16}?(比重|比例|的?$)")
GROWTH_ONLY = re.compile(r"^(?:全年|同比|比上年|较上年|全年同比)*(?:增长|下降|增速|增幅|回落|减少|提高)?$")
OTHER_RATE = re.compile(r"[\u4e00-\u9fff]{2,}(?:率|比重|占比|汇率)(?:达到?|为|是|提高到|提升到|保持在|稳定在)?$")
# a verb-object name split by a place phrase: '企业在境内外上市累计达到' is 上市企业 (noun, 在 + where,
# verb, then at most a total word and a verb before the figure)
SPLIT_NAME = re.compile(r"([\u4e00-\u9fff]{2})在[^，。；]{1,10}?([\u4e00-\u9fff]{2})(?=(?:累计|共计|总数|合计|共)?"
                        r"(?:达到了?|达|为|突破|超过|增至|增加到)?$)")
# one share of two totals: '…占地区生产总值和全市金融业增加值的比重均在40%以上' (均/都: the figure holds for each)
COORDINATED_SHARE = re.compile(r"占([^，。；和与及、]{2,12})(?:和|与|及|、)[^，。；]{2,16}?的?(比重|比例)(?:均|都)[^，。；\d]{0,4}$")
# a sector heading its sentence ('金融业核心优势更加突出，增加值…'): the sector a bare measure word means
SECTOR_HEAD = re.compile(r"^[^，。；]{0,4}?([\u4e00-\u9fff]{1,4}业)")
MEASURE_WORDS = ("增加值",)


def choose(base: str, dimension: str, words_after: str, before_name: str) -> tuple[str | None, str]:
    """The id a figure of this unit belongs to, and why ('' if none)."""
    reg = registry()
    ind = reg.indicators[base]
    if dimension == "percent" and "占" in words_after and re.search(r"比重|比例", words_after):
        return (ind.share, "share_relation") if ind.share else (None, "share")
    if "人均" in words_after and ind.per_capita and dimension in ("money", "usd", "money_per_person"):
        return ind.per_capita, "per_capita_relation"
    if ind.stock and "新增" in before_name[-6:]:
        return None, "flow_of_stock"
    if ind.flow and re.search(r"累计|总数|总量", words_after):
        return None, "stock_of_flow"
    chosen = reg.for_unit(base, dimension)
    if chosen and chosen != base and not GROWTH_WORDS.search(words_after):
        return None, "percent_without_growth_word"
    return chosen, "name" if chosen == base else "growth_relation"


def split_name(clause: str) -> NameHit | None:
    """The name a clause writes as noun + 在… + verb, when verb + noun is an indicator's whole name."""
    if "在" not in clause:
        return None
    m = SPLIT_NAME.search(clause)
    if m is None:
        return None
    name = m.group(2) + m.group(1)
    found = registry().hits(name)
    if len(found) != 1 or not found[0].id or found[0].name != name:
        return None
    return NameHit(found[0].id, name, m.start(), m.end(), found[0].weak, found[0].sub)


def coordinated_share(sentence: str, clause: str, cstart: int) -> NameHit | None:
    """'X占A和B的比重均在N%': the figure is X's share of A (the registered share name it makes);
    X may be a bare measure word (增加值) whose sector heads the sentence."""
    m = COORDINATED_SHARE.search(clause) if "占" in clause else None
    if m is None:
        return None
    owner = ESTIMATE.sub("", clause[: m.start()]).strip("，、 ")
    reg = registry()
    named = [h for h in reg.hits(owner) if h.id]
    if named and named[-1].end == len(owner):
        name = named[-1].name
    elif owner.endswith(MEASURE_WORDS) and (head := SECTOR_HEAD.match(sentence[:cstart])):
        name = head.group(1) + owner[-3:]
    else:
        return None
    share = f"{name}占{m.group(1)}的{m.group(2)}"
    found = reg.hits(share)
    if len(found) != 1 or not found[0].id or found[0].name != share or reg.indicators[found[0].id].unit != "%":
        return None
    head = clause[: m.start()]
    return NameHit(found[0].id, share, len(head) - len(head.lstrip("，、 ")), m.end(), found[0].weak, found[0].sub)


def name_hit(fig: Figure) -> NameHit | None:
    """The name the figure's clause gives it: the last one in the clause, else one written apart."""
    hits = registry().hits(fig.clause)
    hit = hits[-1] if hits else split_name(fig.clause)
    if fig.dimension == "percent" and (share := coordinated_share(fig.sentence, fig.clause, fig.cstart)) is not None:
        hit = share
    return hit


def postposed_name(sentence: str, span: NumberSpan, dimension: str) -> NameHit | None:
    """'推动9家重点持牌金融机构落户': a count whose name follows it, closed by a verb."""
    after = clause_after(sentence, span, 16)
    hit = registry().last_hit(after)
    if hit is None or hit.id is None:
        return None
    ind = registry().indicators[hit.id]
    if hit.start == 0 and re.match(r"^(任务|目标|工作)?$", after[hit.end :]) and convert(span.number, span.written_unit, ind.unit) is not None:
        return hit  # '不少于10万平方米拆违': the name closes the clause right after the figure
    if dimension not in ("count", "persons") or not any(v in after for v in words_of("postposed_verbs")):
        return None
    if hit.start <= 4 and ind.unit == "":
        return hit
    return None


def decide_indicator(fig: Figure, d: Draft, subject: Subject | None, ctx: Context, frame: ReportFrame) -> Subject | None:
    """Settle d's indicator, label, name position, first scope and confidence; returns the subject
    the figures after this one may inherit."""
    reg = registry()
    hit = d.hit
    multi = sc.multi_year(fig.sentence[fig.cstart : fig.span.start], fig.span, fig.sentence, ctx.period, frame.review_year)
    if multi:
        return _multi_year(fig, d, multi, subject)
    if fig.dimension == "percent" and subject is not None and SHARE_CLAUSE.search(fig.clause) \
            and reg.indicators[subject.id].share and (hit is None or hit.id is None or reg.indicators[hit.id].share is None):
        share_id = reg.indicators[subject.id].share
        d.label, d.name_start = reg.indicators[share_id].zh, subject.name_start
        d.indicator, d.why, d.confidence = share_id, "subject:share_relation", 0.8
        d.scope = sc.scope_of("", fig.since_prev)
        return subject
    if hit is not None and hit.id is None:
        d.label, d.why = hit.name, "not_indicator_name"
        return None
    if hit is not None:
        return _named(fig, d, hit, frame)
    return _unnamed(fig, d, subject)


def _multi_year(fig: Figure, d: Draft, multi: tuple[str, str], subject: Subject | None) -> Subject | None:
    """'社会消费品零售总额是2020年的1.4倍、跃升至…': a multiple or cumulative change, whose name is
    the subject of what follows."""
    d.scope, d.why = multi
    hit = d.hit
    if hit is not None and hit.id:
        subject = Subject(hit.id, fig.cstart + hit.start, hit.weak, hit.sub)
    d.label = registry().indicators[subject.id].zh if subject else fig.clause[-12:]
    d.name_start = subject.name_start if subject else fig.cstart
    return subject


def _named(fig: Figure, d: Draft, hit: NameHit, frame: ReportFrame) -> Subject | None:
    before = fig.clause[: hit.start]
    if has_any(before[-6:], "ratio_prefix") or has_any(fig.clause[hit.end :], "ratio_after"):
        d.label, d.why = before[-6:] + hit.name, "ratio_prefix"
        return None
    d.label, d.name_start = hit.name, fig.cstart + hit.start
    d.indicator, d.why = choose(hit.id, fig.dimension, fig.clause[hit.end :], before)
    if hit.name not in fig.clause:  # read from words written apart (企业在…上市, 占A和B的比重均…)
        d.why += "+name_written_apart"
    subject: Subject | None = Subject(hit.id, d.name_start, hit.weak, hit.sub)
    d.scope = "sub_sector" if hit.sub else sc.scope_of(before, fig.since_prev, frame)
    if hit.weak and sc.own_prefix(before, frame.decision):
        d.why += "+own_area_name"  # '南岭区一般公共预算收入': the area's own revenue, whatever its surface name
        subject.weak = False
    elif hit.weak:
        d.confidence, d.why = 0.7, d.why + "+weak_name"
    if re.search(r"占[^，。；]{0,3}$", before):
        subject = None  # '占地区生产总值的94.9%': a denominator, not the subject of what follows
    return subject


def _look_back(fig: Figure, d: Draft) -> Subject | None:
    """'固定资产投资保持稳定，全年增长3.2%': the name stands in an earlier clause, with no figure."""
    clause = fig.clause.strip()
    if fig.cstart > fig.floor and (GROWTH_ONLY.match(clause) or (clause and BARE_VERB.match(PERIOD_WORDS.sub("", clause)))):
        lo = max(fig.floor, fig.cstart - MAX_CLAUSE)
        back = registry().hits(fig.sentence[lo : fig.cstart])
        if back and back[-1].id:
            d.confidence -= 0.1
            return Subject(back[-1].id, lo + back[-1].start, back[-1].weak, back[-1].sub)
    return None


def _unnamed(fig: Figure, d: Draft, subject: Subject | None) -> Subject | None:
    """No name in the clause: a name after the figure, else the subject it inherits, else none."""
    clause = fig.clause
    kept = subject
    d.label = re.sub(r"^(其中|同比|比上年|较上年)", "", clause).strip()[-12:]
    d.post = postposed_name(fig.sentence, fig.span, fig.dimension)
    if subject is None:
        subject = _look_back(fig, d)
    own_rate = OTHER_RATE.search(clause)  # '物业企业党组织工作覆盖率达100%': another rate, named in its clause
    inherit_ok = subject is not None and own_rate is None and (
        fig.dimension in DISTINCT_DIMENSIONS or BARE_VERB.match(PERIOD_WORDS.sub("", clause)) or "人均" in clause
        or (has_any(clause, "target") and not has_any(clause, "not_target"))
    )
    if d.post is not None:
        d.indicator, d.why, d.label = d.post.id, "postposed_name", d.post.name
        d.confidence = 0.7
        d.name_end = fig.span.end + d.post.end
        return None
    if not (inherit_ok and subject is not None):
        d.why = "no_name"
        return None
    d.indicator, why = choose(subject.id, fig.dimension, clause, "")
    d.why = "subject:" + why
    d.name_start = subject.name_start
    d.confidence = min(d.confidence, 0.8)  # inherited: the usual '…亿元，增长…%' list
    d.label = d.label or registry().indicators[subject.id].zh
    d.scope = "sub_sector" if subject.sub else sc.scope_of("", fig.since_prev)
    if subject.weak:
        d.why += "+weak_name"
    return kept


def admit(fig: Figure, d: Draft) -> None:
    """Whether the indicator takes the figure: the new ones of a stock are not the stock, an
    indicator may need or exclude words, a share or fulfilment is no value of it, and its unit
    must take the figure's (which sets d.unit and d.value)."""
    reg = registry()
    span, sentence = fig.span, fig.sentence
    needs = reg.indicators[d.indicator].needs if d.indicator else ""
    lo = max(0, span.start - 80)
    phrase = sentence[lo : span.start]
    phrase_start = lo + max(phrase.rfind("，"), phrase.rfind("；"), -1) + 1  # back to a comma, over 、
    if d.post is not None and d.indicator and reg.indicators[d.indicator].stock and "新增" in sentence[phrase_start : span.start]:
        d.why, d.indicator = d.why + "+flow_of_stock", None  # '新增…等6家上市公司': the new ones, not the stock
    after = clause_after(sentence, span)
    unless = reg.indicators[d.indicator].unless if d.indicator else ""
    if needs and not re.search(needs, sentence[phrase_start : span.start] + after):
        d.why += "+missing_word"
        d.indicator = None
    elif unless and re.search(unless, sentence[phrase_start : span.start]):
        d.why += "+excluded_word"
        d.indicator = None
    if d.scope in ("share", "fulfilment", "comparison") and d.indicator:  # not values of the indicator at all
        d.why += f"+{d.scope}"
        d.indicator = None
    d.ind = reg.get(d.indicator)
    d.unit, d.value = span.written_unit, span.number
    if d.ind is not None:
        target_unit = next((u for u in d.ind.units if convert(span.number, d.unit, u) is not None), None)
        if target_unit is None:
            d.indicator, d.ind, d.why = None, None, d.why + "+unit_mismatch"
        else:
            d.value = convert(span.number, d.unit, target_unit)
            d.unit = target_unit or span.unit


def base_of(indicator: str | None) -> str:
    return (indicator or "").removesuffix("_growth")


def prefer_strong_names(facts: list[Fact]) -> list[Fact]:
    """A weak (plain) name of an indicator is a broader total where the report also uses the
    strong name (一般公共预算收入 beside 区级一般公共预算收入): then it is not the indicator."""
    strong = {f.indicator for f in facts if f.indicator and "weak_name" not in f.rule}
    bases = {i.removesuffix("_growth") for i in strong}
    # a report that writes the plain name after its own area's name (南岭区一般公共预算收入) uses the
    # plain name for its own series: keep its plain mentions
    bases -= {f.indicator.removesuffix("_growth") for f in facts if f.indicator and "own_area_name" in f.rule}
    for f in facts:
        if f.indicator and "weak_name" in f.rule and f.indicator.removesuffix("_growth") in bases:
            f.rule += "; dropped: the report also names the narrower series"
            f.indicator, f.scope = None, "broader"
    return facts
