"""The argument parser: the options every command accepts, and each command group's subcommands
(their arguments live beside their commands: cli/data.py, products.py, runs.py, editors.py)."""
from __future__ import annotations

import argparse
from pathlib import Path

from reporter.cli.data import add_data_commands
from reporter.cli.editors import add_indicators_command, add_init_command, add_templates_command, add_terms_command
from reporter.cli.hints import HintingParser
from reporter.cli.products import add_preview_command, add_product_commands
from reporter.cli.runs import add_digest_options, add_review_options


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
    parser = HintingParser(prog="reporter", description="Chinese government reports -> data -> briefs.",
                           parents=[common])
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_data_commands(sub, common)
    add_product_commands(sub, common, filled)
    add_indicators_command(sub, common)
    add_digest_options(sub)
    add_review_options(sub)
    add_preview_command(sub, common)
    add_templates_command(sub, common)
    add_terms_command(sub, common)
    add_init_command(sub, common)
    return parser
