""""Did you mean" for the command line: a mistyped subcommand (`brirf`) or option (`--yeers`) gets
the nearest real one in the usage error, instead of only "required: --years"."""
from __future__ import annotations

import argparse
import re

ARGV: list[str] = []  # the arguments being parsed (set by cli.main)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _chosen(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and the subcommand parsers the arguments chose, outermost first."""
    chain = [parser]
    for token in ARGV:
        subs = _subparsers(chain[-1])
        if token in subs:
            chain.append(subs[token])
    return chain


def option_hint(parser: argparse.ArgumentParser) -> str:
    """'did you mean --years?' for each --option in the arguments that no chosen parser knows."""
    import difflib

    chain = _chosen(parser)
    known = {s for p in chain for s in p._option_string_actions}
    hints = []
    for token in ARGV:
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
    """argparse with the nearest name added to a usage error (exit 2 as before)."""

    def error(self, message: str):
        hint = choice_hint(message) or option_hint(self)
        super().error(f"{message} ({hint})" if hint else message)
