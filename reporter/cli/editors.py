"""The editors' commands: templates, terms, indicators, init (reporter/app/templates.py,
terms.py, overlays.py; cli/project.py writes reporter.toml)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reporter.cli.common import say
from reporter.errors import UsageError, UserError


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


def add_templates_command(sub, common) -> None:
    p = sub.add_parser("templates", help="list, copy or inspect the product templates", parents=[common])
    p.add_argument("action", choices=["list", "copy", "context", "check"])
    p.add_argument("name", nargs="?", help="template or product name, e.g. brief (with check: the templates folder)")
    p.add_argument("dir", nargs="?", help="with copy: the folder to copy into (use it as --templates)")
    p.add_argument("--years", help="with context: the years to build the context for (default: from the corpus)")
    p.add_argument("--shape", action="store_true", help="with context: names and types only, no example values")
    p.add_argument("--block", help="with copy: copy only this block (the file holds just the blocks you change)")
    p.set_defaults(func=cmd_templates)


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


def cmd_indicators(args: argparse.Namespace) -> int:
    from reporter.app.overlays import indicator_rows
    from reporter.textui import table

    print(table(["id", "name", "unit", "dimension"], indicator_rows(args.settings)))
    return 0


def add_indicators_command(sub, common) -> None:
    p = sub.add_parser("indicators", help="list the indicator ids, names and units (with --registry: yours too)",
                       parents=[common])
    p.set_defaults(func=cmd_indicators)


def cmd_init(args: argparse.Namespace) -> int:
    from reporter.cli.project import write_template

    path = write_template(Path.cwd(), args.force)
    say(args, f"wrote {path}: uncomment and edit what you need; options on the command line still win")
    return 0


def add_init_command(sub, common) -> None:
    p = sub.add_parser("init", help="write a commented reporter.toml (the project's settings) here", parents=[common])
    p.add_argument("--force", action="store_true", help="replace an existing reporter.toml")
    p.set_defaults(func=cmd_init)
