"""A check report in every output format: terminal table, CSV, JSON, XLSX and HTML.

Every format serialises the same ``CheckReport``; JSON is the documented contract
(``schemas/check-report.schema.json``) and the others are views of ``report_dict``'s content.
Amounts are strings with two decimals. Output is deterministic: no timestamps in rows.
``redact`` replaces each name with the worker id everywhere. Spreadsheet cells that start with
``= + - @`` (or tab / carriage return) are neutralised with a leading apostrophe: HR opens these
files in Excel, where such a cell would run as a formula.
"""

import io
import json
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from rlwcheck.checks import NMW_FAILING, RESULT_AMOUNTS, RLW_FAILING, CheckReport
from rlwcheck.errors import UsageError
from rlwcheck.money import pence_text, pounds
from rlwcheck.spreadsheets import FORMULA_STARTS, safe_cell
from rlwcheck.vectors import Ints, Mask

FORMATS = ("table", "csv", "json", "xlsx", "html")
ALL_ROWS_BY_DEFAULT = {"table": False, "csv": False, "json": True, "xlsx": True, "html": True}
IDENTITY = ["file", "row", "worker_id", "name", "employer", "department"]
NMW_FIELDS = [
    "status",
    "band",
    "rate",
    "hourly_pay",
    "shortfall_per_hour",
    "underpayment",
    "arrears",
]
RLW_FIELDS = ["status", "zone", "rate", "due_by", "hourly_pay", "shortfall_per_hour"]
# Text from the files, and band names from the store (entered by hand before names were checked)
FREE_TEXT = ("file", "worker_id", "name", "employer", "department", "nmw_band")
FLAT_COLUMNS = (
    IDENTITY + [f"nmw_{f}" for f in NMW_FIELDS] + [f"rlw_{f}" for f in RLW_FIELDS] + ["problems"]
)
_FORMULA_BYTES = np.frombuffer("".join(FORMULA_STARTS).encode("ascii"), dtype=np.uint8)
_XLSX_MAX_ROWS = 1_048_575
CSV_BATCH_ROWS = 1 << 18
CSV_WEEKS_COLUMN = "weeks_per_year"  # the last CSV column: the setting salaries were read with
_WORKERS = min(4, os.cpu_count() or 1)
# Severity, for "failures first": statutory failures, then rows that could not be checked, then RLW.
_SEVERITY = {
    ("nmw", "fail"): 0,
    ("nmw", "invalid"): 1,
    ("rlw", "fail"): 2,
    ("rlw", "undetermined"): 3,
    ("rlw", "due"): 4,
}


def needs_action(rows: pd.DataFrame) -> Mask:
    """Rows that fail, are due, or could not be checked: what the default table and CSV list."""
    return np.asarray(
        _by_status(rows["nmw_status"], {s: True for s in NMW_FAILING}, False)
        | _by_status(rows["rlw_status"], {s: True for s in RLW_FAILING}, False),
        dtype=bool,
    )


def _by_status(
    statuses: pd.Series, values: dict[str, Any], default: Any, at: Ints | None = None
) -> npt.NDArray[Any]:
    """A value per row (or per row ``at``) looked up by its status: a gather on the codes."""
    categories = [str(c) for c in statuses.cat.categories]
    lookup = np.array([values.get(c, default) for c in categories] + [default])
    codes = statuses.cat.codes.to_numpy()
    return np.asarray(lookup[codes if at is None else codes[at]])  # code -1 (none) -> default


def view(
    report: CheckReport,
    redact: bool = False,
    all_rows: bool = True,
    failures_first: bool = True,
    detailed: bool = True,
) -> pa.Table:
    """The flat rows for output: amounts as '12.34' text, problems as text (``_ProblemText``).

    Built column by column in pyarrow, for the chosen rows only: a 10-million-row report lists
    its failing rows in seconds. Statuses and amounts are dictionary arrays (few distinct
    values, each formatted once); text from the file is taken in file order, then reordered.
    """
    chosen = _chosen(report.rows, all_rows, failures_first)
    return _flat(report, chosen, _problem_text(report, redact, detailed), redact)


def _problem_text(report: CheckReport, redact: bool, detailed: bool = True) -> "_ProblemText":
    return _ProblemText(_shown_problems(report, redact), report.rows, detailed)


