"""Cell values: amounts, dates, yes/no flags and whole numbers, parsed column-wise."""

import datetime as dt
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlwcheck import cells


def column(*values: str | None) -> pa.ChunkedArray:
    # Two chunks, as the CSV reader produces, so chunk boundaries are exercised too.
    half = len(values) // 2
    return pa.chunked_array(
        [pa.array(values[:half], pa.string()), pa.array(values[half:], pa.string())]
    )


def plain(values: object) -> list[object]:
    """Values as plain Python, NA as None and decimals as text (exact, with their places)."""
    out: list[object] = []
    for value in values.tolist():  # type: ignore[attr-defined]
        if value is None or value is pd.NA:
            out.append(None)
        else:
            out.append(str(value) if isinstance(value, Decimal) else value)
    return out


def codes(issues: list[cells.CellIssue]) -> dict[str, list[int]]:
    return {issue.code: issue.positions.tolist() for issue in issues}


def test_amounts_in_the_forms_payroll_exports_write() -> None:
    values, issues = cells.parse_amounts(
        column("£1,234.50", "1234.5", " 12.60 ", "£24,465", "Â£3.00", "£ 7", None, "", "0")
    )
    assert plain(values) == [
        "1234.500000",
        "1234.500000",
        "12.600000",
        "24465.000000",
        "3.000000",
        "7.000000",
        None,
        None,
        "0.000000",
    ]
    assert issues == []


def test_bad_and_negative_amounts_are_problems_and_missing() -> None:
    values, issues = cells.parse_amounts(
        column("(1,234.56)", "-5", "abc", "12.1234567", "£", "12.60", "1.2.3", "(0.00)")
    )
    assert values.isna().tolist() == [True, True, True, True, True, False, True, False]
    # 12.1234567 has 7 decimal places: refused rather than rounded.
    assert codes(issues) == {"invalid-amount": [2, 3, 4, 6], "negative-amount": [0, 1]}


def test_a_number_too_long_to_be_an_amount_is_refused_not_wrapped() -> None:
    # pyarrow's decimal cast wraps a long digit string silently: "1" + 124 zeros + "13.50" came
    # out as 13.50, "1" + 40,000 zeros as 0.00, and the worker passed.
    values, issues = cells.parse_amounts(
        column("1" + "0" * 124 + "13.50", "1" + "0" * 40_000, "9" * 30, "13.50", "2.4465E+04")
    )
    assert plain(values) == [None, None, None, "13.500000", "24465.000000"]
    assert codes(issues) == {"invalid-amount": [0, 1, 2]}


def test_a_comma_that_is_not_a_thousands_separator_is_not_guessed_away() -> None:
    # "12,60" (a decimal comma) must not become £1,260 and pass every check.
    values, issues = cells.parse_amounts(
        column("12,60", "1,2345", "1,2,3", "(12.00", "12.00)", "1,234,567.50", "£24,465")
    )
    assert plain(values) == [None, None, None, None, None, "1234567.500000", "24465.000000"]
    assert codes(issues) == {"invalid-amount": [0, 1, 2, 3, 4]}


def test_amounts_already_typed_by_the_csv_reader() -> None:
    typed = pa.chunked_array(
        [pa.array([Decimal("12.6"), Decimal("-1"), None], pa.decimal128(18, 6))]
    )
    values, issues = cells.parse_amounts(typed)
    assert plain(values) == ["12.600000", None, None]
    assert codes(issues) == {"negative-amount": [1]}


@given(
    st.decimals(
        min_value=0,
        max_value=Decimal("999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.sampled_from(["{:f}", "£{:f}", "£{:,f}", "{:,f}", " {:f} "]),
)
def test_a_formatted_amount_round_trips_exactly(amount: Decimal, style: str) -> None:
    values, issues = cells.parse_amounts(column(style.format(amount)))
    assert issues == []
    assert values.tolist()[0] == amount


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2))
def test_a_bracketed_amount_is_negative(amount: Decimal) -> None:
    values, issues = cells.parse_amounts(column(f"({amount:,f})"))
    assert codes(issues) == {"negative-amount": [0]}
    assert values.isna().all()  # reported, not kept as a negative amount


