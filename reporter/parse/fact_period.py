"""A figure's own period: a year or months said in its clause (not a base of comparison), a span
for 年均/累计 over several years, and a level in a span review taken at the span's end. It
starts from where the sentence stands (contexts.py) and overrides it only on its clause's words."""
from __future__ import annotations

import re

import reporter.parse.periods as pm
from reporter.parse.clauses import Figure
from reporter.parse.draft import Draft
from reporter.parse.frame import Context, ReportFrame, writing_year

SPAN_WORDS = re.compile(r"五年|十[一二三四五六七八九]五|连续[5五]年")
AVERAGE_GROWTH = re.compile(r"年均(增速|增长|增幅|提高|下降)")
N_YEARS = re.compile(r"(?:近|过去|这|最近)([两二三四五六七八九十2-9]|10)年")
CN_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            **{str(i): i for i in range(2, 11)}}


def clause_period(fig: Figure, d: Draft, ctx: Context, frame: ReportFrame) -> None:
    """Set d's kind, period and period_rule from the sentence's context and the figure's clause."""
    d.kind, d.period, d.period_rule = ctx.kind, ctx.period, ctx.rule
    _clause_mark(fig, d, ctx, frame)
    _span(fig, d, ctx, frame)


def _clause_mark(fig: Figure, d: Draft, ctx: Context, frame: ReportFrame) -> None:
    """A year or months said in the figure's clause; a past year in a target section is an actual."""
    marks = [mk for mk in pm.find_marks(fig.sentence[max(fig.floor, fig.cstart - 12) : fig.span.start]) if not mk.comparative]
    if not marks:
        return
    mark = marks[-1]
    year = pm.resolve_year(mark, writing_year(frame)) or pm.year_of(d.period)
    if not year:
        return
    months = mark.months if (mark.months or mark.full_year) else pm.months_of(d.period) if year == pm.year_of(d.period) else None
    if mark.full_year:
        months = None
    d.period, d.period_rule = pm.month_period(year, months), "clause"
    if d.kind == "target" and year < (pm.year_of(ctx.period) or 0):
        d.kind = "actual"


def _span(fig: Figure, d: Draft, ctx: Context, frame: ReportFrame) -> None:
    """年均 (and a flow's 累计 in a span review) covers a span of years; any other figure in a
    span is a level at the span's end."""
    clause, sentence, span = fig.clause, fig.sentence, fig.span
    stock = d.ind is not None and d.ind.stock  # a stock's 累计 figure is its level at the time, not a span's sum
    if AVERAGE_GROWTH.search(clause) or ("累计" in clause and not stock and SPAN_WORDS.search(sentence + ctx.path[-40:])):
        year = pm.year_of(d.period)
        span_period = frame.span or (f"{year - 4}-{year}" if year else "")
        if pm.years_of(d.period):
            span_period = d.period
        years = N_YEARS.search(sentence[max(0, span.start - 40) : span.start])
        end = pm.last_whole_year(d.period) if d.period else None  # a part-year period has none
        n = CN_YEARS.get(years.group(1)) if years else None
        if n and end and n != 5:  # '近三年年均增长8%': a span of the years it names, ending at the figure's year
            span_period = f"{end - n + 1}-{end}"
        if span_period:
            d.period, d.period_rule = span_period, "clause:span"
    elif pm.years_of(d.period) and not (d.ind and d.ind.flow) \
            and (d.kind == "actual" or (d.unit != "%" and d.indicator is not None)):
        # a level said in a five-year review is the level reached at its end; a five-year target
        # level (未来五年…达到1500亿元) is the level aimed at for its end year
        d.period, d.period_rule = str(pm.last_whole_year(d.period)), d.period_rule + ":span_end"
