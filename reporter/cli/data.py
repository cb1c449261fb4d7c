"""The data commands: ingest, remove, reports, show, facts, areas, export (the use cases in
reporter/app/ingest.py, reports.py, data.py, areas.py)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reporter.cli.common import say, store_path, unit_float, year_int, jobs_type


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


def cmd_facts(args: argparse.Namespace) -> int:
    from reporter.app.data import FACT_COLUMNS, FactFilter, all_facts, explanations, fact_rows, facts_text, select_facts
    from reporter.app.ingest import stored_reports
    from reporter.app.parsing import parse_files, source_files

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


def add_data_commands(sub, common) -> None:
    """ingest, remove, reports, show, facts, areas and export with their arguments."""
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
