"""CSV files: encodings, delimiters, header rows, row numbers, and files that cannot be read."""

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlwcheck.errors import InputError
from rlwcheck.payfiles import MAX_LINE_BYTES
from rlwcheck.payrecords import describe_columns, read_pay_files

HEADER = "Payroll Code,Full Name,Hourly Rate\n"


def test_utf8_with_bom_strips_it_from_the_first_header(write_file, read) -> None:
    path = write_file(codecs.BOM_UTF8 + (HEADER + "007,Ada Example,£12.60\n").encode())
    records = read(path)
    assert records.files[0].mapping.encoding == "utf-8-sig"
    assert records.files[0].mapping.fields["worker_id"] == "Payroll Code"
    assert str(records.frame["hourly_rate"][0]) == "12.600000"


def test_plain_utf8_pound_sign(write_file, read) -> None:
    records = read(write_file(HEADER + "007,Zoë Example,£12.60\n"))
    assert records.files[0].mapping.encoding == "utf-8"
    assert records.frame["name"][0] == "Zoë Example"
    assert str(records.frame["hourly_rate"][0]) == "12.600000"


def test_windows_1252_pound_sign_and_accents(write_file, read) -> None:
    records = read(write_file(HEADER + "007,Zoë Example,£12.60\n", encoding="cp1252"))
    assert records.files[0].mapping.encoding == "cp1252"
    assert records.frame["name"][0] == "Zoë Example"
    assert str(records.frame["hourly_rate"][0]) == "12.600000"


def test_windows_1252_only_after_the_first_64_kb(write_file, read) -> None:
    # The encoding is guessed from the start of the file; a later cp1252 byte must still work.
    padding = "".join(f"{i:06d},Ada Example,12.60\n" for i in range(4000))  # ~100 KB of ASCII
    path = write_file((HEADER + padding).encode() + "999999,Zoë Example,£13.00\n".encode("cp1252"))
    records = read(path)
    assert records.files[0].mapping.encoding == "cp1252"
    assert records.frame["name"].iloc[-1] == "Zoë Example"
    assert len(records.frame) == 4001


def test_windows_1252_after_the_first_64_kb_in_a_file_with_short_rows(write_file, read) -> None:
    # A short row sends the file down the slow path, which must fall back to cp1252 too.
    padding = "".join(f"{i:06d},Ada Example,12.60\n" for i in range(4000))
    tail = "999998,Short Row\n999999,Zoë Example,£13.00\n".encode("cp1252")
    records = read(write_file((HEADER + padding).encode() + tail))
    assert records.files[0].mapping.encoding == "cp1252"
    assert records.frame["name"].iloc[-1] == "Zoë Example"
    assert len(records.frame) == 4002


def test_mojibake_pound_is_read_as_pound(write_file, read) -> None:
    # "£" saved as UTF-8, opened as Windows-1252 and saved again as UTF-8 becomes "Â£".
    records = read(write_file(HEADER + "007,Ada Example,Â£12.60\n"))
    assert str(records.frame["hourly_rate"][0]) == "12.600000"
    assert records.problems.empty


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(write_file, read, delimiter: str) -> None:
    rows = [["Payroll Code", "Full Name", "Hourly Rate"], ["007", "Example, Ada", "12.60"]]
    text = "\n".join(
        delimiter.join(f'"{c}"' if "," in c and delimiter == "," else c for c in row)
        for row in rows
    )
    records = read(write_file(text + "\n"))
    assert records.files[0].mapping.delimiter == delimiter
    assert records.frame["name"][0] == "Example, Ada"


def test_title_lines_above_the_header_are_skipped(write_file, read) -> None:
    text = (
        "Northshire Trust (fictional)\nPay run April 2026\n\n" + HEADER + "007,Ada Example,12.60\n"
    )
    records = read(write_file(text))
    assert records.files[0].mapping.header_row == 4
    assert records.frame["row"].tolist() == [5]


def test_leading_zeros_are_kept(write_file, read) -> None:
    records = read(write_file(HEADER + "000123,Ada Example,12.60\n0042,Ben Sample,12.71\n"))
    assert records.frame["worker_id"].tolist() == ["000123", "0042"]


