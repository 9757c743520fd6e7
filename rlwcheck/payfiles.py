"""Read a CSV or .xlsx pay file into text columns, keeping spreadsheet row numbers.

Cells are read as text, so IDs keep their leading zeros and no value is guessed; they are
turned into typed values afterwards (rlwcheck.cells), column by column. The one exception is
speed: amount and yes/no columns of a CSV are parsed by pyarrow itself when every cell allows
it, and re-read as text otherwise, so that each bad cell can still be reported.

CSV: the encoding is UTF-8 (a BOM is skipped), else Windows-1252, which is what Excel's
"CSV" saves. Lines end in LF, CRLF or a lone CR (old Mac). The delimiter (comma, semicolon,
tab or pipe) is sniffed from the first lines, and title lines above the header are skipped
by scoring rows for known header names. The data is read by pyarrow's multi-threaded reader.
A line longer than :data:`MAX_LINE_BYTES` stops the read with a clear error instead of
exhausting memory. Row numbers are the rows a spreadsheet shows when it opens the file (the
header of a plain CSV is row 1): one row per record, so a quoted value spanning several lines
is one row, as in Excel. A blank line inside the data is a row with no values, so it is
reported rather than dropped. Rows with fewer cells than the header (some exporters drop
trailing empty cells) are padded with blanks, and empty cells beyond the header dropped, on a
slower exact path (Python's csv module).

No record may be lost or split by a quote. When the data holds quotes, one vectorised pass over
its bytes counts the records (a line break ends one after an even number of quotes) and the
fast read must agree, else the exact path reads the file. A quote still open at the end, or a
quoted value over :data:`MAX_CELL_LINES` lines, is a quote never closed: the read stops,
naming the row and column where it opens.

XLSX workbooks are read by rlwcheck.workbooks, into the same layout and text table.

Trailing rows with no value in any cell (spreadsheet padding) are not data rows.
"""

import codecs
import csv
import io
import itertools
import mmap
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from rlwcheck.columns import header_score
from rlwcheck.errors import InputError
from rlwcheck.spreadsheets import kept_file_errors

if TYPE_CHECKING:
    pass

HEAD_BYTES = 64 * 1024
MAX_LINE_BYTES = 1024 * 1024
MAX_CELL_LINES = 50  # a quoted value over more lines is a quote left open, not a payroll cell
_SCAN_BYTES = 64 * 1024 * 1024
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Layout:
    """What is known about a file before its data is read."""

    headers: list[str]
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: tuple[str, ...] = ()  # XLSX: every sheet of the workbook, for messages
    data_offset: int = 0  # CSV: first byte after the header line
    sheet_rows: list[list[str | None]] | None = None  # XLSX: every row as text


@dataclass(frozen=True)
class TextTable:
    layout: Layout
    columns: list[pa.ChunkedArray]  # one per header, string, null for blank
    rows: npt.NDArray[np.int64]  # spreadsheet row number of each data row

    @property
    def size(self) -> int:
        return len(self.rows)


def read_layout(path: Path, sheet: str | None = None, header_row: int | None = None) -> Layout:
    """Find the format, encoding, delimiter and header row without reading all the data.

    ``sheet`` applies to workbooks only, so one option serves a mix of CSV and .xlsx files."""
    head = _head(path)
    if head.startswith(_XLSX_MAGIC):
        from rlwcheck.workbooks import xlsx_layout  # not at import: workbooks needs Layout

        return xlsx_layout(path, sheet, header_row)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f'{path} is UTF-16 text (Excel\'s "Unicode Text"): save it from Excel as '
            '"CSV UTF-8" instead'
        )
    if head.startswith(_OLE_MAGIC):
        raise InputError(
            f"{path} is an old .xls workbook: open it in Excel and save it as .xlsx or CSV"
        )
    if b"\x00" in head:
        raise InputError(
            f"{path} is not a text file or a .xlsx workbook: export the payroll as CSV or .xlsx"
        )
    return _csv_layout(path, head, header_row)


