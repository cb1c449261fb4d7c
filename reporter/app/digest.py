"""The quarterly digest product: `reporter digest --quarter 2024Q1` builds build/digests/2024Q1.*."""
from __future__ import annotations

from reporter.app.builtin import AREA
from reporter.app.products import Built, Option, Product, ProductRequest
from reporter.quarters import Quarter

FOLDER = "digests"


def digest_folder(area: str | None) -> str:
    """digests/, or digests/<area>/ when an area is named: each area's quarters and state apart."""
    if not area:
        return FOLDER
    from reporter.app.areas import short_name
    from reporter.areas import areas

    return f"{FOLDER}/{short_name(areas().canonical(area))}"


def _digest(req: ProductRequest) -> Built:
    from reporter.app.areas import area_title, properties
    from reporter.compose import brief, digest, localise
    from reporter.corpus import area_reports

    area = req.area()
    reports = area_reports(req.corrected()[0], area)  # the project's corrections, as every product applies them
    quarter = req.options.get("quarter") or digest.latest_quarter(reports)
    headline = [dict(h) for h in brief.load_config(req.user_templates).headline]
    context = digest.build(reports, quarter, headline, req.messages)
    localise.digest(context, req.names())
    context["area"] = area
    title = area_title(req.messages, area, req.messages.t("digest_title", year=quarter.year, q=quarter.q),
                       req.messages.lang)
    # the file keeps the quarter's name; a named area's digests have their own folder (and schedule state)
    return Built(context, title, f"{digest_folder(req.options.get('area'))}/{quarter}{req.suffix}",
                 properties=properties(area, reports))


DIGEST = Product(  # registered by reporter/app/plugins.py (BUILTIN)
    name="digest", description="the quarterly digest: what arrived in a quarter, and where the year's targets stand",
    build=_digest, template="digest", default_formats="pdf,docx,html",
    options=(Option("quarter", "the quarter, e.g. 2024Q1", Quarter.parse), AREA),
    depends_on=("corpus", "templates", "styles", "registry", "terms", "messages", "config", "parser"))
