"""Use cases of the term base: check it, list what a summary still needs, export it as TBX.

The CLI only prints what these return; the preview server or a web form could call them too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reporter.termbase import Entry, load

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


def missing(store: Path, year: int, report: str | None = None, user: Path | None = None,
            reports=None) -> tuple[str, list[MissingTerm]]:
    """The terms `reporter summary --year` needs that have no approved English, most used first."""
    from reporter.app.products import ProductRequest
    from reporter.app.summary import summary_context
    from reporter.i18n import messages

    req = ProductRequest({"year": year, "report": report, "lang": "zh,en", "termbase": user}, store, None,
                         messages("zh"), reports)
    context = summary_context(req)
    needs = {n.zh: n for n in context["lexicon"].missing()}
    rows = [MissingTerm(a["zh"], a["category"], a["uses"], needs[a["zh"]].uses) for a in context["awaiting"]]
    rows.sort(key=lambda m: (-m.uses, -m.needed, m.zh))
    return context["report_id"], rows


def tbx_bytes(user: Path | None = None, include_drafts: bool = False) -> tuple[bytes, int]:
    """The term base as TBX (ISO 30042, TBX-Basic dialect, DCA style) for CAT tools.

    One conceptEntry per Chinese term; approved English is the preferred term, drafts (with
    include_drafts) are admitted terms marked as drafts. Returns the bytes and the concept count.
    """
    from lxml import etree

    base = load(user)
    groups: dict[str, list[Entry]] = {}
    for e in base.entries:
        if e.approved or include_drafts:
            groups.setdefault(e.zh, []).append(e)
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
        en_sec = etree.SubElement(concept, f"{{{TBX_NS}}}langSec")
        en_sec.set(XML_LANG, LANG_TAGS["en"])
        for e in sorted(entries, key=lambda x: not x.approved):
            _term_sec(en_sec, e.en, e)
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


def _term_sec(sec, term: str, entry: Entry | None) -> None:
    from lxml import etree

    ts = etree.SubElement(sec, f"{{{TBX_NS}}}termSec")
    etree.SubElement(ts, f"{{{TBX_NS}}}term").text = term
    if entry is None:
        return
    status = "preferredTerm-admn-sts" if entry.approved else "admittedTerm-admn-sts"
    etree.SubElement(ts, f"{{{TBX_NS}}}termNote", type="administrativeStatus").text = status
    if entry.source:
        etree.SubElement(ts, f"{{{TBX_NS}}}admin", type="source").text = entry.source
    note = ("draft. " if not entry.approved else "") + entry.note
    if note.strip():
        etree.SubElement(ts, f"{{{TBX_NS}}}note").text = note.strip()
