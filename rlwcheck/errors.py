"""The one exception family rlwcheck raises when it cannot run at all.

Bad data inside a file is *not* an exception: checks return problems as values.
These are for "could not run": unreadable input, bad usage, a failed fetch.
The CLI turns each into a one-line message and exit code 2, once, at the boundary.
"""


class RlwcheckError(Exception):
    """Base class: the message says what was wrong and what to do about it."""


class UsageError(RlwcheckError):
    """An option or argument the user gave cannot be used (bad date, unknown scheme)."""


class InputError(RlwcheckError):
    """An input file cannot be read or lacks what the check needs."""


class RateError(RlwcheckError):
    """A rate cannot be stored: implausible, inconsistent or lower than before."""


class StoreError(RlwcheckError):
    """The local database cannot be opened or is newer than this version understands."""


class FetchError(RlwcheckError):
    """A rate source could not be fetched or parsed; nothing was changed."""
