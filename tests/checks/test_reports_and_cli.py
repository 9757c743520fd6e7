"""The check command end to end: real files, every output format, exit codes, history, explain."""

import csv
import hashlib
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from checkrows import run
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.checks import CheckSettings, check_files
from rlwcheck.cli import cli
from rlwcheck.history import get_run, list_runs, record_run
from rlwcheck.rates import RateBook
from rlwcheck.reports import report_dict

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "schemas" / "check-report.schema.json").read_text()
)
HEADER = "Employee ID,Name,Employer,Department,Date of Birth,Hourly Rate,Weekly Hours,London\n"
MIXED = HEADER + (
    "001,Ann Example,Acme,Catering,01/01/1990,13.45,37.5,no\n"
    '002,"=HYPERLINK(""http://x"")",Acme,Catering,01/01/1990,12.00,20,yes\n'
    "003,<script>alert(1)</script>,+Beta,Cleaning,01/01/2012,5.00,10,no\n"
    "004,Cy Rowe,Beta,,01/01/1980,15.00,40,\n"
)
NAMES = ("Ann Example", "HYPERLINK", "<script>", "Cy Rowe")


pytestmark = pytest.mark.usefixtures("pinned_today")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    return path


def test_cli_json_equals_the_library_report_and_validates_against_the_schema(
    runner: CliRunner, mixed: Path
) -> None:
    code, output = run(runner, str(mixed), "--format", "json")
    library = report_dict(check_files([mixed], RateBook.load(), CheckSettings()))
    assert code == 1
    assert json.loads(output) == json.loads(json.dumps(library))
    jsonschema.validate(json.loads(output), SCHEMA)
    rows = json.loads(output)["rows"]
    assert [(r["row"], r["nmw"]["status"], r["rlw"]["status"]) for r in rows] == [
        (2, "pass", "pass"),
        (3, "fail", "fail"),
        (4, "not_applicable", "not_applicable"),
        (5, "pass", "undetermined"),
    ]
    # Row 3: £12.00 against the NLW £12.71 and the London RLW £14.80.
    assert rows[1]["nmw"] == {
        "status": "fail",
        "band": "nlw_21_plus",
        "rate": "12.71",
        "hourly_pay": "12.00",
        "shortfall_per_hour": "0.71",
        "underpayment": None,
        "arrears": None,
    }
    assert rows[1]["rlw"] == {
        "status": "fail",
        "zone": "london",
        "rate": "14.80",
        "due_by": None,
        "hourly_pay": "12.00",
        "shortfall_per_hour": "2.80",
    }
    assert rows[3]["problems"][0]["code"] == "london-undetermined"


def test_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "001,Ann,Acme,Catering,01/01/1990,13.45,37.5,no\n", encoding="utf-8")
    header_only = tmp_path / "header.csv"
    header_only.write_text(HEADER, encoding="utf-8")
    assert run(runner, str(good))[0] == 0
    failing = tmp_path / "bad.csv"
    failing.write_text(
        HEADER + "001,Ann,Acme,Catering,01/01/1990,13.44,37.5,no\n", encoding="utf-8"
    )
    assert run(runner, str(failing))[0] == 1
    missing_code, missing_output = run(runner, str(tmp_path / "absent.csv"))
    assert missing_code == 2 and "Error:" in missing_output and "Traceback" not in missing_output
    assert run(runner, str(header_only))[0] == 2
    bad_weeks = run(runner, str(good), "--weeks-per-year", "fifty")
    assert bad_weeks[0] == 2 and "--weeks-per-year" in bad_weeks[1]
    assert run(runner, str(good), "--weeks-per-year", "60")[0] == 2
    for not_finite in ("NaN", "sNaN", "Infinity"):  # sNaN used to end in a traceback
        assert run(runner, str(good), "--weeks-per-year", not_finite)[0] == 2


def test_redact_replaces_names_in_every_format(
    runner: CliRunner, mixed: Path, tmp_path: Path
) -> None:
    for fmt in ("table", "csv", "json", "html"):
        code, output = run(runner, str(mixed), "--format", fmt, "--redact", "--all-rows")
        assert code == 1
        assert not [name for name in NAMES if name in output], fmt
    xlsx = tmp_path / "out.xlsx"
    run(runner, str(mixed), "--format", "xlsx", "--redact", "--output", str(xlsx))
    cells = [
        str(c) for sheet in openpyxl.load_workbook(xlsx).worksheets for r in sheet.values for c in r
    ]
    assert not [name for name in NAMES if any(name in cell for cell in cells)]


