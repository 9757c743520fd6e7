"""UK dates and exact money parsing."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlwcheck.dates import age_on, parse_date
from rlwcheck.errors import UsageError
from rlwcheck.money import parse_amount, pence_text, pounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/04/2026", dt.date(2026, 4, 1)),
        ("1/4/2026", dt.date(2026, 4, 1)),
        ("01-04-2026", dt.date(2026, 4, 1)),
        ("01.04.2026", dt.date(2026, 4, 1)),
        ("2026-04-01", dt.date(2026, 4, 1)),
        ("20260401", dt.date(2026, 4, 1)),
        (" 13/05/2026 ", dt.date(2026, 5, 13)),
    ],
)
def test_dates_are_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2026", "does not exist"),
        ("04/13/2026", "month-first"),
        ("2026/04/01", "not a date"),
        ("", "not a date"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_date(text)


def test_age_on_birthday_and_leap_day() -> None:
    assert age_on(dt.date(2005, 4, 2), dt.date(2026, 4, 1)) == 20
    assert age_on(dt.date(2005, 4, 1), dt.date(2026, 4, 1)) == 21
    assert age_on(dt.date(2004, 2, 29), dt.date(2025, 2, 28)) == 20
    assert age_on(dt.date(2004, 2, 29), dt.date(2025, 3, 1)) == 21


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1,234.50", "1234.50"),
        ("1234.5", "1234.5"),
        (" 12.60 ", "12.60"),
        ("(12.00)", "-12.00"),
        ("£24,465", "24465"),
    ],
)
def test_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12,60", "1,2345", "£1,,2", "(12.00", "12.00)"])
def test_misplaced_commas_and_lone_brackets_are_refused(text: str) -> None:
    with pytest.raises(UsageError, match="is not an amount in pounds"):
        parse_amount(text)


@given(st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2))
def test_formatted_pounds_round_trip_exactly(value: Decimal) -> None:
    assert parse_amount(pounds(value)) == value


@pytest.mark.parametrize(
    ("pence", "text"),
    [(0, "0.00"), (5, "0.05"), (-5, "-0.05"), (123456, "1234.56"), (-100, "-1.00")],
)
def test_pence_text_is_the_contract_amount_format(pence: int, text: str) -> None:
    assert pence_text(pence) == text
