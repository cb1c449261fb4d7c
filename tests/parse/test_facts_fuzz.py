"""Parse never raises on text: mutated seed and corpus texts run through the whole parse.

Each hypothesis example picks a source text and a seed for a cheap mutation loop (cut,
duplicate, delete and swap lines; insert CJK, digits, punctuation, control characters, full-width
and traditional characters; truncate mid-number), then parses MUTATIONS_PER_EXAMPLE mutants.
A text may be refused with a UserError (one clear line); anything else is a bug.
"""
from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.errors import UserError
from reporter.parse import parse_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
TEXTS = [p.read_text("utf-8") for p in SOURCES]
# short pieces: the seeds' long texts are cut to a window so each mutant parses fast
WINDOW = 6000
MUTATIONS_PER_EXAMPLE = 20
EXAMPLES = 100  # 100 x 20 = 2000 mutants per run (plus one parse of each whole source)

INSERTS = [
    "年", "月", "季度", "前三季度", "1-10月", "上半年", "去年", "今年", "20xx年", "2023年", "十四五",
    "地区生产总值", "一般公共预算收入", "区级", "增长", "下降", "预计", "分别", "占全市", "完成全年计划",
    "%", "亿元", "万元", "万", "亿", "元/人", "微克/立方米", "个百分点", "倍", "家", "。", "，", "；", "、", "：",
    "（", "）", "(", ")", "|", " | ", "——", "-", "--", ".", "..", "4.1.%", "0.", "１２３", "％", "\t", "\x00",
    "\x0b", "\x1b", "\u200b", "\ufeff", "\r", "\n", "\n\n", "地區生產總值", "億元", "增長", "區(qū)", "一、",
    "（一）", "1.", "附件1", "指标 累计（亿元） 同比（%）", "指标\n累计（亿元）\n同比（%）\n", "#", "**",
    "信息详情", "回到顶部", "— 3 —", "十", "百", "千亿", "七万元", "999999999999999999999", "1e5", "NaN",
]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(9)
        i = rng.randrange(len(lines)) if lines else 0
        if op == 0 and lines:  # delete a line
            del lines[i]
        elif op == 1 and lines:  # duplicate a line
            lines.insert(i, lines[i])
        elif op == 2 and len(lines) > 1:  # swap two lines
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and lines:  # cut a line anywhere (mid-number too)
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        elif op in (4, 5) and lines:  # insert a token inside a line
            line = lines[i]
            k = rng.randint(0, len(line))
            lines[i] = line[:k] + rng.choice(INSERTS) + line[k:]
        elif op == 6 and lines:  # random characters: CJK, digits, punctuation, controls
            alphabet = [chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(4)] + list("0123456789.%,-|年月亿万") + [
                chr(rng.randint(0, 31)), chr(rng.randint(0xFF01, 0xFF5E))]
            k = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) + lines[i][k:]
        elif op == 7:  # join everything onto one line
            lines = ["".join(lines)]
        else:  # truncate the text
            lines = lines[: rng.randint(0, len(lines))]
    return "\n".join(lines)


def parse_ok(text: str) -> None:
    try:
        report = parse_text(text, Path("fuzz.txt"))
    except UserError as exc:
        assert "\n" not in str(exc).strip()
        return
    for f in report.facts + report.context_facts:
        assert len(f.quote) <= 200
        assert f.scope


def test_every_whole_source_parses():
    for text in TEXTS:
        parse_ok(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=len(TEXTS) - 1), st.integers(min_value=0, max_value=2**32 - 1),
       st.integers(min_value=0, max_value=10**6))
def test_mutated_texts_never_raise(index, seed, offset):
    rng = random.Random(seed)
    text = TEXTS[index]
    if len(text) > WINDOW:
        start = offset % (len(text) - WINDOW)
        text = text[start : start + WINDOW]
    for _ in range(MUTATIONS_PER_EXAMPLE):
        text = mutate(text, rng)
        parse_ok(text)
        if not text.strip():
            text = TEXTS[index][:WINDOW]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.%,-|（）()：:；。年月季度亿万元增长下降地区生产总值预计分别占全市\n \t")),
               max_size=300))
def test_arbitrary_strings_of_report_characters(text):
    parse_ok(text)