def test_redact_leaves_out_problem_values_that_could_be_names(
    runner: CliRunner, tmp_path: Path
) -> None:
    # A shifted export puts a name in the date of birth column; the bad hours stay shown.
    path = tmp_path / "shifted.csv"
    path.write_text(
        HEADER + "005,Dee Shifted,Acme,Ward 1,Dee Shifted,13.00,-8,no\n", encoding="utf-8"
    )
    for fmt in ("table", "csv", "json", "html"):
        _, output = run(runner, str(path), "--format", fmt, "--redact", "--all-rows")
        assert "Dee Shifted" not in output, fmt
        assert "-8" in output, fmt
    _, plain = run(runner, str(path), "--format", "csv", "--all-rows")
    assert "Dee Shifted" in plain  # without --redact the value helps to fix the row


def test_spreadsheet_cells_that_could_run_as_formulas_are_neutralised(
    runner: CliRunner, mixed: Path, tmp_path: Path
) -> None:
    _, output = run(runner, str(mixed), "--format", "csv", "--all-rows")
    assert "'=HYPERLINK" in output and "'+Beta" in output
    assert ",=HYPERLINK" not in output and ",+Beta" not in output
    xlsx = tmp_path / "out.xlsx"
    run(runner, str(mixed), "--format", "xlsx", "--output", str(xlsx))
    rows = openpyxl.load_workbook(xlsx)["Rows"]
    values = [c for r in rows.values for c in r if isinstance(c, str)]
    assert '\'=HYPERLINK("http://x")' in values and "'+Beta" in values
    assert not [v for v in values if v[:1] in "=+@" or (v[:1] == "-" and not v[1:2].isdigit())]


def test_csv_rows_carry_the_weeks_per_year_salaries_were_read_with(
    runner: CliRunner, mixed: Path
) -> None:
    for option, weeks in (((), "52.143"), (("--weeks-per-year", "52"), "52")):
        _, output = run(runner, str(mixed), "--format", "csv", "--all-rows", *option)
        rows = list(csv.reader(io.StringIO(output)))
        assert rows[0][-1] == "weeks_per_year"
        assert [row[-1] for row in rows[1:]] == [weeks] * 4


def test_xlsx_highlights_failing_rows_and_has_a_summary(
    runner: CliRunner, mixed: Path, tmp_path: Path
) -> None:
    xlsx = tmp_path / "out.xlsx"
    code, output = run(runner, str(mixed), "--format", "xlsx", "-o", str(xlsx))
    assert code == 1 and "Wrote" in output
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Summary", "Rows"]
    assert book["Summary"]["A1"].value.startswith("Checked 4 rows on 2026-11-24")
    sheet = book["Rows"]
    by_worker = {row[2].value: row[0].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)}
    assert by_worker["002"].endswith("FFC7CE")  # fail: red
    assert by_worker["004"].endswith("FFEB9C")  # undetermined: amber
    assert by_worker["001"] in ("00000000", None)  # pass: no fill
    # amounts are numbers a spreadsheet can add up, exactly as reported
    rate_column = list(next(sheet.values)).index("nmw_rate")
    rates = {row[2].value: row[rate_column].value for row in sheet.iter_rows(min_row=2)}
    assert not isinstance(rates["001"], str) and Decimal(str(rates["001"])) == Decimal("12.71")


def test_html_highlights_rows_as_the_xlsx_does(runner: CliRunner, mixed: Path) -> None:
    _, output = run(runner, str(mixed), "--format", "html")
    marked = re.findall(
        r'<tr class="(\w+)">\s*<td>[^<]*</td>\s*<td[^>]*>\d+</td>\s*<td>(\d+)', output
    )
    assert dict((worker, mark) for mark, worker in marked) == {
        "002": "fail",  # red
        "004": "attention",  # undetermined: amber
        "001": "ok",
        "003": "ok",  # under 16: not applicable
    }


def test_html_escapes_everything_from_the_file(runner: CliRunner, mixed: Path) -> None:
    _, output = run(runner, str(mixed), "--format", "html")
    assert "<script>alert" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert '<tr class="fail">' in output


def test_table_lists_failures_first_and_only_rows_needing_action(
    runner: CliRunner, mixed: Path
) -> None:
    _, output = run(runner, str(mixed))
    assert "Checked 4 rows on 2026-11-24 (weeks per year 52.143)." in output
    listed = output.split("failures first:")[1]
    assert listed.index("002") < listed.index("004")
    assert "Ann Example" not in listed  # passes everything: left out by default


