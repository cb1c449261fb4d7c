"""The command line: parses arguments, calls the use cases in reporter.app, prints results.

No product logic lives here: product commands are generated from the product registry.
Exit codes: 0 success, 1 a user-facing error (one line; -v adds the traceback), 2 usage.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from reporter.errors import UsageError, UserError

def say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text)


def store_path(args: argparse.Namespace) -> Path:
    return args.settings.store


# ---------------------------------------------------------------- data commands


def cmd_ingest(args: argparse.Namespace) -> int:
    from reporter.app.ingest import IngestOptions, formats_read, ingest

    store = store_path(args)
    result = ingest(IngestOptions(args.settings, paths=args.paths, quiet=args.quiet, say=lambda t: say(args, t),
                                  prune=args.prune, jobs=args.jobs, year=args.year, ocr=args.ocr or None))
    if not (result.parsed or result.reparsed or result.pruned):
        say(args, f"nothing changed: {result.unchanged} source(s) already in {store}")
        return 0
    for r in result.parsed:
        say(args, f"ingested {r.id}: {r.kind}, {r.facts} facts, {r.targets} targets, {r.terms} terms, {r.warnings} warnings")
    say(args, f"read {formats_read(result)}")
    say(args, f"{len(result.parsed)} parsed, {result.unchanged} unchanged; store {store}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from reporter.app.ingest import remove

    for report_id in remove(store_path(args), args.reports):
        say(args, f"removed {report_id}")
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    from reporter.app.ingest import stored_reports
    from reporter.textui import table

    rows = [
        (r.id, r.kind, r.delivered or "-", r.published or "-", ",".join(r.review_periods) or "-", r.plan_year or "-",
         sum(1 for _ in r.all_sections()), len(r.facts), len(r.targets), len(r.terms), len(r.warnings))
        for r in stored_reports(store_path(args))
    ]
    print(table(["id", "kind", "delivered", "published", "reviews", "plan", "sections", "facts", "targets", "terms", "warnings"], rows))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reporter.app.reports import show_lines, stored_report

    for line in show_lines(stored_report(store_path(args), args.report), args.leads):
        print(line)
    return 0


def unit_float(text: str) -> float:
    """A number from 0 to 1 (argparse type: anything else is a usage error)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number from 0 to 1") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def cmd_facts(args: argparse.Namespace) -> int:
    from reporter.app.data import FACT_COLUMNS, FactFilter, all_facts, explanations, fact_rows, facts_text, select_facts
    from reporter.app.ingest import parse_files, source_files, stored_reports

    reports = parse_files(source_files(args.source), year=args.year) if args.source else stored_reports(store_path(args))
    if args.area:  # the area's own figures and those other reports quote of it (scope and source kept)
        from reporter.app.areas import of_area

        reports = of_area(reports, args.area)
    which = FactFilter(args.years, args.indicator.split(",") if args.indicator else None, args.kind)
    chosen = [f for f in select_facts(all_facts(reports), which)
              if args.min_confidence is None or f.confidence >= args.min_confidence]
    rows = fact_rows(chosen)
    if args.format in ("csv", "json"):
        sys.stdout.write(facts_text(rows, args.format))
    else:
        from reporter.textui import table

        print(table(["source", "indicator", "period", "kind", "value", "unit", "qual.", "quote"],
                    [[r[c] for c in FACT_COLUMNS] for r in rows]))
        print(f"{len(rows)} facts")
    if args.explain:  # why each listed fact got its indicator, period, kind and scope (on stderr)
        print(explanations(chosen, reports), file=sys.stderr)
    return 0


def cmd_areas(args: argparse.Namespace) -> int:
    from reporter.app.areas import area_lines
    from reporter.app.ingest import stored_reports
    from reporter.textui import table

    lines = area_lines(stored_reports(store_path(args)))
    print(table(["area", "level", "parent", "reports", "quoted by", "years", "facts"],
                [[x.area, x.level, x.parent, x.reports, x.quoted_by, x.years, x.facts] for x in lines]))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reporter.app.data import export
    from reporter.app.ingest import stored_reports

    target, count = export(stored_reports(store_path(args)), args.format, Path(args.out))
    say(args, f"wrote {target} ({count} facts)")
    return 0


