"""Copies of a pay-period row (a file joined to itself) are flagged and counted once."""

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "check-report.schema.json").read_text()
)
PERIODS = "Employee ID,Date of Birth,Period Start,Period End,Period Hours,Period Pay,London\n"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-11-24")


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
    assert report["summary"]["problems"]["duplicate-period"] == 1
    copy = report["rows"][2]
    assert (copy["row"], copy["nmw"]["status"], copy["rlw"]["status"]) == (
        4,
        "invalid",
        "undetermined",
    )
    assert [p["code"] for p in copy["problems"]] == ["duplicate-period"]
    assert [r["nmw"]["underpayment"] for r in report["rows"]] == ["113.60", None, None, "7.10"]
    jsonschema.validate(report, SCHEMA)
