"""Whole-column helpers for the checker: exact scaled integers and calendar arithmetic.

The checker works on millions of rows at once, so it never loops in Python and never uses floats
for money. Amounts become int64 *micro-pounds* (£1 = 1,000,000), hours int64 micro- or nano-hours,
dates int64 days since 1970-01-01. Every product the rules form is bounded (see ``paybasis``) so
int64 cannot overflow; sums over whole files use :func:`exact_sum`, which cannot either.
"""

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

MICRO = 1_000_000  # micro-units per pound (or per hour)
PENCE_TO_MICRO = 10_000
_HALF_WORD = 2**32
_LOOKUP_FROM_ROWS = 10_000
_LOOKUP_MAX_SPAN = 1_000_000  # days (about 2,700 years): bad dates fall back to arithmetic
_NAT = np.datetime64("NaT").view(np.int64)


def arrow_array(column: pd.Series) -> pa.Array:
    """A pandas column as one contiguous pyarrow array (zero copy when it is one chunk)."""
    array = pa.array(column.array)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def decimal_micro(column: pd.Series) -> tuple[Ints, Mask]:
    """A decimal128(18, 6) column as int64 micro-units, and which rows have a value.

    decimal128 stores a 128-bit integer of the unscaled value; with 18 digits it always fits in
    the low 64 bits, so the low words *are* the micro-units (zero copy, exact, negatives included).
    """
    array = arrow_array(column)
    if not pa.types.is_decimal128(array.type) or array.type.scale != 6:
        raise TypeError(f"expected decimal128(18, 6), got {array.type}")
    if array.null_count == len(array):  # a column the file does not have: common and cheap
        return np.zeros(len(array), dtype=np.int64), np.zeros(len(array), dtype=bool)
    words = np.frombuffer(array.buffers()[1], dtype=np.int64).reshape(-1, 2)
    values = words[array.offset : array.offset + len(array), 0].copy()
    if not array.null_count:
        return values, np.ones(len(array), dtype=bool)
    valid = ~np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    values *= valid  # a null slot's bytes are undefined
    return values, valid


def int_values(column: pd.Series) -> tuple[Ints, Mask]:
    """A nullable integer column as int64 (0 where missing) and its validity."""
    valid = column.notna().to_numpy(dtype=bool)
    return column.fillna(0).to_numpy(dtype=np.int64), valid


def bool_values(column: pd.Series) -> tuple[Mask, Mask]:
    """A nullable boolean column as (is true, has a value)."""
    valid = column.notna().to_numpy(dtype=bool)
    return column.fillna(False).to_numpy(dtype=bool), valid


