"""What a refusal says: where rlwcheck looked and the likeliest fix."""

from pathlib import Path

import pytest
from xlsxbooks import workbook

from rlwcheck.errors import InputError

PAY_ROWS = [["Staff Number", "Hourly Rate"], ["A1", 13.45]]


def test_a_workbook_whose_first_sheet_is_not_the_data_names_the_other_sheets(
    tmp_path: Path, read
) -> None:
    path = workbook(tmp_path / "esr.xlsx", {"Summary": [["A summary"]], "ESR Extract": PAY_ROWS})
    with pytest.raises(InputError) as caught:
        read(path)
    message = str(caught.value)
    assert "(sheet 'Summary', header row 1: 'A summary')" in message
    assert "the workbook also has sheet 'ESR Extract': choose it with --sheet" in message


def test_a_hidden_first_sheet_is_passed_over(tmp_path: Path, read) -> None:
    path = workbook(
        tmp_path / "pay.xlsx", {"Lookup": [["Code", "Rate"]], "Return": PAY_ROWS}, hidden="Lookup"
    )
    records = read(path)
    assert records.files[0].mapping.sheet == "Return"
    assert records.frame["worker_id"].tolist() == ["A1"]


def test_no_pay_column_suggests_mapping_a_pay_column(write_file, read) -> None:
    with pytest.raises(InputError) as caught:
        read(write_file("Staff No,Full Name\n1,Ada\n"))
    assert 'e.g. [columns] hourly_rate = "Rate Paid"' in str(caught.value)
    assert "header_row" not in str(caught.value)


def test_no_known_header_in_the_first_30_rows_suggests_header_row(write_file, read) -> None:
    titles = "".join(f"Title line {i}\n" for i in range(35))
    with pytest.raises(InputError) as caught:
        read(write_file(titles + "Staff Number,Hourly Rate\n1,13.45\n"))
    assert "if the header is below row 30, give header_row = N in a mapping file" in str(
        caught.value
    )


def test_utf16_text_is_named_with_the_fix(write_file, read) -> None:
    path = write_file("Staff Number\tHourly Rate\n1\t13.45\n".encode("utf-16"))
    with pytest.raises(InputError) as caught:
        read(path)
    assert str(caught.value) == (
        f'{path} is UTF-16 text (Excel\'s "Unicode Text"): save it from Excel as "CSV UTF-8" instead'
    )


def test_a_repeated_header_in_another_case_and_spacing_is_recognised(
    write_file, read, triples
) -> None:
    text = "Staff Number,Full Name,Hourly Rate\n1,Ada,13.45\nSTAFF  NUMBER , full name,rate\n"
    records = read(write_file(text))
    assert records.frame["repeated_header"].tolist() == [False, True]
    assert triples(records) == [(3, "Staff Number", "repeated-header")]


def test_another_sheet_is_suggested_before_a_header_further_down(tmp_path: Path, read) -> None:
    path = workbook(tmp_path / "pay.xlsx", {"Summary": [["A summary"]], "Data": PAY_ROWS})
    with pytest.raises(InputError) as caught:
        read(path)
    assert "header_row" not in str(caught.value)
