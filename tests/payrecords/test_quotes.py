"""Quotes in CSV files: no record is ever lost or split by a quote, and a quote that is never
closed stops the read, naming the spreadsheet row and column where it opens."""

import pytest

from rlwcheck.errors import InputError
from rlwcheck.payfiles import MAX_CELL_LINES, MAX_LINE_BYTES

HEADER = "Staff Number,Full Name,Date of Birth,Work Site,Hourly Rate\n"


def _rows(count: int, start: int = 0) -> list[str]:
    return [f"{i},n{i},01/01/1990,Swanley Depot,13.45\n" for i in range(start, start + count)]


def test_an_unclosed_quote_in_a_large_file_is_refused_not_swallowing_rows(write_file, read) -> None:
    # 40,000 rows (about 1.4 MB, more than the fast reader's 1 MB block): the reader used to
    # swallow the rest of the block into one name and carry on, losing ~24,000 rows, the
    # underpaid worker 100 among them.
    lines = _rows(40_000)
    lines[50] = '50,"Unclosed,01/01/1990,Swanley Depot,13.45\n'  # spreadsheet row 52
    lines[100] = "100,n100,01/01/1990,Swanley Depot,9.00\n"
    path = write_file(HEADER + "".join(lines))
    with pytest.raises(InputError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}, row 52, column 'Full Name': a quote opens here and is not closed, so the rows "
        "after it would be lost; close or remove the quote and export again"
    )


def test_an_unclosed_quote_near_the_end_is_refused(write_file, read) -> None:
    lines = _rows(5_000)
    lines[-3] = '4997,"Unclosed,01/01/1990,Swanley Depot,13.45\n'
    with pytest.raises(InputError, match=r"row 4999, column 'Full Name': a quote opens here"):
        read(write_file(HEADER + "".join(lines)))


def test_two_stray_quotes_far_apart_are_refused_at_the_first(write_file, read) -> None:
    # The quotes pair up, so the file ends balanced, but the rows between would be one name.
    lines = _rows(1_000)
    lines[10] = '10,"Stray,01/01/1990,Swanley Depot,13.45\n'
    lines[10 + MAX_CELL_LINES + 5] = 'x",n,01/01/1990,Swanley Depot,13.45\n'
    with pytest.raises(InputError, match=r"row 12, column 'Full Name': a quote opens here"):
        read(write_file(HEADER + "".join(lines)))


def test_values_spanning_lines_across_read_blocks_keep_every_row(write_file, read) -> None:
    # A two-line name every 997 rows over ~1.6 MB: some fall across the reader's 1 MB blocks.
    lines = _rows(45_000)
    for i in range(0, 45_000, 997):
        lines[i] = f'{i},"Ada\nExample {i}",01/01/1990,Swanley Depot,13.45\n'
    path = write_file(HEADER + "".join(lines))
    assert path.stat().st_size > MAX_LINE_BYTES
    frame = read(path).frame
    assert len(frame) == 45_000
    assert frame["row"].tolist() == list(range(2, 45_002))
    assert frame["worker_id"].tolist() == [str(i) for i in range(45_000)]
    assert frame["name"][997] == "Ada\nExample 997"


def test_quotes_inside_unquoted_values_and_doubled_quotes_are_text(write_file, read) -> None:
    text = HEADER + (
        '1,Ann 5" Lee,01/01/1990,Swanley Depot,13.45\n'
        '2,"Bo ""Jo"" Day",01/01/1990,Swanley Depot,13.45\n'
        "3,Cy,01/01/1990,Swanley Depot,13.45\n"
    )
    frame = read(write_file(text)).frame
    assert frame["name"].tolist() == ['Ann 5" Lee', 'Bo "Jo" Day', "Cy"]
    assert frame["row"].tolist() == [2, 3, 4]


def test_text_after_a_closing_quote_is_kept_on_either_path(write_file, read) -> None:
    # As pyarrow reads it; a short row sends the second file down the exact path.
    text = HEADER + '1,"Ann" Lee,01/01/1990,Swanley Depot,13.45\n2,Bo,01/01/1990\n'
    assert read(write_file(text)).frame["name"].tolist() == ["Ann Lee", "Bo"]
    full = text.replace("2,Bo,01/01/1990", "2,Bo,01/01/1990,Swanley Depot,13.45")
    assert read(write_file(full)).frame["name"].tolist() == ["Ann Lee", "Bo"]


def test_an_unclosed_quote_on_the_exact_path_is_refused(write_file, read) -> None:
    text = HEADER + '1,Ann,01/01/1990\n2,"Bo,01/01/1990,Swanley Depot,13.45\n3,Cy\n'
    with pytest.raises(InputError, match=r"row 3, column 'Full Name': a quote opens here"):
        read(write_file(text))


def test_a_stray_quote_closed_by_a_later_one_a_few_rows_down_is_refused(write_file, read) -> None:
    # Row 12 opens a quote; the inch mark on row 17 closes it. Quote and cell counts all agree,
    # yet rows 13-16 would be one worker's name.
    lines = _rows(100)
    lines[10] = '10,"Stray,01/01/1990,Swanley Depot,13.45\n'
    lines[15] = '15,n15 12" monitor,01/01/1990,Swanley Depot,13.45\n'
    with pytest.raises(InputError) as caught:
        read(write_file(HEADER + "".join(lines)))
    assert (
        "row 12, column 'Full Name': a quoted value here runs over lines that look like rows"
        in (str(caught.value))
    )


def test_an_address_over_several_lines_is_one_value(write_file, read) -> None:
    text = 'ID,Name,Address,Rate,Hours\n1,Ann,"1 High St,\nFlat 2,\nSE1 7EH",13.45,30\n'
    frame = read(write_file(text)).frame
    assert frame["worker_id"].tolist() == ["1"]