def _shown_problems(report: CheckReport, redact: bool) -> pd.DataFrame:
    """The problems as reports show them. Redacting, a value is left out when its column may hold
    a name, or when it holds a letter at all: a shifted export puts names in other columns."""
    problems = report.problems
    if not redact or problems.empty:
        return problems
    values = problems["value"].astype(object).fillna("").astype(str)
    private = problems["column"].isin(_name_columns(report)) | values.str.contains(
        r"[^\W\d_]", regex=True
    )
    return problems.assign(value=values.where(~private, ""))


def _chosen(rows: pd.DataFrame, all_rows: bool, failures_first: bool) -> Ints:
    """Positions of the rows to list, in the order to list them."""
    positions = np.arange(len(rows)) if all_rows else np.flatnonzero(needs_action(rows))
    if not failures_first:
        return positions
    # A stable sort of small integers (a radix sort): failing rows first, file order kept.
    return positions[np.argsort(_severity(rows, positions), kind="stable")]


def _flat(report: CheckReport, chosen: Ints, problems: "_ProblemText", redact: bool) -> pa.Table:
    """The flat table of the rows at ``chosen``, in that order."""
    rows = report.rows
    ascending = chosen
    order: Ints | None = None
    if np.any(chosen[1:] < chosen[:-1]):
        ascending = np.sort(chosen)
        order = np.searchsorted(ascending, chosen)
    columns: dict[str, pa.Array] = {}
    for name in FLAT_COLUMNS[:-1]:
        column = rows["worker_id" if redact and name == "name" else name]
        if column.name in RESULT_AMOUNTS:
            columns[name] = _amount_text(column, chosen)
        elif isinstance(column.dtype, pd.CategoricalDtype):
            columns[name] = _category_text(column, chosen)
        else:
            columns[name] = _take(column, ascending, order)
    columns["problems"] = problems.at(chosen)
    return pa.table(columns)


def _take(column: pd.Series, positions: Ints, order: Ints | None) -> pa.Array:
    """``column`` at ``positions`` (ascending), then in ``order``.

    Taking across many chunks at random would first join every chunk (10 million strings);
    taking each chunk's share in file order copies only the rows chosen.
    """
    array = pa.array(column.array)
    if isinstance(array, pa.ChunkedArray):
        bounds = np.cumsum([0, *(len(chunk) for chunk in array.chunks)])
        cuts = np.searchsorted(positions, bounds)
        pieces = [
            chunk.take(pa.array(positions[cuts[i] : cuts[i + 1]] - bounds[i]))
            for i, chunk in enumerate(array.chunks)
            if cuts[i + 1] > cuts[i]
        ]
        array = pa.concat_arrays(pieces) if pieces else pa.array([], type=array.type)
    else:
        array = array.take(pa.array(positions))
    if order is not None:
        array = array.take(pa.array(order))
    if pa.types.is_large_string(array.type) or pa.types.is_null(array.type):
        return array.cast(pa.string())  # one type in every batch, whatever the batch holds
    return array


def _category_text(column: pd.Series, chosen: Ints) -> pa.Array:
    codes = column.cat.codes.to_numpy()[chosen].astype(np.int32)
    labels = pa.array([str(c) for c in column.cat.categories], type=pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), labels)


def _amount_text(pence: pd.Series, chosen: Ints) -> pa.Array:
    """Int64 pence as '12.34' (null where missing), for the rows at ``chosen``.

    A payroll has few distinct rates and amounts, so each is formatted once and looked up:
    through a table over the range of values when it is compact, else by hashing.
    """
    amounts = pence.array[chosen]
    values = amounts.to_numpy(dtype=np.int64, na_value=0)
    missing = np.asarray(amounts.isna(), dtype=bool)
    present = values[~missing]
    codes = np.zeros(len(values), dtype=np.int32)
    if not len(present):
        distinct = present
    elif (low := int(present.min())) >= 0 and int(present.max()) - low <= max(len(values), 1 << 16):
        offsets = np.where(missing, 0, values - low)
        used = np.bincount(present - low) > 0
        distinct = np.flatnonzero(used) + low
        codes = (np.cumsum(used, dtype=np.int32) - 1)[offsets]
    else:
        found, distinct = pd.factorize(present)
        codes[~missing] = found
    labels = pa.array([pence_text(int(value)) for value in distinct], type=pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=missing), labels)


