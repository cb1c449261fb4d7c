"""The one exception type the CLI turns into a one-line message and exit code 1."""


class UserError(Exception):
    """Bad input or a fixable environment problem: the message is shown as is, no traceback."""


class UsageError(UserError):
    """A command line that cannot be right whatever the data: exit 2, like argparse's own errors."""
