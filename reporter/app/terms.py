"""Use cases of the term base: check it, list what a summary still needs, export it as TBX.

The CLI only prints what these return; the preview server or a web form could call them too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.app.overlays import USER_TERMBASE as USER_FILE  # noqa: F401  (the CLI reads it here)
from reporter.errors import UserError
from reporter.settings import Settings
from reporter.termbase import Entry, load, read_file

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANG_TAGS = {"zh": "zh-CN", "en": "en"}


@dataclass
class CheckResult:
    problems: list[str]
    entries: int
    approved: int


def check(user: Path | None = None) -> CheckResult:
    """Every problem of the package term base and the user's file, one line each naming file:line."""
    base = load(user)
    return CheckResult(base.problems, len(base.entries), sum(1 for e in base.entries if e.approved))


@dataclass
class MissingTerm:
    zh: str
    category: str
    uses: int  # how often the report's text uses it: what to translate first
    needed: int  # how often the summary asked for it


def missing(settings: Settings, year: int, report: str | None = None, reports=None) -> tuple[str, list[MissingTerm]]:
    """The terms `reporter summary --year` needs with no official or reviewed English (no entry,
    or only a draft, in the settings' term base), most used first."""
    from reporter.app.products import ProductRequest
    from reporter.app.summary import summary_context
    from reporter.i18n import messages

    with settings.active():
        req = ProductRequest({"year": year, "report": report}, settings, messages("zh"), reports, langs=["zh", "en"])
        context = summary_context(req)
    from reporter.compose.summary import text_frequency

    lexicon, report = context["lexicon"], next(r for r in req.corpus() if r.id == context["report_id"])
    rows = [MissingTerm(n.zh, n.category, text_frequency(report, n.zh), n.uses)
            for n in lexicon.missing() + lexicon.drafts()]
    rows.sort(key=lambda m: (-m.uses, -m.needed, m.zh))
    return context["report_id"], rows