def test_each_run_is_recorded_with_files_rates_and_the_summary(
    runner: CliRunner, mixed: Path
) -> None:
    run(runner, str(mixed))
    run(runner, str(mixed), "--weeks-per-year", "52")
    done = runner.invoke(cli, ["history", "--format", "json"])
    runs = json.loads(done.output)
    assert [r["id"] for r in runs] == [2, 1]
    assert runs[0]["files"][0]["name"] == "mixed.csv" and runs[0]["files"][0]["rows"] == 4
    assert runs[0]["files"][0]["path"] == str(mixed)
    full = json.loads(runner.invoke(cli, ["history", "--run", "2", "--format", "json"]).output)
    summary = full["summary"]
    assert summary["rows_read"] == 4 and summary["checked_on"] == "2026-11-24"
    assert set(summary["rlw"]) == {"pass", "fail", "due", "not_applicable", "undetermined"}
    assert set(summary["nmw"]) == {"pass", "fail", "not_applicable", "invalid"}
    assert full["settings"]["weeks_per_year"] == "52"
    assert any(rate["scheme"] == "rlw_london" and rate["source_url"] for rate in full["rates"])
    table = runner.invoke(cli, ["history"]).output
    assert table.startswith("#2 ") and "mixed.csv (4 rows" in table
    assert runner.invoke(cli, ["history", "--run", "9"]).exit_code == 2


def test_history_library_api(mixed: Path, tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "h.db")
    report = check_files([mixed], RateBook.load(conn), CheckSettings())
    run_id = record_run(conn, report)
    assert list_runs(conn)[0]["id"] == run_id
    assert (
        get_run(conn, run_id)["summary"]["rise_cost"]["annual"]
        == report.summary["rise_cost"]["annual"]
    )
    conn.close()


def test_explain_prints_a_codes_description(runner: CliRunner) -> None:
    done = runner.invoke(cli, ["explain", "missing-hours"])
    assert done.exit_code == 0 and done.output.startswith("missing-hours: No hours")
    unknown = runner.invoke(cli, ["explain", "no-such-code"])
    assert unknown.exit_code == 2 and "unknown problem code 'no-such-code'" in unknown.output


def test_output_is_deterministic(mixed: Path) -> None:
    first = report_dict(check_files([mixed], RateBook.load(), CheckSettings()))
    second = report_dict(check_files([mixed], RateBook.load(), CheckSettings()))
    assert json.dumps(first) == json.dumps(second)


def test_neutralise_reads_first_characters_across_chunks_nulls_and_empty_cells() -> None:
    import pyarrow as pa

    from rlwcheck.reports import neutralise

    name = pa.chunked_array([["=x", None, ""], ["ok", "-1", "é@", "@a", "\tb"], [None]])
    status = pa.chunked_array([["=not mine"] * 9])
    safe = neutralise(pa.table({"name": name, "nmw_status": status}))
    assert safe["name"].to_pylist() == ["'=x", None, "", "ok", "'-1", "é@", "'@a", "'\tb", None]
    assert safe["nmw_status"].to_pylist() == ["=not mine"] * 9  # rlwcheck's own columns untouched


def test_column_and_single_cell_neutralising_agree_on_every_dangerous_start() -> None:
    import pyarrow as pa

    from rlwcheck.reports import neutralise
    from rlwcheck.spreadsheets import FORMULA_STARTS, safe_cell

    cells = [f"{start}1+1" for start in FORMULA_STARTS] + ["1+1", "Ann", ""]
    by_column = neutralise(pa.table({"worker_id": pa.array(cells)}))["worker_id"].to_pylist()
    assert by_column == [safe_cell(cell) for cell in cells]
    assert by_column[: len(FORMULA_STARTS)] == [f"'{s}1+1" for s in FORMULA_STARTS]


