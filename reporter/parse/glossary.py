"""The 名词解释 annex -> numbered terms with definitions."""
from __future__ import annotations

import re

from reporter.model import Term

ITEM = re.compile(r"^(\d{1,3})[.．、]\s*(.+)$")


def parse(annex: list[str], warnings: list[str]) -> list[Term]:
    heads = [i for i, par in enumerate(annex) if re.fullmatch(r"(附件\s*\d+\s*)?名词解释", par)]
    if not heads:
        return []
    terms: list[Term] = []
    for par in annex[heads[-1] + 1 :]:
        m = ITEM.match(par)
        if m and int(m.group(1)) == len(terms) + 1:
            body = m.group(2)
            term, sep, definition = body.partition("：")
            if not sep or len(term) > 40:
                term, definition = body[:20], body
                warnings.append(f"glossary item {m.group(1)} has no 'term：' split; kept whole")
            terms.append(Term(number=int(m.group(1)), term=term.strip(), definition=definition.strip()))
        elif terms:
            terms[-1].definition += par
    return terms
