"""Use case: `reporter review` — the checklist of what the brief would show with a caveat, and the
analyst's decisions on it, recorded in the project's corrections file with their reasons.

Accept records `[[reviewed]] item = key, action = "accept"`; drop adds an `[[exclude]]` for the
figure and records the item; correct adds a `[[change]]` (indicator, period, kind, scope) and
records it. The file is appended to (its comments stay), checked against its schema and replaced
in one rename, so a bad decision leaves it as it was. The page is a product (`review`, HTML).
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from reporter.app.products import Built, Option, Product, ProductRequest
from reporter.errors import UserError
from reporter.periods import parse_range
from reporter.settings import Settings

HEADER = ("# Corrections and review decisions for this project (see README, \"Sending briefs out\").\n"
          "# `reporter review` appends to this file; entries are checked when it is read.\n")
CHANGE_FIELDS = ("indicator", "period", "kind", "scope")


def items_for(req: ProductRequest) -> tuple[list, dict]:
    """The brief's review items for the request's years (and area), and the brief's context."""
    from reporter.app.builtin import _brief

    built = _brief(req)
    return built.context["review_items"], built.context


def _review(req: ProductRequest) -> Built:
    from reporter.compose.review_items import KINDS, counts

    first, last = req.options["years"]
    items, ctx = items_for(req)
    t = req.messages
    title = t("review_title", first=first, last=last)
    context = {"title": title, "first": first, "last": last, "items": items, "counts": counts(items),
               "kinds": {k: t(f"review_kind_{k}") for k in KINDS}, "sources_named": ctx["sources_named"],
               "corrections_file": req.corrections.name if req.corrections else ""}
    return Built(context, title, f"review-{first}-{last}")


REVIEW = Product(  # registered by reporter/app/plugins.py (BUILTIN)
    name="review", description="the checklist of what the brief would show with a caveat (and record decisions)",
    build=_review, template="review", default_formats="html",
    options=(Option("years", "a year range, e.g. 2019-2024", parse_range, required=True),
             Option("area", "only the reports of this area")))


@dataclass
class Decisions:
    """What the command line asked: item ids (a figure of an item as ID.N), with reasons."""

    accept: list[str] = field(default_factory=list)
    accept_all: bool = False
    drop: list[str] = field(default_factory=list)
    correct: list[str] = field(default_factory=list)
    sets: list[str] = field(default_factory=list)  # key=value for --correct
    reason: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # per item or figure ref (`--walk`), over `reason`

    def why(self, ref: str) -> str | None:
        return self.reasons.get(ref) or self.reason

    def any(self) -> bool:
        return bool(self.accept or self.accept_all or self.drop or self.correct)


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _find(items: list, ref: str):
    """'a1b2c3' or 'a1b2c3.2' -> (item, the figure or None)."""
    ident, _, number = ref.partition(".")
    item = next((i for i in items if i.id == ident), None)
    if item is None:
        raise UserError(f"review: no item '{ident}' (see the list `reporter review --years …` prints)")
    if item.kind == "stale_correction":
        raise UserError(f"review: item {ident} is a correction that matches nothing: edit or remove it in the corrections file")
    if number:
        if not number.isdigit() or not 1 <= int(number) <= len(item.facts):
            raise UserError(f"review: {ref}: item {ident} has figures 1..{len(item.facts)}")
        return item, item.facts[int(number) - 1]
    return item, None


def _one_fact(item, fact, ref: str, what: str):
    if fact is not None:
        return fact
    if len(item.facts) == 1:
        return item.facts[0]
    raise UserError(f"review: {what} {ref}: item {item.id} has {len(item.facts)} figures; say which, e.g. {item.id}.1")


def _reviewed(item, action: str, reason: str) -> str:
    return f"\n[[reviewed]]\nitem = {_string(item.key)}\naction = \"{action}\"\nreason = {_string(reason)}\n"


def _match(fact, reason: str) -> str:
    return (f"report = {_string(fact.report_id)}\nquote = {_string(fact.quote)}\nraw = {_string(fact.raw)}\n"
            f"reason = {_string(reason)}\n")


