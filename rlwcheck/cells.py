"""Turn whole columns of text cells into exact values, vectorised, and say which cells are bad.

Every parser takes a pyarrow column of text (null or blank = no value; amounts and flags may
arrive already typed by the CSV reader) and returns the values plus a list of
:class:`CellIssue` (a problem code and the positions of the offending cells). An invalid cell
becomes a missing value, never a guess; a blank cell is simply missing.

The hot path has no per-row Python: pyarrow.compute for text, numpy for calendar arithmetic.
The conventions are those of the single-value parsers in rlwcheck.money and rlwcheck.dates
(day-first dates, ``£1,234.50`` and ``(12.00)`` amounts), re-expressed for whole columns;
amounts also accept what spreadsheets write for big numbers (``2.4465E+04``).
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

DECIMAL = pa.decimal128(18, 6)
# What arrow's decimal parser can read; anything else is refused before parsing.
# Digits are capped well inside a 128-bit decimal: pyarrow's cast of a longer digit string
# overflows silently (1 with 124 zeros then 13.50 came out as 13.50). Anything longer than
# an amount could be is refused as unreadable, never guessed.
_NUMBER = r"^[+-]?(\d{1,15}\.?\d{0,15}|\.\d{1,15})([eE][+-]?\d{1,3})?$"
_COUNT = r"^\d{1,4}$"
# A comma in an amount separates thousands, never anything else: "12,60" is not read as 1260.
_GROUPED = r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$"
YES_WORDS = ("yes", "y", "true", "t", "1")  # in any case; the sites file reads them too
NO_WORDS = ("no", "n", "false", "f", "0")
_TRUE = pa.array(YES_WORDS)
_FALSE = pa.array(NO_WORDS)
# Excel serial day numbers start at 18 May 1927 here: a 4-digit number in a date column is far
# more likely a bare year (1990) than a date in 1900-1927, and must not become one silently.
_FIRST_SAFE_SERIAL = 10_000
_SERIAL_EPOCH = np.datetime64("1899-12-30", "D")
# Every (year, month, day 1..31) from 1900 to 2199 -> its day number since 1970, or NaT if no such
# day: checking a whole column of dates is then one table lookup per cell. Years outside this
# range are typing slips here (no worker or pay period is that old, or that far ahead).
_FIRST_YEAR, _LAST_YEAR = 1900, 2199
_NAT = np.datetime64("NaT", "D").view(np.int64)


def _calendar() -> npt.NDArray[np.int64]:
    year, month, day = np.meshgrid(
        np.arange(_FIRST_YEAR, _LAST_YEAR + 1), np.arange(1, 13), np.arange(1, 32), indexing="ij"
    )
    first_of_month = (year - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    date = first_of_month.astype("datetime64[D]") + (day - 1)
    exists = date.astype("datetime64[M]") == first_of_month
    return np.where(exists, date.view(np.int64), _NAT).ravel()


_CALENDAR = _calendar()
_DATE_PATTERNS = {
    "day_first": r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$",
    "iso": r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$",
    "compact": r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$",
}

Mask = npt.NDArray[np.bool_]
Positions = npt.NDArray[np.int64]


@dataclass(frozen=True)
class CellIssue:
    """Cells of one column that share a problem: the code, where, and how to fix it."""

    code: str
    positions: Positions
    message: str


_SHARED_BLOCK_ROWS = 1 << 16


def on_every_row(value: pa.Scalar, size: int) -> pa.ChunkedArray:
    """One value on every row, as chunks that all share one block (Arrow data is immutable):
    the file name or a blank on 10 million rows then takes 64K rows' memory, not 10 million's."""
    block = pa.repeat(value, min(size, _SHARED_BLOCK_ROWS))
    whole, rest = divmod(size, len(block)) if size else (0, 0)
    chunks = [block] * whole + ([block.slice(0, rest)] if rest else [])
    return pa.chunked_array(chunks, value.type)


def present_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Trimmed text with blank cells as null."""
    if _nothing_to_trim(column):
        return column
    trimmed = pc.utf8_trim_whitespace(column)
    blank = pc.equal(trimmed, "")
    if not pc.any(blank).as_py():
        return trimmed
    return pc.if_else(blank, pa.scalar(None, trimmed.type), trimmed)