def tbx_bytes(user: Path | None = None, include_drafts: bool = False) -> tuple[bytes, int]:
    """The term base as TBX (ISO 30042, TBX-Basic dialect, DCA style) for CAT tools.

    One conceptEntry per Chinese term, one langSec per language it has names in; the best
    official or reviewed name is the preferred term, the others (and, with include_drafts,
    drafts) are admitted terms; rejected rows are never exported. Returns the bytes and the
    concept count.
    """
    from lxml import etree

    from reporter.termbase import TIER

    base = load(user)
    groups: dict[str, list[Entry]] = {}
    for e in base.entries:
        if e.approved or (include_drafts and e.status == "draft"):
            groups.setdefault(e.zh, []).append(e)
    groups = {zh: es for zh, es in groups.items() if any(e.approved for e in es)}
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, LANG_TAGS["zh"])
    header = etree.SubElement(root, f"{{{TBX_NS}}}tbxHeader")
    desc = etree.SubElement(etree.SubElement(header, f"{{{TBX_NS}}}fileDesc"), f"{{{TBX_NS}}}sourceDesc")
    etree.SubElement(desc, f"{{{TBX_NS}}}p").text = "reporter term base (reporter/data/termbase.csv)"
    body = etree.SubElement(etree.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for n, (zh, entries) in enumerate(groups.items(), start=1):
        concept = etree.SubElement(body, f"{{{TBX_NS}}}conceptEntry", id=f"c{n}")
        field = etree.SubElement(concept, f"{{{TBX_NS}}}descrip", type="subjectField")
        field.text = entries[0].category
        _lang_sec(concept, "zh", zh, None)
        for lang in sorted({e.lang for e in entries}, key=lambda x: (x != "en", x)):
            sec = etree.SubElement(concept, f"{{{TBX_NS}}}langSec")
            sec.set(XML_LANG, LANG_TAGS.get(lang, lang))
            ranked = sorted((e for e in entries if e.lang == lang), key=lambda x: TIER[x.status])
            for i, e in enumerate(ranked):
                _term_sec(sec, e.en, e, preferred=(i == 0 and e.approved))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, len(groups)


def export_tbx(out: Path, user: Path | None = None, include_drafts: bool = False) -> int:
    """Write the TBX file (staged and moved into place, like every output); the concept count."""
    from reporter.writers.files import write_together

    data, count = tbx_bytes(user, include_drafts)
    write_together({out: data})
    return count


def _lang_sec(concept, lang: str, term: str, entry: Entry | None):
    from lxml import etree

    sec = etree.SubElement(concept, f"{{{TBX_NS}}}langSec")
    sec.set(XML_LANG, LANG_TAGS[lang])
    _term_sec(sec, term, entry)
    return sec


def _term_sec(sec, term: str, entry: Entry | None, preferred: bool = False) -> None:
    from lxml import etree

    ts = etree.SubElement(sec, f"{{{TBX_NS}}}termSec")
    etree.SubElement(ts, f"{{{TBX_NS}}}term").text = term
    if entry is None:
        return
    status = "preferredTerm-admn-sts" if preferred else "admittedTerm-admn-sts"
    etree.SubElement(ts, f"{{{TBX_NS}}}termNote", type="administrativeStatus").text = status
    if entry.source:
        etree.SubElement(ts, f"{{{TBX_NS}}}admin", type="source").text = entry.source
    note = f"{entry.status}. " + entry.note  # the tier: official, reviewed or draft
    if note.strip():
        etree.SubElement(ts, f"{{{TBX_NS}}}note").text = note.strip()


# ---------------------------------------------------------------- review: drafts a product used




@dataclass
class Draft:
    zh: str
    en: str | None  # None: no entry at all (only --edit can give it English)
    category: str
    needed: int


def drafts_used(product: str, options: dict, settings: Settings, reports=None) -> list[Draft]:
    """The draft (and missing) names a render of `product` with these options printed (in English,
    with the settings' term base), most used first."""
    from dataclasses import replace

    from reporter.app.render import RenderOptions, build_context

    opts = RenderOptions(product, replace(settings, lang="en", out=Path(".")), options, reports=reports)
    lexicon = build_context(opts).context.get("lexicon")
    if lexicon is None:
        return []
    rows = [Draft(n.zh, n.en, n.category, n.uses) for n in lexicon.drafts() + lexicon.missing()]
    return sorted(rows, key=lambda d: (d.en is None, -d.needed, d.zh))


@dataclass
class Decision:
    action: str  # promote | reject | edit
    zh: str
    en: str | None = None  # edit: the new English


def parse_decisions(promote: list[str], reject: list[str], edit: list[str]) -> list[Decision]:
    out = [Decision("promote", z.strip()) for z in promote] + [Decision("reject", z.strip()) for z in reject]
    for item in edit:
        zh, sep, en = item.partition("=")
        if not sep or not zh.strip() or not en.strip():
            raise UserError(f"--edit {item}: expected TERM=English")
        out.append(Decision("edit", zh.strip(), en.strip()))
    return out


def apply_review(decisions: list[Decision], drafts: list[Draft], overlay: Path, today: str) -> list[str]:
    """Write the decisions into the user's overlay (all or nothing); one line per decision."""
    from reporter.termbase import COLUMNS, read_rows
    from reporter.writers.files import write_together

    by_zh = {d.zh: d for d in drafts}
    existing: list[Entry] = []
    if overlay.is_file():
        existing, problems = read_rows(read_file(overlay), str(overlay))
        if problems:
            raise UserError(f"term base: {problems[0]}; run `reporter terms check --termbase {overlay}`")
    rows = {(e.zh, e.lang): e for e in existing}
    said = []
    for d in decisions:
        draft = by_zh.get(d.zh)
        if draft is None or (d.action != "edit" and draft.en is None):
            what = "a draft" if d.action != "edit" else "a draft or missing term"
            raise UserError(f"{d.zh}: not {what} this product used (see `reporter terms review` without flags)")
        status = {"promote": "reviewed", "reject": "rejected", "edit": "reviewed"}[d.action]
        en = d.en if d.action == "edit" else draft.en
        rows[(d.zh, "en")] = Entry(d.zh, en, draft.category, status, f"reporter terms review {today}",
                                   f"{d.action} of the draft '{draft.en}'" if draft.en else "English given in review",
                                   str(overlay))
        said.append(f"{d.action}: {d.zh} -> {en} ({status})")
    write_together({overlay: _csv(list(rows.values()), COLUMNS)})
    return said


def _csv(entries: list[Entry], columns: tuple[str, ...]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for e in entries:
        if e.lang == "en":
            w.writerow([e.zh, e.en, e.category, e.status, e.source, e.note])
    return out.getvalue().encode("utf-8")
