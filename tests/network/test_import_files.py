"""Partner files as leads really have them: workbooks, Mac line ends, their own headers, stray spaces."""

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.errors import InputError, UsageError
from rlwcheck.network_io import import_partners

from .conftest import d

TODAY = d("2026-07-15")


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "partners.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run_import(runner: CliRunner, path: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(
        cli, ["network", "import", str(path), *options], env={"RLWCHECK_TODAY": "2026-07-15"}
    )
    return result.exit_code, result.output


def test_a_workbook_is_refused_with_what_to_do(runner: CliRunner, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "sector"])
    sheet.append(["Oakham Borough Council", "council"])
    book.save(tmp_path / "partners.xlsx")
    code, output = run_import(runner, tmp_path / "partners.xlsx")
    assert (code, output) == (
        2,
        f"Error: {tmp_path / 'partners.xlsx'} is a spreadsheet workbook: "
        "save it as CSV UTF-8 and import that\n",
    )


def test_binary_data_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "partners.csv"
    path.write_bytes(b"name,sector\n\x00\x01\x02\xff\n")
    code, output = run_import(runner, path)
    assert (code, output) == (
        2,
        f"Error: {path} is not a text file: save the partner list as CSV UTF-8\n",
    )


def test_a_field_too_long_for_csv_is_one_line_not_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "name,sector\nA,council\nB," + "x" * 200_000 + "\n")
    code, output = run_import(runner, path)
    assert code == 2
    assert output.startswith(f"Error: {path} cannot be read as CSV at row 3 (field larger")
    assert output.count("\n") == 1


def test_mac_line_ends_are_rows(conn: sqlite3.Connection, tmp_path: Path) -> None:
    # Excel's "CSV (Macintosh)" ends lines with a bare CR
    path = csv_file(tmp_path, "name,sector\rOakham Borough Council,council\rMere Foods,food\r")
    result = import_partners(conn, path, on=TODAY, today=TODAY)
    assert result.imported == ["Oakham Borough Council", "Mere Foods"]


def test_a_lead_s_own_headers_keep_their_dates_and_flags(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    header = (
        "Organisation,Type,Area,Size Band,Status,Stage Date (DD/MM/YYYY),Living Hours?,"
        "Recognised Service Provider?\n"
    )
    row = "Oakham Borough Council,council,Oakham,500+,committed,14/02/2026,yes,yes\n"
    path = csv_file(tmp_path, header + row)
    assert import_partners(conn, path, on=TODAY, today=TODAY).problems == []
    oakham = network.find_partner(conn, "Oakham Borough Council")
    assert (oakham.stage, oakham.stage_since, oakham.size_band) == (
        "committed",
        d("2026-02-14"),
        "500+",
    )
    assert oakham.living_hours and oakham.recognised_service_provider


def test_an_unknown_column_is_refused_not_dropped(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "name,sector,Accredited Since,Notes\nA,council,01/02/2026,x\n")
    with pytest.raises(InputError) as raised:
        import_partners(conn, path, on=TODAY, today=TODAY)
    assert str(raised.value) == (
        f"{path} has columns the tracker does not know, so their data would be lost: "
        "'Accredited Since', 'Notes'; rename them to one of name, sector, place, lead_contact, "
        "size_band, stage, stage_date, living_hours, recognised_service_provider or delete them"
    )
    assert network.partners(conn) == []


def test_two_columns_for_one_field_are_refused(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "name,sector,Organisation\nA,council,B\n")
    with pytest.raises(InputError, match="has two columns for name, 'name' and 'Organisation'"):
        import_partners(conn, path, on=TODAY, today=TODAY)


def test_cells_beyond_the_header_are_refused(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "name,sector\nA,council\nB,council,EXTRA\n")
    with pytest.raises(InputError, match="row 3 has 3 cells but the header has 2"):
        import_partners(conn, path, on=TODAY, today=TODAY)
    assert network.partners(conn) == []


def test_names_that_differ_only_in_spacing_are_one_partner(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    network.add_partner(conn, "Kestrelmouth College", "college", on=d("2026-01-05"))
    # a non-breaking space (cp1252 0xA0, as Excel saves it) and a doubled space
    path = csv_file(
        tmp_path,
        "name,sector\nKestrelmouth\xa0College,college\nKestrelmouth  College,college\n"
        "  Mossgate   Homes ,housing\n",
        encoding="cp1252",
    )
    result = import_partners(conn, path, on=TODAY, today=TODAY)
    assert result.imported == ["Mossgate Homes"]
    assert [(p.row, p.code) for p in result.problems] == [
        (2, "network-duplicate-partner"),
        (3, "network-duplicate-partner"),
    ]
    with pytest.raises(UsageError, match="a partner called 'Mossgate Homes' already exists"):
        network.add_partner(conn, "Mossgate\u00a0Homes", "housing", on=TODAY)
    assert network.find_partner(conn, "mossgate  homes").name == "Mossgate Homes"


def test_import_on_a_past_date_checks_row_dates_against_today(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    # --on 1 January dates rows without a stage date; 5 March is before today (15 July), so fine
    path = csv_file(tmp_path, "name,sector,stage_date\nA,council,05/03/2026\nB,council,\n")
    result = import_partners(conn, path, on=d("2026-01-01"), today=TODAY)
    assert result.problems == []
    assert [p.stage_since for p in network.partners(conn)] == [d("2026-03-05"), d("2026-01-01")]


def test_import_on_a_future_date_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "name,sector\nA,council\n")
    code, output = run_import(runner, path, "--on", "16/07/2026")
    assert (code, output) == (
        2,
        "Error: --on 16 July 2026 is in the future: a starting stage has happened\n",
    )


def test_a_name_repeated_in_the_file_names_the_row_it_repeats(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "name,sector\nA Council,council\nB Trust,nhs\na  council,council\n")
    result = import_partners(conn, path, on=TODAY, today=TODAY, all_or_nothing=True)
    assert [(p.row, p.message) for p in result.problems] == [
        (4, "a partner with this name is already on row 2 of this file")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # Excel's "CSV" where the decimal mark is a comma; a quoted semicolon stays in the name
        'Name;Sector;Stage\nOakham Council;council;aware\n"Smith; Sons";contractor;\n',
        "Name\tSector\tStage\nOakham Council\tcouncil\taware\nSmith; Sons\tcontractor\t\n",
        'name,sector,stage\nOakham Council,council,aware\n"Smith; Sons",contractor,\n',
    ],
)
def test_the_delimiter_is_the_one_the_header_is_split_by(
    conn: sqlite3.Connection, tmp_path: Path, text: str
) -> None:
    result = import_partners(conn, csv_file(tmp_path, text), on=TODAY, today=TODAY)
    assert (result.imported, result.problems) == (["Oakham Council", "Smith; Sons"], [])
    assert network.find_partner(conn, "Oakham Council").stage == "aware"


def test_a_title_row_above_the_header_is_named(runner: CliRunner, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Partner tracker 2026\nname,sector\nOakham Council,council\n")
    assert run_import(runner, path) == (
        2,
        f"Error: {path} row 1 is 'Partner tracker 2026', not a header: the first row must name "
        "the columns (at least name and sector); delete any title rows above it\n",
    )
