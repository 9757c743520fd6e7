"""Workbooks written by openpyxl, as Excel would: title rows, sheets, floats, date cells."""

import datetime as dt
from pathlib import Path

import pytest
from xlsxbooks import workbook

from rlwcheck.errors import InputError
from rlwcheck.payrecords import ReadOptions, read_pay_files


def test_title_rows_are_skipped_and_row_numbers_are_the_sheets(
    tmp_path: Path, read, triples
) -> None:
    path = workbook(
        tmp_path / "pay.xlsx",
        {
            "Pay": [
                ["Northshire Trust (fictional)"],
                ["Run date", dt.date(2026, 4, 30)],
                [],
                ["Staff Number", "Name", "Hourly Rate", "Date of Birth"],
                ["0001", "Ada", 12.6, dt.date(1990, 4, 1)],
                ["0002", "Ben", "twelve", 36526],
            ]
        },
    )
    records = read(path)
    assert records.files[0].mapping.header_row == 4
    assert records.files[0].mapping.sheet == "Pay"
    assert records.frame["row"].tolist() == [5, 6]
    assert records.frame["worker_id"].tolist() == ["0001", "0002"]
    # 36526 is the Excel serial for 1 January 2000 (serial 1 = 1 Jan 1900, plus Excel's 29 Feb 1900).
    assert [str(d.date()) for d in records.frame["date_of_birth"]] == ["1990-04-01", "2000-01-01"]
    assert triples(records) == [(6, "Hourly Rate", "invalid-amount")]


@pytest.mark.parametrize(
    ("number", "exact"),
    [
        (12.6, "12.600000"),
        (0.1 + 0.2, "0.300000"),
        (8.2, "8.200000"),
        (24465.0, "24465.000000"),
        (13.4499999999, "13.450000"),
    ],
)
def test_float_cells_become_exact_decimals(tmp_path: Path, read, number: float, exact: str) -> None:
    # 0.1 + 0.2 is 0.30000000000000004 as a float: its shortest repr rounded to 6 places is 0.3.
    path = workbook(tmp_path / "pay.xlsx", {"Pay": [["ID", "Hourly Rate"], [1, number]]})
    records = read(path)
    assert str(records.frame["hourly_rate"][0]) == exact
    assert records.frame["worker_id"][0] == "1"  # a numeric ID cell is text without ".0"


def test_sheet_by_name_number_and_unknown(tmp_path: Path, read) -> None:
    path = workbook(
        tmp_path / "pay.xlsx",
        {"Notes": [["This workbook holds pay data"]], "April": [["ID", "Rate"], ["A1", 12.71]]},
    )
    assert read(path, sheet="April").frame["worker_id"].tolist() == ["A1"]
    assert read(path, sheet="2").frame["worker_id"].tolist() == ["A1"]
    with pytest.raises(InputError, match=r"has no sheet 'May'; sheets are 1: 'Notes', 2: 'April'"):
        read(path, sheet="May")
    with pytest.raises(InputError, match="no column for worker_id"):
        read(path)  # the first sheet has no pay columns


def test_empty_sheet_and_header_only_sheet(tmp_path: Path, read) -> None:
    path = workbook(tmp_path / "pay.xlsx", {"Empty": [], "Header": [["ID", "Rate"]]})
    with pytest.raises(InputError, match="sheet 'Empty' is empty"):
        read(path)
    with pytest.raises(InputError, match="has a header row but no data rows"):
        read(path, sheet="Header")


def test_trailing_empty_rows_are_not_data_but_a_blank_row_inside_is(
    tmp_path: Path, read, triples
) -> None:
    path = workbook(
        tmp_path / "pay.xlsx", {"Pay": [["ID", "Rate"], ["A", 12.71], [None, None], ["B", 12.71]]}
    )
    book_rows = read(path)
    assert book_rows.frame["row"].tolist() == [2, 3, 4]
    assert triples(book_rows) == [(3, "ID", "missing-worker-id")]


def test_a_damaged_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "pay.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a zip" * 10)
    with pytest.raises(InputError, match=r"cannot be read as a \.xlsx workbook"):
        read_pay_files([path], ReadOptions())


def test_a_sheet_named_with_a_number_is_chosen_by_that_name(tmp_path: Path, read) -> None:
    # sheets named "1" and "2" in the other order: --sheet 2 names the sheet called 2
    path = workbook(
        tmp_path / "pay.xlsx",
        {"2": [["ID", "Rate"], ["B2", 12.71]], "1": [["ID", "Rate"], ["B1", 12.71]]},
    )
    assert read(path, sheet="2").frame["worker_id"].tolist() == ["B2"]
    assert read(path, sheet="1").frame["worker_id"].tolist() == ["B1"]
