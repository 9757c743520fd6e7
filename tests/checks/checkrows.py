"""Build frames in the exact shape ``payrecords.read_pay_files`` returns, from a few dicts.

The checker's rules are tested on these directly, so each test states only the fields it is about.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from click.testing import CliRunner

from rlwcheck.checks import CheckReport, CheckSettings, check_records
from rlwcheck.cli import cli
from rlwcheck.columns import AMOUNT_FIELDS, BOOLEAN_FIELDS, COUNT_FIELDS, DATE_FIELDS, TEXT_FIELDS
from rlwcheck.payrecords import DECIMAL, FRAME_COLUMNS
from rlwcheck.rates import RateBook
from rlwcheck.rowproblems import empty_problems

TEXT = (*TEXT_FIELDS, "london_source")
DATES = DATE_FIELDS
COUNTS = COUNT_FIELDS
FLAGS = BOOLEAN_FIELDS
AMOUNTS = AMOUNT_FIELDS


def _date(value: Any) -> Any:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


def contract_frame(rows: list[dict[str, Any]], file: str = "pay.csv") -> pd.DataFrame:
    """Rows as dicts (dates as ISO strings, amounts as strings or Decimals) -> the contract frame."""

    def column(name: str) -> list[Any]:
        return [r.get(name) for r in rows]

    data: dict[str, Any] = {
        "file": pd.Series([r.get("file", file) for r in rows], dtype="string[pyarrow]"),
        "row": pd.Series([r.get("row", i + 2) for i, r in enumerate(rows)], dtype="int64"),
        "repeated_header": pd.Series([r.get("repeated_header", False) for r in rows], dtype=bool),
        "unreadable": pd.Series([r.get("unreadable", False) for r in rows], dtype=bool),
    }
    for name in TEXT:
        data[name] = pd.Series(column(name), dtype="string[pyarrow]")
    for name in DATES:
        data[name] = pd.Series(pd.to_datetime([_date(v) for v in column(name)])).astype(
            "datetime64[s]"
        )
    for name in COUNTS:
        data[name] = pd.Series(column(name), dtype="Int64")
    data["apprentice"] = pd.Series([r.get("apprentice", False) for r in rows], dtype="boolean")
    data["london"] = pd.Series(column("london"), dtype="boolean")
    for name in AMOUNTS:
        values = [None if v is None else Decimal(str(v)) for v in column(name)]
        data[name] = pd.Series(values, dtype=DECIMAL)
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS))  # in the reader's order


def check(rows: list[dict[str, Any]], **settings: Any) -> CheckReport:
    """Check contract rows with the bundled rate book; settings as CheckSettings keywords."""
    return check_records(
        contract_frame(rows), empty_problems(), [], RateBook.load(), CheckSettings(**settings)
    )


def result(rows: list[dict[str, Any]], **settings: Any) -> dict[str, Any]:
    """The first row's results as a plain dict (amounts in pence)."""
    report = check(rows, **settings)
    return {k: (None if pd.isna(v) else v) for k, v in report.rows.iloc[0].to_dict().items()}


# Files for the command line: hourly rows, and pay-period rows.
HEADER = "Employee ID,Name,Date of Birth,Hourly Rate,Weekly Hours,London\n"
PERIODS = "Employee ID,Date of Birth,Period Start,Period End,Period Hours,Period Pay,London\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    """`rlwcheck check ARGS`: its exit code and output; a traceback fails the test."""
    done = runner.invoke(cli, ["check", *args])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    return done.exit_code, done.output
