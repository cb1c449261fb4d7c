"""The one exception type the CLI turns into a one-line message and exit code 1."""


import re

# line breaks and other control characters a message may carry from untrusted input (a damaged
# store's report id, a stylesheet's string): shown escaped so the message stays one line
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """TEXT with every control character shown as its escape ('\\r', '\\x00'): one line, whatever it quotes."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], text)


class UserError(Exception):
    """Bad input or a fixable environment problem: the message is shown as is (control characters
    escaped, so it is one line), no traceback."""

    def __str__(self) -> str:
        return one_line(super().__str__())


class UsageError(UserError):
    """A command line that cannot be right whatever the data: exit 2, like argparse's own errors."""

    show_usage = True  # print the command's usage line above the message


class AreaNeeded(UsageError):
    """The store holds several areas and the command did not say which: one line, exit 2."""

    show_usage = False
