"""Hand-worked Real Living Wage checks and rise costs; rates from rates/rlw_rates.csv."""

import datetime as dt
from decimal import Decimal

from checkrows import check, result

from rlwcheck.reports import summary_lines

NOV_2025 = dt.date(2025, 11, 24)  # 2024 rates due (UK £12.60), 2025 rates announced (UK £13.45)
NOV_2026 = dt.date(2026, 11, 24)  # 2025 rates due since 1 May 2026 (UK £13.45, London £14.80)


def hourly(rate: str, **extra: object) -> dict[str, object]:
    return {"worker_id": "W", "age": 30, "hourly_rate": rate, "london": False, **extra}


def test_meeting_the_rate_due_but_not_the_newest_is_due_by_its_published_date() -> None:
    row = result([hourly("12.60")], today=NOV_2025)
    assert (row["rlw_status"], row["rlw_rate"], row["rlw_due_by"]) == ("due", 1345, "2026-05-01")
    assert row["rlw_shortfall_per_hour"] == 85  # 13.45 - 12.60


def test_below_the_rate_already_due_fails() -> None:
    row = result([hourly("12.59")], today=NOV_2025)
    assert (row["rlw_status"], row["rlw_rate"], row["rlw_due_by"]) == ("fail", 1260, None)
    assert row["rlw_shortfall_per_hour"] == 1


def test_the_newest_rate_paid_exactly_passes() -> None:
    assert result([hourly("13.45")], today=NOV_2025)["rlw_status"] == "pass"
    assert result([hourly("13.45")], today=NOV_2026)["rlw_status"] == "pass"


def test_london_rate_by_workplace_and_undetermined_when_unknown() -> None:
    london = result([hourly("14.00", london=True)], today=NOV_2026)
    unknown = check([hourly("14.00", london=None)], today=NOV_2026)
    assert (london["rlw_status"], london["rlw_zone"], london["rlw_shortfall_per_hour"]) == (
        "fail",
        "london",
        80,
    )
    assert unknown.rows.loc[0, "rlw_status"] == "undetermined"
    assert list(unknown.problems["code"]) == ["london-undetermined"]


def test_guaranteed_allowances_count_for_the_rlw_but_not_the_statutory_minimum() -> None:
    # £12.00 basic + £1.45 guaranteed London-style weighting = £13.45 for the RLW; £12.00 for the NMW.
    row = result([hourly("12.00", guaranteed_allowances="1.45")], today=NOV_2026)
    assert (row["rlw_status"], row["rlw_hourly_pay"]) == ("pass", 1345)
    assert (row["nmw_status"], row["nmw_hourly_pay"]) == ("fail", 1200)


def test_under_18s_and_apprentices_are_not_applicable_unless_apprentices_are_included() -> None:
    young = result([hourly("9.00", age=17)], today=NOV_2026)
    apprentice = {"age": 30, "apprentice": True, "apprenticeship_start": "2026-09-01"}
    excluded = result([hourly("9.00", **apprentice)], today=NOV_2026)
    included = result([hourly("9.00", **apprentice)], today=NOV_2026, rlw_includes_apprentices=True)
    assert young["rlw_status"] == excluded["rlw_status"] == "not_applicable"
    assert included["rlw_status"] == "fail"
    assert excluded["nmw_status"] == "pass"  # apprentice rate £8.00, first year


def test_nhs_band_2_rise_cost() -> None:
    # £24,465 for 37.5 h: 13.45 x 37.5 x 52.143 = 26,299.625625; less 24,465 = £1,834.63 a year.
    report = check(
        [
            {
                "worker_id": "N",
                "age": 30,
                "annual_salary": "24465",
                "weekly_hours": "37.5",
                "london": False,
            }
        ],
        today=NOV_2026,
    )
    cost = report.summary["rise_cost"]
    assert cost["annual"] == "1834.63"
    assert cost["targets"]["uk"] == {"rate": "13.45", "rates_of": 2025, "due_by": "2026-05-01"}
    assert cost["statutory"] == {
        "effective_from": None,
        "annual": None,
        "rows_below_target": 0,
        "rows_not_costed": 0,
    }
    assert cost["weeks_per_year"] == "52.143"


def test_rise_costs_to_the_newest_rlw_and_the_next_statutory_rate() -> None:
    # 15 Jan 2026: NLW £12.21, April 2026 NLW £12.71 known; newest RLW £13.45.
    # Statutory: (12.71 - 12.21) x 40 h x 52.143 = £1,042.86. RLW: (13.45 - 12.21) x 40 x 52.143 = £2,586.29.
    # The hourly row without weekly hours cannot be costed and is counted.
    report = check(
        [hourly("12.21", weekly_hours="40"), hourly("12.21")], today=dt.date(2026, 1, 15)
    )
    cost = report.summary["rise_cost"]
    assert cost["annual"] == "2586.29"
    assert cost["statutory"] == {
        "effective_from": "2026-04-01",
        "annual": "1042.86",
        "rows_below_target": 1,
        "rows_not_costed": 1,  # the row without weekly hours
    }
    assert (
        "Cost of the statutory rise from 2026-04-01: £1,042.86 a year (1 row not costed: no rate "
        "for their age in the new period, no weekly hours, or not checked)."
    ) in summary_lines(report.summary)
    assert (cost["rows_costed"], cost["rows_not_costed"]) == (1, 1)


def test_a_pay_period_is_annualised_by_its_length() -> None:
    # 30-day period, 150 h, £1,950.00 (£13.00/h); to £13.45: 150 x 0.45 = £67.50 a period;
    # a week is 7/30 of it: £15.75; x 52.143 = £821.25225 -> £821.25.
    row = {
        "worker_id": "P",
        "age": 30,
        "period_start": "2026-11-01",
        "period_end": "2026-11-30",
        "period_pay": "1950.00",
        "period_hours": "150",
        "london": False,
    }
    assert check([row], today=NOV_2026).summary["rise_cost"]["annual"] == "821.25"


def test_weeks_per_year_52_changes_the_cost() -> None:
    # (13.45 - 12.21) x 40 x 52 = £2,579.20
    report = check(
        [hourly("12.21", weekly_hours="40")],
        today=dt.date(2026, 1, 15),
        weeks_per_year=Decimal("52"),
    )
    assert report.summary["rise_cost"]["annual"] == "2579.20"


def test_results_that_hang_on_the_weeks_per_year_are_counted() -> None:
    # £26,227.50 / (37.5 x 52) = £13.45 exactly (pass); / (37.5 x 52.143) = £13.413 (fail).
    # £30,000 passes either way; hourly rows do not depend on the setting.
    rows = [
        {
            "worker_id": "S",
            "age": 30,
            "annual_salary": "26227.50",
            "weekly_hours": "37.5",
            "london": False,
        },
        {
            "worker_id": "T",
            "age": 30,
            "annual_salary": "30000",
            "weekly_hours": "37.5",
            "london": False,
        },
        hourly("13.00"),
    ]
    on = dt.date(2026, 6, 1)
    nhs = check(rows, on=on, today=NOV_2026).summary["method"]
    lwf = check(rows, on=on, today=NOV_2026, weeks_per_year=Decimal("52")).summary["method"]
    assert (nhs["other_weeks_per_year"], nhs["rlw_results_that_flip"]) == ("52", 1)
    assert (lwf["other_weeks_per_year"], lwf["rlw_results_that_flip"]) == ("52.143", 1)
