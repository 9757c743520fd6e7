"""Line ends: LF, CRLF and an old Mac's CR alone ("CSV (Macintosh)"), also inside quoted cells."""

HEADER = "Staff Number,Full Name,Hourly Rate"


def test_a_file_with_carriage_returns_only_is_read(write_file, read) -> None:
    text = "\r".join(["Supplier return", HEADER, "1,Ann Lee,13.45", "2,Bo Day,12.00", ""])
    records = read(write_file(text))
    assert records.files[0].mapping.header_row == 2
    assert records.frame["worker_id"].tolist() == ["1", "2"]
    assert records.frame["row"].tolist() == [3, 4]


def test_a_carriage_return_inside_a_quoted_cell_in_the_first_lines(write_file, read) -> None:
    text = HEADER + '\n1,"Ann\rLee",13.45\n2,Bo Day,12.00\n'
    frame = read(write_file(text)).frame
    assert frame["name"].tolist() == ["Ann\rLee", "Bo Day"]
    assert frame["row"].tolist() == [2, 3]


def test_a_quoted_title_spanning_lines_counts_as_one_row(write_file, read) -> None:
    # The header is the spreadsheet's row 2, its data from row 3; the data starts after it.
    text = '"Return for\r\nApril"\r\n' + HEADER + "\r\n1,Ann Lee,13.45\r\n"
    records = read(write_file(text))
    assert records.files[0].mapping.header_row == 2
    assert records.frame["worker_id"].tolist() == ["1"]
    assert records.frame["row"].tolist() == [3]
