"""The frame and problems tables the checker consumes: every column, with the agreed types."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from rlwcheck.payrecords import FRAME_COLUMNS, PROBLEM_COLUMNS

DECIMAL = pd.ArrowDtype(pa.decimal128(18, 6))
EXPECTED_TYPES = {
    **dict.fromkeys(
        [
            "file",
            "worker_id",
            "name",
            "employer",
            "department",
            "job_title",
            "grade",
            "work_site",
            "workplace_postcode",
            "london_source",
        ],
        pd.StringDtype("pyarrow"),
    ),
    "row": "int64",
    "repeated_header": "bool",
    "unreadable": "bool",
    **dict.fromkeys(
        ["date_of_birth", "apprenticeship_start", "period_start", "period_end"], "datetime64[s]"
    ),
    **dict.fromkeys(["age", "accommodation_days"], "Int64"),
    **dict.fromkeys(["apprentice", "london"], "boolean"),
    **dict.fromkeys(
        [
            "hourly_rate",
            "annual_salary",
            "annual_salary_fte",
            "fte",
            "weekly_hours",
            "period_pay",
            "period_gross_pay",
            "period_hours",
            "overtime_hours",
            "overtime_premium",
            "nmw_deductions",
            "accommodation_charge",
            "guaranteed_allowances",
        ],
        DECIMAL,
    ),
}


def test_every_column_is_present_with_its_type_even_when_the_file_lacks_it(
    write_file, read
) -> None:
    records = read(write_file("ID,Rate\n1,12.71\n"))
    frame = records.frame
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert set(EXPECTED_TYPES) == set(FRAME_COLUMNS)
    for name, dtype in EXPECTED_TYPES.items():
        assert frame[name].dtype == dtype, name
    assert frame["apprentice"].tolist() == [False]  # no apprentice column: nobody is one
    assert frame["london"].isna().all()
    assert frame.index.equals(pd.RangeIndex(1))


def test_types_hold_for_a_period_file_with_every_field(write_file, read) -> None:
    text = (
        "ID,Name,Employer,Department,Job Title,Grade,Site,Workplace Postcode,DOB,Apprentice Start,"
        "Period Start,Period End,Age,Accommodation Days,Apprentice,London,Rate,Annual Salary,Weekly Hours,"
        "Basic Pay,Hours Worked,NMW Deductions,Accommodation Charge,Guaranteed Allowances\n"
        "9,Ada,Trust,Ward,Porter,B2,Main,SE1 7EH,01/01/2000,01/09/2025,01/04/2026,30/04/2026,26,30,no,yes,"
        "12.71,24000,37.5,2033.60,160,150,0,100\n"
    )
    records = read(write_file(text))
    assert records.files[0].mapping.pay_shape == "period"
    assert records.problems.empty
    for name, dtype in EXPECTED_TYPES.items():
        assert records.frame[name].dtype == dtype, name
    row = records.frame.iloc[0]
    assert str(row["period_pay"]) == "2033.600000"
    assert row["accommodation_days"] == 30
    assert str(row["period_start"].date()) == "2026-04-01"
    assert row["london_source"] == "column"


def test_problems_table_types_with_and_without_problems(write_file, read) -> None:
    for text in ("ID,Rate\n1,12.71\n", "ID,Rate\n1,abc\n"):
        problems = read(write_file(text)).problems
        assert list(problems.columns) == list(PROBLEM_COLUMNS)
        assert problems["row"].dtype == "int64"
        assert all(
            problems[name].dtype == pd.StringDtype("pyarrow")
            for name in PROBLEM_COLUMNS
            if name != "row"
        )


def test_problem_rows_carry_file_row_column_value_and_a_fix(write_file, read) -> None:
    path: Path = write_file("ID,Rate,DOB\n1,abc,31/02/2025\n")
    problem = read(path).problems.to_dict("records")
    assert problem[0] == {
        "file": str(path),
        "row": 2,
        "code": "invalid-amount",
        "column": "Rate",
        "value": "abc",
        "message": "not a number: write it like 12.60 or £1,234.50 (at most 6 decimal places)",
    }
    assert (problem[1]["code"], problem[1]["column"], problem[1]["value"]) == (
        "impossible-date",
        "DOB",
        "31/02/2025",
    )


@pytest.mark.parametrize(
    ("headers", "cells", "name"),
    [
        ("Name,Surname", "Fay,Example", "Fay Example"),  # BrightPay: Name is the forename
        ("First Name,Last Name", "Quinn,Example", "Quinn Example"),  # Xero
        ("Forename", "Ada", "Ada"),
        ("Surname", "Example", "Example"),
        ("Full Name,Surname", "Ada Example,", "Ada Example"),
    ],
)
def test_name_from_its_parts(write_file, read, headers: str, cells: str, name: str) -> None:
    records = read(write_file(f"ID,Rate,{headers}\n1,12.71,{cells}\n"))
    assert records.frame["name"].tolist() == [name]