def read_table(
    path: Path, layout: Layout, types: Mapping[int, pa.DataType] | None = None
) -> TextTable:
    """Read the data rows. ``types`` asks the CSV reader to parse some columns itself (decimals
    for amounts, dictionaries for flags): much faster, and any column it cannot parse is read
    as text instead, so the cell-level parsers can report each bad cell."""
    if layout.sheet_rows is not None:
        from rlwcheck.workbooks import xlsx_table

        return xlsx_table(layout)
    return _csv_table(path, layout, dict(types or {}))


def _head(path: Path) -> bytes:
    with kept_file_errors(path), path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip():
        raise InputError(f"{path} is empty: export the payroll again")
    return head


# --- CSV ---------------------------------------------------------------------------------


def _csv_layout(path: Path, head: bytes, header_row: int | None) -> Layout:
    encoding, text = _decode_head(path, head)
    lines = _LINE.findall(text)  # each with its line break: LF, CRLF or an old Mac's CR
    if len(head) == HEAD_BYTES:
        if len(lines) == 1:
            raise InputError(
                f"{path}: the first line is longer than {HEAD_BYTES // 1024} KB; this is not a payroll export"
            )
        lines = lines[:-1]  # the last line may be cut off mid-way
    delimiter = _sniff_delimiter(lines[:HEADER_SEARCH_ROWS])
    rows, ends = _head_records(path, lines, delimiter, max(HEADER_SEARCH_ROWS, header_row or 0))
    chosen = header_row or best_header_row(rows)
    if chosen > len(rows):
        raise InputError(f"{path}: header row {chosen} is beyond the end of the file")
    header_text = text[: ends[chosen - 1]]
    bom = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    return Layout(
        headers=[cell.strip() for cell in rows[chosen - 1]],
        header_row=chosen,
        encoding=encoding,
        delimiter=delimiter,
        data_offset=bom + len(header_text.encode(encoding.removesuffix("-sig"))),
    )


def _head_records(
    path: Path, lines: Sequence[str], delimiter: str, wanted: int
) -> tuple[list[list[str]], list[int]]:
    """The first ``wanted`` records (a quoted value may span lines) and, for each, how many
    characters of the text it ends at."""
    consumed = 0

    def counted() -> Iterator[str]:
        nonlocal consumed
        for line in lines:
            consumed += len(line)
            yield line

    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for record in csv.reader(counted(), delimiter=delimiter):
            rows.append(record)
            ends.append(consumed)
            if len(rows) == wanted:
                break
    except csv.Error as exc:
        raise InputError(
            f"{path} cannot be read as CSV at row {len(rows) + 1} ({exc}); save it again as CSV"
        ) from exc
    return rows, ends


def _decode_head(path: Path, head: bytes) -> tuple[str, str]:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", head[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return "utf-8", head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) == HEAD_BYTES:
            return "utf-8", head[: exc.start].decode("utf-8")  # a character cut by the sample
    try:
        return "cp1252", head.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8"
        ) from exc


def _sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits the most lines into the same number (>1) of cells."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if row)
        except csv.Error:
            continue  # not this delimiter's CSV
        cells, lines_agreeing = max(
            counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0)
        )
        score = (lines_agreeing, cells) if cells > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def best_header_row(rows: Sequence[Sequence[str | None]]) -> int:
    """1-based number of the row that names the most known fields (the first on a tie)."""
    scores = [header_score([cell or "" for cell in row]) for row in rows[:HEADER_SEARCH_ROWS]]
    best = max(scores, default=0)
    return scores.index(best) + 1 if best else 1


def _csv_table(path: Path, layout: Layout, types: dict[int, pa.DataType]) -> TextTable:
    if layout.data_offset >= path.stat().st_size:  # a header and nothing else
        empty = [pa.chunked_array([], pa.string()) for _ in layout.headers]
        return TextTable(layout, empty, np.zeros(0, np.int64))
    scan = _scan_records(path, layout.data_offset)
    table = _csv_records(path, layout, types, scan)
    if scan is not None and scan.quoted_line_breaks:
        _refuse_swallowed_rows(path, table)
    return table