def entries(items: list, asked: Decisions) -> list[str]:
    """The TOML blocks the decisions add (nothing written yet)."""
    out = []
    if any(not (asked.why(ref) or "").strip() for ref in (*asked.drop, *asked.correct)):
        raise UserError("review: --drop and --correct need --reason \"…\" (it is printed in the appendix)")
    accept = [(i, None) for i in items if not i.status and i.kind != "stale_correction"] if asked.accept_all else []
    accept += [(_find(items, ref)[0], ref) for ref in asked.accept]
    for item, ref in {i.key: (i, r) for i, r in accept}.values():
        out.append(_reviewed(item, "accept", (asked.why(ref) if ref else asked.reason) or "accepted in review"))
    for ref in asked.drop:
        item, fact = _find(items, ref)
        fact = _one_fact(item, fact, ref, "--drop")
        out.append("\n[[exclude]]\n" + _match(fact, asked.why(ref)) + _reviewed(item, "drop", asked.why(ref)))
    for ref in asked.correct:
        item, fact = _find(items, ref)
        fact = _one_fact(item, fact, ref, "--correct")
        changes = dict(s.split("=", 1) for s in asked.sets if "=" in s)
        bad = [k for k in changes if k not in CHANGE_FIELDS] or ([] if changes else ["(none)"])
        if bad or len(changes) != len(asked.sets):
            raise UserError(f"review: --correct needs --set KEY=VALUE with KEY one of {', '.join(CHANGE_FIELDS)} "
                            f"(got {', '.join(asked.sets) or 'none'})")
        sets = "".join(f"{k} = {_string(v)}\n" for k, v in changes.items())
        out.append("\n[[change]]\n" + _match(fact, asked.why(ref)) + sets + _reviewed(item, "correct", asked.why(ref)))
    return out


def record(path: Path, blocks: list[str]) -> None:
    """Append the blocks to the corrections file: checked whole first, then one rename."""
    if not blocks:
        return
    old = path.read_text("utf-8") if path.exists() else HEADER
    text = old + ("" if old.endswith("\n") else "\n") + "".join(blocks)
    fd, tmp = tempfile.mkstemp(prefix=".review-", suffix=".toml", dir=path.parent if path.parent.exists() else None)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        from reporter.compose.corrections_schema import Corrections
        from reporter.datafiles import load_file

        load_file(Path(tmp), Corrections)  # a bad entry stops here, the file untouched
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@dataclass
class ReviewRun:
    """Where and what to review: the store, the years (text, as the command line gives them), the
    area, the editor's templates (for the words) and the corrections file decisions go to."""

    settings: Settings  # the store, the editor's templates
    years: str
    area: str | None
    corrections: Path  # where decisions go (the settings' corrections, or ./corrections.toml)


@dataclass
class Reviewed:
    lines: list[str]  # the checklist, one line per item and figure
    summary: str
    stale: list[str]  # one line per correction that matches nothing
    recorded: bool
    open: list[tuple[str, list[str]]] = field(default_factory=list)  # unreviewed: (id, its checklist lines)


def review(run: ReviewRun, asked: Decisions) -> Reviewed:
    """The checklist for run, after recording the decisions asked (if any)."""
    from reporter.app.plugins import get
    from reporter.app.products import parse_options
    from reporter.i18n import messages

    t = messages("zh", run.settings.templates)

    def items() -> list:
        options = parse_options(get("review"), {"years": run.years, "area": run.area})
        settings = replace(run.settings, corrections=run.corrections if run.corrections.is_file() else None)
        with settings.active():
            return items_for(ProductRequest(options, settings, t))[0]

    found = items()
    if asked.any():
        record(run.corrections, entries(found, asked))
        found = items()
    stale = [i for i in found if i.kind == "stale_correction"]
    open_items = sum(1 for i in found if not i.status)  # as the brief's cover counts: a stale correction
    summary = (f"{len(found)} item(s), {open_items} unreviewed"  # stays open until its entry is fixed
               + (f" (of them {len(stale)} stale correction(s): edit or remove them in {run.corrections})" if stale else ""))
    waiting = [(i.id, checklist_lines([i], t)) for i in found if not i.status and i.kind != "stale_correction"]
    return Reviewed(checklist_lines(found, t), summary,
                    [f"correction for {i.title} matches no figure ({i.note})" for i in stale], asked.any(), waiting)


def checklist_lines(items: list, t) -> list[str]:
    """The terminal checklist: one line per item, its figures below it; stale corrections one line each."""
    lines = []
    for item in items:
        if item.kind == "stale_correction":
            lines.append(f"stale  {item.id}  {t('review_kind_stale_correction')}: {item.title} ({item.note})")
            continue
        box = "[ ]" if not item.status else "[x]"
        said = f"  — {item.status}: {item.reason}" if item.status else ""
        lines.append(f"{box} {item.id}  {t('review_kind_' + item.kind)}: {item.title}{said}")
        for n, f in enumerate(item.facts, 1):
            lines.append(f"      {item.id}.{n}  {f.raw}  “{f.excerpt(20)}”  ({f.report_id}, {t('review_confidence')} {f.confidence:.2f})")
        if item.note and item.kind == "series_break":
            lines.append(f"      {item.note}")
    return lines
