"""Every sample file reads with the expected mapping, row count and problems."""

from pathlib import Path

import pytest

from rlwcheck.payrecords import ReadOptions, read_pay_files

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PAYROLL = SAMPLES / "payroll"

# file -> (pay shape, data rows, some expected field -> header pairs, expected (row, column, code))
EXPECTED = {
    "sage50.csv": (
        "salary",
        5,
        {
            "worker_id": "Employee Reference",
            "annual_salary": "Gross Salary",
            "work_site": "Work Site",
        },
        [(6, "Date of Birth", "impossible-date"), (6, "Work Site", "unknown-site")],
    ),
    "brightpay.csv": (
        "hourly",
        6,
        {"worker_id": "Works Number", "hourly_rate": "Hourly Pay Rate", "london": "London"},
        [(7, "Hourly Pay Rate", "invalid-amount"), (7, "London", "invalid-boolean")],
    ),
    "iris_periods.csv": (
        "period_gross",
        5,
        {
            "worker_id": "Payroll Code",
            "nmw_deductions": "Salary Sacrifice",
            "period_gross_pay": "Gross Pay",
        },
        [(6, "Hours Worked", "negative-amount")],
    ),
    "xero.csv": (
        "hourly",
        4,
        {"worker_id": "Employee ID", "hourly_rate": "Rate Per Unit"},
        [],
    ),
    "nhs_esr.csv": (
        "salary",
        4,
        {"worker_id": "EMPLOYEE_NUMBER", "weekly_hours": "CONTRACTED_HOURS", "grade": "GRADE"},
        [],
    ),
    "adp.csv": (
        "period_gross",
        4,
        {
            "worker_id": "File #",
            "period_hours": "Reg Hours",
            "overtime_hours": "O/T Hours",
            "overtime_premium": "O/T Premium",
            "period_gross_pay": "Gross Pay",
        },
        [],
    ),
    "excel_windows1252.csv": (
        "hourly",
        4,
        {"worker_id": "Staff Number", "hourly_rate": "Hourly Rate"},
        [(5, "Date of Birth", "month-first-date")],
    ),
    "nhs_bank_staff.xlsx": (
        "hourly",
        4,
        {"worker_id": "Assignment Number", "department": "Ward"},
        [],
    ),
}


def test_every_sample_file_is_covered() -> None:
    assert sorted(path.name for path in PAYROLL.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_reads_with_expected_mapping(name: str) -> None:
    shape, rows, fields, problems = EXPECTED[name]
    records = read_pay_files([PAYROLL / name], ReadOptions(sites_file=SAMPLES / "sites.csv"))
    mapping_found = records.files[0].mapping
    assert mapping_found.pay_shape == shape
    assert fields.items() <= mapping_found.fields.items()
    assert records.files[0].rows_read == rows == len(records.frame)
    found = list(
        zip(
            records.problems["row"],
            records.problems["column"],
            records.problems["code"],
            strict=True,
        )
    )
    assert found == problems


def test_custom_export_reads_with_the_sample_mapping_file() -> None:
    options = ReadOptions(mapping_file=SAMPLES / "mapping.toml", sites_file=SAMPLES / "sites.csv")
    records = read_pay_files([SAMPLES / "custom_export.csv"], options)
    assert records.files[0].mapping.fields["date_of_birth"] == "Birthday"
    assert records.frame["apprentice"].tolist() == [False, True]
    assert records.problems.empty


def test_home_post_code_is_ignored_and_london_comes_from_the_site() -> None:
    records = read_pay_files(
        [PAYROLL / "sage50.csv"], ReadOptions(sites_file=SAMPLES / "sites.csv")
    )
    assert "Post Code" in records.files[0].mapping.ignored
    # Ada Example lives at BR8 7RE (Kent) but works at Northshire General Hospital: not London.
    # Cara works at St Example's Clinic, which the sites file puts in London.
    frame = records.frame.set_index("worker_id")
    assert not frame.loc["000101", "london"]  # (NA would raise here, not pass)
    assert bool(frame.loc["000103", "london"]) is True
    assert frame.loc["000103", "london_source"] == "site"


def test_windows_1252_pounds_survive() -> None:
    records = read_pay_files([PAYROLL / "excel_windows1252.csv"])
    assert records.files[0].mapping.encoding == "cp1252"
    assert [str(v) for v in records.frame["hourly_rate"]] == [
        "12.710000",
        "8.000000",
        "1234.500000",
        "13.450000",
    ]


def test_second_sheet_by_name_or_number() -> None:
    for sheet in ("Contractors", "2", "contractors"):
        records = read_pay_files([PAYROLL / "nhs_bank_staff.xlsx"], ReadOptions(sheet=sheet))
        assert records.files[0].mapping.sheet == "Contractors"
        assert records.frame["worker_id"].tolist() == ["K-9", "K-10"]
        assert records.frame["age"].tolist() == [34, 19]
