"""Problems the rules find, collected as row masks and turned into one frame at the end.

The frame has the same columns as the file reader's problems (file, row, code, column, value,
message), so a report lists both kinds together and users filter them by code alike.
"""

from decimal import Decimal

import numpy as np
import pandas as pd

from rlwcheck.problems import PROBLEM_CODES
from rlwcheck.vectors import Mask

PROBLEM_COLUMNS = ("file", "row", "code", "column", "value", "message")
PROBLEM_TYPES = {
    name: "int64" if name == "row" else pd.StringDtype("pyarrow") for name in PROBLEM_COLUMNS
}


def empty_problems() -> pd.DataFrame:
    """No problems, in the columns and types every problems table has (reader's and rules')."""
    return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in PROBLEM_TYPES.items()})


class RuleProblems:
    """Collects (rows, code, column, message) findings for one contract-shaped frame.

    Rows that are not workers (the header repeated inside the file) get none: they are listed,
    with the reader's one problem saying what they are, and never checked."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._not_workers = frame["repeated_header"].to_numpy(dtype=bool)
        self._parts: list[pd.DataFrame] = []

    def add(self, mask: Mask, code: str, column: str, message: str) -> None:
        """Record a problem on every row in ``mask``; the value shown is that row's ``column``."""
        assert code in PROBLEM_CODES, f"register {code!r} in rlwcheck/problems.py"
        mask = mask & ~self._not_workers
        if not mask.any():
            return
        wanted = ["file", "row", column] if column in self._frame.columns else ["file", "row"]
        picked = self._frame.loc[mask, wanted]
        if column in picked.columns:
            values = _as_written(picked[column])
        else:
            values = pd.Series("", index=picked.index)
        self._parts.append(
            pd.DataFrame(
                {
                    "file": picked["file"].astype(object),
                    "row": picked["row"].astype(np.int64),
                    "code": code,
                    "column": column,
                    "value": values.to_numpy(dtype=object),
                    "message": message,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return empty_problems()
        return pd.concat(self._parts, ignore_index=True)


def _as_written(column: pd.Series) -> pd.Series:
    """A parsed value as a person would write it: 2026-05-15, not 2026-05-15 00:00:00; 800,
    not 800.000000 (amounts are read to 6 decimal places). Blank where missing."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        dates: pd.Series = column.dt.strftime("%Y-%m-%d")
        return dates.fillna("").astype(str)
    return column.astype(object).map(_plain, na_action="ignore").fillna("").astype(str)


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def merge_problems(read: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """Reader problems plus rule problems, minus rule problems on a cell the reader already flagged.

    A pay cell that could not be parsed reaches the rules as missing; saying "missing pay" as well
    as "not an amount" would send the user looking for two faults where there is one.
    """
    read = read.reindex(columns=list(PROBLEM_COLUMNS))
    if len(read) and len(found):
        flagged = pd.MultiIndex.from_frame(read[["file", "row", "column"]].astype(object))
        keys = pd.MultiIndex.from_frame(found[["file", "row", "column"]].astype(object))
        found = found[~keys.isin(flagged)]
    parts = [part for part in (read, found) if len(part)]
    if not parts:
        return empty_problems()
    merged = pd.concat(parts, ignore_index=True)
    merged["row"] = merged["row"].astype(np.int64)
    return merged.sort_values(["file", "row", "code", "column"], kind="stable", ignore_index=True)
