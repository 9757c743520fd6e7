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


def decimal_micro(column: pd.Series) -> tuple[Ints, Mask]:
    """A decimal128(18, 6) column as int64 micro-units, and which rows have a value.

    decimal128 stores a 128-bit integer of the unscaled value; with 18 digits it always fits in
    the low 64 bits, so the low words *are* the micro-units (zero copy, exact, negatives included).
    """
    chunked = pa.chunked_array([pa.array(column.array)])
    array = chunked.combine_chunks()
    if not pa.types.is_decimal128(array.type) or array.type.scale != 6:
        raise TypeError(f"expected decimal128(18, 6), got {array.type}")
    words = np.frombuffer(array.buffers()[1], dtype=np.int64).reshape(-1, 2)
    values = words[array.offset : array.offset + len(array), 0].copy()
    valid = ~np.asarray(array.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    values[~valid] = 0
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
    days = column.to_numpy(dtype="datetime64[D]")
    valid = ~np.isnat(days)
    numbers = days.astype(np.int64)
    numbers[~valid] = 0
    return numbers, valid


def civil(days: Ints) -> tuple[Ints, Ints, Ints]:
    """(year, month, day) for each day number."""
    dates = days.astype("datetime64[D]")
    months = dates.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dates - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def add_months(days: Ints, months: int) -> Ints:
    """Same day N months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

    The same rule as pendulum's ``add(months=...)``, which ``rates.in_first_year_until`` uses.
    """
    year, month, day = civil(days)
    target = (year - 1970) * 12 + (month - 1) + months
    first = target.astype("datetime64[M]").astype("datetime64[D]")
    following = (target + 1).astype("datetime64[M]").astype("datetime64[D]")
    month_length = (following - first).astype(np.int64)
    return np.asarray(first.astype(np.int64) + np.minimum(day, month_length) - 1, dtype=np.int64)


def age_on(birth_days: Ints, on_days: Ints) -> Ints:
    """Whole years of age on each date (as ``dates.age_on``: a 29 February birthday counts on 1 March)."""
    birth_year, birth_month, birth_day = civil(birth_days)
    year, month, day = civil(on_days)
    before_birthday = (month * 100 + day) < (birth_month * 100 + birth_day)
    return year - birth_year - before_birthday.astype(np.int64)


def ceil_div(numerator: Ints, denominator: Ints | int) -> Ints:
    return -((-numerator) // denominator)


def half_up_div(numerator: Ints, denominator: Ints | int) -> Ints:
    """Round to nearest, halves away from zero, for non-negative numerators."""
    return np.asarray(
        (2 * numerator + denominator) // (2 * np.asarray(denominator)), dtype=np.int64
    )


def exact_sum(values: Ints) -> int:
    """Sum of int64 values as a Python int, exact however many rows (split into 32-bit halves)."""
    high, low = np.divmod(values, _HALF_WORD)
    return int(high.sum()) * _HALF_WORD + int(low.sum())


def pence_text(pence: Ints, valid: Mask) -> pd.Series:
    """Pence as '12.34' strings (NA where not valid), vectorised."""
    sign = np.where(pence < 0, "-", "")
    whole, part = np.divmod(np.abs(pence), 100)
    text = pd.Series(sign, dtype=object) + pd.Series(whole).astype(str) + "."
    text = text + pd.Series(part).astype(str).str.zfill(2)
    return text.where(valid, None)