def test_several_files_csv_and_xlsx_are_counted_per_file(runner: CliRunner, tmp_path: Path) -> None:
    csv_path = tmp_path / "march.csv"
    csv_path.write_text(
        HEADER + "001,Ann,Acme,Catering,01/01/1990,13.45,37.5,no\n", encoding="utf-8"
    )
    xlsx_path = tmp_path / "april.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    sheet.append(["002", "Bo", "Beta", "Estates", "01/01/1990", 12.00, 20, "yes"])
    sheet.append(["003", "Cy", "Beta", "Estates", "01/01/1990", 15.00, 20, "yes"])
    book.save(xlsx_path)
    code, output = run(runner, str(csv_path), str(xlsx_path), "--format", "json")
    summary = json.loads(output)["summary"]
    assert code == 1
    assert [(f["file"], f["rows"], f["sha256"]) for f in summary["files"]] == [
        (str(csv_path), 1, hashlib.sha256(csv_path.read_bytes()).hexdigest()),
        (str(xlsx_path), 2, hashlib.sha256(xlsx_path.read_bytes()).hexdigest()),
    ]
    assert summary["files"][1]["rlw"] == {
        "pass": 1,
        "fail": 1,
        "due": 0,
        "not_applicable": 0,
        "undetermined": 0,
    }
    assert [(e["employer"], e["department"], e["rows"]) for e in summary["by_department"]] == [
        ("Acme", "Catering", 1),
        ("Beta", "Estates", 2),
    ]


def test_on_sets_the_date_for_rows_without_a_pay_period(runner: CliRunner, tmp_path: Path) -> None:
    # On 1 Nov 2025 the UK RLW due is £12.60 and £13.45 is announced, due by 1 May 2026.
    path = tmp_path / "pay.csv"
    path.write_text(HEADER + "001,Ann,Acme,Catering,01/01/1990,12.60,37.5,no\n", encoding="utf-8")
    _, output = run(runner, str(path), "--on", "01/11/2025", "--format", "json")
    report = json.loads(output)
    assert report["summary"]["checked_on"] == "2025-11-01"
    assert report["rows"][0]["rlw"] | {"hourly_pay": None} == {
        "status": "due",
        "zone": "uk",
        "rate": "13.45",
        "due_by": "2026-05-01",
        "hourly_pay": None,
        "shortfall_per_hour": "0.85",
    }