def _nothing_to_trim(column: pa.ChunkedArray) -> bool:
    """True when every cell with a value starts and ends with a printable ASCII character, read
    from the Arrow buffers chunk by chunk: a usual export's ID column is then used as it is, not
    copied by a trim (10M cells: ~0.04 s against 0.1-0.27 s). Anything that might be
    whitespace (an accented last letter, say) or an empty text says False."""
    if column.type == pa.string():
        offset_type: type[np.signedinteger[Any]] = np.int32
    elif column.type == pa.large_string():
        offset_type = np.int64
    else:
        return False
    for chunk in column.chunks:
        if chunk.null_count == len(chunk):
            continue
        _, offsets_buffer, data_buffer = chunk.buffers()
        offsets = np.frombuffer(offsets_buffer, dtype=offset_type)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        if data_buffer is None or data_buffer.size == 0:
            return False  # cells with a value, every one of them empty
        data = np.frombuffer(data_buffer, dtype=np.uint8)
        suspect = offsets[1:] == offsets[:-1]  # empty
        for ends_at in (offsets[:-1], offsets[1:] - 1):  # a null or empty cell reads a neighbour
            byte = data.take(ends_at, mode="clip") - np.uint8(ord("!"))  # wraps below "!"
            suspect |= byte > ord("~") - ord("!")
        if chunk.null_count:
            suspect &= _valid(chunk)
        if suspect.any():
            return False
    return True


def _mask(condition: pa.ChunkedArray) -> Mask:
    """A null-safe boolean mask as numpy (null counts as False)."""
    return np.asarray(pc.fill_null(condition, False).to_numpy(zero_copy_only=False), dtype=bool)


def _issue(code: str, mask: Mask, message: str) -> list[CellIssue]:
    positions = np.flatnonzero(mask)
    return [CellIssue(code, positions, message)] if positions.size else []


def parse_amounts(
    column: pa.ChunkedArray,
) -> tuple[pd.api.extensions.ExtensionArray, list[CellIssue]]:
    """Amounts and hours as exact decimal128(18, 6): ``£1,234.50``, ``1234.5``, `` 12.60 ``.

    A column the CSV reader already parsed as decimals arrives typed (the fast path). Text is
    cleaned of ``£``, thousands commas and brackets and then parsed by the same decimal parser,
    so a cell's value never depends on the other cells. ``(1,234.56)`` is accountants' negative;
    negative pay or hours is reported and left missing. ``Â£`` (a UTF-8 pound sign decoded as
    Windows-1252 somewhere upstream) is read as ``£``. More than 6 decimal places is refused.
    """
    if pa.types.is_decimal(column.type):
        numbers = column.cast(DECIMAL)
        negative = np.zeros(len(numbers), dtype=bool)
        if _may_be_negative(numbers):
            negative = _mask(pc.less(numbers, _ZERO))
        numbers, issues = _without_negatives(numbers, negative, None)
        return pd.arrays.ArrowExtensionArray(numbers), issues
    if not _repeats(column):  # period pay, say: hashing would cost more than it saves
        numbers, issues = _amounts_from_text(column)
        return pd.arrays.ArrowExtensionArray(numbers), issues
    # Text is cleaned and parsed once per distinct value (pay rates and hours repeat a lot).
    distinct = _Distinct(column)
    numbers, issues = _amounts_from_text(pa.chunked_array([distinct.values]))
    indices = pa.chunked_array(
        [chunk.indices for chunk in distinct.encoded.chunks], distinct.encoded.type.index_type
    )
    return pd.arrays.ArrowExtensionArray(numbers.take(indices)), distinct.issues(issues)


_ZERO = pa.scalar(0, DECIMAL)
_SAMPLE_CELLS = 1 << 16


