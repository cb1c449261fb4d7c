"""The quarterly digest product: `reporter digest --quarter 2024Q1` builds build/digests/2024Q1.*."""
from __future__ import annotations

from reporter.app.products import Built, Option, Product, ProductRequest, register
from reporter.quarters import Quarter

FOLDER = "digests"


def _digest(req: ProductRequest) -> Built:
    from reporter.compose import brief, digest, localise

    reports = req.corrected()[0]  # the project's corrections, as every product applies them
    quarter = req.options.get("quarter") or digest.latest_quarter(reports)
    headline = [dict(h) for h in brief.load_config(req.user_templates).headline]
    context = digest.build(reports, quarter, headline, req.messages)
    localise.digest(context, req.names())
    title = req.messages.t("digest_title", year=quarter.year, q=quarter.q)
    return Built(context, title, f"{FOLDER}/{quarter}{req.suffix}")


DIGEST = register(Product(
    name="digest", description="the quarterly digest: what arrived in a quarter, and where the year's targets stand",
    build=_digest, template="digest", default_formats="pdf,docx,html",
    options=(Option("quarter", "the quarter, e.g. 2024Q1", Quarter.parse),),
    depends_on=("corpus", "templates", "styles", "registry", "terms", "messages", "config", "parser")))
