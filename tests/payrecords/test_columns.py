"""Header synonyms from payroll products, the mapping file, and ambiguous headers."""

import re
from pathlib import Path

import pytest

from rlwcheck.columns import (
    header_key,
    ignore_reason,
    load_mapping_file,
    match_columns,
    synonym_field,
)
from rlwcheck.errors import InputError
from rlwcheck.payrecords import ReadOptions, describe_columns


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Employee Reference", "worker_id"),  # Sage 50
        ("Works Number", "worker_id"),  # BrightPay
        ("Payroll Code", "worker_id"),  # IRIS
        ("EMPLOYEE_NUMBER", "worker_id"),  # NHS ESR
        ("File #", "worker_id"),  # ADP
        ("Employee ID", "worker_id"),  # Xero
        ("Hourly Pay Rate", "hourly_rate"),  # BrightPay
        ("Rate Per Unit", "hourly_rate"),  # Xero
        ("Gross Salary", "annual_salary"),  # Sage 50
        ("Gross Pay", "period_gross_pay"),  # ADP, IRIS: allowances and premiums inside
        ("Basic Pay", "period_pay"),
        ("O/T Hours", "overtime_hours"),  # ADP
        ("Overtime Premium", "overtime_premium"),
        ("CONTRACTED_HOURS", "weekly_hours"),  # ESR
        ("CONTRACTED_FTE", "fte"),  # ESR
        ("Annual Salary FTE", "annual_salary_fte"),
        ("Whole Time Salary", "annual_salary_fte"),
        ("Reg Hours", "period_hours"),  # ADP
        ("Cost Centre Code", "department"),  # IRIS
        ("DATE_OF_BIRTH", "date_of_birth"),
        ("date-of-birth", "date_of_birth"),
        ("  Date   Of Birth ", "date_of_birth"),
        ("D.O.B.", "date_of_birth"),
        ("Workplace Post Code", "workplace_postcode"),
        ("London Weighting", "guaranteed_allowances"),
        ("Salary Sacrifice", "nmw_deductions"),
        ("Pension (Sal Sac)", "nmw_deductions"),
        ("Sal Sac Pension", "nmw_deductions"),
        ("Pension Salary Exchange", "nmw_deductions"),
        ("In London (Y/N)", "london"),
    ],
)
def test_product_headers_match_their_field(header: str, field: str) -> None:
    assert synonym_field(header) == field


@pytest.mark.parametrize(
    "header", ["Post Code", "POSTCODE", "Home Postcode", "Salary Per Period", "Notes"]
)
def test_home_postcode_and_unknown_headers_give_no_field(header: str) -> None:
    assert synonym_field(header) is None


def test_brightpay_contracted_hours_worked_says_why_it_is_not_weekly_hours() -> None:
    assert "weekly_hours" in (ignore_reason("Contracted Hours Worked") or "")


def test_a_salary_instalment_says_why_it_is_ignored() -> None:
    # Sage 50's Salary Per Period read as period pay made every salaried row invalid for lack
    # of period dates and hours, though its annual salary and weekly hours were there.
    assert "annual salary" in (ignore_reason("Salary Per Period") or "")


def test_home_postcode_says_why_it_is_ignored() -> None:
    assert "home address" in (ignore_reason("Post Code") or "")


def test_header_key_folds_case_punctuation_spaces_and_bom() -> None:
    assert (
        header_key("\ufeffEmployee_Reference ")
        == header_key("employee reference")
        == "employeereference"
    )


def test_match_keeps_original_header_text_and_lists_ignored() -> None:
    match = match_columns("f.csv", ["Payroll Code", "Post Code", "Hourly Rate", ""], None)
    assert match.fields == {"worker_id": "Payroll Code", "hourly_rate": "Hourly Rate"}
    assert match.ignored == ["Post Code"]
    assert match.pay_shape == "hourly"


def test_period_shape_wins_over_hourly_when_both_are_complete() -> None:
    match = match_columns("f.csv", ["ID", "Rate", "Basic Pay", "Hours Worked"], None)
    assert match.pay_shape == "period"
    gross = match_columns("f.csv", ["ID", "Rate", "Gross Pay", "Hours Worked"], None)
    assert gross.pay_shape == "period_gross"


def test_a_full_time_salary_needs_the_fte_to_make_a_pay_shape() -> None:
    headers = ["ID", "Annual Salary FTE", "Contracted Hours"]
    assert match_columns("f.csv", headers, None).pay_shape is None
    assert match_columns("f.csv", [*headers, "Contracted FTE"], None).pay_shape == "salary_fte"


def test_mapping_file_overrides_synonyms(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\nworker_id = "staff ref"\nhourly_rate = "Pay £/hr"\n')
    match = match_columns(
        "f.csv", ["Employee ID", "Staff Ref", "Pay £/hr"], load_mapping_file(mapping)
    )
    # The override wins; the header that would have matched by synonym is simply ignored.
    assert match.fields == {"worker_id": "Staff Ref", "hourly_rate": "Pay £/hr"}
    assert match.ignored == ["Employee ID"]


def test_mapping_file_can_fix_the_header_row(tmp_path: Path) -> None:
    (tmp_path / "map.toml").write_text(
        'header_row = 2\n[columns]\nworker_id = "Ref"\nhourly_rate = "Pay"\n'
    )
    (tmp_path / "pay.csv").write_text("Ref,Pay\nRef,Pay\n1,12.60\n")
    mapping = describe_columns(
        tmp_path / "pay.csv", ReadOptions(mapping_file=tmp_path / "map.toml")
    )
    assert mapping.header_row == 2


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[columns]\nworker_idd = "Ref"\n', "unknown field(s) worker_idd"),
        ("[columns]\nworker_id = 3\n", "must map fields to header text"),
        ("[columns\n", "is not valid TOML"),
        ("header_row = 0\n", "header_row must be a row number"),
        # Written without [columns], the mapping was silently ignored.
        ('worker_id = "Ref"\n', "worker_id must be under [columns]"),
    ],
)
def test_bad_mapping_files_are_clear_errors(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "map.toml"
    path.write_text(toml)
    with pytest.raises(InputError, match=re.escape(message)):
        load_mapping_file(path)


def test_mapping_to_a_header_that_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text('[columns]\nworker_id = "Staff Ref"\n')
    with pytest.raises(
        InputError, match="names column 'Staff Ref' for worker_id, but there is no such header"
    ):
        match_columns("f.csv", ["ID", "Rate"], load_mapping_file(path))


def test_mapping_to_a_duplicated_header_names_both(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.write_text('[columns]\nworker_id = "Ref"\n')
    with pytest.raises(
        InputError, match=r"duplicate headers 'Ref' \(column 1\) and 'REF' \(column 3\)"
    ):
        match_columns("f.csv", ["Ref", "Rate", "REF"], load_mapping_file(path))


def test_duplicate_ignored_headers_are_harmless() -> None:
    match = match_columns("f.csv", ["ID", "Notes", "Rate", "Notes"], None)
    assert match.ignored == ["Notes", "Notes"]


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_mapping_file(tmp_path / "none.toml")
