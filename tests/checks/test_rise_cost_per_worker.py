"""The cost of the coming rise counts each worker once, and says which rows it could not cost."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest
from checkrows import check

from rlwcheck import checks
from rlwcheck.reports import summary_lines
from rlwcheck.risecost import WorkerKeys

# On 24 November 2026 the newest announced UK Real Living Wage is £13.45 (2025 rates).
TODAY = {"today": dt.date(2026, 11, 24)}
WEEKS = Decimal("52.143")


def period(
    worker: str, employer: str | None, start: str, end: str, hours: str, rate: str, **more: Any
) -> dict[str, Any]:
    return {
        "worker_id": worker,
        "employer": employer,
        "age": 30,
        "london": False,
        "period_start": start,
        "period_end": end,
        "period_hours": Decimal(hours),
        "period_pay": Decimal(hours) * Decimal(rate),
        **more,
    }


def hourly(
    worker: str, employer: str | None, rate: str, weekly: str | None = "37.5", **more: Any
) -> dict[str, Any]:
    return {
        "worker_id": worker,
        "employer": employer,
        "age": 30,
        "london": False,
        "hourly_rate": Decimal(rate),
        "weekly_hours": None if weekly is None else Decimal(weekly),
        **more,
    }


PAYROLL = [
    # Worker 1 of Acme: June and July at £13.00; only July (31 days) is costed.
    period("1", "Acme", "2026-06-01", "2026-06-30", "160", "13.00", file="june.csv"),
    period("1", "Acme", "2026-07-01", "2026-07-31", "160", "13.00", file="july.csv"),
    # Worker 2 of Acme: a June row, then two posts in July: both July posts are costed.
    period("2", "Acme", "2026-06-01", "2026-06-30", "160", "12.00", file="june.csv"),
    period("2", "Acme", "2026-07-01", "2026-07-31", "100", "13.00", file="july.csv"),
    period("2", "Acme", "2026-07-01", "2026-07-31", "60", "13.20", file="july.csv"),
    # Worker 1 of Beta is another person: one hourly post.
    hourly("1", "Beta", "13.00"),
    # No employer: one blank employer; two posts at the rate, so not below it.
    hourly("9", None, "13.45"),
    hourly("9", None, "13.45"),
]


def hand_worked_cost() -> Decimal:
    # Worker 1, July: (13.45 - 13.00) x 160 = 72.00 a period, x 7 / 31 days x 52.143 weeks.
    worker_1 = Decimal("72.00") * 7 / 31 * WEEKS  # 847.744258...
    # Worker 2, July: (13.45 - 13.00) x 100 + (13.45 - 13.20) x 60 = 45.00 + 15.00 = 60.00.
    worker_2 = Decimal("60.00") * 7 / 31 * WEEKS  # 706.453548...
    # Beta's worker 1: 0.45 x 37.5 hours x 52.143 weeks.
    beta_1 = Decimal("0.45") * Decimal("37.5") * WEEKS  # 879.913125
    return (worker_1 + worker_2 + beta_1).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_each_worker_is_costed_once_on_their_latest_period() -> None:
    cost = check(PAYROLL, **TODAY).summary["rise_cost"]
    assert hand_worked_cost() == Decimal("2434.11")
    assert cost["annual"] == "2434.11"  # each period annualised and added: £6,132.79
    assert cost["workers_below_target"] == 3
    assert cost["rows_below_target"] == 4
    assert cost["rows_costed"] == 6
    assert cost["earlier_periods"] == 2
    assert cost["rows_not_costed"] == 0


def test_the_cost_is_the_same_in_many_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = check(PAYROLL, **TODAY).summary["rise_cost"]
    monkeypatch.setattr(checks, "CHUNK_ROWS", 2)  # a worker's periods fall in other chunks
    assert check(PAYROLL, **TODAY).summary["rise_cost"] == whole
    assert check(PAYROLL[::-1], **TODAY).summary["rise_cost"] == whole  # order does not matter


def test_rows_that_cannot_be_costed_are_counted_with_their_reason() -> None:
    rows = [
        hourly("1", "Acme", "12.71", london=None),  # the workplace zone is unknown
        hourly("2", "Acme", "12.71", london=None),
        hourly("3", "Acme", "13.00", weekly=None),  # no hours a week to annualise
        hourly("4", "Acme", "13.00"),
        {**hourly("5", "Acme", "13.00"), "unreadable": True},  # a cell could not be read
        {**hourly("6", "Acme", "10.00"), "age": 17},  # under 18: not owed the RLW, not counted
    ]
    summary = check(rows, **TODAY).summary
    cost = summary["rise_cost"]
    assert cost["not_costed"] == {
        "without_weekly_hours": 1,
        "zone_unknown": 2,
        "could_not_be_checked": 1,
    }
    assert cost["rows_not_costed"] == 4
    assert cost["annual"] == "879.91"  # 0.45 x 37.5 x 52.143 = 879.913125: worker 4 only
    assert (
        "Cost of the newest Real Living Wage: £879.91 a year, 1 worker below it "
        "(4 rows not costed: 1 without weekly hours, 2 with the workplace zone unknown, "
        "1 that could not be checked)."
    ) in summary_lines(summary)


def test_a_worker_without_an_id_is_never_merged_with_another() -> None:
    rows = [
        period("", "Acme", "2026-06-01", "2026-06-30", "160", "13.00"),
        period("", "Acme", "2026-07-01", "2026-07-31", "160", "13.00"),
    ]
    rows[0]["worker_id"] = rows[1]["worker_id"] = None
    cost = check(rows, **TODAY).summary["rise_cost"]
    assert (cost["workers_below_target"], cost["earlier_periods"]) == (2, 0)


def text(*values: str | None) -> pd.Series:
    return pd.Series(list(values), dtype="string[pyarrow]")


def test_distinct_workers_are_counted_by_employer_and_id_however_the_codes_spread() -> None:
    employers = text("Acme", "Acme", "Beta", None, None, "Acme")
    ids = text("1", "1", "1", "1", "2", None)
    workers = WorkerKeys(employers, ids)
    # Acme 1 (twice), Beta 1, blank 1, blank 2, and a row without an id: a worker of its own
    assert workers.distinct(np.arange(6)) == 5
    assert workers.distinct(np.array([0, 1])) == 1
    assert workers.distinct(np.zeros(0, dtype=np.int64)) == 0
    # many employers and ids: codes spread too thin to count densely, counted by sorting
    many = text(*(f"E{i}" for i in range(300)))
    spread = WorkerKeys(many, text(*(f"W{i}" for i in range(300))))
    assert spread.distinct(np.arange(300)) == 300


def test_files_without_an_employer_share_their_workers_and_say_so() -> None:
    # One organisation's June and July files: worker 1 is one worker, costed on July only:
    # 0.45 x (160 x 7 / 31) x 52.143 = 847.7449... a year.
    rows = [
        {**period("1", None, "2026-06-01", "2026-06-30", "160", "13.00"), "file": "june.csv"},
        {**period("1", None, "2026-07-01", "2026-07-31", "160", "13.00"), "file": "july.csv"},
    ]
    summary = check(rows, **TODAY).summary
    assert (summary["rise_cost"]["workers_below_target"], summary["rise_cost"]["annual"]) == (
        1,
        "847.74",
    )
    # if they were two suppliers' returns, the merge would be wrong: the report says so
    assert any(
        warning.startswith("1 worker id appears in more than one file that names no employer")
        for warning in summary["warnings"]
    )