# ---------------------------------------------------------------- products


def report_written(args: argparse.Namespace, paths: list[Path]) -> None:
    for path in paths:
        say(args, f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")


def run_product(args: argparse.Namespace, name: str) -> int:
    from reporter.app.plugins import get
    from reporter.app.render import RenderOptions, render_product

    product = get(name)
    opts = RenderOptions(
        product=name, settings=args.settings,
        options={o.name: getattr(args, o.name.replace("-", "_"), None) for o in product.options},
        formats=args.format, force=args.force, progress=not args.quiet and sys.stderr.isatty(), helpers=True)
    result = render_product(opts)
    if not args.quiet:
        for notice in result.notices:
            print(notice, file=sys.stderr)
    if args.verbose:
        print(" ".join(f"{k}={v:.2f}s" for k, v in result.timings.items()), file=sys.stderr)
    report_written(args, result.paths)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """`reporter render NAME` (or a template path): any registered product, default options."""
    import re

    args.product = re.sub(r"\.md\.j2$", "", Path(args.template).name)
    return run_product(args, args.product)


def add_render_options(p: argparse.ArgumentParser, default_formats: str, data_formats: tuple[str, ...] = ()) -> None:
    from reporter.app.render import document_formats

    choices = ",".join((*document_formats(), *data_formats))
    p.add_argument("--format", default=None, help=f"comma-separated: {choices} (default {default_formats})")
    p.add_argument("--out", type=Path, default=None, help="output folder (default build/, or out in reporter.toml)")
    p.add_argument("--templates", type=Path, help="a folder of templates that override templates/ (whole files or single blocks)")
    p.add_argument("--styles", type=Path, help="a folder whose print.css, screen.css, reference.docx or docx.toml replace styles/ ones")
    p.add_argument("--force", action="store_true", help="allow a year range of more than 50 years")
    p.add_argument("--lang", help="the product's language: zh | en (| zh,en side by side where the product is "
                                  "bilingual; default: the product's)")
    p.add_argument("--termbase", type=Path, help="your term-base CSV over the package's (default ./termbase.csv "
                                                 "if present; see `reporter terms review`)")


def option_type(parse):
    """A product option's parser as an argparse type: a bad value is a usage error (exit 2)."""
    def convert(text: str):
        try:
            parse(text)
        except UserError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc
        return text  # the app parses it again: it takes text from every front end
    return convert


def add_product_commands(sub, common, filled: set[str] = frozenset()) -> None:
    """One subcommand per registered product; an option reporter.toml supplies is not required."""
    from reporter.app.plugins import products

    for product in products():
        p = sub.add_parser(product.name, help=product.description, description=product.description, parents=[common])
        for opt in product.options:
            p.add_argument(f"--{opt.name}", type=option_type(opt.parse), required=opt.required and opt.name not in filled,
                           default=opt.default, help=opt.help)
        add_render_options(p, product.default_formats, product.data_formats)
        p.set_defaults(format_check=(product.name, product.data_formats))
        p.set_defaults(func=lambda a, name=product.name: run_product(a, name))
    p = sub.add_parser("render", help="render any product with its default options, e.g. `render sample`", parents=[common])
    p.add_argument("template", help="product name or template path, e.g. sample or templates/sample.md.j2")
    p.add_argument("--parts", default="1", help="with sample: repeat the body N times")
    add_render_options(p, "the product's")
    p.set_defaults(func=cmd_render)


def cmd_digest(args: argparse.Namespace) -> int:
    """`digest --quarter Q` builds one digest; `digest --due` builds every due, missing or stale one."""
    from datetime import date

    from reporter.app.schedule import DigestOptions, Quarter, build_digests

    if not args.due and (args.today or args.dry_run):
        args.parser.error("--today and --dry-run go with --due")
    if not args.due and not args.quarter:
        args.parser.error("give --quarter YYYYQn (one digest) or --due (every digest that is due)")
    if args.due and args.quarter:
        args.parser.error("--quarter and --due: choose one")
    try:
        today = date.fromisoformat(args.today) if args.today else None
    except ValueError:
        args.parser.error(f"--today {args.today}: expected a date like 2024-04-02")
    chatty = not args.quiet and (sys.stdout.isatty() or not args.due)
    opts = DigestOptions(settings=args.settings, today=today, formats=args.format, dry_run=args.dry_run, wait=args.wait,
                         notify=args.notify, area=args.area,
                         say=(lambda text: print(text)) if chatty else (lambda text: None))
    run = build_digests(opts, None if args.due else [Quarter.parse(args.quarter)])
    for quarter, why in run.failed.items():
        print(f"reporter: digest {quarter} failed: {why}" if quarter != "all" else f"reporter: error: {why}", file=sys.stderr)
    if run.notify_error:
        print(f"reporter: {run.notify_error}", file=sys.stderr)
    if chatty and run.undated:
        print(f"note: no date, so in no quarter: {', '.join(run.undated)} (a <file>.meta.toml can give one)")
    if not args.quiet or not run.ok:
        print(run.summary(), file=sys.stdout if run.ok else sys.stderr)
    return 0 if run.ok else 1


def add_digest_options(sub) -> None:
    """The scheduler's flags on the generated `digest` product command."""
    p = sub.choices["digest"]
    p.add_argument("--due", action="store_true", help="build every digest that is due and missing or stale (for cron)")
    p.add_argument("--today", help="with --due: the day to count quarters from, YYYY-MM-DD (default today)")
    p.add_argument("--dry-run", action="store_true", help="with --due: say what would be built, build nothing")
    p.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="if another run holds the lock, wait this long, then exit 0 (default 0)")
    p.add_argument("--notify", metavar="CMD", help="run CMD with the new files as arguments (not on --dry-run)")
    p.set_defaults(func=cmd_digest, parser=p)


