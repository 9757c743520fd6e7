"""`network pay --from-run` with real `rlwcheck check` runs: which runs it records and which it
refuses, so the network totals neither look ahead nor count one payroll twice."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

TODAY = {"RLWCHECK_TODAY": "2026-11-24"}
HEADER = "Employee Reference,Date of Birth,Company,London,Period Start Date,Period End Date,Gross Pay,Hours Worked"
# June 2026 for 160 hours: £2,080 is £13.00 an hour, 45p below the 2025 Real Living Wage of
# £13.45; £2,400 is £15.00. Per worker below, a year: 0.45 x (160 x 7 / 30) x 52.143 = £876.0024.
BELOW, ABOVE = "2080.00", "2400.00"


@pytest.fixture
def network_of_two(runner: CliRunner) -> CliRunner:
    for name in ("Alpha Trust", "Beta Council"):
        added = runner.invoke(cli, ["network", "add", name, "--sector", "x"], env=TODAY)
        assert added.exit_code == 0
    return runner


def check_run(
    runner: CliRunner, tmp_path: Path, workers: list[tuple[str, str, str]], *options: str
) -> str:
    """Check a payroll of (worker id, employer, June pay) as `rlwcheck check` does, which saves
    the run in the store; its run id."""
    payroll = tmp_path / f"payroll{len(list(tmp_path.glob('*.csv')))}.csv"
    rows = [
        f"{worker},01/01/1990,{employer},N,01/06/2026,30/06/2026,{pay},160"
        for worker, employer, pay in workers
    ]
    payroll.write_text("\n".join([HEADER, *rows, ""]), encoding="utf-8")
    return check_file(runner, payroll, *options)


def check_file(runner: CliRunner, payroll: Path, *options: str) -> str:
    """Check a payroll file as `rlwcheck check` does; the id of the run it saves."""
    report = payroll.with_name(f"{payroll.stem}-{len(list(payroll.parent.glob('*.json')))}.json")
    result = runner.invoke(
        cli, ["check", str(payroll), *options, "--format", "json", "-o", str(report)], env=TODAY
    )
    assert result.exit_code == 1, result.output  # rows below the Real Living Wage
    return result.output.rsplit("(check run ", 1)[1].split(")")[0]


def pay(runner: CliRunner, partner: str, run: str, *options: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["network", "pay", partner, "--from-run", run, *options], env=TODAY)
    return result.exit_code, result.output


def test_a_run_checked_on_a_coming_date_is_refused(
    network_of_two: CliRunner, tmp_path: Path
) -> None:
    run = check_run(network_of_two, tmp_path, [("W1", "Beta Ltd", BELOW)], "--on", "01/04/2027")
    assert pay(network_of_two, "Beta Council", run) == (
        2,
        f"Error: check run {run} checked pay as of 1 April 2027, after today: it looks ahead to a "
        "coming rate, not at what the partner pays; use a run checked on or before today\n",
    )


def test_one_run_is_recorded_for_one_partner(network_of_two: CliRunner, tmp_path: Path) -> None:
    run = check_run(
        network_of_two, tmp_path, [("W1", "Alpha Ltd", BELOW), ("W2", "Alpha Ltd", ABOVE)]
    )
    assert pay(network_of_two, "Alpha Trust", run) == (
        0,
        "Alpha Trust: 1 staff below the Real Living Wage, £876.00 a year to close, "
        "as of 24 November 2026\n",
    )
    assert pay(network_of_two, "Alpha Trust", run, "--headcount", "2")[0] == 0  # same partner
    assert pay(network_of_two, "Beta Council", run) == (
        2,
        f"Error: check run {run}'s files are already recorded for Alpha Trust: the network "
        "totals would count its workers twice; give --force only if both partners' figures "
        "really are these files'\n",
    )
    assert pay(network_of_two, "Beta Council", run, "--force")[0] == 0


def test_the_same_file_checked_again_is_not_recorded_for_another_partner(
    network_of_two: CliRunner, tmp_path: Path
) -> None:
    first = check_run(network_of_two, tmp_path, [("W1", "Alpha Ltd", BELOW)])
    assert pay(network_of_two, "Alpha Trust", first)[0] == 0
    second = check_file(network_of_two, tmp_path / "payroll0.csv")  # the same file, a new run
    assert second != first
    code, output = pay(network_of_two, "Beta Council", second)
    assert code == 2 and "files are already recorded for Alpha Trust" in output


def test_a_run_covering_several_employers_names_them(
    network_of_two: CliRunner, tmp_path: Path
) -> None:
    # W1 works for both employers below the rate, so is two workers; W2 is paid above it
    workers = [("W1", "Alpha Ltd", BELOW), ("W1", "Beta Ltd", BELOW), ("W2", "Beta Ltd", ABOVE)]
    run = check_run(network_of_two, tmp_path, workers)
    assert pay(network_of_two, "Alpha Trust", run) == (
        2,
        f"Error: check run {run} covers 2 employers (Alpha Ltd, Beta Ltd) and its figures are for "
        "all of them together: check this partner's own staff in a file of their own, or give "
        "--force to record them all for this partner\n",
    )
    # 2 x 876.0024 = 1,752.0048
    assert pay(network_of_two, "Alpha Trust", run, "--force")[1].startswith(
        "Alpha Trust: 2 staff below the Real Living Wage, £1,752.00 a year to close"
    )


def test_a_copy_of_a_row_is_counted_once_and_not_refused(
    network_of_two: CliRunner, tmp_path: Path
) -> None:
    run = check_run(network_of_two, tmp_path, [("W1", "Alpha Ltd", BELOW)] * 2)
    assert pay(network_of_two, "Alpha Trust", run)[1].startswith(
        "Alpha Trust: 1 staff below the Real Living Wage, £876.00 a year to close"
    )


def test_force_needs_a_run(network_of_two: CliRunner) -> None:
    result = network_of_two.invoke(
        cli, ["network", "pay", "Alpha Trust", "--staff-below", "1", "--cost", "5", "--force"]
    )
    assert (result.exit_code, result.output) == (2, "Error: --force applies only to --from-run\n")