def test_dates_day_first_iso_compact_and_excel_serial() -> None:
    values, issues = cells.parse_dates(
        column("01/04/2026", "1/4/2026", "2026-04-01", "20260401", "46113", "29/02/2024", None)
    )
    expected = ["2026-04-01"] * 5 + ["2024-02-29"]
    assert [str(v)[:10] for v in values[:6]] == expected
    assert str(values.dtype) == "datetime64[s]"
    assert str(values[6]) == "NaT"
    assert issues == []


def test_impossible_and_invalid_dates() -> None:
    values, issues = cells.parse_dates(
        column("31/02/2025", "29/02/2025", "soon", "00/01/2020", "01/01/1066", "2025-13-01")
    )
    assert all(str(v) == "NaT" for v in values)
    assert codes(issues) == {"impossible-date": [0, 1], "invalid-date": [2, 3, 4, 5]}


def test_fixed_width_fast_path_still_checks_the_calendar() -> None:
    # Every cell DD/MM/YYYY takes the fast path; 31/04 must still be refused.
    values, issues = cells.parse_dates(column("30/04/2026", "31/04/2026"))
    assert str(values[0])[:10] == "2026-04-30"
    assert codes(issues) == {"impossible-date": [1]}


def test_month_first_dates_are_reported_and_make_the_column_ambiguous() -> None:
    values, issues = cells.parse_dates(
        column("12/31/2025", "01/04/2026", "13/04/2026", "05/05/2026")
    )
    # 12/31/2025 only works month first, so 01/04/2026 could be January or April: not guessed.
    # 13/04/2026 is unambiguous (13 cannot be a month) and 05/05 reads the same either way.
    assert [str(v)[:10] for v in values] == ["NaT", "NaT", "2026-04-13", "2026-05-05"]
    assert codes(issues) == {"month-first-date": [0], "ambiguous-date": [1]}


def test_day_first_dates_alone_are_not_ambiguous() -> None:
    values, issues = cells.parse_dates(column("01/04/2026", "02/04/2026"))
    assert [v.astype(dt.datetime).month for v in values] == [4, 4]
    assert issues == []


def test_booleans_any_case() -> None:
    values, issues = cells.parse_booleans(
        column("Yes", "n", "TRUE", "0", "1", "F", " y ", "maybe", None, "")
    )
    assert plain(values) == [True, False, True, False, True, False, True, None, None, None]
    assert codes(issues) == {"invalid-boolean": [7]}


def test_counts() -> None:
    values, issues = cells.parse_counts(column("25", " 3 ", "x", None, "30.5", "-1"))
    assert plain(values) == [25, 3, None, None, None, None]
    assert codes(issues) == {"invalid-number": [2, 4, 5]}


@pytest.mark.parametrize("text", ["1e3", "+12", "12."])
def test_forms_the_decimal_parser_accepts_are_the_same_typed_or_not(text: str) -> None:
    # A cell's value must not depend on whether the CSV reader typed its column (other cells).
    typed = pa.chunked_array([pa.array([text])]).cast(pa.decimal128(18, 6))
    assert plain(cells.parse_amounts(column(text))[0]) == plain(cells.parse_amounts(typed)[0])


@pytest.mark.parametrize(
    "cells_in",
    [
        ("01/04/2026", None, "29/02/2024", None),  # every cell DD/MM/YYYY: the byte-matrix path
        ("2026-04-01", None, "2024-02-29", None),  # every cell ISO
        ("1/4/2026", None, "29/02/2024", None),  # mixed widths: the pattern path
    ],
)
def test_fast_and_general_date_paths_agree_with_blank_cells(
    cells_in: tuple[str | None, ...],
) -> None:
    values, issues = cells.parse_dates(column(*cells_in))
    assert [str(v)[:10] for v in values] == ["2026-04-01", "NaT", "2024-02-29", "NaT"]
    assert issues == []


def test_fixed_width_cells_with_a_non_digit_use_the_general_parser() -> None:
    values, issues = cells.parse_dates(column("01/04/2026", "0x/04/2026", "+1/04/2026"))
    assert str(values[0])[:10] == "2026-04-01"
    assert codes(issues) == {"invalid-date": [1, 2]}


def test_a_bare_year_is_not_taken_for_an_excel_serial() -> None:
    # As a serial, 1990 would be 12 June 1905: refused instead. 10000 is 18 May 1927.
    values, issues = cells.parse_dates(column("1990", "10000", "60"))
    assert [str(v)[:10] for v in values] == ["NaT", "1927-05-18", "NaT"]
    assert codes(issues) == {"invalid-date": [0, 2]}


