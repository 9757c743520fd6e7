"""Hand-worked checks of what a pay period's pay is made of: overtime hours and premiums, gross
pay with allowances inside it, and accommodation in a period with no recorded offset.

Rates (rates/nmw_rates.csv, rates/rlw_rates.csv): NLW 21+ £12.71 from 1 April 2026; on that date
the Real Living Wage due is the 2024 rates (£12.60 UK, £13.85 London) and the newest announced is
the 2025 rates (£13.45 UK, £14.80 London), due by 1 May 2026. Amounts in results are pence.
"""

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from checkrows import contract_frame, result

from rlwcheck.checks import CheckSettings, check_files, check_records
from rlwcheck.rates import ACCOMMODATION, RateBook, bundled_living_wage_rates
from rlwcheck.rates import bundled_statutory_rates as bundled
from rlwcheck.rowproblems import empty_problems

TODAY = dt.date(2026, 11, 24)


def april(**fields: Any) -> dict[str, Any]:
    """A worker aged 34 paid for April 2026 outside London."""
    return {
        "worker_id": "W1",
        "date_of_birth": "1991-09-09",
        "period_start": "2026-04-01",
        "period_end": "2026-04-30",
        "london": False,
        **fields,
    }


def problem_codes(rows: list[dict[str, Any]], book: RateBook | None = None) -> list[str]:
    report = check_records(
        contract_frame(rows), empty_problems(), [], book or RateBook.load(), CheckSettings()
    )
    return sorted(report.problems["code"])


def test_overtime_hours_count_and_the_premium_does_not() -> None:
    # 150 h at £12.60 + 10 overtime hours at time and a half: gross £2,079.00, premium £63.00.
    # Minimum wage pay (2079 - 63) / 160 h = £12.60 < £12.71: short 11p an hour, £17.60 in all.
    # Counting the premium would show 2079 / 160 = £12.99 and pass; leaving the overtime hours
    # out would show 2079 / 150 = £13.86.
    row = april(
        period_gross_pay="2079.00",
        period_hours="150",
        overtime_hours="10",
        overtime_premium="63.00",
    )
    found = result([row], today=TODAY)
    assert (found["nmw_status"], found["nmw_hourly_pay"]) == ("fail", 1260)
    assert (found["nmw_shortfall_per_hour"], found["nmw_underpayment"]) == (11, 1760)
    # The RLW counts the same £12.60: the £12.60 already due is met, the £13.45 is due.
    assert (found["rlw_status"], found["rlw_rate"], found["rlw_hourly_pay"]) == ("due", 1345, 1260)


def test_overtime_paid_at_the_basic_rate_has_a_premium_of_nothing() -> None:
    # £2,033.60 for 150 + 10 h at £12.71, premium 0: exactly the rate, which passes.
    row = april(
        period_gross_pay="2033.60",
        period_hours="150",
        overtime_hours="10",
        overtime_premium="0",
    )
    found = result([row], today=TODAY)
    assert (found["nmw_status"], found["nmw_hourly_pay"]) == ("pass", 1271)


def test_overtime_whose_pay_cannot_be_told_apart_is_not_guessed() -> None:
    gross_no_premium = april(period_gross_pay="2150.00", period_hours="150", overtime_hours="8")
    basic_pay = april(
        period_pay="1906.50", period_hours="150", overtime_hours="8", overtime_premium="20.00"
    )
    for row in (gross_no_premium, basic_pay):
        found = result([row], today=TODAY)
        assert (found["nmw_status"], found["rlw_status"]) == ("invalid", "undetermined")
        assert problem_codes([row]) == ["overtime-pay-unclear"]
    # No overtime worked: nothing to tell apart, whatever the premium column holds.
    plain = april(period_gross_pay="2033.60", period_hours="160", overtime_hours="0")
    assert result([plain], today=TODAY)["nmw_status"] == "pass"


def test_a_guaranteed_allowance_inside_gross_pay_counts_for_the_rlw_only_and_once() -> None:
    # London: £2,150 gross for 155 h, of which £250 is London weighting.
    # Minimum wage pay 1900 / 155 = £12.2580..., short 12.71 - 12.2580 = 45.19p -> 46p an hour;
    # underpayment 12.71 x 155 - 1900 = £70.05.
    # RLW pay 2150 / 155 = £13.8709...: meets the £13.85 due, below the £14.80 announced (93p).
    gross = april(
        london=True, period_gross_pay="2150.00", period_hours="155", guaranteed_allowances="250"
    )
    # The same pay written as basic pay with the allowance beside it gives the same answers.
    basic = april(
        london=True, period_pay="1900.00", period_hours="155", guaranteed_allowances="250"
    )
    for row in (gross, basic):
        found = result([row], today=TODAY)
        assert (found["nmw_status"], found["nmw_hourly_pay"]) == ("fail", 1225)
        assert (found["nmw_shortfall_per_hour"], found["nmw_underpayment"]) == (46, 7005)
        assert (found["rlw_status"], found["rlw_hourly_pay"]) == ("due", 1387)
        assert (found["rlw_rate"], found["rlw_shortfall_per_hour"]) == (1480, 93)


