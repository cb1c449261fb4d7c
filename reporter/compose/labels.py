"""Is a fact's label a real label (a noun phrase a reader understands) or a parsing fragment?

The parser takes the words before a figure as its label. For registered indicators the
registry names the figure; for the rest the label is all a reader gets, and fragments
("为", "完成", "达到", "白纸坊大观园等", "基建”“新场景”入库项目") tell them nothing. The rule
looks at the label's shape only (letters counted, the last character's class), never at particular reports: long enough, ends in a content
character (a CJK ideograph or a letter, not punctuation or a digit), does not end in a verb or
function word that needs the figure to complete it, and has balanced quotes and brackets.
"""
from __future__ import annotations

import re
import unicodedata

MIN_LENGTH = 4
MAX_LENGTH = 30
# Words that end a clause fragment rather than a name: "…达", "…增长", "…等", "…为".
FRAGMENT_ENDINGS = (
    "达", "为", "至", "到", "在", "等", "了", "及", "和", "与", "于", "过", "超", "约", "近", "共", "计",
    "是", "有", "将", "对", "向", "从", "以", "占", "比", "较", "均", "已", "的", "超过", "保持", "增长",
    "提升", "提高", "下降", "降低", "减少", "突破", "完成", "实现", "达到", "新增", "累计", "其中", "分别",
    "同比", "增加", "增至", "升至", "降至", "约为", "大于", "小于", "不低于", "不超过", "左右", "以上", "以内",
    "帮助", "推动", "带动", "惠及", "涉及", "吸引", "促进", "支持", "组织", "开展", "举办", "安排", "落实",
    "推进", "参与", "整改", "签", "腾退", "疏解", "持续", "共", "由", "从", "其", "每", "各", "近", "超",
)
PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」"), ("【", "】"))
LEADING_JUNK = re.compile(r"^[\s，。、；：！？,.;:!?）)”》」】]+")


def is_real_label(label: str | None) -> bool:
    """True for '新增学前教育学位', '公共文化活动场次'; False for '为', '完成', '建成槐柏树街等'."""
    text = (label or "").strip()
    letters = sum(1 for ch in text if unicodedata.category(ch).startswith("L"))
    if not (MIN_LENGTH <= letters and len(text) <= MAX_LENGTH) or LEADING_JUNK.match(text):
        return False  # too short to name anything ("为", "500米"), or a run-on clause
    last = text[-1]
    kind = unicodedata.category(last)
    if not (kind == "Lo" or (kind.startswith("L") and last.isascii())):
        return False  # ends in punctuation, a digit or a symbol: a cut-off fragment
    if text.endswith(FRAGMENT_ENDINGS):
        return False
    return all(text.count(a) == text.count(b) for a, b in PAIRS)