def _repeats(column: pa.ChunkedArray) -> bool:
    """Whether working per distinct value pays: hashing a cell is cheap, but parsing a distinct
    value costs about as much as parsing a cell, so it pays unless nearly every value differs.
    Judged from the first cells (which repeat less than the whole column does); either way
    every cell gets the same answer."""
    sample = column.slice(0, _SAMPLE_CELLS)
    filled: int = len(sample) - sample.null_count
    distinct = int(pc.count_distinct(sample).as_py())
    return 4 * distinct <= 3 * filled


def _amounts_from_text(column: pa.ChunkedArray) -> tuple[pa.ChunkedArray, list[CellIssue]]:
    text = present_text(column)
    opens, closes = _mask(pc.starts_with(text, "(")), _mask(pc.ends_with(text, ")"))
    bracketed = opens & closes
    unwrapped = pc.utf8_trim_whitespace(pc.replace_substring_regex(text, r"[£Â()]", ""))
    cleaned = pc.replace_substring(unwrapped, ",", "")
    grouped = ~_mask(pc.match_substring(unwrapped, ",")) | _mask(
        pc.match_substring_regex(unwrapped, _GROUPED)
    )
    readable = _mask(pc.match_substring_regex(cleaned, _NUMBER)) & grouped & (opens == closes)
    numbers = _decimals_or_null(pc.if_else(pa.array(readable), cleaned, None))
    invalid = _mask(pc.is_valid(text)) & ~_mask(pc.is_valid(numbers))
    negative = _mask(pc.less(numbers, _ZERO)) | (bracketed & ~_mask(pc.equal(numbers, _ZERO)))
    return _without_negatives(numbers, negative, invalid)


def _without_negatives(
    numbers: pa.ChunkedArray, negative: Mask, invalid: Mask | None
) -> tuple[pa.ChunkedArray, list[CellIssue]]:
    """Negative amounts made missing, and the issues: invalid cells first, then negative ones."""
    if negative.any():
        numbers = pc.if_else(pa.array(negative), pa.scalar(None, DECIMAL), numbers)
    issues = _issue(
        "negative-amount", negative, "pay and hours cannot be negative: correct the value"
    )
    if invalid is not None:
        message = "not a number: write it like 12.60 or £1,234.50 (at most 6 decimal places)"
        issues = _issue("invalid-amount", invalid, message) + issues
    return numbers, issues


def _may_be_negative(numbers: pa.ChunkedArray) -> bool:
    """Whether any decimal128 might be below zero, from the sign of each value's high 64-bit
    word (little-endian): one read of memory, 5x cheaper than comparing decimals. A null slot
    may hold anything, so a yes only sends the column to the exact comparison."""
    for chunk in numbers.chunks:
        words = np.frombuffer(chunk.buffers()[1], dtype=np.int64)
        high = words[2 * chunk.offset + 1 : 2 * (chunk.offset + len(chunk)) : 2]
        if high.size and high.min() < 0:
            return True
    return False