def test_a_repeated_date_is_parsed_once_but_reported_at_every_row() -> None:
    # Dates are parsed per distinct text and spread back, across the reader's chunks.
    values, issues = cells.parse_dates(
        column("31/02/2025", "01/04/2026", None, "31/02/2025", "01/04/2026", "31/02/2025")
    )
    assert [str(v)[:10] for v in values] == ["NaT", "2026-04-01", "NaT", "NaT", "2026-04-01", "NaT"]
    assert codes(issues) == {"impossible-date": [0, 3, 5]}


def test_typed_negative_amounts_are_found_in_any_chunk_and_slice() -> None:
    # The sign is read from the decimals' memory, so chunk offsets must be honoured.
    numbers = [Decimal("-3"), Decimal("12.6"), None, Decimal("-0.000001"), Decimal("5")]
    whole = pa.array(numbers, pa.decimal128(18, 6))
    typed = pa.chunked_array([whole.slice(1, 2), whole.slice(3, 2)])  # skips the -3
    values, issues = cells.parse_amounts(typed)
    assert plain(values) == ["12.600000", None, None, "5.000000"]
    assert codes(issues) == {"negative-amount": [2]}
    values, issues = cells.parse_amounts(pa.chunked_array([whole.slice(1, 2)]))
    assert issues == []


def test_text_is_trimmed_and_blanks_are_null() -> None:
    trimmed = cells.present_text(column("A1", " B2", "C3\t", "\u00a0D4", "", None, "  ", "É5"))
    assert trimmed.to_pylist() == ["A1", "B2", "C3", "D4", None, None, None, "É5"]
    clean = column("00012", None, "A-1", "x")
    assert cells.present_text(clean).to_pylist() == ["00012", None, "A-1", "x"]
    assert cells.present_text(column("", None)).to_pylist() == [None, None]  # no text bytes


@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet=st.sampled_from(["a", "7", " ", "\t", "\u00a0", "é", "\u3000", "-"])),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_text_that_needs_no_trim_reads_as_a_full_trim_would(
    values: list[str | None], cut: int, sliced: bool
) -> None:
    # The buffers are read directly when no trim is needed; a sliced chunk must not fool that,
    # nor a chunk whose text buffer is empty.
    whole = (
        pa.array(["  pad  ", *values], pa.string()).slice(1)
        if sliced
        else pa.array(values, pa.string())
    )
    text = pa.chunked_array([whole.slice(0, cut), whole.slice(cut)], pa.string())
    trimmed = [None if v is None else v.strip(" \t\u00a0\u3000") or None for v in values]
    assert cells.present_text(text).to_pylist() == trimmed


def test_flags_typed_by_the_csv_reader_spread_back_past_nulls_and_slices() -> None:
    # The reader gives each chunk its own dictionary; results per value go back chunk by chunk.
    first = pa.array(["no", "yes", None, "maybe"]).dictionary_encode().slice(1)
    second = pa.array([None, "Y", "no", "maybe"]).dictionary_encode()
    values, issues = cells.parse_booleans(pa.chunked_array([first, second]))
    assert plain(values) == [True, None, None, None, True, False, None]
    assert codes(issues) == {"invalid-boolean": [2, 6]}


def test_counts_repeat_and_are_worked_out_once_each() -> None:
    values, issues = cells.parse_counts(column("25", None, "x", "25", " 25", "x"))
    assert plain(values) == [25, None, None, 25, 25, None]
    assert codes(issues) == {"invalid-number": [2, 5]}


def test_repeated_text_amounts_are_parsed_once_each_with_the_same_answers() -> None:
    cells_in = ["£1,234.50", "abc", None, "(2.00)", " 12.60 ", "-1", "£1,234.50", "(0.00)"]
    one_by_one = [plain(cells.parse_amounts(column(cell))[0])[0] for cell in cells_in]
    # Every value twice: the column repeats, so it is worked out per distinct value.
    values, issues = cells.parse_amounts(column(*cells_in, *cells_in))
    assert plain(values) == one_by_one * 2
    assert one_by_one[0] == "1234.500000" and one_by_one[7] == "0.000000"
    assert codes(issues) == {"invalid-amount": [1, 9], "negative-amount": [3, 5, 11, 13]}
