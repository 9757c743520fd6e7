"""Dates as UK users write them, and today's date on the Europe/London calendar.

UK dates are day-first: 01/04/2026 is 1 April 2026. ISO dates (2026-04-01) are accepted too.
A date that only makes sense month-first (12/31/2026) is refused with a clear message,
never silently swapped.
"""

import datetime as dt
import os
import re

import pendulum

from rlwcheck.errors import UsageError

LONDON = "Europe/London"
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def today() -> dt.date:
    """Today in London. RLWCHECK_TODAY (ISO) pins it, for demos and end-to-end tests."""
    pinned = os.environ.get("RLWCHECK_TODAY")
    if pinned:
        return parse_date(pinned, "RLWCHECK_TODAY")
    return pendulum.today(LONDON).date()


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse 01/04/2026, 1-4-2026, 01.04.2026, 2026-04-01 or 20260401 into a date."""
    value = text.strip()
    if match := _ISO.match(value) or _COMPACT.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_FIRST.match(value):
        day, month, year = (int(part) for part in match.groups())
        if month > 12 and day <= 12:
            raise UsageError(
                f"{what} {text!r} looks like month-first (US) order; "
                f"write day first, e.g. {month:02d}/{day:02d}/{year}, or ISO {year}-{day:02d}-{month:02d}"
            )
    else:
        raise UsageError(f"{what} {text!r} is not a date: write it as DD/MM/YYYY or YYYY-MM-DD")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise UsageError(
            f"{what} {text!r} does not exist ({exc}); check the day and month"
        ) from exc


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Whole years of age on a date; someone born on 29 February turns a year older on 1 March."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def long_date(value: dt.date) -> str:
    """1 April 2026: unambiguous in any locale."""
    return f"{value.day} {value:%B %Y}"
