"""The one exception type users see: a message that fits on one line."""


class StanceError(Exception):
    """A user error (bad path, bad option, unreadable input): printed as one line, exit 2."""