def cmd_review(args: argparse.Namespace) -> int:
    """`reporter review --years A-B`: the checklist; decisions recorded in the corrections file."""
    from reporter.app import review
    from reporter.app.config import with_changes

    path = args.settings.corrections or Path("corrections.toml")
    asked = review.Decisions(args.accept or [], args.accept_all, args.drop or [], args.correct or [], args.set or [],
                             args.reason)
    where = review.ReviewRun(args.settings, args.years, args.area, path)
    run = review.review(where, asked)
    if args.walk:
        asked = walk(run.open)
        if asked.any():
            run = review.review(where, asked)
    if run.recorded:
        args.settings = with_changes(args.settings, corrections=path)
        say(args, f"recorded in {path}")
    for line in run.lines:
        say(args, line)
    say(args, run.summary)
    if not args.no_page:
        run_product(args, "review")
    if args.strict and run.stale:
        for line in run.stale:
            print(f"reporter: error: {path}: {line}", file=sys.stderr)
        return 1
    return 0


def walk(waiting: list[tuple[str, list[str]]]):
    """`review --walk`: each unreviewed item in turn on the terminal: accept, drop a figure, skip, quit."""
    from reporter.app.review import Decisions

    asked = Decisions()
    for ident, lines in waiting:
        print("\n".join(lines))
        answer = input("  [a]ccept / [d]rop N / [s]kip / [q]uit: ").strip().lower()
        if answer.startswith("q"):
            break
        if answer.startswith("a") or answer.startswith("d"):
            reason = input("  reason: ").strip()
            number = answer[1:].strip()
            ref = ident if answer.startswith("a") or not number else f"{ident}.{number}"
            if answer.startswith("d") and not reason:
                print("  a drop needs a reason: skipped")
                continue
            (asked.accept if answer.startswith("a") else asked.drop).append(ref)
            asked.reasons[ref] = reason or "accepted in review"
    return asked


