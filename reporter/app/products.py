"""The product registry: one entry per product, read by the CLI, `templates list/context`,
the preview server and the digest scheduler. A new product is a context builder in compose/,
a template in templates/, and one `Product(...)` that plugins.py registers (a shipped one named
in its BUILTIN list, an installed one through the `reporter.products` entry-point group); nothing
else branches on names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from reporter.errors import UserError
from reporter.model import Report
from reporter.settings import Settings, SettingsView

if TYPE_CHECKING:
    import pandas as pd

    from reporter.i18n import Messages


@dataclass(frozen=True)
class Option:
    """A product option, e.g. --years: the CLI flag and the value's parser (text -> value)."""

    name: str
    help: str
    parse: Callable[[str], Any] = str
    required: bool = False
    default: str | None = None
    # a value taken from the corpus where a front end must render without being told (templates check)
    from_corpus: Callable[[list[Report]], str | None] | None = None


@dataclass
class ProductRequest(SettingsView):
    """What a context builder receives: parsed options, the run's settings (store, the user's
    templates, corrections, term base), the corpus (read on first use), words."""

    options: dict[str, Any]
    settings: Settings
    messages: "Messages"
    reports: list[Report] | None = None
    langs: list[str] = field(default_factory=lambda: ["zh"])  # the product's languages (zh,en side by side)
    _names: dict = field(default_factory=dict, repr=False)

    default_lang: str = "zh"  # the product's own default (its file names carry no language)

    @property
    def suffix(self) -> str:
        """What a product's file names end with in a language other than its default: '-en'."""
        chosen = ",".join(self.langs)
        return "" if chosen == self.default_lang else "-" + "-".join(self.langs)

    @property
    def lang(self) -> str:
        """The language of a one-language product (of a bilingual one: its second, the translation)."""
        return self.langs[-1]

    def names(self, lang: str | None = None):
        """The names store (reporter/names.py) in `lang` (default the product's), one per render."""
        lang = lang or self.lang
        if lang not in self._names:
            from reporter.i18n import messages
            from reporter.names import Names
            from reporter.termbase import load_checked

            words = messages(lang, self.user_templates)
            marks = (words.t("summary_marker"), words.t("summary_draft_marker"))
            self._names[lang] = Names(load_checked(self.termbase), lang, marks=marks)
        return self._names[lang]

    def corrected(self, areas: set[str] | None = None,
                  indicators: set[str] | None = None) -> tuple[list[Report], list, list[str]]:
        """The corpus with the analyst's overlay names and corrections applied (with AREAS: read
        only those areas' reports from the store; with INDICATORS: only their facts, see narrow)."""
        from reporter.app.overlays import corrected

        narrow = self.narrow(areas, indicators)
        return corrected(narrow if narrow is not None else self.corpus(areas), self.settings)

    def narrow(self, areas: set[str] | None, indicators: set[str] | None) -> list[Report] | None:
        """A product that shows a few indicators reads only their facts and no report text (most
        of a report's memory). Not kept as the request's corpus, and not done when corrections or
        an overlay may give a fact its indicator after reading (then every fact is read)."""
        from reporter.app.overlays import overlay_names

        if indicators is None or self.reports is not None or self.corrections is not None or overlay_names(self.settings):
            return None
        from reporter.app.ingest import load_corpus

        return load_corpus(self.store, areas, indicators)

    def area(self) -> str:
        """The area the product is about: --area (a name or alias of the areas file, or any place
        the store holds), else the only area with reports of its own in the store."""
        from reporter.app.areas import chosen_area

        return chosen_area(self.corpus(), self.options.get("area"))

    def area_corrected(self) -> tuple[str, list[Report], list, list[str]]:
        """The area, and what its products read (its reports, and others as sources of the
        figures they quote of it), with the analyst's overlay applied."""
        from reporter.corpus import area_reports

        area = self.area()
        reports, applied, notices = self.corrected()
        return area, area_reports(reports, area), applied, notices

    def corpus(self, areas: set[str] | None = None) -> list[Report]:
        if self.reports is None:
            from reporter.app.ingest import load_corpus

            self.reports = load_corpus(self.store, areas)
        return self.reports


@dataclass
class Built:
    """A context builder's result: the template's context and what the outputs are called."""

    context: dict
    title: str
    basename: str  # output path below the output folder, without suffix
    sheets: dict[str, "pd.DataFrame"] = field(default_factory=dict)  # xlsx
    rows: "pd.DataFrame | None" = None  # csv
    notices: list[str] = field(default_factory=list)  # said to the user, not written
    # further documents rendered after this one with the same template, one at a time and written
    # together with it (the appendix's volumes: this one is then their index)
    volumes: list["Built"] = field(default_factory=list)
    properties: dict = field(default_factory=dict)  # the documents' author and company (DOCX core properties)
    lang: str = "zh"  # the language of the page's own words (set by the render use case)


@dataclass(frozen=True)
class Product:
    name: str
    description: str
    build: Callable[[ProductRequest], Built]
    template: str  # templates/<template>.md.j2
    default_formats: str
    options: tuple[Option, ...] = ()
    data_formats: tuple[str, ...] = ()  # besides the document formats
    depends_on: tuple[str, ...] = ("corpus", "templates", "styles", "registry")  # for staleness (digests)
    volumes: bool = False  # may come in volumes <basename>-N.<fmt>; a new render removes the old set's extra ones
    charts: bool = False  # its template draws charts: one-shot renders start the chart process early
    bilingual: bool = False  # --lang zh,en puts both languages side by side
    default_lang: str = "zh"


def parse_langs(product: Product, text: str | None, user_templates: Path | None = None) -> list[str]:
    """--lang zh | en | <any language with a catalogue>, or two of them for a bilingual product."""
    from reporter.i18n import languages

    text = text or product.default_lang
    langs = [p.strip() for p in text.split(",") if p.strip()]
    known = languages(user_templates)
    bad = [lang for lang in langs if lang not in known]
    if bad or not langs or len(langs) > (2 if product.bilingual else 1) or len(set(langs)) != len(langs):
        both = f" or two of them ({known[-1] if known else ''},…) side by side" if product.bilingual else ""
        raise UserError(f"{product.name} --lang {text}: choose one of {', '.join(known)}{both}")
    return langs


def register(table: dict[str, Product], product: object, where: str) -> None:
    """Add a product to TABLE: the shipped ones and those of installed packages alike
    (reporter/app/plugins.py builds the table). This module never imports its entries."""
    if not isinstance(product, Product):
        raise UserError(f"{where}: a product entry must be a reporter Product, not {type(product).__name__}")
    table[product.name] = product


def parse_options(product: Product, given: dict[str, str | None]) -> dict[str, Any]:
    """Text options -> values, defaults filled in; a missing required option is a UserError."""
    out: dict[str, Any] = {}
    for opt in product.options:
        text = given.get(opt.name)
        if text is None:
            text = opt.default
        if text is None:
            if opt.required:
                raise UserError(f"{product.name}: --{opt.name} is required")
            out[opt.name] = None
            continue
        out[opt.name] = opt.parse(text) if isinstance(text, str) else text
    return out
