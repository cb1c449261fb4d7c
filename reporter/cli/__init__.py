"""The command line: parses arguments, makes the run's Settings (through the app layer), calls
the use cases in reporter.app, prints results. The commands live in this package by group
(data.py, products.py, runs.py, editors.py); this module only starts a run and turns errors into
one line.

No product logic lives here: product commands are generated from the product registry.
Exit codes: 0 success, 1 a user-facing error (one line; -v adds the traceback), 2 usage.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from reporter.errors import UsageError, UserError, one_line


def build_parser(filled: set[str] = frozenset()):
    """The whole argument parser (argparse is imported when a command runs, not with this package)."""
    from reporter.cli.parser import build_parser as build

    return build(filled)


def settings_of(args, project):
    """The run's Settings, made once by the app layer from the project file and these options."""
    from reporter.app.config import Given, make_settings

    def path(name: str) -> Path | None:
        value = getattr(args, name, None)
        return Path(value) if value is not None else None

    out = args.out if isinstance(getattr(args, "out", None), Path) else None  # a product's folder, not a file
    return make_settings(Given(store=args.store, out=out, registry=args.registry, corrections=args.corrections,
                               termbase=path("termbase"), templates=path("templates"), styles=path("styles"),
                               lang=getattr(args, "lang", None)), project)


def main(argv: list[str] | None = None) -> int:
    from reporter.cli.project import apply_project, required_filled

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
        from reporter.cli.products import check_usage

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
            import traceback

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
            import traceback

            traceback.print_exc()
        print(f"reporter: internal error: {type(exc).__name__}: {one_line(str(exc))} (run with -v for details; "
              "please report it with the command you ran)", file=sys.stderr)
        return 1