def test_a_stale_living_wage_is_warned_about(runner: CliRunner, tmp_path: Path) -> None:
    # December 2026 and no 2026 Real Living Wage recorded: say so rather than silently use 2025's.
    path = tmp_path / "pay.csv"
    path.write_text(HEADER + "001,Ann,Acme,Catering,01/01/1990,13.45,37.5,no\n", encoding="utf-8")
    _, output = run(runner, str(path), "--on", "15/12/2026")
    stale = "Warning: the newest Real Living Wage known (2025 rates, announced 22 October 2025)"
    assert stale in output
    _, fresh = run(runner, str(path), "--on", "01/06/2026", "--format", "json")
    assert json.loads(fresh)["summary"]["warnings"] == []


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff" * 100])
def test_empty_and_binary_files_exit_2_with_one_line(
    runner: CliRunner, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, output = run(runner, str(path))
    assert code == 2
    assert output.startswith("Error: ") and output.count("\n") == 1


def problem_cells(runner: CliRunner, path: Path) -> list[tuple[int, str, str]]:
    """(row, code, column) of every problem a JSON check of ``path`` reports, in order."""
    _, output = run(runner, str(path), "--format", "json")
    return [
        (r["row"], p["code"], p["column"])
        for r in json.loads(output)["rows"]
        for p in r["problems"]
    ]


def test_problems_name_the_files_own_headers_once_per_cell(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "pay.csv"
    path.write_text(
        HEADER
        + "001,Ann,Acme,Catering,01/01/1990,,37.5,no\n"  # no pay at all: the rules say so
        + "002,Bo,Acme,Catering,01/01/1990,twelve,37.5,no\n",  # unreadable: the reader says so
        encoding="utf-8",
    )
    found = problem_cells(runner, path)
    assert found == [(2, "missing-pay", "Hourly Rate"), (3, "invalid-amount", "Hourly Rate")]


def test_missing_pay_names_the_salary_column_of_a_salary_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "salaries.csv"
    path.write_text(
        "Employee ID,Annual Salary,Weekly Hours,Date of Birth,London\n"
        "001,,37.5,01/01/1990,no\n"  # blank: missing pay, on the column the file has
        "002,abc,37.5,01/01/1990,no\n",  # unreadable: said once, by the reader
        encoding="utf-8",
    )
    found = problem_cells(runner, path)
    assert found == [(2, "missing-pay", "Annual Salary"), (3, "invalid-amount", "Annual Salary")]


def test_the_cli_offers_exactly_the_report_formats() -> None:
    # commands/check.py cannot import reports (pyarrow) at start-up, so it keeps its own list.
    from rlwcheck.commands import check as command
    from rlwcheck.reports import FORMATS

    assert command.FORMATS == FORMATS


def test_files_with_one_name_in_two_folders_are_counted_apart(
    runner: CliRunner, tmp_path: Path
) -> None:
    march, april = tmp_path / "march" / "pay.csv", tmp_path / "april" / "pay.csv"
    for path, rows in (
        (march, ["001,Ann,Acme,Catering,01/01/1990,13.45,37.5,no"]),
        (
            april,
            [
                "002,Bo,Acme,Catering,01/01/1990,13.45,37.5,no",
                "003,Cy,Acme,Catering,01/01/1990,12.00,37.5,no",
            ],
        ),
    ):
        path.parent.mkdir()
        path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    code, output = run(runner, str(march), str(april), "--format", "json")
    report = json.loads(output)
    assert code == 1
    assert [(f["file"], f["rows"]) for f in report["summary"]["files"]] == [
        (str(march), 1),
        (str(april), 2),
    ]
    assert {row["file"] for row in report["rows"]} == {str(march), str(april)}


def test_a_file_named_twice_is_refused_rather_than_counted_twice(
    runner: CliRunner, mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mixed.parent)
    done = runner.invoke(cli, ["check", str(mixed), mixed.name])
    assert done.exit_code == 2
    assert f"{mixed.name} is given twice (also as {mixed})" in done.output
    assert "Traceback" not in done.output


def test_salary_basis_option_decides_a_plain_salary_beside_an_fte(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "esr.csv"
    path.write_text(
        "EMPLOYEE_NUMBER,DATE_OF_BIRTH,ANNUAL_SALARY,CONTRACTED_HOURS,CONTRACTED_FTE,London\n"
        "20013,01/03/2001,24465,22.5,0.60,no\n",
        encoding="utf-8",
    )

    def statutory(*options: str) -> tuple[str, str | None]:
        _, output = run(runner, str(path), "--on", "01/06/2026", "--format", "json", *options)
        row = json.loads(output)["rows"][0]
        return row["nmw"]["status"], row["nmw"]["hourly_pay"]

    assert statutory() == ("invalid", None)
    assert statutory("--salary-basis", "full-time") == ("fail", "12.51")
    assert statutory("--salary-basis", "actual") == ("pass", "20.85")
    code, output = run(runner, str(path), "--salary-basis", "fte")
    assert code == 2 and "'fte' is not one of 'actual', 'full-time'" in output


def test_a_repeated_header_row_is_listed_as_not_applicable_and_passes_the_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "pages.csv"
    paid = "001,Ann,Acme,Catering,01/01/1990,13.45,37.5,no\n"
    path.write_text(HEADER + paid + HEADER + paid.replace("001", "002"), encoding="utf-8")
    code, output = run(runner, str(path), "--on", "01/06/2026", "--format", "json")
    report = json.loads(output)
    assert code == 0  # the header row is not a worker, so nothing needs action
    header_row = report["rows"][1]
    assert (header_row["row"], header_row["worker_id"]) == (3, "Employee ID")
    assert (header_row["nmw"]["status"], header_row["rlw"]["status"]) == (
        "not_applicable",
        "not_applicable",
    )
    assert [p["code"] for p in header_row["problems"]] == ["repeated-header"]
    assert report["summary"]["rows_read"] == 3
    assert report["summary"]["nmw"]["pass"] == 2


def test_the_library_takes_plain_paths_and_numbers_as_a_script_would(mixed: Path) -> None:
    exact = check_files([mixed], RateBook.load(), CheckSettings(weeks_per_year=Decimal("52")))
    plain = check_files(
        [str(mixed)],  # type: ignore[list-item]
        RateBook.load(),
        CheckSettings(weeks_per_year=52),  # type: ignore[arg-type]
    )
    assert report_dict(plain) == report_dict(exact)


def test_a_band_name_from_an_old_store_cannot_run_as_a_formula(mixed: Path) -> None:
    # band names are checked when entered now, but a store may hold one entered before
    from dataclasses import replace as renamed

    from rlwcheck.rates import bundled_living_wage_rates, bundled_statutory_rates
    from rlwcheck.reports import render

    rates = [
        renamed(rate, band="=HYPERLINK(1)") if rate.band == "nlw_21_plus" else rate
        for rate in bundled_statutory_rates()
    ]
    book = RateBook(rates, bundled_living_wage_rates())
    output = str(render(check_files([mixed], book, CheckSettings()), "csv", all_rows=True))
    assert "'=HYPERLINK(1)" in output and ",=HYPERLINK(1)" not in output
