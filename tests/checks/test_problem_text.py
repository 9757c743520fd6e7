"""A problem tells the reader the bad value and what to do, in every report format."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from checkrows import HEADER, PERIODS, run, write
from click.testing import CliRunner

pytestmark = pytest.mark.usefixtures("pinned_today")


def test_problem_values_and_fixes_reach_every_format(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "pay.csv", HEADER + "1,Ann,01/01/1990,=12.5,37.5,no\n")
    told = 'invalid-amount (Hourly Rate "=12.5"): '
    _, output = run(runner, str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert rows[0]["problems"].startswith(told) and len(rows[0]["problems"]) > len(told) + 20
    assert list(rows[0])[-1] == "weeks_per_year"
    _, output = run(runner, str(path), "--format", "html")
    assert "invalid-amount (Hourly Rate &#34;=12.5&#34;): " in output
    xlsx = tmp_path / "out.xlsx"
    run(runner, str(path), "--format", "xlsx", "--output", str(xlsx))
    sheet = openpyxl.load_workbook(xlsx)["Rows"]
    header = [cell.value for cell in sheet[1]]
    assert str(sheet[2][header.index("problems")].value).startswith(told)
    _, output = run(runner, str(path))
    assert 'invalid-amount (Hourly Rate "=12.5")' in output
    assert "What to do:\n  invalid-amount: " in output


def test_a_redacted_csv_shows_figures_but_no_text_that_could_be_a_name(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Redacting, any value with a letter is left out: a shifted export can put a name anywhere.
    path = write(tmp_path / "pay.csv", HEADER + "1,Ann Example,01/01/1990,-12.00,37.5,maybe\n")
    _, output = run(runner, str(path), "--format", "csv", "--redact")
    problems = next(csv.DictReader(io.StringIO(output)))["problems"]
    assert 'negative-amount (Hourly Rate "-12"): ' in problems
    assert "invalid-boolean (London): " in problems and "maybe" not in problems
    assert "Ann Example" not in output


def test_parsed_values_are_shown_as_written(runner: CliRunner, tmp_path: Path) -> None:
    # A 40-day period, and 800 hours in 30 days: read back without a time or 6 decimals.
    rows = "7,01/01/1990,01/04/2026,10/05/2026,80,900,no\n8,01/01/1990,01/04/2026,30/04/2026,800,9000,no\n"
    path = write(tmp_path / "p.csv", PERIODS + rows)
    _, output = run(runner, str(path), "--format", "csv")
    problems = [row["problems"] for row in csv.DictReader(io.StringIO(output))]
    assert problems[0].startswith('period-over-a-month (Period End "2026-05-10"): ')
    assert problems[1].startswith('invalid-hours (Period Hours "800"): ')
