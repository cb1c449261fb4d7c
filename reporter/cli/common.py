"""What every command shares: quiet output, the store in force, argparse types that turn a bad
value into a usage error (exit 2)."""
from __future__ import annotations

import argparse
from pathlib import Path

from reporter.errors import UserError


def say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(text)


def store_path(args: argparse.Namespace) -> Path:
    return args.settings.store


def unit_float(text: str) -> float:
    """A number from 0 to 1 (argparse type: anything else is a usage error)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number from 0 to 1") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def year_int(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year like 2023, not '{text}'")
    return int(text)


def option_type(parse):
    """A product option's parser as an argparse type: a bad value is a usage error (exit 2)."""
    def convert(text: str):
        try:
            parse(text)
        except UserError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc
        return text  # the app parses it again: it takes text from every front end
    return convert


def jobs_type():
    from reporter.app.builtin import positive_int

    return lambda text: int(option_type(positive_int)(text))
