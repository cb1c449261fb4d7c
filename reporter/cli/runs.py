"""`digest --due` (the scheduler) and `review` (the checklist and its decisions): the flags these
two product commands add to their generated subcommands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reporter.cli.common import say
from reporter.cli.products import run_product


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
