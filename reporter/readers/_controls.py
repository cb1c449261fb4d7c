"""Control characters in a source's text: line and page breaks become new lines, the rest are
dropped, and a warning counts them (not a reader: a name starting with _ is skipped by the registry)."""
from __future__ import annotations

import re

# vertical tab, form feed, NEL, line and paragraph separators break a line; every other C0/C1
# control, DEL and the non-characters U+FFFE/U+FFFF are dropped (tab, LF and CR are text).
BREAKS = "\x0b\x0c\x85\u2028\u2029"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def normalise_controls(text: str) -> tuple[str, list[str]]:
    found: dict[str, int] = {}

    def fix(m: re.Match) -> str:
        found[m.group()] = found.get(m.group(), 0) + 1
        return "\n" if m.group() in BREAKS else ""

    text = CONTROLS.sub(fix, text)
    if not found:
        return text, []
    total = sum(found.values())
    kinds = ", ".join(f"U+{ord(c):04X}×{n}" for c, n in sorted(found.items()))
    return text, [f"the source held {total} control character(s) ({kinds}): line and page breaks became new lines, the rest were dropped"]
