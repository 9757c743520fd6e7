"""--output never overwrites a file the check reads: the supplier's return is the evidence."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

HEADER = "Employee ID,Name,Date of Birth,Hourly Rate,Weekly Hours,London\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    done = runner.invoke(cli, ["check", *args])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    return done.exit_code, done.output


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