def test_parts_of_gross_pay_larger_than_the_gross_pay_are_refused() -> None:
    row = april(
        period_gross_pay="100.00",
        period_hours="150",
        overtime_premium="80",
        guaranteed_allowances="50",
    )
    assert result([row], today=TODAY)["nmw_status"] == "invalid"
    assert problem_codes([row]) == ["pay-parts-exceed-pay"]


def test_accommodation_in_a_period_with_no_recorded_offset_is_not_counted_as_nothing() -> None:
    # A fetched April 2027 period with the bands but no offset yet: £2,000 for 160 h with 30 days'
    # free accommodation. Counting no offset would show £12.50 and a false failure.
    april_2027 = dt.date(2027, 4, 1)
    new_period = [
        dataclasses.replace(rate, effective_from=april_2027, effective_to=None)
        for rate in bundled()
        if rate.effective_from == dt.date(2026, 4, 1) and rate.band != ACCOMMODATION
    ]
    book = RateBook([*bundled(), *new_period], bundled_living_wage_rates())
    row = april(
        period_start="2027-04-01",
        period_end="2027-04-30",
        period_gross_pay="2000.00",
        period_hours="160",
        accommodation_days=30,
    )
    report = check_records(
        contract_frame([row]), empty_problems(), [], book, CheckSettings(today=april_2027)
    )
    assert report.rows["nmw_status"].tolist() == ["invalid"]
    assert pd.isna(report.rows["nmw_underpayment"].iloc[0])
    assert problem_codes([row], book) == ["no-offset-for-date"]


def test_an_hourly_rate_is_checked_only_when_the_salary_beside_it_pays_it() -> None:
    # At the default 52.143 weeks, 37.5 h a week is 1,955.3625 h a year.
    base = {"worker_id": "S1", "age": 30, "london": False, "weekly_hours": "37.5"}
    # £24,465 pays £12.5117 an hour: at least £12.51 and within a penny: the rate is checked,
    # with its per-hour deduction (£12.51 - 0.50 = £12.01 for the minimum wage).
    agree = {**base, "hourly_rate": "12.51", "annual_salary": "24465", "nmw_deductions": "0.50"}
    found = result([agree], today=TODAY)
    assert (found["nmw_status"], found["nmw_hourly_pay"]) == ("fail", 1201)
    assert problem_codes([agree]) == []
    # £13.45 beside £26,208 (£13.4031 an hour): the salary does not pay the rate, so the rate
    # cannot be taken for what is paid; checking it would pass a worker the salary fails.
    below = {**base, "hourly_rate": "13.45", "annual_salary": "26208"}
    assert result([below], today=TODAY)["rlw_status"] == "undetermined"
    assert problem_codes([below]) == ["pay-figures-disagree"]
    # ... unless the payroll's 52 weeks are used: 13.45 x 37.5 x 52 = £26,227.50 pays it exactly.
    lwf = {**base, "hourly_rate": "13.45", "annual_salary": "26227.50"}
    assert problem_codes([lwf]) == ["pay-figures-disagree"]
    assert result([lwf], today=TODAY, weeks_per_year=Decimal("52"))["rlw_status"] == "pass"
    # £13.50 beside £20,000 (£10.23 an hour), and £12.71 beside £25,000 (£12.79, over a penny
    # above the rate): which one is paid cannot be told either way.
    for rate, salary in (("13.50", "20000"), ("12.71", "25000")):
        row = {**base, "hourly_rate": rate, "annual_salary": salary}
        assert result([row], today=TODAY)["nmw_status"] == "invalid"
        assert problem_codes([row]) == ["pay-figures-disagree"]
    # exactly a penny above: 12.72 x 1,955.3625 = £24,872.2110 pays £12.71 within a penny
    penny = {**base, "hourly_rate": "12.71", "annual_salary": "24872.2110"}
    assert problem_codes([penny]) == []
    assert problem_codes([{**penny, "annual_salary": "24872.2111"}]) == ["pay-figures-disagree"]


