""""Did you mean" for the command line: a mistyped subcommand (`brirf`) or option (`--yeers`) gets
the nearest real one in the usage error, instead of only "required: --years"."""
from __future__ import annotations

import argparse
import re
import sys


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _chosen(parser: argparse.ArgumentParser, argv: list[str]) -> list[argparse.ArgumentParser]:
    """The parser and the subcommand parsers the arguments chose, outermost first."""
    chain = [parser]
    for token in argv:
        subs = _subparsers(chain[-1])
        if token in subs:
            chain.append(subs[token])
    return chain


def option_hint(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """'did you mean --years?' for each --option in ARGV that no chosen parser knows."""
    import difflib

    chain = _chosen(parser, argv)
    known = {s for p in chain for s in p._option_string_actions}
    hints = []
    for token in argv:
        name = token.split("=", 1)[0]
        if name.startswith("--") and name not in known:
            near = difflib.get_close_matches(name, sorted(k for k in known if k.startswith("--")), n=1, cutoff=0.6)
            hints.append(f"{name}: did you mean {near[0]}?" if near else f"{name}: no such option")
    return "; ".join(dict.fromkeys(hints))


def choice_hint(message: str) -> str:
    """'invalid choice: 'brirf' (choose from …)' -> "did you mean 'brief'?"."""
    m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not m:
        return ""
    import difflib

    choices = re.findall(r"'([^']*)'", m.group(2)) or [c.strip() for c in m.group(2).split(",")]
    near = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.5)
    return f"did you mean '{near[0]}'?" if near else ""


class HintingParser(argparse.ArgumentParser):
    """argparse with the nearest name added to a usage error (exit 2 as before). Each parser keeps
    the arguments it was given (a subcommand's parser gets those after its name), so a hint needs
    no module global."""

    def parse_known_args(self, args=None, namespace=None):
        self.given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str):
        hint = choice_hint(message) or option_hint(self, getattr(self, "given", []))
        super().error(f"{message} ({hint})" if hint else message)
