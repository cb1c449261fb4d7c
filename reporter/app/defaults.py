"""Option values taken from the corpus, for front ends that must render a product without being
told its period (`templates check`, `templates context`, `preview NAME` without --years).

Generic over the product registry: a required option with no value gets the first candidate its
own parser accepts, built from the latest year the corpus reviews (range, year, last quarter).
"""
from __future__ import annotations

from typing import Any

from reporter.app.products import Product
from reporter.errors import UserError
from reporter.model import Report
from reporter.periods import period_years

SPAN = 4  # years in a default range, as in the README's examples


def covered_years(reports: list[Report]) -> tuple[int, int] | None:
    """(first, last) year that the corpus reviews (actual figures), else plans for."""
    spans = [s for r in reports for p in r.review_periods if (s := period_years(p))]
    if not spans:
        spans = [(r.plan_year, r.plan_year) for r in reports if r.plan_year]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def candidates(first: int, last: int) -> list[str]:
    start = max(first, last - SPAN + 1)
    return [f"{start}-{last}", str(last), f"{last}Q4", f"{last}-12"]


def fill_options(product: Product, given: dict[str, Any], reports: list[Report]) -> dict[str, Any]:
    """`given` with each missing required option set from the corpus (text, as the CLI passes it)."""
    out = dict(given)
    missing = [o for o in product.options if o.required and out.get(o.name) is None and o.default is None]
    if not missing:
        return out
    years = covered_years(reports)
    if years is None:
        raise UserError(f"{product.name}: the corpus covers no year; give --{missing[0].name}")
    for opt in missing:
        if opt.from_corpus is not None:
            out[opt.name] = opt.from_corpus(reports)
            if out[opt.name] is None:
                raise UserError(f"{product.name}: give --{opt.name} ({opt.help})")
            continue
        out[opt.name] = next((text for text in candidates(*years) if _accepts(opt.parse, text)), None)
        if out[opt.name] is None:
            raise UserError(f"{product.name}: give --{opt.name} ({opt.help})")
    return out


def _accepts(parse, text: str) -> bool:
    try:
        parse(text)
    except Exception:  # noqa: BLE001 - any refusal means "not this candidate"
        return False
    return True