def _csv_records(
    path: Path, layout: Layout, types: dict[int, pa.DataType], scan: "_RecordScan | None"
) -> TextTable:
    names = [f"c{i}" for i in range(len(layout.headers))]
    typed = {name: types.get(i, pa.string()) for i, name in enumerate(names)}
    text_only = {name: pa.string() if pa.types.is_decimal(t) else t for name, t in typed.items()}
    encoding = "cp1252" if layout.encoding == "cp1252" else "utf8"
    if scan is not None and scan.suspect:
        return _python_csv_table(path, layout)  # it names the quote that is never closed
    spanning = scan is not None and scan.quoted_line_breaks
    try:
        try:
            table = _pyarrow_read(path, layout, typed, encoding, spanning)
        except pa.ArrowInvalid as exc:
            if not str(exc).startswith("In CSV column #") or typed == text_only:
                raise
            # a cell the reader refused
            table = _pyarrow_read(path, layout, text_only, encoding, spanning)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8"
        ) from exc
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) and encoding == "utf8":
            return _csv_records(path, replace(layout, encoding="cp1252"), types, scan)
        if "columns, got" in str(exc):
            return _python_csv_table(path, layout)
        raise _csv_error(path, exc) from exc
    if scan is not None and table.num_rows != scan.records:
        return _python_csv_table(path, layout)  # never trust a read that lost or split a record
    columns = [table.column(name) for name in names]
    size = _without_trailing_blank_rows(columns, table.num_rows)
    first = layout.header_row + 1
    rows = np.arange(first, first + size, dtype=np.int64)
    return TextTable(layout, [column.slice(0, size) for column in columns], rows)


def _refuse_swallowed_rows(path: Path, table: TextTable) -> None:
    """A quoted value whose later lines each hold a whole row's delimiters is rows swallowed by a
    stray quote that a later quote happened to close (cell counts and quote counts all agree)."""
    delimiter, width = table.layout.delimiter or ",", len(table.layout.headers)
    for position, column in enumerate(table.columns):
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            continue  # amounts and flags: a swallowed row would not have parsed
        spans = pc.fill_null(pc.match_substring_regex(column, "[\r\n]"), False)
        for index in np.flatnonzero(spans.to_numpy(zero_copy_only=False)):
            later_lines = _LINE.findall(column[int(index)].as_py())[1:]
            if any(line.count(delimiter) >= width - 1 for line in later_lines):
                row = int(table.rows[index])
                raise InputError(
                    f"{path}, row {row}, column {table.layout.headers[position]!r}: a quoted "
                    "value here runs over lines that look like rows of their own, so a quote is "
                    "not closed where it should be; correct the quotes and export again"
                )


def _pyarrow_read(
    path: Path, layout: Layout, kinds: dict[str, pa.DataType], encoding: str, spanning: bool
) -> pa.Table:
    with pa.memory_map(str(path)) as source:
        source.seek(layout.data_offset)
        return pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(
                column_names=list(kinds), block_size=MAX_LINE_BYTES, encoding=encoding
            ),
            # A blank line is kept as a row with no values, so rows stay numbered as lines.
            # A quoted value spanning lines needs the slower quote-aware split into blocks.
            parse_options=pacsv.ParseOptions(
                delimiter=layout.delimiter or ",",
                ignore_empty_lines=False,
                newlines_in_values=spanning,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=kinds,
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )


def _python_csv_table(path: Path, layout: Layout) -> TextTable:
    """The slow, exact path: Python's csv module, record by record. It takes rows with fewer
    cells than the header (some exporters drop trailing empty cells; they are padded with
    blanks), and empty cells beyond the header. A row with more values than the header cannot
    be placed, and a quote never closed would swallow the rows after it: both stop the read,
    naming the spreadsheet row."""
    encoding = "cp1252" if layout.encoding == "cp1252" else "utf-8"
    try:
        with path.open("rb") as raw:
            raw.seek(layout.data_offset)
            with io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
                cells = _records(path, layout, text)
    except UnicodeDecodeError as exc:
        # Windows-1252 bytes after the sampled start, as on the fast path.
        if encoding == "utf-8":
            return _python_csv_table(path, replace(layout, encoding="cp1252"))
        raise InputError(
            f"{path} is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8"
        ) from exc
    while cells and not any(cells[-1]):
        cells.pop()
    width = len(layout.headers)
    columns = [
        pa.chunked_array([pa.array([row[i] for row in cells], pa.string())]) for i in range(width)
    ]
    first = layout.header_row + 1
    return TextTable(layout, columns, np.arange(first, first + len(cells), dtype=np.int64))


def _records(path: Path, layout: Layout, text: Iterable[str]) -> list[list[str | None]]:
    """Each record's cells, exactly as many as the header."""
    width = len(layout.headers)
    cells: list[list[str | None]] = []
    lines = _RecordLines(text)
    try:
        for record in csv.reader(lines, delimiter=layout.delimiter or ","):
            row = layout.header_row + 1 + len(cells)  # a record is a sheet row
            if lines.count > MAX_CELL_LINES or (lines.ended and record != [_END_OF_FILE]):
                raise _unclosed_quote(path, layout, row, lines.first)
            if lines.ended:
                return cells
            if len(record) > width and any(value.strip() for value in record[width:]):
                raise InputError(
                    f"{path}, row {row}: {len(record)} cells but the header has {width}; "
                    "quote values that contain the delimiter"
                )
            cells.append([value or None for value in record[:width]])
            cells[-1] += [None] * (width - len(record))
            lines.next_record()
    except csv.Error as exc:  # such as a value over the csv module's size limit
        row = layout.header_row + 1 + len(cells)
        if _opens_a_quote(lines.first, layout):
            raise _unclosed_quote(path, layout, row, lines.first) from exc
        raise InputError(f"{path} cannot be read as CSV at row {row} ({exc})") from exc
    return cells


# A last line no file holds: the reader returns it as a record of its own only when every quote
# before it was closed; a quote left open swallows it.
_END_OF_FILE = "\uffffend of file\uffff"


class _RecordLines:
    """The lines fed to csv.reader, then :data:`_END_OF_FILE`, remembering the first line of
    the record being read and how many lines it has taken (the reader pulls one at a time)."""

    def __init__(self, text: Iterable[str]) -> None:
        self._text = itertools.chain(text, [_END_OF_FILE])
        self.first = ""
        self.count = 0
        self.ended = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._text)
        self.ended = line is _END_OF_FILE
        if not self.count:
            self.first = line
        self.count += 1
        return line

    def next_record(self) -> None:
        self.count = 0


def _opens_a_quote(line: str, layout: Layout) -> bool:
    """The line ends inside a quoted value."""
    try:
        next(csv.reader([line.rstrip("\r\n")], delimiter=layout.delimiter or ",", strict=True))
    except csv.Error as exc:
        return str(exc) == "unexpected end of data"
    return False


def _unclosed_quote(path: Path, layout: Layout, row: int, line: str) -> InputError:
    """The quote opens in the last cell that the record's first line starts."""
    opened = next(csv.reader([line.rstrip("\r\n")], delimiter=layout.delimiter or ","), [""])
    position = len(opened) - 1
    column = layout.headers[position] if position < len(layout.headers) else f"cell {position + 1}"
    return InputError(
        f"{path}, row {row}, column {column!r}: a quote opens here and is not closed, so the rows "
        "after it would be lost; close or remove the quote and export again"
    )


@dataclass(frozen=True)
class _RecordScan:
    """What the quotes in a CSV's data do: a cheap count of its records to hold the fast reader
    to, whether a quoted value spans lines, and whether a quote looks never closed (still open
    at the end, or a value over more than MAX_CELL_LINES lines)."""

    records: int
    quoted_line_breaks: bool
    suspect: bool


