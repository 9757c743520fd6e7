"""Rows whose cell count differs from the header's: what is kept, and how a refusal names it."""

import pytest

from rlwcheck.errors import InputError


def test_empty_cells_beyond_the_header_are_accepted(write_file, read) -> None:
    # Excel pads a row it once held more cells on: `…\t30\t\t`.
    text = "ID\tName\tRate\n1\tAda\t12.60\t\t\n2\tBen\t12.71\n"
    frame = read(write_file(text)).frame
    assert frame["worker_id"].tolist() == ["1", "2"]
    assert [str(rate) for rate in frame["hourly_rate"]] == ["12.600000", "12.710000"]


def test_a_row_with_more_values_than_the_header_is_named_by_its_spreadsheet_row(
    write_file, read
) -> None:
    # The quoted name spans lines 2-4, so the bad record on line 6 is spreadsheet row 4.
    text = 'ID,Name,Rate\n1,"Ada\nB\nExample",12.60\n2,Ben,12.71\n3,Cy,12.21,oops\n'
    path = write_file(text)
    with pytest.raises(InputError) as caught:
        read(path)
    assert str(caught.value) == (
        f"{path}, row 4: 4 cells but the header has 3; quote values that contain the delimiter"
    )
