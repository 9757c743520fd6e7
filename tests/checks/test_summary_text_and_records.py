"""What the summary says in every format, what a problem tells the reader, and what a run records."""

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from checkrows import PERIODS, check, run, write
from click.testing import CliRunner

from rlwcheck.cli import cli
from rlwcheck.reports import summary_lines

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "check-report.schema.json").read_text()
)
TODAY = dt.date(2026, 11, 24)


pytestmark = pytest.mark.usefixtures("pinned_today")


def test_the_underpayment_headline_says_which_failing_rows_it_leaves_out() -> None:
    failing_hourly = {"worker_id": "1", "age": 30, "london": False, "hourly_rate": Decimal("12")}
    lines = summary_lines(check([failing_hourly], today=TODAY).summary)
    assert (
        "Statutory underpayment £0.00; arrears at today's rates £0.00: worked out for "
        "pay-period rows only, so 1 failing row without a pay period is not in these figures."
    ) in lines
    passing = {**failing_hourly, "hourly_rate": Decimal("13.45")}
    lines = summary_lines(check([passing], today=TODAY).summary)
    assert "Statutory underpayment £0.00; arrears at today's rates £0.00." in lines


def test_weeks_per_year_flips_are_always_counted_for_both_rules(
    runner: CliRunner, tmp_path: Path
) -> None:
    salaries = "Employee ID,Date of Birth,Annual Salary,Weekly Hours,London\n"
    # £24,852.65 / (37.5 x 52.143) = £12.709998 fails the £12.71 NLW; / (37.5 x 52) = £12.745.
    statutory = write(tmp_path / "nlw.csv", salaries + "1,01/01/1990,24852.65,37.5,no\n")
    _, output = run(runner, str(statutory))
    assert (
        "At 52 weeks a year (--weeks-per-year), 0 salaried rows would get a different "
        "Real Living Wage result and 1 a different statutory result."
    ) in output
    # £26,227.50 / 1,955.3625 = £13.4133 fails the £13.45 RLW; at 52 weeks £13.45 passes.
    living = write(tmp_path / "rlw.csv", salaries + "1,01/01/1990,26227.50,37.5,no\n")
    for fmt in ("table", "html"):
        _, output = run(runner, str(living), "--format", fmt)
        assert "1 salaried row would get a different Real Living Wage result and 0" in output
    xlsx = tmp_path / "out.xlsx"
    run(runner, str(living), "--format", "xlsx", "--output", str(xlsx))
    summary = [row[0] for row in openpyxl.load_workbook(xlsx)["Summary"].values]
    assert any("1 salaried row would get" in str(line) for line in summary)
    _, output = run(runner, str(living), "--format", "json")
    method = json.loads(output)["summary"]["method"]
    assert (method["rlw_results_that_flip"], method["nmw_results_that_flip"]) == (1, 0)


def test_history_records_the_rates_arrears_were_revalued_with(
    runner: CliRunner, tmp_path: Path
) -> None:
    # April 2024 at £11.00 against the £11.44 NLW: arrears at today's £12.71 (from April 2026).
    path = write(tmp_path / "old.csv", PERIODS + "7,01/01/1990,01/04/2024,30/04/2024,100,1100,no\n")
    run(runner, str(path))
    rates = json.loads(runner.invoke(cli, ["history", "--run", "1", "--format", "json"]).output)[
        "rates"
    ]
    used = {(r["scheme"], r.get("band"), r["rate"], r.get("effective_from")) for r in rates}
    assert ("nmw", "nlw_21_plus", "11.44", "2024-04-01") in used
    assert ("nmw", "nlw_21_plus", "12.71", "2026-04-01") in used


def test_history_records_the_sites_and_mapping_files_used(
    runner: CliRunner, tmp_path: Path
) -> None:
    sites = write(tmp_path / "sites.csv", "Site,Postcode,London\nDepot,BR8 7RE,no\n")
    mapping = write(tmp_path / "map.toml", '[columns]\nworker_id = "Ref"\nhourly_rate = "Rate"\n')
    pay = write(tmp_path / "pay.csv", "Ref,Rate,Site,Date of Birth\n1,13.45,Depot,01/01/1990\n")
    run(runner, str(pay), "--sites", str(sites), "--mapping", str(mapping))
    settings = json.loads(runner.invoke(cli, ["history", "--run", "1", "--format", "json"]).output)[
        "settings"
    ]
    assert settings["sites_file"] == {
        "path": str(sites),
        "sha256": hashlib.sha256(sites.read_bytes()).hexdigest(),
    }
    assert settings["mapping_file"] == {
        "path": str(mapping),
        "sha256": hashlib.sha256(mapping.read_bytes()).hexdigest(),
    }
