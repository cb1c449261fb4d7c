"""The confidence threshold products act on (reporter/data/confidence.toml, validated on load).

A fact below the threshold is never shown as a plain figure: products add the file's mark and,
in the footnote, the reason read from the fact's rule (the notes the fact finder wrote).
"""
from __future__ import annotations


from reporter.model import Fact
from reporter.settings import per_data


@per_data
def settings() -> dict:
    from reporter.datafiles import package_data

    return package_data("confidence.toml", "reporter.parse_schemas:ConfidenceFile")


def threshold() -> float:
    return float(settings()["threshold"])


def is_low(fact: Fact) -> bool:
    return getattr(fact, "confidence", 1.0) < threshold()


def reason(fact: Fact) -> str:
    """Why a fact's confidence is low, in the editor's words: every note of its rule that the
    file names, in the file's order."""
    rule = getattr(fact, "rule", "") or ""
    found = [words for note, words in settings()["reasons"].items() if note in rule]
    return "；".join(found) if found else f"可信度 {getattr(fact, 'confidence', 0):.2f}"