def test_the_salary_cross_checking_a_rate_is_the_salary_actually_paid() -> None:
    base = {"worker_id": "F1", "age": 30, "london": False}
    # Band 2 full time, £24,465 for 37.5 h, is £12.5117 an hour: it does not pay £13.45.
    full_time = {**base, "weekly_hours": "37.5", "annual_salary_fte": "24465", "fte": "1"}
    assert problem_codes([{**full_time, "hourly_rate": "13.45"}]) == ["pay-figures-disagree"]
    # At 0.6 FTE for 22.5 h: 24,465 x 0.6 = £14,679, / (22.5 x 52.143) = £12.5117 again;
    # beside £12.51 they agree, and the rate is checked (a fail against £12.71).
    part_time = {**full_time, "weekly_hours": "22.5", "fte": "0.6", "hourly_rate": "12.51"}
    assert problem_codes([part_time]) == []
    assert result([part_time], today=TODAY)["nmw_status"] == "fail"
    # a plain salary beside an FTE other than 1 says nothing of its basis: not guessed
    plain = {**base, "weekly_hours": "22.5", "annual_salary": "24465", "fte": "0.6"}
    assert problem_codes([{**plain, "hourly_rate": "13.45"}]) == ["salary-basis-unknown"]
    # hours are compared to the millionth: 37.509 h a week at £12.71 is £24,858.62 a year,
    # so £24,857.00 (£12.7089 an hour) does not pay the rate
    exact = {**base, "weekly_hours": "37.509", "hourly_rate": "12.71", "annual_salary": "24857"}
    assert problem_codes([exact]) == ["pay-figures-disagree"]


def test_a_cell_that_cannot_be_read_stops_the_row_being_checked(tmp_path: Path) -> None:
    # Each row would pass if its unreadable cell counted as nothing: £2,100 for 150 h is £14.00.
    # Read right, 'ten' overtime hours, a £1,000 charge or £300 of deductions could each fail it.
    path = tmp_path / "pay.csv"
    path.write_text(
        "ID,DOB,London,Period Start,Period End,Reg Hours,O/T Hours,O/T Premium,Gross Pay,"
        "Salary Sacrifice,Accommodation Days,Accommodation Charge,London Weighting\n"
        "A1,01/01/1990,no,01/04/2026,30/04/2026,150,ten,0,2100,,,,\n"
        "A2,01/01/1990,no,01/04/2026,30/04/2026,150,,,2100,,30,£1000 pcm,\n"
        "A3,01/01/1990,no,01/04/2026,30/04/2026,150,,,2100,300.00 GBP,,,\n"
        "A4,01/01/1990,no,01/04/2026,30/04/2026,150,,,2100,,,,-300\n"
        "A5,01/01/1990,no,01/04/2026,30/04/2026,150,,,2100,,,,\n",
        encoding="utf-8",
    )
    report = check_files([path], RateBook.load(), CheckSettings(today=TODAY))
    statuses = report.rows[["worker_id", "nmw_status", "rlw_status"]].values.tolist()
    assert statuses == [
        ["A1", "invalid", "undetermined"],
        ["A2", "invalid", "undetermined"],
        ["A3", "invalid", "undetermined"],
        ["A4", "invalid", "undetermined"],
        ["A5", "pass", "pass"],  # nothing unreadable: £14.00 an hour
    ]
    found = report.problems[["row", "column", "code"]].values.tolist()
    assert found == [
        [2, "O/T Hours", "invalid-amount"],
        [3, "Accommodation Charge", "invalid-amount"],
        [4, "Salary Sacrifice", "invalid-amount"],
        [5, "London Weighting", "negative-amount"],
    ]
    assert report.exit_code == 1


def test_with_basic_and_gross_pay_overtime_is_checked_from_the_gross() -> None:
    # IRIS-style: 150 h + 10 overtime hours, Basic Pay £1,800, Gross Pay £2,150 holding a £50
    # premium and £200 London weighting. Minimum wage pay (2150 - 50 - 200) / 160 = £11.875:
    # short 83.5p -> 84p an hour, £133.60 in all. RLW pay (2150 - 50) / 160 = £13.125.
    row = april(
        period_pay="1800.00",
        period_gross_pay="2150.00",
        period_hours="150",
        overtime_hours="10",
        overtime_premium="50",
        guaranteed_allowances="200",
    )
    found = result([row], today=TODAY)
    assert (found["nmw_status"], found["nmw_hourly_pay"]) == ("fail", 1187)
    assert (found["nmw_shortfall_per_hour"], found["nmw_underpayment"]) == (84, 13360)
    assert (found["rlw_status"], found["rlw_hourly_pay"]) == ("due", 1312)
    # without overtime, basic pay is the pay that counts: (1800) / 150 = £12.00
    plain = {**row, "overtime_hours": "0", "period_hours": "150"}
    assert result([plain], today=TODAY)["nmw_hourly_pay"] == 1200


def test_a_salary_beside_a_rate_without_usable_weekly_hours_stops_the_row() -> None:
    # £13.45 an hour beside £5,000 a year: without weekly hours the two cannot be compared,
    # and the rate alone would pass a worker the salary may show underpaid.
    base = {"worker_id": "H1", "age": 30, "london": False, "hourly_rate": "13.45"}
    for hours, code in ((None, "missing-hours"), ("0", "invalid-hours"), ("200", "invalid-hours")):
        row = {**base, "annual_salary": "5000", "weekly_hours": hours}
        assert result([row], today=TODAY)["nmw_status"] == "invalid", hours
        assert problem_codes([row]) == [code]
    # a rate alone needs no hours
    assert result([base], today=TODAY)["nmw_status"] == "pass"
