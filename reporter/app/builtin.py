"""The products reporter ships: each a thin adapter from options to its compose/ builder."""
from __future__ import annotations

from reporter.app.products import Built, Option, Product, ProductRequest
from reporter.errors import UserError
from reporter.periods import parse_range

# A volume of ~200 pages prints as one booklet and lays out in ~1 GiB (docs/ARCHITECTURE.md, "Appendix at scale")
APPENDIX_MAX_PAGES = 200
YEARS = Option("years", "a year range, e.g. 2021-2024", parse_range, required=True)
AREA = Option("area", "the area (a name or alias of reporter/data/areas.toml); default: the store's only area")


def _indicator_list(text: str) -> list[str]:
    return [i.strip() for i in text.split(",") if i.strip()]


def _brief(req: ProductRequest) -> Built:
    from reporter.compose import brief, localise

    from reporter.app.areas import area_title, named, properties

    first, last = req.options["years"]
    from reporter.app.overlays import review_state

    area, reports, applied, notices = req.area_corrected()
    reviewed, stale = review_state(req.corrections, applied)
    context = brief.build(reports, first, last, req.options.get("indicators"), req.user_templates, req.messages,
                          applied, reviewed, stale)
    localise.brief(context, req.names(), req.messages)
    context["title"] = area_title(req.messages, area, context["title"], req.messages.lang)
    context["area"] = area
    if context["uncovered"]:
        notices.append(f"note: no source covers {', '.join(map(str, context['uncovered']))}")
    return Built(context, context["title"], named("brief", area, f"{first}-{last}") + req.suffix, notices=notices,
                 properties=properties(area, reports))


def _appendix(req: ProductRequest) -> Built:
    from reporter.compose import appendix, localise

    from reporter.app.areas import area_title, named, properties

    first, last = req.options["years"]
    area, reports, applied, notices = req.area_corrected()
    t = req.messages
    built = appendix.build_with_tables(reports, first, last, t, applied)
    localise.appendix(built.context, req.names(), t)
    built.context["area"] = area
    basename = named("appendix", area, f"{first}-{last}") + req.suffix
    props = properties(area, reports)
    result = Built(built.context, area_title(t, area, t("appendix_title", first=first, last=last), t.lang), basename,
                   sheets=built.sheets, rows=built.rows, notices=notices, properties=props)
    from reporter.compose.appendix_volumes import split

    cut = split(built.context, req.options.get("max-pages") or APPENDIX_MAX_PAGES, basename, t)
    if cut is not None:
        result.context = cut.index
        result.volumes = [Built(v, area_title(t, area, t("appendix_volume_title", first=first, last=last,
                                                         number=v["volume"]["number"], count=v["volume"]["count"]),
                                              t.lang), v["volume"]["file"], properties=props) for v in cut.volumes]
    return result


def _area_list(text: str) -> list[str]:
    return [a.strip() for a in text.replace("，", ",").split(",") if a.strip()]


def _some_areas(reports) -> str | None:
    """The areas a front end compares when not told: the store's own areas (up to four), or its
    only area and its parent."""
    from reporter.app.areas import own_areas
    from reporter.areas import areas
    from reporter.corpus import held

    own = own_areas(reports)[:4]
    found = areas().get(own[0]) if len(own) == 1 else None
    if found is not None and found.parent and any(h.area.name == found.parent for h in held(reports)):
        own.append(found.parent)
    return ",".join(own) if len(own) >= 2 else None


def _compare(req: ProductRequest) -> Built:
    from reporter.compose import compare

    from reporter.app.areas import related_areas

    first, last = req.options["years"]
    wanted = compare.indicator_ids(req.user_templates, req.options.get("indicators"))
    reports, applied, notices = req.corrected(related_areas(req.store, req.options["areas"]), wanted)
    t = req.messages
    context = compare.build(reports, req.options["areas"], first, last, req.options.get("indicators"),
                            req.user_templates, t, req.names())
    shown = t("compare_list_separator").join(str(context["area_names"][a]) for a in context["areas"])
    title = t("area_title", area=shown, title=t("compare_title", first=first, last=last))
    from reporter.app.areas import short_name

    base = "compare-" + "-".join(short_name(a) for a in context["areas"]) + f"-{first}-{last}" + req.suffix
    return Built(context, title, base, sheets=compare.sheets(context, t), notices=notices,
                 properties={"author": shown, "company": shown})


def _sample(req: ProductRequest) -> Built:
    from reporter.compose import sample

    parts = req.options["parts"]
    return Built(sample.build(parts, t=req.messages, names=req.names()), req.messages.t("sample_title"), ("sample" if parts == 1 else f"sample-{parts}") + req.suffix)


def positive_int(text: str) -> int:
    from reporter.errors import UserError

    if not text.isdigit() or int(text) < 1:
        raise UserError(f"expected a whole number ≥ 1, not '{text}'")
    return int(text)


PRODUCTS = (  # registered by reporter/app/plugins.py (BUILTIN)
    Product(
        name="brief", description="the multi-year comparison brief", build=_brief, template="brief",
        default_formats="pdf,docx", charts=True,
        options=(YEARS, Option("indicators", "only these indicator ids, comma-separated", _indicator_list), AREA)),
    Product(
        name="appendix", description="every figure by indicator and year, with its source (also xlsx/csv)",
        build=_appendix, template="appendix", default_formats="pdf,docx,xlsx",
        options=(YEARS, Option("max-pages", "past about N pages the PDF/DOCX come in volumes of at most N pages, "
                                            f"with the usual file as their index (default {APPENDIX_MAX_PAGES})", positive_int,
                                            default=str(APPENDIX_MAX_PAGES)), AREA),
        data_formats=("xlsx", "csv"), volumes=True),
    Product(
        name="compare", description="areas side by side: levels, growth, CAGR, targets, ranks, shares of the parent",
        build=_compare, template="compare", default_formats="pdf,docx,xlsx", charts=True,
        options=(Option("areas", "two or more areas, comma-separated (names or aliases; a parent may be one)", _area_list,
                        required=True, from_corpus=_some_areas), YEARS, Option("indicators", "only these indicator ids, comma-separated",
                                                     _indicator_list)),
        data_formats=("xlsx",)),
    Product(
        name="sample", description="the demonstration product that exercises every template element",
        build=_sample, template="sample", default_formats="pdf,docx,html", charts=True,
        options=(Option("parts", "repeat the sample body N times (for long-document tests)", positive_int, default="1"),),
        depends_on=("templates", "styles")),
)
