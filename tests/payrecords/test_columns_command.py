"""rlwcheck columns: how a file's headers were understood, as a table or JSON."""

import json
from pathlib import Path

from click.testing import CliRunner

from rlwcheck.cli import cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_table_shows_each_header_and_why_post_code_is_ignored(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["columns", str(SAMPLES / "payroll" / "sage50.csv")])
    assert result.exit_code == 0, result.output
    assert "Read as:     CSV, utf-8, comma-separated" in result.output
    assert "Header row:  1" in result.output
    assert "Pay shape:   salary" in result.output
    assert "Employee Reference  ->  worker_id" in result.output
    assert (
        "Post Code           ->  ignored (a home address postcode; London is decided by the workplace)"
        in result.output
    )
    assert "Surname             ->  name (the surname part)" in result.output


def test_a_salary_beside_an_fte_column_comes_with_a_note(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["columns", str(SAMPLES / "payroll" / "nhs_esr.csv")])
    assert result.exit_code == 0, result.output
    assert "CONTRACTED_FTE    ->  fte" in result.output
    assert "Note: the salary sits beside an FTE column" in result.output
    assert "--salary-basis full-time" in result.output
    plain = runner.invoke(cli, ["columns", str(SAMPLES / "payroll" / "sage50.csv")])
    assert "Note:" not in plain.output


def test_json_for_a_workbook_sheet(runner: CliRunner) -> None:
    path = SAMPLES / "payroll" / "nhs_bank_staff.xlsx"
    result = runner.invoke(
        cli, ["columns", str(path), "--sheet", "Contractors", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["format"] == "xlsx"
    assert report["sheet"] == "Contractors"
    assert report["header_row"] == 1
    assert report["columns"][0] == {"header": "Worker Ref", "field": "worker_id", "note": None}
    assert report["pay_shape"] == "hourly"
    assert report["missing_required"] == []


def test_mapping_option(runner: CliRunner) -> None:
    path = SAMPLES / "custom_export.csv"
    plain = runner.invoke(cli, ["columns", str(path), "--format", "json"])
    mapped = runner.invoke(cli, ["columns", str(path), "--mapping", str(SAMPLES / "mapping.toml")])
    assert plain.exit_code == 2
    assert json.loads(plain.stdout)["missing_required"][0] == "worker_id"
    assert mapped.exit_code == 0
    assert "Staff Ref         ->  worker_id" in mapped.output


def test_missing_required_columns_exit_2_after_showing_the_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "pay.csv"
    path.write_text("Name,Notes\nAda,x\n")
    result = runner.invoke(cli, ["columns", str(path)])
    assert result.exit_code == 2
    assert "Name   ->  name" in result.stdout
    assert "Missing (required): worker_id; pay:" in result.stdout
    assert f"Error: cannot check {path}: no column for worker_id and no pay" in result.stderr
    assert 'e.g. [columns] worker_id = "Staff No"' in result.stderr


def test_unreadable_file_is_one_line_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["columns", str(tmp_path / "missing.csv")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        == f"Error: {tmp_path / 'missing.csv'} does not exist: check the file name"
    )


def test_help_has_a_summary_and_examples(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["columns", "--help"])
    assert result.exit_code == 0
    assert "Show how each column of a pay file is understood." in result.output
    assert "rlwcheck columns samples/payroll/sage50.csv" in result.output


def test_sheet_given_for_a_csv_is_warned_about(runner: CliRunner) -> None:
    path = SAMPLES / "payroll" / "sage50.csv"
    result = runner.invoke(cli, ["columns", str(path), "--sheet", "2"])
    assert result.exit_code == 0, result.output
    assert f"Warning: {path} is a CSV, which has no sheets: --sheet is ignored" in result.stderr