def _decimals_or_null(text: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """Cast text to decimals; cells the parser refuses become null (found by halving, not looping)."""
    try:
        return (
            pa.chunked_array([pc.cast(text, DECIMAL)])
            if isinstance(text, pa.Array)
            else pc.cast(text, DECIMAL)
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        flat = text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
        if len(flat) == 1:
            return pa.chunked_array([pa.nulls(1, DECIMAL)])
        half = len(flat) // 2
        parts = [_decimals_or_null(flat.slice(0, half)), _decimals_or_null(flat.slice(half))]
        return pa.chunked_array([chunk for part in parts for chunk in part.chunks], DECIMAL)


def parse_counts(column: pa.ChunkedArray) -> tuple[pd.arrays.IntegerArray, list[CellIssue]]:
    """Whole numbers such as an age or a number of days (Int64, NA when missing or bad).

    Worked out once per distinct value (ages and day counts repeat), then spread to the rows.
    """
    distinct = _Distinct(column)
    text = present_text(pa.chunked_array([distinct.values]))
    valid = pc.match_substring_regex(text, _COUNT)
    numbers = pc.cast(pc.if_else(valid, text, pa.scalar(None, pa.string())), pa.int64())
    values = np.asarray(pc.fill_null(numbers, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    valid_mask = _mask(valid)
    invalid = _mask(pc.is_valid(text)) & ~valid_mask
    issues = _issue("invalid-number", invalid, "not a whole number: write it like 25")
    return (
        pd.arrays.IntegerArray(distinct.spread(values, 0), distinct.spread(~valid_mask, True)),
        distinct.issues(issues),
    )


def parse_booleans(column: pa.ChunkedArray) -> tuple[pd.arrays.BooleanArray, list[CellIssue]]:
    """yes/no, y/n, true/false, 1/0 in any case (boolean, NA when missing or bad).

    Worked out once per distinct value (a flag column has a handful), then spread to the rows.
    """
    distinct = _Distinct(column)
    words = pc.utf8_lower(pc.utf8_trim_whitespace(distinct.values.cast(pa.string())))
    true = _mask(pc.is_in(words, value_set=_TRUE))
    false = _mask(pc.is_in(words, value_set=_FALSE))
    blank = _mask(pc.equal(words, ""))
    issues = _issue(
        "invalid-boolean",
        ~(true | false | blank),
        "not yes or no: write yes, no, y, n, true, false, 1 or 0",
    )
    values = pd.arrays.BooleanArray(
        distinct.spread(true, False), distinct.spread(~(true | false), True)
    )
    return values, distinct.issues(issues)


@dataclass
class _DateParts:
    """Year, month and day per row, from whichever written form each cell used."""

    year: npt.NDArray[np.signedinteger[Any]]
    month: npt.NDArray[np.signedinteger[Any]]
    day: npt.NDArray[np.signedinteger[Any]]
    found: Mask  # the cell had a year, month and day (valid or not)
    day_first: Mask  # ... written day first (DD/MM/YYYY), so it may be a US date


def parse_dates(column: pa.ChunkedArray) -> tuple[npt.NDArray[np.datetime64], list[CellIssue]]:
    """Day-first, ISO, YYYYMMDD or Excel serial dates as datetime64[s] (NaT when missing or bad).

    A cell that only makes sense month-first (12/31/2025) is reported, never swapped; once a column
    shows month-first cells, its other slash dates are ambiguous too and are reported, not guessed.
    Each distinct text is parsed once and its date spread to the rows that hold it: a date column
    repeats a few thousand values (10 million dates of birth hold about 20,000), so this is one
    hash and one gather per cell. A cell's date still depends only on its own text (and on
    whether the column shows month-first cells at all, which the distinct values tell as well).
    """
    distinct = _Distinct(column)
    days, issues = _parse_distinct_dates(pa.chunked_array([distinct.values]))
    return distinct.spread(days, np.datetime64("NaT", "s")), distinct.issues(issues)


class _Distinct:
    """A column's distinct values, so that work is done once per value, and the way back to
    its cells: results for the values are spread chunk by chunk into one array per column,
    with no column-sized temporaries (fresh memory is what costs most at 10 million rows)."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        if pa.types.is_dictionary(column.type):
            column = column.unify_dictionaries()
        else:
            column = pc.dictionary_encode(column)  # one dictionary, shared by every chunk
        self.encoded = column
        self.size = len(column)
        if column.num_chunks:
            self.values: pa.Array = column.chunk(0).dictionary
        else:
            self.values = pa.array([], column.type.value_type)

    def spread(self, per_value: npt.NDArray[Any], if_null: Any) -> npt.NDArray[Any]:
        """Each cell's entry of ``per_value`` (one per distinct value); ``if_null`` for nulls."""
        table = np.append(per_value, np.array([if_null], dtype=per_value.dtype))
        out = np.empty(self.size, dtype=table.dtype)
        start = 0
        for chunk in self.encoded.chunks:
            indices = chunk.indices
            codes = np.frombuffer(indices.buffers()[1], dtype=indices.type.to_pandas_dtype())[
                indices.offset : indices.offset + len(indices)
            ]
            if indices.null_count:
                codes = np.where(_valid(indices), codes, -1)  # -1: the table's last entry
            np.take(table, codes, out=out[start : start + len(codes)])
            start += len(codes)
        return out

    def issues(self, issues: list[CellIssue]) -> list[CellIssue]:
        """Issues found among the distinct values, as the positions of every cell holding them."""
        spread = []
        for issue in issues:
            flagged = np.zeros(len(self.values), dtype=bool)
            flagged[issue.positions] = True
            positions = np.flatnonzero(self.spread(flagged, False))
            spread.append(CellIssue(issue.code, positions, issue.message))
        return spread


def _valid(array: pa.Array) -> Mask:
    """Which cells of one array have a value, from its validity bitmap."""
    bitmap = array.buffers()[0]
    if bitmap is None:
        return np.ones(len(array), dtype=bool)
    bits = np.unpackbits(
        np.frombuffer(bitmap, dtype=np.uint8), count=array.offset + len(array), bitorder="little"
    )
    return bits[array.offset :].view(bool)


def _parse_distinct_dates(
    column: pa.ChunkedArray,
) -> tuple[npt.NDArray[np.datetime64], list[CellIssue]]:
    parts = _fixed_width_parts(column)
    text = column if parts else present_text(column)
    present = np.flatnonzero(_mask(pc.is_valid(text)))
    parts = parts or _parts_by_pattern(text, present)
    days = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[D]")
    remaining = present[~parts.found[present]]
    serial_positions, serials = _excel_serials(text, remaining)
    days[serial_positions] = _SERIAL_EPOCH + serials
    unparsed = np.setdiff1d(remaining, serial_positions, assume_unique=True)
    return _checked_dates(parts, days, unparsed)


# Fixed-width layouts: (separator, its two positions, year/month/day character ranges, day first).
_FIXED_LAYOUTS = (
    (ord("/"), (2, 5), ((6, 10), (3, 5), (0, 2)), True),
    (ord("-"), (4, 7), ((0, 4), (5, 7), (8, 10)), False),
)


def _fixed_width_parts(column: pa.ChunkedArray) -> _DateParts | None:
    """The common case, fast: every cell is exactly DD/MM/YYYY, or every cell YYYY-MM-DD.

    The characters are read straight from the Arrow buffers as a (10, cells) byte matrix; any
    cell of another shape sends the whole column to the general parser.
    """
    if column.type != pa.string() or column.null_count == len(column):
        return None
    cells = column.combine_chunks()
    found = np.asarray(cells.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    characters = _ten_byte_rows(cells, found)
    if characters is None:
        return None
    for separator, separator_at, ranges, day_first in _FIXED_LAYOUTS:
        digits_at = [i for i in range(10) if i not in separator_at]
        if np.any(characters[list(separator_at)] != separator):
            continue
        # uint8 arithmetic wraps, so any byte below "0" becomes large and fails too.
        if np.any(characters[digits_at] - ord("0") > 9):
            continue
        year, month, day = (
            _spread(_digits_value(characters[start:stop]), found) for start, stop in ranges
        )
        return _DateParts(year, month, day, found, found & day_first)
    return None


def _digits_value(digits: npt.NDArray[np.uint8]) -> npt.NDArray[np.int32]:
    """The number written by rows of ASCII digits, most significant row first."""
    number = np.zeros(digits.shape[1], dtype=np.int32)
    for row in digits:
        number = number * 10 + (row - ord("0"))
    return number


def _spread(values: npt.NDArray[np.int32], found: Mask) -> npt.NDArray[np.int32]:
    """Values for the non-null cells placed back among all cells (0 where null)."""
    if found.all():
        return values
    spread = np.zeros(len(found), dtype=np.int32)
    spread[found] = values
    return spread


def _ten_byte_rows(cells: pa.Array, found: Mask) -> npt.NDArray[np.uint8] | None:
    """The non-null cells as one contiguous row of bytes per character position, (10, n);
    None if any cell is not exactly 10 bytes long."""
    _, offsets_buffer, data_buffer = cells.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[
        cells.offset : cells.offset + len(cells) + 1
    ]
    starts = offsets[:-1][found]
    if np.any(offsets[1:][found] - starts != 10):
        return None
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    if found.all():  # contiguous: a zero-copy (n, 10) view of the character data
        matrix = data[offsets[0] : offsets[-1]].reshape(-1, 10)
    else:
        matrix = np.concatenate(
            [
                data[block[:, None] + np.arange(10, dtype=np.int32)]
                for block in np.array_split(starts, max(1, len(starts) // 500_000))
            ]
        )
    return np.ascontiguousarray(matrix.T)


def _parts_by_pattern(text: pa.ChunkedArray, present: Positions) -> _DateParts:
    size = len(text)
    year, month, day = (np.zeros(size, dtype=np.int64) for _ in range(3))
    found, day_first = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    remaining = present
    for name, pattern in _DATE_PATTERNS.items():
        if not remaining.size:
            break
        subset = text if remaining.size == size else text.take(pa.array(remaining))
        parts = pc.extract_regex(subset, pattern)
        matched = _mask(pc.is_valid(parts))
        rows = remaining[matched]
        for target, field in ((year, "y"), (month, "m"), (day, "d")):
            values = pc.cast(pc.struct_field(parts, field), pa.int64())
            target[rows] = np.asarray(values.to_numpy(zero_copy_only=False))[matched]
        found[rows] = True
        day_first[rows] = name == "day_first"
        remaining = remaining[~matched]
    return _DateParts(year, month, day, found, day_first)


def _excel_serials(
    text: pa.ChunkedArray, candidates: Positions
) -> tuple[Positions, npt.NDArray[np.int64]]:
    """Positions holding Excel serial day numbers (5 digits at most), and those numbers."""
    if not candidates.size:
        return candidates, np.zeros(0, dtype=np.int64)
    subset = text.take(pa.array(candidates))
    digits = _mask(pc.match_substring_regex(subset, r"^\d{1,5}$"))
    numbers = pc.cast(
        pc.if_else(pa.chunked_array([digits]), subset, pa.scalar(None, pa.string())), pa.int64()
    )
    values = np.asarray(pc.fill_null(numbers, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    usable = digits & (values >= _FIRST_SAFE_SERIAL)
    return candidates[usable], values[usable]


def _checked_dates(
    parts: _DateParts, days: npt.NDArray[np.datetime64], unparsed: Positions
) -> tuple[npt.NDArray[np.datetime64], list[CellIssue]]:
    year, month, day = parts.year, parts.month, parts.day
    in_range = (
        parts.found
        & (year >= _FIRST_YEAR)
        & (year <= _LAST_YEAR)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= 31)
    )
    key = ((year - _FIRST_YEAR) * 12 + (month - 1)) * 31 + (day - 1)
    looked_up = _CALENDAR[np.where(in_range, key, 0)]
    real = in_range & (looked_up != _NAT)
    month_first = np.zeros_like(real)
    ambiguous = np.zeros_like(real)
    if parts.day_first.any() and np.any(month > 12):
        month_first = parts.day_first & (month > 12) & (month <= 31) & (day >= 1) & (day <= 12)
        if month_first.any():
            ambiguous = real & parts.day_first & (month <= 12) & (day <= 12) & (day != month)
    good = real & ~ambiguous
    day_numbers = days.view(np.int64)
    np.copyto(day_numbers, looked_up, where=good)
    impossible = in_range & ~real
    invalid = parts.found & ~in_range & ~month_first
    invalid[unparsed] = True
    issues = (
        _issue(
            "invalid-date", invalid, "not a date: write it day first as DD/MM/YYYY, or YYYY-MM-DD"
        )
        + _issue(
            "impossible-date", impossible, "no such day in that month: check the day and month"
        )
        + _issue(
            "month-first-date",
            month_first,
            "only makes sense month first (US order): export dates as DD/MM/YYYY or YYYY-MM-DD",
        )
        + _issue(
            "ambiguous-date",
            ambiguous,
            "this column has month-first (US) dates, so this one could be either order: "
            "export dates as DD/MM/YYYY or YYYY-MM-DD",
        )
    )
    return days.astype("datetime64[s]"), issues
