"""The bilingual summary product: registration and its options (a thin adapter to compose/summary)."""
from __future__ import annotations

from reporter.app.builtin import AREA
from reporter.app.products import Built, Option, Product, ProductRequest
from reporter.errors import UserError


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 2100:
        raise UserError(f"expected a year such as 2023, not '{text}'")
    return int(text)


OPTIONS = (
    Option("year", "the year the report reviews, e.g. 2023", _year, required=True),
    Option("report", "the report id (default: the one that reviews --year and sets the next year's targets)"),
    AREA,
)  # --lang (zh,en side by side | zh | en) and --termbase are every product's (app/render.py)


def summary_context(req: ProductRequest) -> dict:
    """The summary's context for these options (also used by `terms missing`)."""
    from reporter.compose import summary
    from reporter.i18n import messages
    from reporter.termbase import load_checked

    from reporter.app.areas import area_title

    opts = req.options
    base = load_checked(req.termbase)
    target = next((lang for lang in req.langs if lang != "zh"), "en")  # the translation side, shown or not
    zh, en = messages("zh", req.user_templates), messages(target, req.user_templates)
    area = req.area()
    own = [r for r in req.corrected()[0] if r.area == area]  # the project's corrections, as every product applies them
    context = summary.build(own, opts["year"], opts.get("report"), ",".join(req.langs), base, zh, en,
                            lexicon=req.names(target))  # the names store: --lang en footnotes name indicators with it
    context["area"] = area
    context["title_zh"] = area_title(zh, area, context["title_zh"], "zh")
    context["title_en"] = area_title(en, area, context["title_en"], "en")
    return context


def _summary(req: ProductRequest) -> Built:
    context = summary_context(req)
    year = context["year"]
    notices = []
    if context["awaiting"]:
        covered, total = context["coverage"]["covered"], context["coverage"]["total"]
        notices.append(f"note: English coverage {covered}/{total} terms; {len(context['awaiting'])} awaiting "
                       f"translation (see `reporter terms missing --year {year}`)")
    title = context["title_en"] if context["langs"] == ["en"] else context["title_zh"]
    # a report chosen by hand gets its own file, so it never replaces the year's default summary
    suffix = f"-{context['report_id'].split('_')[0]}" if req.options.get("report") else ""
    from reporter.app.areas import named, properties

    area = context["area"]
    return Built(context, title, named("summary", area, f"{year}{suffix}") + req.suffix, notices=notices,
                 properties=properties(area, req.corpus()))


SUMMARY = Product(  # registered by reporter/app/plugins.py (BUILTIN)
    name="summary", description="a bilingual (Chinese/English) summary of one year's report",
    build=_summary, template="summary", default_formats="pdf,docx,html", options=OPTIONS,
    depends_on=("corpus", "templates", "styles", "registry", "terms", "messages"), bilingual=True, default_lang="zh,en")
