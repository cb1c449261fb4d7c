"""The bilingual summary product: registration and its options (a thin adapter to compose/summary)."""
from __future__ import annotations

from reporter.app.products import Built, Option, Product, ProductRequest, register
from reporter.errors import UserError


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 1900 <= int(text) <= 2100:
        raise UserError(f"expected a year such as 2023, not '{text}'")
    return int(text)


OPTIONS = (
    Option("year", "the year the report reviews, e.g. 2023", _year, required=True),
    Option("report", "the report id (default: the one that reviews --year and sets the next year's targets)"),
)  # --lang (zh,en side by side | zh | en) and --termbase are every product's (app/render.py)


def summary_context(req: ProductRequest) -> dict:
    """The summary's context for these options (also used by `terms missing`)."""
    from reporter.compose import summary
    from reporter.i18n import messages
    from reporter.termbase import load_checked

    opts = req.options
    base = load_checked(req.termbase)
    target = next((lang for lang in req.langs if lang != "zh"), "en")  # the translation side, shown or not
    return summary.build(req.corrected()[0], opts["year"], opts.get("report"), ",".join(req.langs), base,
                         messages("zh", req.user_templates), messages(target, req.user_templates),
                         lexicon=req.names(target))  # the names store: --lang en footnotes name indicators with it


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
    return Built(context, title, f"summary-{year}{suffix}{req.suffix}", notices=notices)


register(Product(
    name="summary", description="a bilingual (Chinese/English) summary of one year's report",
    build=_summary, template="summary", default_formats="pdf,docx,html", options=OPTIONS,
    depends_on=("corpus", "templates", "styles", "registry", "terms", "messages"), bilingual=True, default_lang="zh,en"))
