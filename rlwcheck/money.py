"""Exact money: parse user-written amounts into Decimal and format pounds.

Money is never a float in rlwcheck. Amounts are Decimal pounds; comparisons are exact.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from rlwcheck.errors import UsageError

PENNY = Decimal("0.01")
# Brackets in pairs; commas only between groups of three digits ("12,60" is not 1260).
_SIGNED_POUNDS = r"-?£?-?(\d{1,3}(,\d{3})*|\d+)(\.\d+)?"
_AMOUNT = re.compile(rf"^(\({_SIGNED_POUNDS}\)|{_SIGNED_POUNDS})$")


def parse_amount(text: str, what: str = "amount") -> Decimal:
    """Parse '£1,234.50', '1234.5', ' 12.60 ' or '(12.00)' (negative) into Decimal pounds."""
    cleaned = text.strip().replace("\u00a3", "£").replace(" ", "")
    if not _AMOUNT.match(cleaned):
        raise UsageError(
            f"{what} {text!r} is not an amount in pounds: write it like 12.60 or £1,234.50"
        )
    negative = cleaned.startswith("(") or "-" in cleaned
    digits = cleaned.strip("()").replace("£", "").replace(",", "").replace("-", "")
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise UsageError(f"{what} {text!r} is not an amount in pounds") from exc
    return -value if negative else value


def to_pence(pounds: Decimal) -> int:
    """Whole pence, rounding half up (only used for storage of exact rates)."""
    return int((pounds * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_pence(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)


def pence_text(pence: int) -> str:
    """Pence as '1234.56': the JSON and CSV amount format (two decimals, no symbol or commas)."""
    return str(from_pence(pence))


def pounds(value: Decimal) -> str:
    """Format for people: £1,234.50."""
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value).quantize(PENNY, rounding=ROUND_HALF_UP):,}"