def _severity(rows: pd.DataFrame, at: Ints) -> npt.NDArray[np.int8]:
    """The rank of each row ``at`` for "failures first": the more severe of its two statuses."""
    ranks = {
        rule: _by_status(
            rows[f"{rule}_status"],
            {status: rank for (of, status), rank in _SEVERITY.items() if of == rule},
            len(_SEVERITY),
            at,
        ).astype(np.int8)
        for rule in ("nmw", "rlw")
    }
    return np.minimum(ranks["nmw"], ranks["rlw"])


class _ProblemText:
    """Each row's problems in one cell, joined once (null where a row has none):
    'code (column "value"): what to do; ...', or without the message when not ``detailed``.

    A supplier sent the CSV or XLSX needs the bad value and the fix beside the row, not only in
    the JSON; a blank value (left out when redacting) is not shown.
    """

    def __init__(self, problems: pd.DataFrame, rows: pd.DataFrame, detailed: bool = True) -> None:
        self.joined = pa.nulls(0, pa.string())
        self.slot = None if not len(problems) else np.full(len(rows), -1, dtype=np.int64)
        if self.slot is None:
            return
        at = _row_positions(problems, rows)
        order = np.argsort(at, kind="stable")
        labels = _problem_labels(problems.iloc[order], detailed)
        owners, starts = np.unique(at[order], return_index=True)
        offsets = pa.array(np.append(starts, len(order)).astype(np.int32))
        self.joined = pc.binary_join(pa.ListArray.from_arrays(offsets, labels), "; ")
        self.slot[owners] = np.arange(len(owners))

    def at(self, positions: Ints) -> pa.Array:
        """The text for the rows at ``positions``."""
        if self.slot is None:
            return pa.nulls(len(positions), pa.string())
        picked = self.slot[positions]
        return self.joined.take(pa.array(picked, mask=picked < 0))


def _problem_labels(problems: pd.DataFrame, detailed: bool) -> pa.Array:
    def text(name: str) -> pa.Array:
        return pa.array(problems[name].astype(object).fillna("").astype(str), type=pa.string())

    code, column, value = text("code"), text("column"), text("value")
    join = pc.binary_join_element_wise
    quiet = pc.equal(value, "")
    labels = pc.if_else(
        quiet, join(code, " (", column, ")", ""), join(code, " (", column, ' "', value, '")', "")
    )
    return join(labels, ": ", text("message"), "") if detailed else labels


def _row_positions(problems: pd.DataFrame, rows: pd.DataFrame) -> Ints:
    """Each problem's position in ``rows``, by file and spreadsheet row number."""
    position = np.zeros(len(problems), dtype=np.int64)
    files = pa.array(rows["file"].array)
    numbers = rows["row"].to_numpy(np.int64)
    for file in problems["file"].unique():
        same = pc.equal(files, str(file))
        in_file = None  # every row: one file, the usual case, needs no gathering
        if not pc.all(same).as_py():
            in_file = np.flatnonzero(same.to_numpy(zero_copy_only=False))
        candidates = numbers if in_file is None else numbers[in_file]
        order = None
        if np.any(candidates[1:] < candidates[:-1]):  # files are read in row order; sort if not
            order = np.argsort(candidates, kind="stable")
            candidates = candidates[order]
        mine = (problems["file"] == file).to_numpy()
        found = np.searchsorted(candidates, problems["row"].to_numpy(np.int64)[mine])
        found = np.minimum(found, len(candidates) - 1)
        if order is not None:
            found = order[found]
        position[mine] = found if in_file is None else in_file[found]
    return position


def report_dict(report: CheckReport, redact: bool = False) -> dict[str, Any]:
    """The JSON contract: {"summary": {...}, "rows": [...]} with every input row, in input order."""
    flat = view(report, redact, all_rows=True, failures_first=False, detailed=False)
    problems = _problems_by_row(_shown_problems(report, redact))
    return {
        "summary": report.summary,
        "rows": [
            {
                **{key: record[key] for key in IDENTITY},
                "nmw": {field: record[f"nmw_{field}"] for field in NMW_FIELDS},
                "rlw": {field: record[f"rlw_{field}"] for field in RLW_FIELDS},
                "problems": problems.get((record["file"], record["row"]), []),
            }
            for record in flat.to_pylist()
        ],
    }


