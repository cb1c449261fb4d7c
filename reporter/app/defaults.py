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


def covered_years(reports: list[Report], plans: bool = False) -> tuple[int, int] | None:
    """(first, last) year that the corpus reviews (actual figures), else plans for; with plans=True
    the planned years count too (a plan report's targets for next year are its latest figures),
    so a year range opens on the store's latest years (2021-2024 for the seeds, as the README's brief)."""
    spans = [s for r in reports for p in r.review_periods if (s := period_years(p))]
    if plans or not spans:
        spans += [(r.plan_year, r.plan_year) for r in reports if r.plan_year]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def candidates(first: int, last: int, latest: int | None = None) -> list[str]:
    """A range up to `latest` (the last year with any figure), then the last reviewed year's forms."""
    top = latest or last
    start = max(first, top - SPAN + 1)
    return [f"{start}-{top}", str(last), f"{last}Q4", f"{last}-12"]


def fill_options(product: Product, given: dict[str, Any], reports: list[Report]) -> dict[str, Any]:
    """`given` with each missing required option set from the corpus (text, as the CLI passes it)."""
    out = dict(given)
    missing = [o for o in product.options if o.required and out.get(o.name) is None and o.default is None]
    if not missing:
        return out
    years = covered_years(reports)
    if years is None:
        raise UserError(f"{product.name}: the corpus covers no year; give --{missing[0].name}")
    latest = covered_years(reports, plans=True)[1]
    for opt in missing:
        if opt.from_corpus is not None:
            out[opt.name] = opt.from_corpus(reports)
            if out[opt.name] is None:
                raise UserError(f"{product.name}: give --{opt.name} ({opt.help})")
            continue
        out[opt.name] = next((text for text in candidates(*years, latest) if _accepts(opt.parse, text)), None)
        if out[opt.name] is None:
            raise UserError(f"{product.name}: give --{opt.name} ({opt.help})")
    return out


def _accepts(parse, text: str) -> bool:
    try:
        parse(text)
    except Exception:  # noqa: BLE001 - any refusal means "not this candidate"
        return False
    return True
