"""Properties that must hold for any payroll: counts add up, more pay never hurts, rows are independent."""

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from checkrows import check
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlwcheck import checks, dates
from rlwcheck.rates import in_first_year_until
from rlwcheck.vectors import add_months, age_on, exact_sum

TODAY = dt.date(2026, 11, 24)
# The 2025 Real Living Wage (£13.45, London £14.80) was announced on 22 October 2025 but is
# only due from 1 May 2026, so on this day pay between the old and new rates is "due".
RISE_ANNOUNCED = dt.date(2025, 11, 24)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("40"), places=2)
# Hourly pay from the 2024 Real Living Wage (£12.60) to the 2025 London one (£14.80): the
# band where a row passes, fails or is due, depending on the day and the place.
near_the_rates = st.decimals(min_value=Decimal("12.60"), max_value=Decimal("14.80"), places=2)
some_dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 12, 31))
# Pay periods either side of the 2025 rise: announced 22 October 2025, due 1 May 2026.
around_the_rise = st.dates(min_value=dt.date(2025, 9, 1), max_value=dt.date(2026, 7, 31))


@st.composite
def pay_rows(draw: st.DrawFn, known: bool = False) -> dict[str, Any]:
    """A pay row. known=True fills every field the rules need, makes the worker an adult
    (the Real Living Wage's scope) and keeps pay near the rates, with no allowances on top
    and periods around the 2025 rise, so that pass, fail and due all happen often."""

    def maybe(values: st.SearchStrategy[Any]) -> Any:
        return draw(values if known else st.one_of(st.none(), values))

    pay = near_the_rates if known else amounts
    row: dict[str, Any] = {
        "worker_id": draw(st.text("0123456789", min_size=1, max_size=4)),
        "employer": draw(st.sampled_from(["Acme", "Beta", None])),
        "department": draw(st.sampled_from(["Cleaning", "Catering", None])),
        "london": maybe(st.booleans()),
        "apprentice": maybe(st.booleans()),
        "apprenticeship_start": maybe(some_dates),
        "guaranteed_allowances": None if known else draw(st.one_of(st.none(), amounts)),
    }
    if draw(st.booleans()):
        born_by = dt.date(2007, 1, 1) if known else dt.date(2012, 1, 1)
        row["date_of_birth"] = maybe(st.dates(dt.date(1950, 1, 1), born_by))
    else:
        row["age"] = maybe(st.integers(18 if known else 14, 70))
    shape = draw(st.sampled_from(["hourly", "salary", "period"]))
    if shape == "hourly":
        row["hourly_rate"] = draw(pay)
        row["weekly_hours"] = maybe(st.decimals(1, 60, places=1))
    elif shape == "salary":
        row["annual_salary"] = draw(pay) * 2000
        row["weekly_hours"] = maybe(st.decimals(1, 60, places=1))
    else:
        start = draw(around_the_rise if known else some_dates)
        row["period_start"] = start
        row["period_end"] = start + dt.timedelta(days=draw(st.integers(0, 30)))
        row["period_hours"] = draw(st.decimals(1, 200, places=2))
        row["period_pay"] = draw(pay) * row["period_hours"]
        row["nmw_deductions"] = draw(st.one_of(st.none(), amounts))
        row["accommodation_days"] = maybe(st.integers(0, 7))
        row["accommodation_charge"] = draw(st.one_of(st.none(), amounts))
    return row


def _outcome(report: Any, index: int = 0) -> tuple[Any, ...]:
    row = report.rows.iloc[index]
    return tuple(
        None if v is None or (not isinstance(v, str) and np.ndim(v) == 0 and v != v) else v
        for v in row.drop(["row"]).to_dict().values()
    )


@FAST
@given(st.lists(pay_rows(), min_size=1, max_size=12))
def test_counts_add_up_in_total_per_file_and_by_group(rows: list[dict[str, Any]]) -> None:
    for i, row in enumerate(rows):
        row["file"] = "a.csv" if i % 2 else "b.csv"
    summary = check(rows, today=TODAY).summary
    assert summary["rows_read"] == len(rows)
    assert sum(summary["nmw"].values()) == sum(summary["rlw"].values()) == len(rows)
    for groups in (summary["by_employer"], summary["by_department"]):
        assert sum(g["rows"] for g in groups) == len(rows)
        for group in groups:
            assert sum(group["nmw"].values()) == sum(group["rlw"].values()) == group["rows"]


@pytest.mark.parametrize("today", [TODAY, RISE_ANNOUNCED])
@FAST
@given(
    st.one_of(pay_rows(), pay_rows(known=True)),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5"), places=2),
)
def test_raising_pay_never_turns_a_pass_into_a_fail(
    today: dt.date, row: dict[str, Any], rise: Decimal
) -> None:
    raised = dict(row)
    for field in ("hourly_rate", "annual_salary", "period_pay"):
        if raised.get(field) is not None:
            raised[field] = raised[field] + rise
    before, after = (
        check([row], today=today).rows.iloc[0],
        check([raised], today=today).rows.iloc[0],
    )
    if before["nmw_status"] == "pass":
        assert after["nmw_status"] == "pass"
    if before["rlw_status"] == "pass":
        assert after["rlw_status"] == "pass"
    if before["rlw_status"] == "due":
        assert after["rlw_status"] in ("due", "pass")


@FAST
@given(pay_rows(), st.lists(pay_rows(), max_size=8), st.integers(0, 8))
def test_a_rows_result_does_not_depend_on_the_other_rows(
    row: dict[str, Any], others: list[dict[str, Any]], position: int
) -> None:
    position = min(position, len(others))
    # A worker of its own: a copy of another row's pay period is flagged as a copy
    # (duplicate-row), the one result that rightly depends on the rows before it.
    lone = {**row, "row": 99, "worker_id": "lone"}
    alone = check([lone], today=TODAY)
    batch = check([*others[:position], lone, *others[position:]], today=TODAY)
    assert _outcome(alone) == _outcome(batch, position)
    mine = batch.problems[batch.problems["row"] == 99]
    assert mine.to_dict("records") == alone.problems.to_dict("records")


@FAST
@given(st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=2, max_size=30))
def test_vectorised_calendar_matches_the_scalar_rules(days: list[dt.date]) -> None:
    numbers = np.array([(d - dt.date(1970, 1, 1)).days for d in days], dtype=np.int64)
    births, ons = numbers[:-1], numbers[1:]
    expected_ages = [dates.age_on(b, o) for b, o in itertools.pairwise(days)]
    assert age_on(births, ons).tolist() == expected_ages
    expected_ends = [(in_first_year_until(d) - dt.date(1970, 1, 1)).days for d in days]
    assert add_months(numbers, 12).tolist() == expected_ends


@given(st.lists(st.integers(-(2**62), 2**62), max_size=50))
def test_exact_sum_never_overflows(values: list[int]) -> None:
    assert exact_sum(np.array(values, dtype=np.int64)) == sum(values)


@FAST
@given(st.lists(pay_rows(), min_size=1, max_size=9))
def test_checking_in_chunks_gives_the_same_report(rows: list[dict[str, Any]]) -> None:
    whole = check(rows, today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "CHUNK_ROWS", 2)
        chunked = check(rows, today=TODAY)
    assert chunked.rows.to_dict("records") == whole.rows.to_dict("records")
    assert chunked.problems.to_dict("records") == whole.problems.to_dict("records")
    assert chunked.summary == whole.summary
    assert chunked.rates == whole.rates