def _name_columns(report: CheckReport) -> set[str]:
    """Every header that may hold a name: the canonical fields and each file's own headers."""
    fields = ("name", "first_name", "surname")
    headers = {f.mapping.fields[k] for f in report.files for k in fields if k in f.mapping.fields}
    return set(fields) | headers


def _problems_by_row(problems: pd.DataFrame) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Problems per (file, row), as the JSON lists them."""
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for entry in problems.to_dict("records"):
        grouped.setdefault((str(entry["file"]), int(entry["row"])), []).append(
            {
                "code": entry["code"],
                "column": entry["column"],
                "value": _text(entry["value"]),
                "message": entry["message"],
            }
        )
    return grouped


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _starts_like_a_formula(column: pa.ChunkedArray) -> Mask:
    """Whether each cell's first byte is = + - @ tab or CR, read straight from the string buffers."""
    parts = []
    for chunk in column.cast(pa.string()).chunks:
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = chunk.buffers()[2]
        text = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
        if not len(text):  # every cell empty or null
            text = np.zeros(1, np.uint8)
        starts, ends = offsets[:-1], offsets[1:]
        first = np.where(ends > starts, text[np.minimum(starts, len(text) - 1)], 0)
        parts.append(
            np.isin(first, _FORMULA_BYTES) & chunk.is_valid().to_numpy(zero_copy_only=False)
        )
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def neutralise(table: pa.Table) -> pa.Table:
    """Prefix text cells from the input that a spreadsheet would run as a formula with an apostrophe.

    Only columns copied from the file (and band names) need it; statuses, amounts and codes are
    rlwcheck's own.
    """
    columns = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if name in FREE_TEXT:
            risky = _starts_like_a_formula(column)
            if risky.any():
                column = column.cast(pa.string())  # band names arrive dictionary-encoded
                quoted = pc.binary_join_element_wise("'", column, "")
                column = pc.if_else(pa.array(risky), quoted, column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def render(
    report: CheckReport, fmt: str, redact: bool = False, all_rows: bool | None = None
) -> str | bytes:
    """The report as text (table, csv, json, html) or bytes (xlsx)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    every_row = _every_row(fmt, all_rows)
    if fmt == "json":
        return json.dumps(report_dict(report, redact), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.BytesIO()
        _write_csv(report, buffer, redact, every_row)
        return buffer.getvalue().decode("utf-8")
    if fmt == "xlsx":
        return _xlsx(report, view(report, redact, every_row))
    if fmt == "html":
        return _html(report, view(report, redact, every_row))
    return _table(report, view(report, redact, every_row, detailed=False), every_row)


def _every_row(fmt: str, all_rows: bool | None) -> bool:
    return ALL_ROWS_BY_DEFAULT[fmt] if all_rows is None else all_rows


def write_report(
    report: CheckReport,
    fmt: str,
    output: Path | None,
    redact: bool = False,
    all_rows: bool | None = None,
) -> None:
    """Write to ``output`` (or stdout when None; xlsx needs a file)."""
    import sys

    if fmt == "csv" and output is not None:  # straight to the file: it may be hundreds of MB
        try:
            with output.open("wb") as stream:
                _write_csv(report, stream, redact, _every_row(fmt, all_rows))
        except OSError as exc:
            raise UsageError(
                f"cannot write {output}: {exc.strerror}; choose another --output"
            ) from exc
        return
    content = render(report, fmt, redact, all_rows)
    if output is None:
        if isinstance(content, bytes):
            raise UsageError("xlsx output is a file: give --output report.xlsx")
        sys.stdout.write(content)
        return
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}; choose another --output") from exc


def _write_csv(report: CheckReport, stream: BinaryIO, redact: bool, every_row: bool) -> None:
    """Write the rows in batches, each built and turned into CSV text on a thread per core.

    Building and serialising millions of rows is numpy and Arrow work that releases the GIL,
    so batches proceed side by side; they are written to ``stream`` in order.
    """
    with ThreadPoolExecutor(1) as pool:  # the problem text is joined while rows are chosen
        joining = pool.submit(_problem_text, report, redact)
        chosen = _chosen(report.rows, every_row, failures_first=True)
        problems = joining.result()
    starts = range(0, max(len(chosen), 1), CSV_BATCH_ROWS)

    weeks = pa.scalar(str(report.settings.weeks_per_year))

    def csv_text(start: int) -> pa.Buffer:
        table = neutralise(_flat(report, chosen[start : start + CSV_BATCH_ROWS], problems, redact))
        # A CSV has no other place for the setting every report prints: each row carries it.
        table = table.append_column(CSV_WEEKS_COLUMN, pa.repeat(weeks, table.num_rows))
        options = pacsv.WriteOptions(include_header=start == 0, quoting_style="needed")
        sink = pa.BufferOutputStream()  # its buffer is handed over, not copied as BytesIO's is
        pacsv.write_csv(table, sink, options)
        return sink.getvalue()

    with ThreadPoolExecutor(_WORKERS) as pool:
        pending: deque[Future[pa.Buffer]] = deque()
        for start in starts:
            pending.append(pool.submit(csv_text, start))
            if len(pending) > 2 * _WORKERS:  # memory stays bounded: a few batches ahead
                stream.write(pending.popleft().result())
        while pending:
            stream.write(pending.popleft().result())


# terminal table -------------------------------------------------------------------------------

TABLE_ROW_LIMIT = 500
TABLE_COLUMNS = {
    "file": "File",
    "row": "Row",
    "worker_id": "Worker",
    "name": "Name",
    "nmw_status": "NMW",
    "nmw_rate": "Rate",
    "nmw_hourly_pay": "Paid/h",
    "nmw_shortfall_per_hour": "Short/h",
    "rlw_status": "RLW",
    "rlw_zone": "Zone",
    "rlw_rate": "RLW rate",
    "rlw_shortfall_per_hour": "RLW short/h",
    "rlw_due_by": "Due by",
    "problems": "Problems",
}


def _pounds(amount: str) -> str:
    """A summary amount (exact string, two decimals) as people read it: £23,245.32."""
    return pounds(Decimal(amount))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _underpayment_line(summary: dict[str, Any]) -> str:
    """The underpayment is per pay period: say so when failing rows have none, never a bare £0."""
    amounts = (
        f"Statutory underpayment {_pounds(summary['underpayment'])}; "
        f"arrears at today's rates {_pounds(summary['arrears'])}"
    )
    left_out = summary["failing_rows_without_period"]
    if not left_out:
        return amounts + "."
    return (
        f"{amounts}: worked out for pay-period rows only, so "
        f"{_count(left_out, 'failing row')} without a pay period "
        f"{'is' if left_out == 1 else 'are'} not in these figures."
    )


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """The one-screen summary shared by the table and the HTML page."""
    nmw, rlw, cost = summary["nmw"], summary["rlw"], summary["rise_cost"]
    lines = [
        f"Checked {_count(summary['rows_read'], 'row')} on {summary['checked_on']} "
        f"(weeks per year {summary['method']['weeks_per_year']}).",
        "Statutory minimum: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in nmw.items())
        + ".",
        "Real Living Wage: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in rlw.items())
        + ".",
        _underpayment_line(summary),
        f"Cost of the newest Real Living Wage: {_pounds(cost['annual'])} a year, "
        f"{_count(cost['workers_below_target'], 'worker')} below it "
        f"({_count(cost['rows_not_costed'], 'row')} not costed: "
        f"{cost['not_costed']['without_weekly_hours']} without weekly hours, "
        f"{cost['not_costed']['zone_unknown']} with the workplace zone unknown, "
        f"{cost['not_costed']['could_not_be_checked']} that could not be checked).",
    ]
    if cost["earlier_periods"]:
        lines.append(
            "Pay periods are costed once per worker, on their latest period: "
            f"{_count(cost['earlier_periods'], 'earlier period row')} left out of the cost."
        )
    statutory = cost["statutory"]
    if statutory["effective_from"]:
        missing = statutory["rows_not_costed"]
        left_out = (
            f" ({_count(missing, 'row')} not costed: no rate for their age in the new period, "
            "no weekly hours, or not checked)"
            if missing
            else ""
        )
        lines.append(
            f"Cost of the statutory rise from {statutory['effective_from']}: "
            f"{_pounds(statutory['annual'])} a year{left_out}."
        )
    for entry in summary["files"]:
        lines.append(f"  {entry['file']}: {entry['rows']} rows, sha256 {entry['sha256'][:12]}…")
    method = summary["method"]
    lines.append(
        f"At {method['other_weeks_per_year']} weeks a year (--weeks-per-year), "
        f"{_count(method['rlw_results_that_flip'], 'salaried row')} would get a different "
        f"Real Living Wage result and {method['nmw_results_that_flip']} a different "
        "statutory result."
    )
    lines += [f"Warning: {warning}" for warning in summary["warnings"]]
    if summary["problems"]:
        lines.append(
            "Problems: "
            + ", ".join(f"{code} {n}" for code, n in summary["problems"].items())
            + " (rlwcheck explain CODE says how to fix each)."
        )
    return lines


def _table(report: CheckReport, flat: pa.Table, every_row: bool) -> str:
    """Summary, then rows failures first; long lists are cut: a terminal is not a spreadsheet."""
    lines = summary_lines(report.summary)
    if len(flat):
        shown = flat.select(list(TABLE_COLUMNS)).slice(0, TABLE_ROW_LIMIT).to_pandas()
        shown = shown.rename(columns=TABLE_COLUMNS).astype(object).fillna("")
        title = "All rows, failures first:" if every_row else "Rows needing action, failures first:"
        lines += ["", title, shown.to_string(index=False)]
        if len(flat) > TABLE_ROW_LIMIT:
            lines.append(
                f"... and {len(flat) - TABLE_ROW_LIMIT} more: use --format csv or xlsx "
                "with --output FILE to list them all"
            )
        lines += _what_to_do(report.problems)
    elif not every_row:
        lines += ["", "No rows need action."]
    return "\n".join(lines) + "\n"


def _what_to_do(problems: pd.DataFrame) -> list[str]:
    """Each problem code's fix once, below the rows (the CSV and XLSX give it on every row)."""
    if not len(problems):
        return []
    first = problems.drop_duplicates("code").sort_values("code")
    return ["", "What to do:"] + [
        f"  {code}: {message}"
        for code, message in zip(first["code"], first["message"], strict=True)
    ]


# xlsx and html --------------------------------------------------------------------------------

_FILLS = {"fail": "FFC7CE", "attention": "FFEB9C"}  # red and amber, as the HTML report's


def highlight(nmw_status: Any, rlw_status: Any) -> str:
    """How XLSX and HTML mark a row: 'fail' (red) below a floor already due, 'attention' (amber)
    for any other status needing action (a rise due, a row that could not be checked), else 'ok'."""
    statuses = {("nmw", nmw_status), ("rlw", rlw_status)}
    if statuses & {("nmw", "fail"), ("rlw", "fail")}:
        return "fail"
    return "attention" if statuses & _SEVERITY.keys() else "ok"


def _xlsx(report: CheckReport, flat: pa.Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    if len(flat) > _XLSX_MAX_ROWS:
        raise UsageError(f"{len(flat)} rows do not fit in one worksheet; use --format csv")
    book = Workbook(write_only=True)
    summary_sheet = book.create_sheet("Summary")
    for line in summary_lines(report.summary):
        summary_sheet.append([safe_cell(line)])
    sheet = book.create_sheet("Rows")
    bold = Font(bold=True)
    header = []
    for name in FLAT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    fills = {status: PatternFill("solid", fgColor=colour) for status, colour in _FILLS.items()}
    for record in neutralise(flat).to_pylist():
        # amounts as numbers HR can add up (exact: a Decimal is written as its digits)
        values: list[Any] = [
            Decimal(value) if name in RESULT_AMOUNTS and value is not None else value
            for name, value in record.items()
        ]
        fill = fills.get(highlight(record["nmw_status"], record["rlw_status"]))
        if fill is None:
            sheet.append(values)
            continue
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.fill = fill
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _html(report: CheckReport, flat: pa.Table) -> str:
    from rlwcheck import templating

    template = templating.environment().get_template("check_report.html.j2")
    rows = flat.to_pylist()
    return template.render(
        summary=report.summary,
        summary_lines=summary_lines(report.summary),
        columns=FLAT_COLUMNS,
        rows=rows,
        highlight=highlight,
        rates=report.rates,
    )