def test_row_numbers_count_the_header_as_row_1_and_keep_blank_lines(
    write_file, read, triples
) -> None:
    text = HEADER + "001,Ada,12.60\n\n003,Cy,abc\n,,\n005,Di,12.71\n\n\n"
    records = read(write_file(text))
    # Line 3 is blank and line 5 has no values: both stay as rows (nothing dropped), reported;
    # the blank lines at the end are not data rows.
    assert records.frame["row"].tolist() == [2, 3, 4, 5, 6]
    assert triples(records) == [
        (3, "Payroll Code", "missing-worker-id"),
        (4, "Hourly Rate", "invalid-amount"),
        (5, "Payroll Code", "missing-worker-id"),
    ]


def test_crlf_line_endings(write_file, read) -> None:
    records = read(write_file((HEADER + "001,Ada,12.60\n002,Ben,abc\n").replace("\n", "\r\n")))
    assert records.frame["worker_id"].tolist() == ["001", "002"]
    assert records.problems["row"].tolist() == [3]
    assert records.problems["value"].tolist() == ["abc"]


def test_rows_out_equal_rows_in_across_files(write_file, read) -> None:
    first = write_file(HEADER + "".join(f"{i},W{i},12.60\n" for i in range(250)), name="a.csv")
    second = write_file(HEADER + "".join(f"{i},W{i},bad\n" for i in range(40)), name="b.csv")
    records = read_pay_files([first, second])
    assert [f.rows_read for f in records.files] == [250, 40]
    assert len(records.frame) == 290
    assert records.frame["file"].tolist() == [str(first)] * 250 + [str(second)] * 40
    assert records.frame["row"].tolist() == list(range(2, 252)) + list(range(2, 42))
    assert len(records.problems) == 40
    assert records.frame.index.equals(__import__("pandas").RangeIndex(290))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (HEADER.encode(), "has a header row but no data rows"),
        (b"\x00\x01\x02binary\x00" * 100, "is not a text file"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old .xls workbook"),
        (b"Full Name,Hourly Rate\nAda,12.60\n", "no column for worker_id"),
        (b"Payroll Code,Full Name\n1,Ada\n", "no column for pay"),
        (b"Payroll Code,Annual Salary\n1,24000\n", "annual_salary + weekly_hours"),
        (
            b"Payroll Code,Hourly Rate,Hourly Rate\n1,12,13\n",
            "duplicate headers 'Hourly Rate' (column 2)",
        ),
        (
            b"Payroll Code,Hourly Rate,Rate Per Hour\n1,12,13\n",
            "columns 'Hourly Rate' and 'Rate Per Hour' both give hourly_rate",
        ),
        (b"Payroll Code,Hourly Rate\n1,12\n2,12,13\n", "row 3: 3 cells but the header has 2"),
    ],
)
def test_unusable_files_raise_a_clear_input_error(write_file, content: bytes, message: str) -> None:
    path = write_file(content)
    with pytest.raises(InputError) as caught:
        read_pay_files([path])
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_short_rows_are_padded_and_numbered_as_a_spreadsheet_shows_them(
    write_file, read, triples
) -> None:
    # Some exporters drop trailing empty cells; a quoted value may span lines (lines 2-3), which
    # a spreadsheet shows as one row, so Ben is on row 3 although he is on line 4.
    text = 'ID,Name,Rate,Site\n1,"Ada\nExample",12.60\n2,Ben\n\n4,Cy,abc,Main\n'
    records = read(write_file(text))
    assert records.frame["row"].tolist() == [2, 3, 4, 5]
    assert records.frame["name"].tolist()[:2] == ["Ada\nExample", "Ben"]
    assert triples(records) == [
        (4, "ID", "missing-worker-id"),
        (5, "Rate", "invalid-amount"),
    ]


