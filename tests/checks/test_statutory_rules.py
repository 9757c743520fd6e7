"""Hand-worked statutory (NMW/NLW) checks; rates from rates/nmw_rates.csv, arithmetic in comments."""

import datetime as dt
from decimal import Decimal

from checkrows import check, result

NOV_2026 = dt.date(2026, 11, 24)


def period(start: str, end: str, pay: str, hours: str, **extra: object) -> dict[str, object]:
    return {
        "worker_id": "W1",
        "period_start": start,
        "period_end": end,
        "period_pay": pay,
        "period_hours": hours,
        "london": False,
        **extra,
    }


def test_paid_exactly_the_rate_passes_and_a_penny_less_fails() -> None:
    exact = result([{"worker_id": "1", "age": 30, "hourly_rate": "12.71"}], today=NOV_2026)
    short = result([{"worker_id": "2", "age": 30, "hourly_rate": "12.70"}], today=NOV_2026)
    assert (exact["nmw_status"], exact["nmw_rate"], exact["nmw_shortfall_per_hour"]) == (
        "pass",
        1271,
        None,
    )
    assert (short["nmw_status"], short["nmw_shortfall_per_hour"]) == ("fail", 1)


def test_a_rise_inside_a_pay_period_applies_from_the_next_period() -> None:
    # NLW 12.21 from April 2025, 12.71 from 1 April 2026. £1,221.00 / 100 h = £12.21 an hour.
    before = result([period("2026-03-16", "2026-04-15", "1221.00", "100", age=30)], today=NOV_2026)
    after = result([period("2026-04-16", "2026-05-15", "1221.00", "100", age=30)], today=NOV_2026)
    assert (before["nmw_status"], before["nmw_rate"]) == ("pass", 1221)
    # 100 h x (12.71 - 12.21) = £50.00 short
    assert (after["nmw_status"], after["nmw_rate"], after["nmw_underpayment"]) == (
        "fail",
        1271,
        5000,
    )


def test_a_birthday_inside_a_pay_period_applies_from_the_next_period() -> None:
    # Born 10 Oct 2004: 20 on 1 Oct 2025 (18-20 band £10.00), 21 by 1 Nov 2025 (NLW £12.21).
    october = result(
        [period("2025-10-01", "2025-10-31", "1000.00", "100", date_of_birth="2004-10-10")],
        today=NOV_2026,
    )
    november = result(
        [period("2025-11-01", "2025-11-30", "1000.00", "100", date_of_birth="2004-10-10")],
        today=NOV_2026,
    )
    assert (october["nmw_status"], october["nmw_band"], october["nmw_rate"]) == (
        "pass",
        "age_18_20",
        1000,
    )
    # 100 h x (12.21 - 10.00) = £221.00; shortfall £2.21 an hour
    assert (november["nmw_status"], november["nmw_band"]) == ("fail", "nlw_21_plus")
    assert (november["nmw_shortfall_per_hour"], november["nmw_underpayment"]) == (221, 22100)


def test_apprentice_in_month_11_gets_the_apprentice_rate_and_in_month_13_the_age_band() -> None:
    # Aged 25, apprenticeship from 1 Jan 2025; apprentice rate £7.55, NLW £12.21 (April 2025 rates).
    apprentice = {"age": 25, "apprentice": True, "apprenticeship_start": "2025-01-01"}
    month_11 = result(
        [period("2025-11-15", "2025-12-14", "755.00", "100", **apprentice)], today=NOV_2026
    )
    month_13 = result(
        [period("2026-01-15", "2026-02-14", "755.00", "100", **apprentice)], today=NOV_2026
    )
    assert (month_11["nmw_status"], month_11["nmw_band"], month_11["nmw_rate"]) == (
        "pass",
        "apprentice",
        755,
    )
    assert (month_13["nmw_status"], month_13["nmw_band"], month_13["nmw_rate"]) == (
        "fail",
        "nlw_21_plus",
        1221,
    )


def test_the_first_year_ends_on_the_anniversary() -> None:
    apprentice = {"age": 25, "apprentice": True, "apprenticeship_start": "2025-01-01"}
    last_day = result(
        [period("2025-12-31", "2026-01-30", "755.00", "100", **apprentice)], today=NOV_2026
    )
    anniversary = result(
        [period("2026-01-01", "2026-01-31", "755.00", "100", **apprentice)], today=NOV_2026
    )
    assert last_day["nmw_band"] == "apprentice"
    assert anniversary["nmw_band"] == "nlw_21_plus"


