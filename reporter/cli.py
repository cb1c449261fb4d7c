"""The command line: `reporter ingest | reports | show | facts | export | render | brief | appendix`.

Exit codes: 0 success, 1 a user-facing error (one line; -v adds the traceback), 2 usage.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import traceback
from pathlib import Path

from reporter.errors import UserError
from reporter.model import Fact, Report, to_jsonable
from reporter.periods import overlaps, parse_range
from reporter.store import Store, all_facts
from reporter.textui import table

FACT_COLUMNS = ["source", "indicator", "period", "kind", "value", "unit", "qualifier", "quote"]
EXTRA_COLUMNS = ["label", "raw", "section", "report_id", "start", "end"]
DEFAULT_STORE = Path("build") / "reporter.db"


def say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text)


# ---------------------------------------------------------------- ingest


def cmd_ingest(args: argparse.Namespace) -> int:
    from reporter.app.ingest import IngestOptions, ingest

    result = ingest(IngestOptions(store=args.store, paths=args.paths, quiet=args.quiet, say=lambda t: say(args, t),
                                  prune=args.prune))
    if not (result.parsed or result.reparsed or result.pruned):
        say(args, f"nothing changed: {result.unchanged} source(s) already in {args.store}")
        return 0
    for r in result.parsed:
        say(args, f"ingested {r.id}: {r.kind}, {len(r.facts)} facts, {len(r.targets)} targets, {len(r.terms)} terms, {len(r.warnings)} warnings")
    say(args, f"{len(result.parsed)} parsed, {result.unchanged} unchanged; store {args.store}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from reporter.app.ingest import remove

    for report_id in remove(args.store, args.reports):
        say(args, f"removed {report_id}")
    return 0


def stored_reports(args: argparse.Namespace) -> list[Report]:
    from reporter.app.ingest import stored_reports as load

    return load(args.store)


def cmd_reports(args: argparse.Namespace) -> int:
    rows = [
        (r.id, r.kind, r.delivered or "-", r.published or "-", ",".join(r.review_periods) or "-", r.plan_year or "-",
         sum(1 for _ in r.all_sections()), len(r.facts), len(r.targets), len(r.terms), len(r.warnings))
        for r in stored_reports(args)
    ]
    print(table(["id", "kind", "delivered", "published", "reviews", "plan", "sections", "facts", "targets", "terms", "warnings"], rows))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    report = Store(args.store).report(args.report)
    if report is None:
        raise UserError(f"no report '{args.report}' in {args.store} (see `reporter reports`)")
    print(f"{report.title}\n")
    for key in ("id", "source", "kind", "issuer", "delivered", "published", "review_periods", "plan_year", "checksum"):
        print(f"  {key:15} {getattr(report, key)}")
    print(f"  {'counts':15} {len(report.facts)} facts, {len(report.targets)} plan targets, {len(report.terms)} terms\n")
    print("Outline:")
    for section in report.all_sections():
        if section.is_lead and not args.leads:
            continue
        mark = "· " if section.is_lead else ""
        themes = f"  [{', '.join(section.themes)}]" if section.themes else ""
        title = section.title or "（首个标题前的段落）"
        print(f"  {'  ' * (section.level - 1)}{mark}{section.number}{'、' if section.level == 1 and section.number else ''}{title}{themes}")
    if report.warnings:
        print("\nWarnings (what the cleaner and parser had to guess):")
        for w in report.warnings:
            print(f"  - {w}")
    return 0


# ---------------------------------------------------------------- facts


def select_facts(facts: list[Fact], args: argparse.Namespace) -> list[Fact]:
    years = parse_range(args.years) if args.years else None
    out = []
    for f in facts:
        if years and not overlaps(f.period, *years):
            continue
        if args.indicator and f.indicator not in args.indicator.split(","):
            continue
        if args.kind and f.kind != args.kind:
            continue
        out.append(f)
    return out


def fact_row(f: Fact) -> dict:
    row = {
        "source": f.source, "indicator": f.indicator or "", "period": f.period, "kind": f.kind,
        "value": "" if f.value is None else str(f.value), "unit": f.unit, "qualifier": f.qualifier, "quote": f.quote,
    }
    row.update({"label": f.label, "raw": f.raw, "section": f.section, "report_id": f.report_id, "start": f.start, "end": f.end})
    return row


def write_facts(facts: list[Fact], fmt: str, out) -> None:
    rows = [fact_row(f) for f in facts]
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FACT_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(table(["source", "indicator", "period", "kind", "value", "unit", "qual.", "quote"],
                        [[r[c] for c in FACT_COLUMNS] for r in rows]) + "\n")
        out.write(f"{len(rows)} facts\n")


def cmd_facts(args: argparse.Namespace) -> int:
    if args.source:
        from reporter.app.ingest import parse_files, source_files

        facts = all_facts(parse_files(source_files(args.source)))
    else:
        facts = all_facts(stored_reports(args))
    write_facts(select_facts(facts, args), args.format, sys.stdout)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from reporter.writers.files import atomic_write_bytes

    reports = stored_reports(args)
    facts = all_facts(reports)
    out = Path(args.out)
    if args.format == "json":
        data = json.dumps(to_jsonable(reports), ensure_ascii=False, indent=1).encode("utf-8")
        target = out / "corpus.json"
    elif args.format == "csv":
        buf = io.StringIO()
        write_facts(facts, "csv", buf)
        data, target = buf.getvalue().encode("utf-8-sig"), out / "facts.csv"
    else:
        from reporter.compose.tables import facts_frame, targets_frame

        buf = io.BytesIO()
        import pandas as pd

        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            facts_frame(facts).to_excel(xl, sheet_name="facts", index=False)
            targets_frame(reports).to_excel(xl, sheet_name="plan_targets", index=False)
        data, target = buf.getvalue(), out / "corpus.xlsx"
    atomic_write_bytes(target, data)
    say(args, f"wrote {target} ({len(facts)} facts)")
    return 0


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reporter", description="Chinese government reports -> data -> briefs.")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--store", type=Path, default=Path(os.environ.get("REPORTER_STORE", DEFAULT_STORE)),
                        help="the SQLite store (default build/reporter.db, or $REPORTER_STORE)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="parse source reports into the store")
    p.add_argument("paths", nargs="*", help="files or folders (default seeds/)")
    p.add_argument("--prune", action="store_true", help="also remove stored reports whose file under these folders is gone")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("remove", help="remove stored reports (by id or source path)")
    p.add_argument("reports", nargs="+", help="report ids or source paths")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("reports", help="list the stored reports")
    p.set_defaults(func=cmd_reports)

    p = sub.add_parser("show", help="one report's metadata, outline and warnings")
    p.add_argument("report", help="report id or file name")
    p.add_argument("--leads", action="store_true", help="also list topic-sentence leads")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("facts", help="list facts (figures) from the store or from files")
    p.add_argument("--source", nargs="+", help="parse these files directly instead of reading the store")
    p.add_argument("--years", help="a year or range, e.g. 2021-2024")
    p.add_argument("--indicator", help="indicator id(s), comma-separated")
    p.add_argument("--kind", choices=["actual", "target"])
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("export", help="the data model as CSV, JSON or XLSX")
    p.add_argument("--format", choices=["csv", "json", "xlsx"], default="csv")
    p.add_argument("--out", default="build")
    p.set_defaults(func=cmd_export)

    for extra in _product_commands():
        extra(sub)
    return parser


def _product_commands():
    """Commands of the rendering side, registered by their own modules."""
    from reporter.products import register_commands

    return register_commands


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"reporter: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reporter: interrupted; nothing was half-written", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line, the traceback with -v
        if args.verbose:
            traceback.print_exc()
        print(f"reporter: internal error: {type(exc).__name__}: {exc} (run with -v for details)", file=sys.stderr)
        return 1