def _scan_records(path: Path, offset: int) -> _RecordScan | None:
    """None when the data has no quote (then every line break ends a record). Otherwise a
    vectorised pass over the bytes: a line break ends a record when an even number of quotes
    precede it (a doubled quote inside a value counts two)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        if view.find(b'"', offset) < 0:
            return None
    data = np.memmap(path, np.uint8, mode="r", offset=offset)
    counter = _RecordCounter()
    for start in range(0, len(data), _SCAN_BYTES):
        counter.feed(data[start : start + _SCAN_BYTES], data[start + _SCAN_BYTES :][:1])
    ends_with_break = bool(data[-1] in (_LF, _CR))
    return counter.result(ends_with_break)


class _RecordCounter:
    def __init__(self) -> None:
        self.quotes = 0
        self.records = 0
        self.quoted_breaks = False
        self.run = 0  # line breaks inside the value still open
        self.longest = 0

    def feed(self, chunk: npt.NDArray[np.uint8], following: npt.NDArray[np.uint8]) -> None:
        quotes = np.flatnonzero(chunk == _QUOTE)
        breaks = _line_breaks(chunk, following)
        inside = (self.quotes + np.searchsorted(quotes, breaks)) % 2 == 1
        self.quotes += quotes.size
        self.records += int(breaks.size - np.count_nonzero(inside))
        self.quoted_breaks |= bool(inside.any())
        self._measure_runs(inside)

    def _measure_runs(self, inside: npt.NDArray[np.bool_]) -> None:
        """The most line breaks in one quoted value, counting across chunks."""
        closed = np.flatnonzero(~inside)
        if not closed.size:
            self.run += inside.size
        else:
            gaps = np.diff(closed) - 1
            self.longest = max(self.longest, self.run + int(closed[0]), int(gaps.max(initial=0)))
            self.run = inside.size - int(closed[-1]) - 1
        self.longest = max(self.longest, self.run)

    def result(self, ends_with_break: bool) -> _RecordScan:
        open_at_end = self.quotes % 2 == 1
        return _RecordScan(
            records=self.records + (0 if ends_with_break else 1),
            quoted_line_breaks=self.quoted_breaks,
            suspect=open_at_end or self.longest >= MAX_CELL_LINES,
        )


def _line_breaks(
    chunk: npt.NDArray[np.uint8], following: npt.NDArray[np.uint8]
) -> npt.NDArray[np.intp]:
    """Where lines end: LF, or a CR not followed by LF (old Mac files)."""
    feeds = np.flatnonzero(chunk == _LF)
    returns = np.flatnonzero(chunk == _CR)
    if not returns.size:
        return feeds
    after = np.zeros(returns.size, np.uint8)
    within = returns + 1 < chunk.size
    after[within] = chunk[returns[within] + 1]
    if following.size:
        after[~within] = following[0]
    alone = returns[after != _LF]
    return np.union1d(feeds, alone)


def _csv_error(path: Path, exc: pa.ArrowInvalid) -> InputError:
    detail = str(exc)
    if "straddling" in detail:
        return InputError(
            f"{path} has a line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB; "
            "a payroll row is never that long: check the file is a payroll export"
        )
    return InputError(f"{path} cannot be read as CSV ({detail[:200]})")


def _without_trailing_blank_rows(columns: list[pa.ChunkedArray], size: int) -> int:
    """The number of rows up to the last one with any value (cheap when the last row has one)."""
    if not size or not columns or any(column[size - 1].is_valid for column in columns):
        return size
    filled = np.logical_or.reduce(
        [np.asarray(pc.is_valid(c).to_numpy(zero_copy_only=False), dtype=bool) for c in columns]
    )
    rows_with_values = np.flatnonzero(filled)
    return int(rows_with_values[-1]) + 1 if rows_with_values.size else 0