def test_a_value_spanning_lines_numbers_rows_alike_with_and_without_short_rows(
    write_file, read
) -> None:
    full = 'ID,Name,Rate\n1,"Ada\nExample",12.60\n2,Ben,12.71\n3,Cy,12.21\n'
    short = full.replace("3,Cy,12.21", "3,Cy")  # one short row sends the file down the slow path
    assert read(write_file(full)).frame["row"].tolist() == [2, 3, 4]
    assert read(write_file(short)).frame["row"].tolist() == [2, 3, 4]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_pay_files([tmp_path / "nope.csv"])


def test_a_folder_given_as_a_pay_file_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder: give the file inside it"):
        read_pay_files([tmp_path])


def test_a_50_mb_line_is_refused_quickly_without_reading_it_whole(write_file) -> None:
    path = write_file(HEADER + "001,Ada,12.60\n002," + "x" * (50 * 1024 * 1024) + ",12.60\n")
    with pytest.raises(InputError, match=f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB"):
        read_pay_files([path])


def test_a_50_mb_first_line_is_refused(write_file) -> None:
    path = write_file("Payroll Code," + "x" * (50 * 1024 * 1024) + "\n1,2\n")
    with pytest.raises(InputError, match="first line is longer than 64 KB"):
        read_pay_files([path])


def test_sheet_option_is_ignored_for_a_csv(write_file, read) -> None:
    # One --sheet serves a mix of CSV and workbook files in the same check.
    records = read(write_file(HEADER + "1,Ada,12\n"), sheet="2")
    assert records.files[0].mapping.sheet is None
    assert records.frame["worker_id"].tolist() == ["1"]


def test_describe_columns_reads_only_the_header(write_file) -> None:
    mapping = describe_columns(write_file(HEADER))
    assert mapping.fields == {
        "worker_id": "Payroll Code",
        "name": "Full Name",
        "hourly_rate": "Hourly Rate",
    }
    assert (mapping.pay_shape, mapping.header_row, mapping.delimiter, mapping.sheet) == (
        "hourly",
        1,
        ",",
        None,
    )


CELLS = st.sampled_from(
    ["12.60", "£1,234.50", " 13 ", "(5.00)", "-2", "abc", "", "1e3", "12.1234567", "0", "£24,465"]
)
DATES = st.sampled_from(
    ["01/04/2026", "1/4/2026", "2026-04-01", "31/02/2025", "", "soon", "20260401"]
)
FLAGS = st.sampled_from(["yes", "NO", "y", "", "maybe", "1"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(CELLS, DATES, FLAGS), min_size=1, max_size=8))
def test_a_rows_values_do_not_depend_on_the_other_rows(write_file, rows) -> None:
    # Whether the CSV reader types a column itself or falls back to text depends on every
    # cell in it; each row must still read exactly as it does in a file on its own.
    def read_rows(selected: list[tuple[str, str, str]]) -> list[tuple[object, ...]]:
        body = "".join(
            f'{i},"{pay}",{born},{flag}\n' for i, (pay, born, flag) in enumerate(selected)
        )
        records = read_pay_files([write_file("ID,Hourly Rate,Date of Birth,Apprentice\n" + body)])
        frame = records.frame
        problems = sorted(zip(records.problems["row"], records.problems["code"], strict=True))
        return [
            (
                str(frame["hourly_rate"][i]),
                str(frame["date_of_birth"][i]),
                str(frame["apprentice"][i]),
                [code for row, code in problems if row == i + 2],
            )
            for i in range(len(selected))
        ]

    together = read_rows(rows)
    alone = [read_rows([row])[0] for row in rows]
    assert together == alone


def test_a_repeated_header_row_is_flagged_once_not_as_bad_cells(write_file, read, triples) -> None:
    # Exports split into pages, or files joined together, repeat the header among the data.
    text = HEADER + "001,Ada,12.60\n" + HEADER + "003,Cy,abc\n"
    records = read(write_file(text))
    assert records.frame["row"].tolist() == [2, 3, 4]
    assert records.frame["repeated_header"].tolist() == [False, True, False]
    assert triples(records) == [
        (3, "Payroll Code", "repeated-header"),  # not invalid-amount for "Hourly Rate"
        (4, "Hourly Rate", "invalid-amount"),
    ]
