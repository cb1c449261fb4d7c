"""The products reporter ships: each a thin adapter from options to its compose/ builder."""
from __future__ import annotations

from reporter.app.products import Built, Option, Product, ProductRequest, register
from reporter.errors import UserError
from reporter.periods import parse_range

# A volume of ~200 pages prints as one booklet and lays out in ~1 GiB (docs/ARCHITECTURE.md, "Appendix at scale")
APPENDIX_MAX_PAGES = 200
YEARS = Option("years", "a year range, e.g. 2021-2024", parse_range, required=True)


def _indicator_list(text: str) -> list[str]:
    return [i.strip() for i in text.split(",") if i.strip()]


def _brief(req: ProductRequest) -> Built:
    from reporter.compose import brief, localise

    first, last = req.options["years"]
    from reporter.app.overlays import review_state

    reports, applied, notices = req.corrected()
    reviewed, stale = review_state(req.corrections, applied)
    context = brief.build(by_area(reports, req.options.get("area")), first, last, req.options.get("indicators"),
                          req.user_templates, req.messages, applied, reviewed, stale)
    localise.brief(context, req.names(), req.messages)
    if context["uncovered"]:
        notices.append(f"note: no source covers {', '.join(map(str, context['uncovered']))}")
    return Built(context, context["title"], f"brief-{first}-{last}{req.suffix}", notices=notices)


def by_area(reports: list, area: str | None) -> list:
    """The reports of one area (Report.area, where the store records it); all when no area is asked."""
    if not area:
        return reports
    def name(r):
        value = getattr(r, "area", None)
        return getattr(value, "name", value)
    kept = [r for r in reports if name(r) == area]
    if not kept:
        known = sorted({str(name(r)) for r in reports if name(r)})
        raise UserError(f"--area {area}: no stored report is of that area"
                        + (f" (areas: {', '.join(known)})" if known else " (the store records no areas)"))
    return kept


def _appendix(req: ProductRequest) -> Built:
    from reporter.compose import appendix, localise

    first, last = req.options["years"]
    reports, applied, notices = req.corrected()
    t = req.messages
    built = appendix.build_with_tables(reports, first, last, t, applied)
    localise.appendix(built.context, req.names(), t)
    basename = f"appendix-{first}-{last}{req.suffix}"
    result = Built(built.context, t("appendix_title", first=first, last=last), basename, sheets=built.sheets,
                   rows=built.rows, notices=notices)
    cut = appendix.split(built.context, req.options.get("max-pages") or APPENDIX_MAX_PAGES, basename, t)
    if cut is not None:
        result.context = cut.index
        result.volumes = [Built(v, t("appendix_volume_title", first=first, last=last, number=v["volume"]["number"],
                                     count=v["volume"]["count"]), v["volume"]["file"]) for v in cut.volumes]
    return result


def _sample(req: ProductRequest) -> Built:
    from reporter.compose import sample

    parts = req.options["parts"]
    return Built(sample.build(parts, t=req.messages, names=req.names()), req.messages.t("sample_title"), ("sample" if parts == 1 else f"sample-{parts}") + req.suffix)


def positive_int(text: str) -> int:
    from reporter.errors import UserError

    if not text.isdigit() or int(text) < 1:
        raise UserError(f"expected a whole number ≥ 1, not '{text}'")
    return int(text)


register(Product(
    name="brief", description="the multi-year comparison brief", build=_brief, template="brief",
    default_formats="pdf,docx", charts=True,
    options=(YEARS, Option("indicators", "only these indicator ids, comma-separated", _indicator_list))))
register(Product(
    name="appendix", description="every figure by indicator and year, with its source (also xlsx/csv)",
    build=_appendix, template="appendix", default_formats="pdf,docx,xlsx",
    options=(YEARS, Option("max-pages", "past about N pages the PDF/DOCX come in volumes of at most N pages, "
                                        f"with the usual file as their index (default {APPENDIX_MAX_PAGES})", positive_int,
                                        default=str(APPENDIX_MAX_PAGES))),
    data_formats=("xlsx", "csv"), volumes=True))
register(Product(
    name="sample", description="the demonstration product that exercises every template element",
    build=_sample, template="sample", default_formats="pdf,docx,html", charts=True,
    options=(Option("parts", "repeat the sample body N times (for long-document tests)", positive_int, default="1"),),
    depends_on=("templates", "styles")))