def test_an_apprentice_under_19_keeps_the_apprentice_rate_after_the_first_year() -> None:
    row = {
        "worker_id": "A",
        "age": 18,
        "apprentice": True,
        "apprenticeship_start": "2023-01-01",
        "hourly_rate": "8.00",
    }
    assert result([row], on=dt.date(2026, 6, 1), today=NOV_2026)["nmw_band"] == "apprentice"


def test_an_apprentice_aged_19_without_a_start_date_is_invalid_not_guessed() -> None:
    report = check(
        [{"worker_id": "A", "age": 19, "apprentice": True, "hourly_rate": "8.00"}],
        on=dt.date(2026, 6, 1),
        today=NOV_2026,
    )
    assert report.rows.loc[0, "nmw_status"] == "invalid"
    assert list(report.problems[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (2, "apprenticeship_start", "missing-apprenticeship-start")
    ]


def test_an_apprentice_without_a_start_date_paid_the_band_rate_passes() -> None:
    # £12.71 meets the 21+ rate from 1 April 2026; the (lower) apprentice rate cannot matter.
    report = check(
        [{"worker_id": "A", "age": 25, "apprentice": True, "hourly_rate": "12.71"}],
        on=dt.date(2026, 6, 1),
        today=NOV_2026,
    )
    assert report.rows.loc[0, "nmw_status"] == "pass"
    assert report.problems.empty


def test_free_accommodation_adds_the_offset() -> None:
    # 150 h x £12.71 = £1,906.50 due; 5 days free x £11.10 offset = £55.50 counts as pay.
    exact = result(
        [period("2026-11-01", "2026-11-30", "1851.00", "150", age=30, accommodation_days=5)],
        today=NOV_2026,
    )
    short = result(
        [period("2026-11-01", "2026-11-30", "1850.99", "150", age=30, accommodation_days=5)],
        today=NOV_2026,
    )
    assert exact["nmw_status"] == "pass"
    assert (short["nmw_status"], short["nmw_underpayment"]) == ("fail", 1)


def test_an_accommodation_charge_of_nothing_is_free_accommodation() -> None:
    # Exports often write 0.00 rather than leave the charge blank: the £55.50 offset still counts.
    free = {"age": 30, "accommodation_days": 5, "accommodation_charge": "0.00"}
    exact = result([period("2026-11-01", "2026-11-30", "1851.00", "150", **free)], today=NOV_2026)
    assert exact["nmw_status"] == "pass"


def test_an_accommodation_charge_above_the_offset_reduces_pay_by_the_excess() -> None:
    # Charge £100.00 for 5 days; offset 5 x £11.10 = £55.50; excess £44.50 comes off pay.
    # £1,951.00 - £44.50 = £1,906.50 = 150 h x £12.71 exactly.
    charged = {"age": 30, "accommodation_days": 5, "accommodation_charge": "100.00"}
    exact = result(
        [period("2026-11-01", "2026-11-30", "1951.00", "150", **charged)], today=NOV_2026
    )
    short = result(
        [period("2026-11-01", "2026-11-30", "1950.99", "150", **charged)], today=NOV_2026
    )
    assert exact["nmw_status"] == "pass"
    assert short["nmw_status"] == "fail"


def test_a_charge_within_the_offset_has_no_effect() -> None:
    within = {"age": 30, "accommodation_days": 5, "accommodation_charge": "50.00"}
    assert (
        result([period("2026-11-01", "2026-11-30", "1906.50", "150", **within)], today=NOV_2026)[
            "nmw_status"
        ]
        == "pass"
    )
    assert (
        result([period("2026-11-01", "2026-11-30", "1906.49", "150", **within)], today=NOV_2026)[
            "nmw_status"
        ]
        == "fail"
    )


def test_salary_sacrifice_can_push_a_worker_below_the_minimum() -> None:
    # £1,950.00 / 150 h = £13.00 an hour; less £60.00 salary sacrifice = £1,890.00 < £1,906.50.
    before = result([period("2026-11-01", "2026-11-30", "1950.00", "150", age=30)], today=NOV_2026)
    after = result(
        [period("2026-11-01", "2026-11-30", "1950.00", "150", age=30, nmw_deductions="60.00")],
        today=NOV_2026,
    )
    assert before["nmw_status"] == "pass"
    # underpayment £1,906.50 - £1,890.00 = £16.50; pay counted £12.60 an hour
    assert (after["nmw_status"], after["nmw_underpayment"], after["nmw_hourly_pay"]) == (
        "fail",
        1650,
        1260,
    )
    assert after["rlw_hourly_pay"] == 1300  # salary sacrifice does not reduce RLW pay


def test_the_22_year_old_who_moved_band_in_april_2024() -> None:
    # Aged 22: 21-22 band £10.18 until March 2024; the NLW (21+) £11.44 from 1 April 2024.
    march = result([period("2024-03-01", "2024-03-31", "1018.00", "100", age=22)], today=NOV_2026)
    april = result([period("2024-04-01", "2024-04-30", "1018.00", "100", age=22)], today=NOV_2026)
    assert (march["nmw_status"], march["nmw_band"]) == ("pass", "age_21_22")
    # 100 h x (11.44 - 10.18) = £126.00; arrears at today's 21+ rate: 126.00 / 11.44 x 12.71 = 139.9877
    assert (april["nmw_status"], april["nmw_band"], april["nmw_underpayment"]) == (
        "fail",
        "nlw_21_plus",
        12600,
    )
    assert april["nmw_arrears"] == 13999


def test_arrears_follow_the_hmrc_worked_example() -> None:
    # 150 h at £9.50 (NLW, April 2022) = £1,425.00 due; paid £1,342.50: U = £82.50.
    # Checked when the rate is £10.42 (April 2023): 82.50 / 9.50 x 10.42 = 90.4895 -> £90.49.
    row = result(
        [period("2022-04-01", "2022-04-30", "1342.50", "150", age=30)], today=dt.date(2023, 6, 1)
    )
    assert (row["nmw_underpayment"], row["nmw_arrears"]) == (8250, 9049)


def test_arrears_equal_the_underpayment_when_the_rate_has_not_risen() -> None:
    row = result([period("2026-10-01", "2026-10-31", "1200.00", "100", age=30)], today=NOV_2026)
    assert row["nmw_underpayment"] == row["nmw_arrears"] == 7100  # 100 x (12.71 - 12.00)


def test_under_16_is_not_applicable_and_16_has_the_youth_rate() -> None:
    young = result([{"worker_id": "Y", "age": 15, "hourly_rate": "5.00"}], today=NOV_2026)
    sixteen = result([{"worker_id": "Y", "age": 16, "hourly_rate": "8.00"}], today=NOV_2026)
    assert young["nmw_status"] == "not_applicable"
    assert (sixteen["nmw_status"], sixteen["nmw_band"]) == ("pass", "age_16_17")


def test_a_salary_is_compared_by_cross_multiplying_with_the_weeks_setting() -> None:
    # £26,227.50 = £13.45 x 37.5 x 52 passes the RLW at 52 weeks; at 52.143 it is £13.413 an hour.
    row = {
        "worker_id": "S",
        "age": 30,
        "annual_salary": "26227.50",
        "weekly_hours": "37.5",
        "london": False,
    }
    on = dt.date(2026, 6, 1)
    lwf = result([row], on=on, today=NOV_2026, weeks_per_year=Decimal("52"))
    nhs = result([row], on=on, today=NOV_2026)
    assert (lwf["rlw_status"], lwf["rlw_hourly_pay"]) == ("pass", 1345)
    assert (nhs["rlw_status"], nhs["rlw_hourly_pay"], nhs["rlw_shortfall_per_hour"]) == (
        "fail",
        1341,
        4,
    )


def test_rows_that_cannot_be_checked_say_why() -> None:
    report = check(
        [
            {"worker_id": "1", "hourly_rate": "12.71", "london": False},
            {"worker_id": "2", "age": 30, "annual_salary": "25000", "london": False},
            {"worker_id": "3", "age": 30, "london": False},
            period("2026-01-01", "2026-02-01", "2000", "160", age=30),
            period("2026-01-31", "2026-01-01", "2000", "160", age=30),
            period("2026-01-01", "2026-01-31", "2000", None, age=30),
            period("2026-01-01", "2026-01-31", "2000", "800", age=30),
        ],
        today=NOV_2026,
    )
    assert list(report.rows["nmw_status"]) == ["invalid"] * 7
    found = set(report.problems[["row", "column", "code"]].itertuples(index=False, name=None))
    assert found == {
        (2, "date_of_birth", "missing-age"),
        (3, "weekly_hours", "missing-hours"),
        (4, "pay", "missing-pay"),  # named as the file's pay column when read from a file
        (5, "period_end", "period-over-a-month"),
        (6, "period_end", "period-dates-reversed"),
        (7, "period_hours", "missing-hours"),
        (8, "period_hours", "invalid-hours"),  # 800 h > 31 days x 24 h
    }


def test_unknown_apprentice_status_is_invalid_only_when_it_would_matter() -> None:
    rows = [
        {"worker_id": "1", "age": 30, "hourly_rate": "12.71", "apprentice": None},
        {"worker_id": "2", "age": 30, "hourly_rate": "9.00", "apprentice": None},
    ]
    report = check(rows, today=NOV_2026)
    assert list(report.rows["nmw_status"]) == ["pass", "invalid"]
    assert set(report.problems["code"]) == {"apprentice-unknown", "london-undetermined"}


def test_accommodation_needs_a_pay_period_and_no_more_days_than_it_has() -> None:
    report = check(
        [
            period("2026-11-01", "2026-11-07", "1000.00", "40", age=30, accommodation_days=8),
            {
                "worker_id": "H",
                "age": 30,
                "hourly_rate": "12.71",
                "accommodation_days": 5,
                "london": False,
            },
            period(
                "2026-11-01", "2026-11-30", "2000.00", "150", age=30, accommodation_charge="20.00"
            ),
        ],
        today=NOV_2026,
    )
    assert list(report.rows["nmw_status"]) == ["invalid"] * 3
    assert list(report.problems[["row", "column", "code"]].itertuples(index=False, name=None)) == [
        (2, "accommodation_days", "invalid-accommodation-days"),  # 8 days in a 7-day period
        (3, "accommodation_days", "accommodation-needs-period"),
        (4, "accommodation_days", "missing-accommodation-days"),
    ]


def test_a_month_starting_late_in_a_month_ends_before_the_1st_of_the_month_after_next() -> None:
    # A period is at most a month (NMWM09020). From the 29th-31st, a month ends on the last day
    # of the next month when that month is too short: 29 January to 28 February is one month.
    one_month = [
        ("2026-01-29", "2026-02-28"),
        ("2026-01-30", "2026-02-28"),
        ("2026-01-31", "2026-02-28"),
        ("2026-03-31", "2026-04-30"),
        ("2024-01-30", "2024-02-29"),  # a leap year
        ("2026-02-15", "2026-03-14"),
    ]
    longer = [
        ("2026-01-31", "2026-03-01"),
        ("2026-02-15", "2026-03-15"),
        ("2026-03-31", "2026-05-01"),
    ]
    rows = [
        period(start, end, "2100.00", "150", age=30, worker_id=f"W{i}")
        for i, (start, end) in enumerate(one_month + longer)
    ]
    report = check(rows, today=NOV_2026)
    over = sorted(report.problems.loc[report.problems["code"] == "period-over-a-month", "row"])
    assert over == [2 + len(one_month) + i for i in range(len(longer))]


def test_a_date_after_the_next_1_april_is_not_checked_against_the_old_rates() -> None:
    # The book's newest period starts 1 April 2026; by 1 June 2027 a newer one must exist.
    # A 17-year-old on £8.00 must not silently pass against the 2026 rate of £8.00.
    report = check([{"worker_id": "Y1", "age": 17, "hourly_rate": "8.00"}], on=dt.date(2027, 6, 1))
    assert report.rows["nmw_status"].tolist() == ["invalid"]
    assert report.problems["code"].tolist() == ["no-rate-for-date"]
    assert any(
        warning.startswith("the statutory rates from 1 April 2027 are not in the rate book yet")
        for warning in report.summary["warnings"]
    )
    # 31 March 2027 is still in the 2026 period
    still = check([{"worker_id": "Y1", "age": 17, "hourly_rate": "8.00"}], on=dt.date(2027, 3, 31))
    assert still.rows["nmw_status"].tolist() == ["pass"]


def test_a_pay_period_after_the_newest_statutory_period_brings_the_warning_too() -> None:
    row = period("2027-04-01", "2027-04-30", "2100.00", "150", age=30)
    report = check([row], today=NOV_2026)
    assert report.rows["nmw_status"].tolist() == ["invalid"]
    assert any(
        "from 1 April 2027 are not in the rate book" in w for w in report.summary["warnings"]
    )
