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
from reporter.textui import progress, table

FACT_COLUMNS = ["source", "indicator", "period", "kind", "value", "unit", "qualifier", "quote"]
EXTRA_COLUMNS = ["label", "raw", "section", "report_id", "start", "end", "scope", "confidence"]
DEFAULT_STORE = Path("build") / "reporter.db"


def say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text)


# ---------------------------------------------------------------- ingest


def source_files(paths: list[str]) -> list[Path]:
    """Expand PATHs (files or folders) to the source files a reader can read."""
    from reporter.readers import supported

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and supported(p)))
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(f"{path}: no such file or folder")
    if not files:
        raise UserError(f"no reports found in {', '.join(paths)} (looked for .txt and .md files)")
    return files


def parse_all(files: list[Path], quiet: bool, contents: dict[Path, bytes] | None = None) -> list[Report]:
    """Parse files (or the bytes already read for them), with a progress bar on a terminal."""
    from reporter.parse import parse_bytes
    from reporter.readers import read_bytes

    contents = contents or {}
    return [parse_bytes(path, contents.get(path) or read_bytes(path)) for path in progress(files, "parsing", quiet)]


def cmd_ingest(args: argparse.Namespace) -> int:
    from reporter.parse import checksum_of, parser_fingerprint
    from reporter.readers import read_bytes

    store = Store(args.store)
    files = source_files(args.paths or ["seeds"])
    fingerprint = parser_fingerprint()
    known = store.checksums()
    stale = bool(known) and store.fingerprint() != fingerprint
    if stale:
        known = {}
    if stale:
        stored = [Path(r.source) for r in store.reports() if Path(r.source).exists()]
        files = list(dict.fromkeys(files + stored))
        say(args, f"the parser changed since the store was made: parsing all {len(files)} source(s) again")
    contents = {p: read_bytes(p) for p in files}  # read once: checksum now, parse below
    changed = [p for p in files if checksum_of(contents[p]) not in known]
    if not changed:
        say(args, f"nothing changed: {len(files)} source(s) already in {store.path}")
        return 0
    reports = parse_all(changed, args.quiet, contents)  # any failure raises before the store is touched
    store.save(reports, fingerprint, replace_all=stale)
    for r in reports:
        say(args, f"ingested {r.id}: {r.kind}, {len(r.facts)} facts, {len(r.targets)} targets, {len(r.terms)} terms, {len(r.warnings)} warnings")
    say(args, f"{len(reports)} parsed, {len(files) - len(reports)} unchanged; store {store.path}")
    return 0


def stored_reports(args: argparse.Namespace) -> list[Report]:
    reports = Store(args.store).reports()
    if not reports:
        raise UserError(f"the store {args.store} is empty: run `reporter ingest` first")
    return reports


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
    row.update({"label": f.label, "raw": f.raw, "section": f.section, "report_id": f.report_id, "start": f.start, "end": f.end,
                "scope": f.scope, "confidence": f.confidence})
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
        facts = all_facts(parse_all(source_files(args.source), quiet=True))
    else:
        facts = all_facts(stored_reports(args))
    write_facts(select_facts(facts, args), args.format, sys.stdout)
    if args.explain:  # TODO(lead): re-wire with the app layer
        from reporter.parse.explain import explain
        print("\n\n".join("\n  ".join(explain(f)) for f in select_facts(facts, args)), file=sys.stderr)
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
    p.set_defaults(func=cmd_ingest)

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
    p.add_argument("--explain", action="store_true", help="say why each fact got its indicator, period, kind and scope")
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
