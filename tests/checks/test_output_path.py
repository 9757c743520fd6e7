"""--output never overwrites a file the check reads: the supplier's return is the evidence."""

from pathlib import Path

import pytest
from checkrows import HEADER, run, write
from click.testing import CliRunner

from rlwcheck.cli import cli


@pytest.mark.parametrize("which", ["payroll", "sites", "symlink"])
def test_output_over_an_input_file_is_refused(
    runner: CliRunner, tmp_path: Path, which: str
) -> None:
    pay = write(tmp_path / "pay.csv", HEADER + "1,Ann,01/01/1990,13.45,37.5,no\n")
    sites = write(tmp_path / "sites.csv", "Site,Postcode,London\nDepot,BR8 7RE,no\n")
    target = {"payroll": pay, "sites": sites, "symlink": tmp_path / "link.csv"}[which]
    if which == "symlink":
        target.symlink_to(pay)
    kept = pay.read_bytes(), sites.read_bytes()
    code, output = run(
        runner, str(pay), "--sites", str(sites), "--format", "csv", "--output", str(target)
    )
    assert code == 2
    assert output.startswith(f"Error: --output {target} is one of the input files")
    assert (pay.read_bytes(), sites.read_bytes()) == kept


def test_output_over_the_rlwcheck_database_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    pay = write(tmp_path / "pay.csv", HEADER + "1,Ann,01/01/1990,13.45,37.5,no\n")
    database = tmp_path / "team.db"
    runner.invoke(cli, ["--db", str(database), "rates", "list"])  # the store now exists
    kept = database.read_bytes()
    done = runner.invoke(
        cli, ["--db", str(database), "check", str(pay), "--format", "html", "-o", str(database)]
    )
    assert done.exit_code == 2
    assert done.output.startswith(f"Error: --output {database} is the rlwcheck database")
    assert database.read_bytes() == kept


def test_sheet_for_a_csv_is_warned_about(runner: CliRunner, tmp_path: Path) -> None:
    pay = write(tmp_path / "pay.csv", HEADER + "1,Ann,01/01/1990,13.45,37.5,no\n")
    done = runner.invoke(cli, ["check", str(pay), "--sheet", "2"])
    assert done.exit_code == 0
    assert "Warning: --sheet 2 is for .xlsx workbooks; no file here is one" in done.stderr
