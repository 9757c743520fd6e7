"""Full-time-equivalent salaries: scaled by the FTE before dividing by the hours (pitfall 9).

Hand-worked with the NHS Band 2 value for 2025/26, £24,465 (DOMAIN.md §8), checked on
1 June 2026: National Living Wage £12.71, Real Living Wage (UK) £13.45, 52.143 weeks a year.

A 0.6 FTE porter contracted for 22.5 hours a week is paid 0.6 x £24,465 = £14,679.00 a year
for 22.5 x 52.143 = 1,173.2175 hours: £12.5117 an hour, below both floors. Divided by the part-time
hours as it stands, the full-time value would give £20.85 an hour and a false pass.
"""

import datetime as dt
from typing import Any

from checkrows import check, result

JUNE_2026 = {"on": dt.date(2026, 6, 1), "today": dt.date(2026, 6, 1)}
PORTER = {"worker_id": "1", "age": 40, "london": False, "weekly_hours": "22.5"}


def checked(row: dict[str, Any], **settings: Any) -> dict[str, Any]:
    return result([{**PORTER, **row}], **JUNE_2026, **settings)


def problems(row: dict[str, Any], **settings: Any) -> list[tuple[str, str]]:
    report = check([{**PORTER, **row}], **JUNE_2026, **settings)
    return list(report.problems[["code", "column"]].itertuples(index=False, name=None))


def test_a_full_time_salary_is_scaled_by_the_fte_before_dividing_by_the_hours() -> None:
    row = checked({"annual_salary_fte": "24465", "fte": "0.6"})
    assert (row["nmw_status"], row["nmw_rate"], row["nmw_hourly_pay"]) == ("fail", 1271, 1251)
    assert row["nmw_shortfall_per_hour"] == 20  # 12.71 - 12.5117 = 0.1983, rounded up
    assert (row["rlw_status"], row["rlw_shortfall_per_hour"]) == ("fail", 94)  # 0.9383 up


def test_a_salary_said_to_be_actual_is_not_scaled() -> None:
    # The same figure as what the porter is actually paid: £24,465 / 1,173.2175 h = £20.85.
    row = checked({"annual_salary": "24465", "fte": "0.6"}, salary_basis="actual")
    assert (row["nmw_status"], row["nmw_hourly_pay"], row["rlw_status"]) == ("pass", 2085, "pass")


def test_a_plain_salary_said_to_be_full_time_is_scaled() -> None:
    row = checked({"annual_salary": "24465", "fte": "0.6"}, salary_basis="full-time")
    assert (row["nmw_status"], row["nmw_hourly_pay"]) == ("fail", 1251)


def test_a_plain_salary_beside_an_fte_below_1_is_not_guessed() -> None:
    row = {"annual_salary": "24465", "fte": "0.6"}
    assert checked(row)["nmw_status"] == "invalid"
    assert problems(row) == [("salary-basis-unknown", "annual_salary")]


def test_an_fte_of_1_needs_no_basis_both_readings_agree() -> None:
    # 37.5 x 52.143 = 1,955.3625 hours; £24,465 / 1,955.3625 = £12.5117.
    row = checked({"annual_salary": "24465", "fte": "1.00", "weekly_hours": "37.5"})
    assert (row["nmw_status"], row["nmw_hourly_pay"]) == ("fail", 1251)


def test_paid_exactly_the_rate_through_an_fte_passes_and_a_millionth_less_fails() -> None:
    # 20 h x 52.143 = 1,042.86 h x £12.71 = £13,254.7506 = 0.5 x £26,509.5012.
    exact = {"annual_salary_fte": "26509.5012", "fte": "0.5", "weekly_hours": "20"}
    assert checked(exact)["nmw_status"] == "pass"
    assert checked(exact)["nmw_hourly_pay"] == 1271
    short = {**exact, "annual_salary_fte": "26509.501199"}
    assert checked(short)["nmw_status"] == "fail"


def test_a_full_time_salary_without_an_fte_is_reported() -> None:
    row = {"annual_salary_fte": "24465"}
    assert checked(row)["nmw_status"] == "invalid"
    assert problems(row) == [("missing-fte", "fte")]


def test_an_impossible_fte_is_reported() -> None:
    for fte in ("0", "2.5"):
        row = {"annual_salary_fte": "24465", "fte": fte}
        assert checked(row)["nmw_status"] == "invalid"
        assert problems(row) == [("invalid-fte", "fte")]
