"""Copies of a row (a file joined to itself) are flagged and counted once; rows that differ in
any figure the checks use are each checked."""

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from checkrows import PERIODS
from click.testing import CliRunner

from rlwcheck.cli import cli

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "check-report.schema.json").read_text()
)


pytestmark = pytest.mark.usefixtures("pinned_today")


def test_copies_of_a_pay_period_row_are_flagged_and_not_counted_twice(
    runner: CliRunner, tmp_path: Path
) -> None:
    # £1,920 for 160 hours = £12.00 against £12.71: U = 0.71 x 160 = £113.60, counted once.
    row = "7,01/01/1990,01/10/2026,31/10/2026,160,1920.00,no\n"
    other_post = "7,01/01/1990,01/10/2026,31/10/2026,10,120.00,no\n"  # U = 0.71 x 10 = £7.10
    path = tmp_path / "joined.csv"
    path.write_text(PERIODS + row + PERIODS + row + other_post, encoding="utf-8")
    done = runner.invoke(cli, ["check", str(path), "--format", "json"])
    code, output = done.exit_code, done.output
    report = json.loads(output)
    assert code == 1
    assert report["summary"]["underpayment"] == "120.70"  # 113.60 + 7.10, not + 113.60 again
    assert report["summary"]["problems"]["duplicate-row"] == 1
    copy = report["rows"][2]
    assert (copy["row"], copy["nmw"]["status"], copy["rlw"]["status"]) == (
        4,
        "invalid",
        "undetermined",
    )
    assert [p["code"] for p in copy["problems"]] == ["duplicate-row"]
    assert [r["nmw"]["underpayment"] for r in report["rows"]] == ["113.60", None, None, "7.10"]
    jsonschema.validate(report, SCHEMA)


def check_json(runner: CliRunner, path: Path) -> dict[str, Any]:
    done = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert done.exit_code in (0, 1), done.output
    report: dict[str, Any] = json.loads(done.output)
    return report


def test_rows_that_differ_in_any_figure_are_not_copies(runner: CliRunner, tmp_path: Path) -> None:
    # Same worker, period, hours and pay; the second row has £300 of salary sacrifice:
    # (2000 - 300) / 150 = £11.33 against £12.71, U = 12.71 x 150 - 1700 = £206.50.
    header = PERIODS.replace(",London\n", ",Salary Sacrifice,London\n")
    path = tmp_path / "pay.csv"
    path.write_text(
        header
        + "7,01/01/1990,01/10/2026,31/10/2026,150,2000.00,,no\n"
        + "7,01/01/1990,01/10/2026,31/10/2026,150,2000.00,300,no\n",
        encoding="utf-8",
    )
    report = check_json(runner, path)
    assert "duplicate-row" not in report["summary"]["problems"]
    assert [r["nmw"]["underpayment"] for r in report["rows"]] == [None, "206.50"]


def test_a_corrected_row_after_a_bad_one_is_checked(runner: CliRunner, tmp_path: Path) -> None:
    # The first row's date of birth is impossible; the corrected row is not a copy of it.
    path = tmp_path / "pay.csv"
    path.write_text(
        PERIODS
        + "7,31/02/1990,01/10/2026,31/10/2026,160,1920.00,no\n"
        + "7,01/02/1990,01/10/2026,31/10/2026,160,1920.00,no\n",
        encoding="utf-8",
    )
    report = check_json(runner, path)
    assert [r["nmw"]["status"] for r in report["rows"]] == ["invalid", "fail"]
    assert report["summary"]["underpayment"] == "113.60"


def test_hourly_rows_of_a_file_joined_to_itself_are_counted_once(
    runner: CliRunner, tmp_path: Path
) -> None:
    # (13.45 - 12.00) x 37.5 x 52.143 = 2,835.28 a year for one worker, not twice that.
    header = "Employee ID,Date of Birth,Hourly Rate,Weekly Hours,London\n"
    rows = header + "1,01/01/1990,12.00,37.5,no\n"
    path = tmp_path / "joined.csv"
    path.write_text(rows + rows, encoding="utf-8")
    report = check_json(runner, path)
    assert [r["nmw"]["status"] for r in report["rows"]] == [
        "fail",
        "not_applicable",  # the repeated header
        "invalid",
    ]
    assert report["summary"]["problems"]["duplicate-row"] == 1
    assert report["summary"]["rise_cost"]["annual"] == "2835.28"
    assert report["summary"]["rise_cost"]["workers_below_target"] == 1


def test_two_posts_that_differ_only_in_department_are_both_counted(
    runner: CliRunner, tmp_path: Path
) -> None:
    # 10 hours in each of two wards at £12.00: U = 0.71 x 10 = £7.10 per post, £14.20 in all.
    header = PERIODS.replace(",London\n", ",Department,London\n")
    path = tmp_path / "posts.csv"
    path.write_text(
        header
        + "7,01/01/1990,01/10/2026,31/10/2026,10,120.00,Ward 1,no\n"
        + "7,01/01/1990,01/10/2026,31/10/2026,10,120.00,Ward 2,no\n",
        encoding="utf-8",
    )
    report = check_json(runner, path)
    assert "duplicate-row" not in report["summary"]["problems"]
    assert report["summary"]["underpayment"] == "14.20"
