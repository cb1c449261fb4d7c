"""The one exception type the CLI turns into a one-line message and exit code 1."""


class UserError(Exception):
    """Bad input or a fixable environment problem: the message is shown as is, no traceback."""


class UsageError(UserError):
    """A command line that cannot be right whatever the data: exit 2, like argparse's own errors."""

    show_usage = True  # print the command's usage line above the message


class AreaNeeded(UsageError):
    """The store holds several areas and the command did not say which: one line, exit 2."""

    show_usage = False