def day_numbers(column: pd.Series) -> tuple[Ints, Mask]:
    """A datetime column as days since 1970-01-01 (0 where missing) and its validity."""
    moments = column.to_numpy()
    if moments.dtype.kind != "M":
        moments = column.to_numpy(dtype="datetime64[D]")
    unit, count = np.datetime_data(moments.dtype)
    per_day = int(np.timedelta64(1, "D").astype(f"m8[{unit}]").astype(np.int64)) // count
    ticks = moments.view(np.int64)
    valid = ticks != _NAT
    if not valid.any():
        return np.zeros(len(ticks), dtype=np.int64), valid
    return np.where(valid, ticks // per_day, 0), valid  # floor: a time before 1970 is that day


def civil(days: Ints) -> tuple[Ints, Ints, Ints]:
    """(year, month, day) for each day number.

    Payroll dates span a few decades, so for many rows it is cheaper to convert each distinct day
    in the range once and look the rows up than to do the arithmetic per row.
    """
    if len(days) > _LOOKUP_FROM_ROWS:
        low, high = int(days.min()), int(days.max())
        if high - low < _LOOKUP_MAX_SPAN:
            year, month, day = _civil_arithmetic(np.arange(low, high + 1, dtype=np.int64))
            index = days - low
            return year[index], month[index], day[index]
    return _civil_arithmetic(days)


def _civil_arithmetic(days: Ints) -> tuple[Ints, Ints, Ints]:
    """(year, month, day) in integer arithmetic (H. Hinnant's civil_from_days).

    Several times faster than numpy's datetime64 unit casts.
    """
    shifted = days + 719468  # days from 0000-03-01, so leap days fall at the end of a year
    era = shifted // 146097
    day_of_era = shifted - era * 146097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    march_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * march_month + 2) // 5 + 1
    month = np.where(march_month < 10, march_month + 3, march_month - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day


def from_civil(year: Ints, month: Ints, day: Ints) -> Ints:
    """Day numbers for (year, month, day) arrays: the inverse of :func:`civil`."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return np.asarray(era * 146097 + day_of_era - 719468, dtype=np.int64)


def add_months(days: Ints, months: int) -> Ints:
    """Same day N months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

    The same rule as pendulum's ``add(months=...)``, which ``rates.in_first_year_until`` uses.
    """
    year, month, day = civil(days)
    target = year * 12 + (month - 1) + months
    target_year, target_month = target // 12, target % 12 + 1
    first = from_civil(target_year, target_month, np.ones_like(day))
    following = from_civil((target + 1) // 12, (target + 1) % 12 + 1, np.ones_like(day))
    return np.asarray(first + np.minimum(day, following - first) - 1, dtype=np.int64)


def add_months_where(days: Ints, months: int, where: Mask) -> Ints:
    """:func:`add_months` for the rows in ``where`` only (0 elsewhere): most rows lack the date."""
    result = np.zeros(len(days), dtype=np.int64)
    if where.any():
        result[where] = add_months(days[where], months)
    return result


def next_period_start_where(days: Ints, where: Mask) -> Ints:
    """For pay periods starting on each date in ``where`` (0 elsewhere), the day a period one
    calendar month long is followed by: the same day a month later, or, when that month is too
    short to have the day, the 1st of the month after (29 January 2026 -> 1 March: the period
    29 January to 28 February is one month, not more).
    """
    result = np.zeros(len(days), dtype=np.int64)
    if where.any():
        start = days[where]
        later = add_months(start, 1)
        cut_short = civil(later)[2] < civil(start)[2]  # clamped to a shorter month's end
        result[where] = later + cut_short
    return result


def age_on(birth_days: Ints, on_days: Ints) -> Ints:
    """Whole years of age on each date (as ``dates.age_on``: a 29 February birthday counts on 1 March).

    With dates as the numbers YYYYMMDD, the age is their difference // 10,000: the year
    difference, less one when the month and day come before the birthday's.
    """
    return np.asarray((_yyyymmdd(on_days) - _yyyymmdd(birth_days)) // 10_000, dtype=np.int64)


def _yyyymmdd(days: Ints) -> Ints:
    """Day numbers as the numbers YYYYMMDD (a table over the range for many rows, as ``civil``)."""
    if len(days) > _LOOKUP_FROM_ROWS:
        low, high = int(days.min()), int(days.max())
        if high - low < _LOOKUP_MAX_SPAN:
            year, month, day = _civil_arithmetic(np.arange(low, high + 1, dtype=np.int64))
            return (year * 10_000 + month * 100 + day)[days - low]
    year, month, day = _civil_arithmetic(days)
    return year * 10_000 + month * 100 + day


def ceil_div(numerator: Ints, denominator: Ints | int) -> Ints:
    return -((-numerator) // denominator)


def half_up_div(numerator: Ints, denominator: Ints | int) -> Ints:
    """Round to nearest, halves away from zero, for non-negative numerators."""
    return np.asarray(
        (2 * numerator + denominator) // (2 * np.asarray(denominator)), dtype=np.int64
    )


def exact_sum(values: Ints) -> int:
    """Sum of int64 values as a Python int, exact however many rows (split into 32-bit halves)."""
    if not len(values):
        return 0
    largest = max(abs(int(values.min())), abs(int(values.max())))
    if largest * len(values) < 2**63:  # the usual case: no partial sum can overflow
        return int(values.sum())
    high, low = np.divmod(values, _HALF_WORD)
    return int(high.sum()) * _HALF_WORD + int(low.sum())