def add_review_options(sub) -> None:
    """The decisions' flags on the generated `review` product command."""
    p = sub.choices["review"]
    p.add_argument("--accept", action="append", metavar="ID", help="accept an item as it is (recorded with --reason)")
    p.add_argument("--accept-all", action="store_true", help="accept every unreviewed item")
    p.add_argument("--drop", action="append", metavar="ID[.N]", help="drop the item's figure N (an [[exclude]] entry)")
    p.add_argument("--correct", action="append", metavar="ID[.N]", help="correct figure N with --set KEY=VALUE")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="with --correct: indicator, period, kind or scope")
    p.add_argument("--reason", help="why (required with --drop and --correct; printed in the appendix)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a correction matches nothing")
    p.add_argument("--no-page", action="store_true", help="print the checklist only, write no HTML page")
    p.add_argument("--walk", action="store_true", help="go through the unreviewed items one by one on the terminal")
    p.set_defaults(func=cmd_review)


def cmd_templates(args: argparse.Namespace) -> int:
    from reporter.app import templates

    if args.action == "list":
        for name, note in templates.listing():
            print(f"{name:22} {note}")
        return 0
    if args.action == "check":
        findings = templates.check(args.settings, Path(args.name) if args.name else None)
        for finding in findings:
            print(finding)
        kinds = sorted({f.kind for f in findings})
        say(args, f"{len(findings)} finding(s){' (' + ', '.join(kinds) + ')' if kinds else ''}")
        return 1 if findings else 0
    if not args.name:
        raise UsageError(f"templates {args.action}: name a template, e.g. brief")
    if args.action == "copy":
        if not args.dir:
            raise UsageError("templates copy NAME DIR: say which folder to copy into")
        source, target = templates.copy(args.name, Path(args.dir), args.block)
        what = f"block {args.block} of {source}" if args.block else str(source)
        print(f"copied {what} -> {target}; render with --templates {args.dir}")
        return 0
    print("\n".join(templates.context_outline(args.name, args.settings, {"years": args.years},
                                               examples=not args.shape)))
    return 0


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see alone (a --format outside the product's formats)."""
    check = getattr(args, "format_check", None)
    if check and getattr(args, "format", None):
        from reporter.app.render import split_formats

        try:
            split_formats(args.format, check[1])
        except UserError as exc:
            raise UsageError(str(exc)) from exc


def cmd_indicators(args: argparse.Namespace) -> int:
    from reporter.app.overlays import indicator_rows
    from reporter.textui import table

    print(table(["id", "name", "unit", "dimension"], indicator_rows(args.settings)))
    return 0


def add_indicators_command(sub, common) -> None:
    p = sub.add_parser("indicators", help="list the indicator ids, names and units (with --registry: yours too)",
                       parents=[common])
    p.set_defaults(func=cmd_indicators)


def cmd_preview(args: argparse.Namespace) -> int:
    from reporter.app.preview import PreviewOptions, serve

    product = args.preview_product
    opts = PreviewOptions(product=product.name, settings=args.settings,
                          options={o.name: getattr(args, o.name.replace("-", "_"), None) for o in product.options},
                          port=args.port)
    serve(opts, say=lambda text: print(text, flush=True), open_browser=args.open)
    return 0


def add_preview_command(sub, common) -> None:
    """`reporter preview NAME [its options]`: one sub-command per registered product."""
    from reporter.app.plugins import products

    p = sub.add_parser("preview", help="a live HTML preview of a product that reloads as you save", parents=[common])
    names = p.add_subparsers(dest="preview_name", metavar="NAME", required=True)
    for product in products():
        q = names.add_parser(product.name, help=product.description, parents=[common])
        for opt in product.options:
            q.add_argument(f"--{opt.name}", type=option_type(opt.parse), default=opt.default,
                           help=opt.help + (" (default: from the corpus)" if opt.required else ""))
        q.add_argument("--templates", type=Path, help="a folder of templates that override templates/")
        q.add_argument("--lang", help="the product's language (zh | en | zh,en where bilingual; default the product's)")
        q.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
        q.add_argument("--open", action="store_true", help="open the page in the default browser")
        q.set_defaults(func=cmd_preview, preview_product=product)


def cmd_terms(args: argparse.Namespace) -> int:
    """`reporter terms check|missing|export`: the term base's use cases (reporter/app/terms.py)."""
    from reporter.app import terms

    if args.action == "check":
        result = terms.check(args.settings.termbase)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.problems:
            print(f"reporter: {len(result.problems)} problem(s) in the term base", file=sys.stderr)
            return 1
        say(args, f"term base OK: {result.entries} rows, {result.approved} approved")
        return 0
    if args.action == "review":
        return terms_review(args)
    if args.action == "missing":
        if args.year is None:
            raise UserError("terms missing: say which summary, e.g. --year 2023")
        report_id, rows = terms.missing(args.settings, args.year, args.report)
        from reporter.textui import table

        print(table(["term", "category", "uses in report", "uses in summary"],
                    [(m.zh, m.category, m.uses, m.needed) for m in rows]))
        say(args, f"{len(rows)} term(s) without official or reviewed English in the {args.year} summary (report {report_id})")
        return 0
    if args.out:
        count = terms.export_tbx(Path(args.out), args.settings.termbase, include_drafts=args.all)
        say(args, f"wrote {args.out} ({count} concepts)")
    else:
        sys.stdout.buffer.write(terms.tbx_bytes(args.settings.termbase, include_drafts=args.all)[0])
    return 0


def terms_review(args: argparse.Namespace) -> int:
    """`terms review`: list the drafts a product printed; --promote/--reject/--edit (or, on a terminal
    without them, one question per draft) write the decisions into the user's term-base overlay."""
    from datetime import date

    from reporter.app import terms
    from reporter.textui import table

    options = {k: v for k, v in (("year", args.year), ("years", args.years), ("report", args.report)) if v is not None}
    overlay = args.settings.termbase
    drafts = terms.drafts_used(args.product, options, args.settings)
    decisions = terms.parse_decisions(args.promote, args.reject, args.edit)
    if not decisions and sys.stdin.isatty() and sys.stdout.isatty():
        decisions = ask_decisions(drafts)
    if not decisions:
        print(table(["term", "draft English", "category", "uses"],
                    [(d.zh, d.en or "(no entry)", d.category, d.needed) for d in drafts]))
        say(args, f"{len(drafts)} term(s) to review; decide with --promote TERM, --reject TERM, --edit TERM=English")
        return 0
    target = overlay or Path(terms.USER_FILE)
    for line in terms.apply_review(decisions, drafts, target, date.today().isoformat()):
        say(args, line)
    say(args, f"wrote {target}; products read it from here (or pass --termbase {target})")
    return 0


def ask_decisions(drafts) -> list:
    """One question per draft on a terminal: promote, edit, reject or skip."""
    from reporter.app.terms import Decision

    out = []
    for d in drafts:
        shown = d.en or "(no English)"
        answer = input(f"{d.zh} -> {shown}  [p]romote [e]dit [r]eject [s]kip [q]uit: ").strip().lower()
        if answer.startswith("q"):
            break
        if answer.startswith("p") and d.en:
            out.append(Decision("promote", d.zh))
        elif answer.startswith("r") and d.en:
            out.append(Decision("reject", d.zh))
        elif answer.startswith("e"):
            english = input("  English: ").strip()
            if english:
                out.append(Decision("edit", d.zh, english))
    return out


def add_terms_command(sub, common) -> None:
    p = sub.add_parser("terms", help="check the term base, list missing English, review drafts, export TBX",
                       parents=[common])
    p.add_argument("action", choices=["check", "missing", "review", "export"])
    p.add_argument("--product", default="summary", help="with review: the product whose drafts to review")
    p.add_argument("--years", help="with review: the product's --years")
    p.add_argument("--promote", action="append", default=[], metavar="TERM", help="with review: accept the draft")
    p.add_argument("--reject", action="append", default=[], metavar="TERM", help="with review: no English for it")
    p.add_argument("--edit", action="append", default=[], metavar="TERM=English", help="with review: your English")
    p.add_argument("--termbase", type=Path, help="an editor's term base CSV, merged over the package's")
    p.add_argument("--year", type=int, help="with missing/review: the summary's year")
    p.add_argument("--report", help="with missing: the report id (default: the one --year picks)")
    p.add_argument("--format", choices=["tbx"], default="tbx", help="with export: the file format")
    p.add_argument("--out", help="with export: the file to write (default: standard output)")
    p.add_argument("--all", action="store_true", help="with export: include draft rows")
    p.set_defaults(func=cmd_terms)


# ---------------------------------------------------------------- parser


def jobs_type():
    from reporter.app.builtin import positive_int

    return lambda text: int(option_type(positive_int)(text))


def year_int(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year like 2023, not '{text}'")
    return int(text)


def common_options() -> argparse.ArgumentParser:
    """-q, -v and --store, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print nothing but errors")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="show tracebacks and stage timings")
    common.add_argument("--store", type=Path, default=argparse.SUPPRESS,
                        help="the SQLite store (default build/reporter.db, or $REPORTER_STORE)")
    common.add_argument("--registry", type=Path, default=argparse.SUPPRESS,
                        help="your indicators file: more indicators and aliases over the package's (or name it in reporter.toml)")
    common.add_argument("--corrections", type=Path, default=argparse.SUPPRESS,
                        help="corrections.toml: exclude or relabel facts, each with a reason (default ./corrections.toml)")
    return common


class VersionAction(argparse.Action):
    """--version, looking the version up only when asked (importlib.metadata costs ~30 ms a start)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help="show the version and exit"):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            ver = version("reporter")
        except PackageNotFoundError:
            ver = "unknown"
        print(f"reporter {ver}")
        parser.exit()


def build_parser(filled: set[str] = frozenset()) -> argparse.ArgumentParser:
    common = common_options()
    from reporter.cli_hints import HintingParser

    parser = HintingParser(prog="reporter", description="Chinese government reports -> data -> briefs.",
                           parents=[common])
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="parse source reports into the store", parents=[common])
    p.add_argument("paths", nargs="*", help="files or folders (default seeds/)")
    p.add_argument("--prune", action="store_true", help="also remove stored reports whose file under these folders is gone")
    p.add_argument("--jobs", type=jobs_type(), help="parsing processes (default: one per core)")
    p.add_argument("--year", type=year_int, help="the year a report reviews, where its text never says (a sidecar can say it per file)")
    p.add_argument("--ocr", action="store_true",
                   help="read scanned PDFs and images by OCR (Tesseract, seconds a page; or set REPORTER_OCR=1)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="remove stored reports (by id or source path)", parents=[common])
    p.add_argument("reports", nargs="+", help="report ids or source paths")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("reports", help="list the stored reports", parents=[common])
    p.set_defaults(func=cmd_reports)

    p = sub.add_parser("show", help="one report's metadata, outline and warnings", parents=[common])
    p.add_argument("report", help="report id or file name")
    p.add_argument("--leads", action="store_true", help="also list topic-sentence leads")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("facts", help="list facts (figures) from the store or from files", parents=[common])
    p.add_argument("--source", nargs="+", help="parse these files directly instead of reading the store")
    p.add_argument("--year", type=year_int, help="with --source: the year a report reviews, where its text never says")
    p.add_argument("--years", help="a year or range, e.g. 2021-2024")
    p.add_argument("--indicator", help="indicator id(s), comma-separated")
    p.add_argument("--kind", choices=["actual", "target"])
    p.add_argument("--area", help="the facts of this area: its reports' own and those other reports quote of it")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--explain", action="store_true", help="say why each fact got its indicator, period, kind and scope")
    p.add_argument("--min-confidence", type=unit_float, metavar="X",
                   help="only facts at or above this confidence (0-1; products mark figures below "
                        "reporter/data/confidence.toml's threshold)")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("areas", help="the areas the store holds: level, parent, reports, years, facts", parents=[common])
    p.set_defaults(func=cmd_areas)

    p = sub.add_parser("export", help="the data model as CSV, JSON or XLSX", parents=[common])
    p.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
    p.add_argument("--out", default="build")
    p.set_defaults(func=cmd_export)

    add_product_commands(sub, common, filled)
    add_indicators_command(sub, common)
    add_digest_options(sub)
    add_review_options(sub)
    add_preview_command(sub, common)

    p = sub.add_parser("templates", help="list, copy or inspect the product templates", parents=[common])
    p.add_argument("action", choices=["list", "copy", "context", "check"])
    p.add_argument("name", nargs="?", help="template or product name, e.g. brief (with check: the templates folder)")
    p.add_argument("dir", nargs="?", help="with copy: the folder to copy into (use it as --templates)")
    p.add_argument("--years", help="with context: the years to build the context for (default: from the corpus)")
    p.add_argument("--shape", action="store_true", help="with context: names and types only, no example values")
    p.add_argument("--block", help="with copy: copy only this block (the file holds just the blocks you change)")
    p.set_defaults(func=cmd_templates)

    add_terms_command(sub, common)

    p = sub.add_parser("init", help="write a commented reporter.toml (the project's settings) here", parents=[common])
    p.add_argument("--force", action="store_true", help="replace an existing reporter.toml")
    p.set_defaults(func=cmd_init)
    return parser


def settings_of(args: argparse.Namespace, project):
    """The run's Settings, made once by the app layer from the project file and these options."""
    from reporter.app.config import Given, make_settings

    def path(name: str) -> Path | None:
        value = getattr(args, name, None)
        return Path(value) if value is not None else None

    out = args.out if isinstance(getattr(args, "out", None), Path) else None  # a product's folder, not a file
    return make_settings(Given(store=args.store, out=out, registry=args.registry, corrections=args.corrections,
                               termbase=path("termbase"), templates=path("templates"), styles=path("styles"),
                               lang=getattr(args, "lang", None)), project)


def cmd_init(args: argparse.Namespace) -> int:
    from reporter.cli_project import write_template

    path = write_template(Path.cwd(), args.force)
    say(args, f"wrote {path}: uncomment and edit what you need; options on the command line still win")
    return 0


def main(argv: list[str] | None = None) -> int:
    from reporter.cli_project import apply_project, required_filled

    try:
        from reporter.app.overlays import load_project

        project = load_project()
    except UserError as exc:  # a bad reporter.toml: one line naming file, key and expectation
        print(f"reporter: error: {exc}", file=sys.stderr)
        return 1
    parser = build_parser(required_filled(project))
    args = parser.parse_args(argv)
    apply_project(args, project)
    for name, default in (("quiet", False), ("verbose", False), ("store", None), ("registry", None),
                          ("corrections", None)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        check_usage(parser, args)
        args.settings = settings_of(args, project)
        with args.settings.active():
            return args.func(args)
    except UsageError as exc:
        if exc.show_usage:
            parser.print_usage(sys.stderr)
        print(f"reporter: error: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"reporter: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `reporter facts | head`: the reader left, which is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("reporter: interrupted; nothing was half-written", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        print(f"reporter: internal error: {type(exc).__name__}: {exc} (run with -v for details; "
              "please report it with the command you ran)", file=sys.stderr)
        return 1
