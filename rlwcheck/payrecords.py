"""Pay records: payroll and contractor exports read into one normalised table for the checker.

:func:`read_pay_files` reads CSV and .xlsx files (rlwcheck.payfiles), matches their headers to
canonical fields (rlwcheck.columns), turns cells into exact values (rlwcheck.cells) and decides
London per row (rlwcheck.sites). Every data row becomes exactly one row of
:attr:`PayRecords.frame`, in input order; a bad cell becomes a missing value plus one row of
:attr:`PayRecords.problems`. Only a file that cannot be used at all raises
:class:`~rlwcheck.errors.InputError` (missing, empty, header only, binary, no ``worker_id`` or no
pay columns, duplicate headers, unknown sheet, an absurdly long line).

The frame has every canonical column whatever the file held: missing fields are all-NA, except
``apprentice``, which is False when a file has no apprentice column (no flag, no apprentices).
"""

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rlwcheck import cells, columns
from rlwcheck.errors import InputError
from rlwcheck.headers import ColumnReport, inspect_columns, inspect_with_mapping
from rlwcheck.payfiles import TextTable, read_table
from rlwcheck.rowproblems import PROBLEM_COLUMNS, PROBLEM_TYPES, empty_problems
from rlwcheck.sites import NoPostcodeLookup, PostcodeLookup, SiteTable, load_sites, resolve_london

TEXT = pd.StringDtype("pyarrow")
ArrayLike = pd.api.extensions.ExtensionArray | npt.NDArray[np.generic]
Parser = Callable[[pa.ChunkedArray], tuple[ArrayLike, list[cells.CellIssue]]]
DECIMAL = pd.ArrowDtype(cells.DECIMAL)
FRAME_COLUMNS = (
    "file",
    "row",
    "repeated_header",  # the file's header row again (exports split into pages): not a worker
    "unreadable",  # a cell the rules need could not be read: the row cannot be checked
    *columns.TEXT_FIELDS,
    *columns.DATE_FIELDS,
    *columns.COUNT_FIELDS,
    "apprentice",
    "london",
    "london_source",
    *columns.AMOUNT_FIELDS,
)


@dataclass(frozen=True)
class ReadOptions:
    sheet: str | None = None  # xlsx sheet name or 1-based index as text
    mapping_file: Path | None = None  # TOML column mapping
    sites_file: Path | None = None  # CSV or TOML site table
    postcode_lookup: PostcodeLookup | None = None


@dataclass(frozen=True)
class ColumnMapping:
    fields: dict[str, str]  # canonical field -> original header text
    ignored: list[str]  # headers not used
    pay_shape: str  # a key of columns.PAY_SHAPES: "period", "hourly", "salary" or "salary_fte"
    header_row: int  # sheet/line row number of the header (1 for a plain CSV)
    encoding: str | None  # CSV only
    delimiter: str | None  # CSV only
    sheet: str | None  # xlsx only


@dataclass(frozen=True)
class PayFile:
    path: Path
    sha256: str
    rows_read: int
    mapping: ColumnMapping


@dataclass
class PayRecords:
    files: list[PayFile]
    frame: pd.DataFrame  # one row per data row of every file, in input order
    problems: pd.DataFrame  # file, row, code, column, value, message


def describe_columns(path: Path, options: ReadOptions = ReadOptions()) -> ColumnMapping:
    """The column mapping a check would use; InputError if a required field is missing."""
    return _column_mapping(inspect_columns(path, options.sheet, options.mapping_file))


def read_pay_files(paths: Sequence[Path], options: ReadOptions = ReadOptions()) -> PayRecords:
    """Read every file into one frame (input order) and one problems table."""
    paths = [Path(path) for path in paths]  # a library caller may give strings
    mapping = columns.load_mapping_file(options.mapping_file) if options.mapping_file else None
    sites = load_sites(options.sites_file) if options.sites_file else None
    lookup = options.postcode_lookup or NoPostcodeLookup()
    _refuse_repeats(paths)
    files: list[PayFile] = []
    frames, problems = [], []
    for path in paths:
        report = inspect_with_mapping(path, options.sheet, mapping)
        _column_mapping(report)  # refuse a file without worker_id or pay before reading it
        table = read_table(path, report.layout, _reader_types(report.match))
        # The encoding can change while reading (Windows-1252 bytes after the sampled start).
        column_mapping = _column_mapping(replace(report, layout=table.layout))
        if table.size == 0:
            raise InputError(
                f"{path} has a header row but no data rows: export it again with the workers in it"
            )
        frame, file_problems, sha256 = _normalise(path, table, report.match, sites, lookup)
        _refuse_copies(path, sha256, files)
        files.append(PayFile(path, sha256, table.size, column_mapping))
        frames.append(frame)
        problems.append(file_problems)
    if not frames:
        raise InputError("no pay files given: name at least one CSV or .xlsx file")
    return PayRecords(
        files=files,
        frame=pd.concat(frames, ignore_index=True),
        problems=pd.concat(problems, ignore_index=True),
    )


def _refuse_repeats(paths: Sequence[Path]) -> None:
    """One file named twice would have every row counted twice, in the totals and per file."""
    named: dict[Path, Path] = {}
    for path in paths:
        same = named.setdefault(path.resolve(), path)
        if same is not path:
            also = "" if str(same) == str(path) else f" (also as {same})"
            raise InputError(f"{path} is given twice{also}: name each file once")


def _refuse_copies(path: Path, sha256: str, earlier: Sequence[PayFile]) -> None:
    """The same bytes under another name would have every row counted twice, like one name
    given twice."""
    for other in earlier:
        if other.sha256 == sha256:
            raise InputError(
                f"{path} is a copy of {other.path} (the same SHA-256, {sha256[:12]}…): "
                "name each file once"
            )


def _column_mapping(report: ColumnReport) -> ColumnMapping:
    if report.missing_required or report.match.pay_shape is None:
        raise InputError(report.missing_message)
    layout = report.layout
    return ColumnMapping(
        fields=report.match.fields,
        ignored=report.match.ignored,
        pay_shape=report.match.pay_shape,
        header_row=layout.header_row,
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        sheet=layout.sheet,
    )


def _reader_types(match: columns.ColumnMatch) -> dict[int, pa.DataType]:
    """Columns the CSV reader can parse itself: amounts as decimals, yes/no flags as dictionaries;
    text the frame keeps as large_string, which pandas' string columns need (no later copy)."""
    types: dict[int, pa.DataType] = {}
    for name, position in match.positions.items():
        if name in columns.AMOUNT_FIELDS:
            types[position] = cells.DECIMAL
        elif name in columns.BOOLEAN_FIELDS:
            types[position] = pa.dictionary(pa.int32(), pa.string())
        elif name in columns.TEXT_FIELDS or name in columns.NAME_PART_FIELDS:
            types[position] = pa.large_string()
    return types


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _Problems:
    """Collects cell issues as problem rows for one file, vectorised. Rows in ``skip`` (repeated
    header rows) are not workers, so their cells' issues are not reported."""

    def __init__(self, source: str, table: TextTable, skip: npt.NDArray[np.bool_]) -> None:
        self.source = source
        self.table = table
        self.skip = skip
        self.parts: list[pd.DataFrame] = []

    def add(self, position: int, issues: list[cells.CellIssue], workers_only: bool = True) -> None:
        header = self.table.layout.headers[position]
        raw = self.table.columns[position]
        for issue in issues:
            if workers_only:
                issue = replace(issue, positions=issue.positions[~self.skip[issue.positions]])
            if not len(issue.positions):
                continue
            values = _as_written(raw.take(pa.array(issue.positions)))
            part = pd.DataFrame(
                {
                    "row": self.table.rows[issue.positions],
                    "value": pd.arrays.ArrowStringArray(values.cast(pa.large_string())),
                }
            )
            part = part.assign(
                file=self.source, code=issue.code, column=header, message=issue.message
            )
            self.parts.append(part.assign(position=position))

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return empty_problems()
        found = pd.concat(self.parts, ignore_index=True)
        in_sheet_order = found.sort_values(["row", "position"], kind="stable", ignore_index=True)
        return in_sheet_order[list(PROBLEM_COLUMNS)].astype(PROBLEM_TYPES)


def _as_written(cells_: pa.ChunkedArray) -> pa.ChunkedArray:
    """Offending cells as text; decimals the CSV reader parsed lose their padding (-8, not -8.000000)."""
    text = cells_.cast(pa.string()).fill_null("")
    if pa.types.is_decimal(cells_.type):
        text = pc.replace_substring_regex(text, r"(\.\d*?[1-9])0+$", r"\1")
        text = pc.replace_substring_regex(text, r"\.0+$", "")
    return text


# Fields whose unreadable cell must stop a row being checked: read as blank, a deduction, a
# charge or overtime hours would silently count as none and could pass an underpaid worker.
# (An unreadable apprentice flag or start date is already weighed by the rules, and London by
# ``_london``: each leaves only what it decides unknown.)
_RULE_INPUTS = frozenset(
    (*columns.AMOUNT_FIELDS, *columns.COUNT_FIELDS, "date_of_birth", "period_start", "period_end")
)

_PARSERS: dict[str, Parser] = {
    **dict.fromkeys(columns.DATE_FIELDS, cells.parse_dates),
    **dict.fromkeys(columns.COUNT_FIELDS, cells.parse_counts),
    "apprentice": cells.parse_booleans,
    **dict.fromkeys(columns.AMOUNT_FIELDS, cells.parse_amounts),
}


def _normalise(
    path: Path,
    table: TextTable,
    match: columns.ColumnMatch,
    sites: SiteTable | None,
    lookup: PostcodeLookup,
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Parse every mapped column; columns are independent, so they are parsed in parallel
    (pyarrow, numpy and hashlib release the GIL), which roughly halves the time on two cores.
    Returns the frame, the problems and the file's SHA-256 (hashed meanwhile)."""
    source = str(path)
    present = {name: pos for name, pos in match.positions.items() if name in _PARSERS}
    blanks = _Blanks(table.size)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        texts = {
            name: pool.submit(_text_field, name, table, match)
            for name in columns.TEXT_FIELDS
            if match.sources_of(name)
        }
        parsed = {
            name: pool.submit(_PARSERS[name], table.columns[pos]) for name, pos in present.items()
        }
        london = pool.submit(_london, table, match, sites, lookup)
        digest = pool.submit(_sha256, path)
    data: dict[str, ArrayLike] = {
        "file": _text_array(cells.on_every_row(pa.scalar(source, pa.large_string()), table.size)),
        "row": table.rows,
    }
    for name in columns.TEXT_FIELDS:
        data[name] = texts[name].result() if name in texts else blanks.text
    repeated = data["repeated_header"] = _repeated_headers(data["worker_id"], table, match)
    problems = _Problems(source, table, repeated)
    _report_repeated_headers(repeated, match, problems)
    _report_missing_ids(data["worker_id"], match, problems)
    unreadable = data["unreadable"] = np.zeros(table.size, dtype=bool)
    for name in _PARSERS:
        if name in parsed:
            data[name], issues = parsed[name].result()
            problems.add(present[name], issues)
            if name in _RULE_INPUTS:
                for issue in issues:
                    unreadable[issue.positions] = True
        else:
            data[name] = blanks.column(name)
    data["london"], data["london_source"], london_issues = london.result()
    for position, issues in london_issues:
        problems.add(position, issues)
    # copy=False: columns for absent fields share one all-missing array (Arrow data is immutable).
    frame = pd.DataFrame(data, columns=list(FRAME_COLUMNS), copy=False)
    return frame, problems.frame(), digest.result()


class _Blanks:
    """All-missing columns for fields a file does not have, one shared array per kind
    (ten absent amount columns on 10 million rows would otherwise take 1.6 GB)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.text = _text_array(cells.on_every_row(pa.scalar(None, pa.large_string()), size))
        # A read-only view of one NaT (stride 0): pandas keeps it as it is, and the checker
        # only reads it (converting a chunk at a time) where 80 MB of NaT would be written.
        self.dates = np.broadcast_to(np.datetime64("NaT", "s"), (size,))
        self.counts = pd.arrays.IntegerArray(np.zeros(size, np.int64), np.ones(size, bool))
        self.amounts = pd.arrays.ArrowExtensionArray(
            cells.on_every_row(pa.scalar(None, cells.DECIMAL), size)
        )

    def column(self, name: str) -> ArrayLike:
        if name in columns.DATE_FIELDS:
            return self.dates
        if name in columns.COUNT_FIELDS:
            return self.counts
        if name == "apprentice":  # no apprentice column: nobody is one
            return pd.array(np.zeros(self.size, dtype=bool), dtype="boolean")
        return self.amounts


def _text_array(column: pa.ChunkedArray | pa.Array) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(column.cast(pa.large_string()))


def _text_field(
    name: str, table: TextTable, match: columns.ColumnMatch
) -> pd.arrays.ArrowStringArray:
    return _text_array(_text_column(name, table, match))


def _text_column(name: str, table: TextTable, match: columns.ColumnMatch) -> pa.ChunkedArray:
    """Trimmed text, a name joined from its parts when the file splits it."""
    parts = [
        cells.present_text(table.columns[match.positions[part]]) for part in match.sources_of(name)
    ]
    if len(parts) == 1:
        return parts[0]
    # (null_handling="skip" drops all-null rows in pyarrow 26, so blanks are joined as "")
    text = [pc.fill_null(part, "").cast(pa.large_string()) for part in parts]
    joined = pc.binary_join_element_wise(*text, pa.scalar(" ", pa.large_string()))
    return cells.present_text(joined)


def _repeated_headers(
    worker_ids: ArrayLike, table: TextTable, match: columns.ColumnMatch
) -> npt.NDArray[np.bool_]:
    """Rows whose worker ID cell is the ID column's own header, in any case and spacing: the
    header repeated, as exports split into pages or joined from several files write it. A real
    ID is never "Employee ID". Only IDs as long as the header are compared, so it stays cheap."""
    header = "".join(table.layout.headers[match.positions["worker_id"]].split()).casefold()
    ids = pa.array(worker_ids)  # a chunked array: wrapping it again would copy cell by cell
    repeated = np.zeros(len(ids), dtype=bool)
    long_enough = pc.fill_null(pc.greater_equal(pc.utf8_length(ids), len(header)), False)
    candidates = np.flatnonzero(long_enough.to_numpy(zero_copy_only=False))
    if candidates.size:
        text = pc.utf8_lower(ids.take(pa.array(candidates)))
        same = pc.equal(pc.replace_substring_regex(text, r"\s+", ""), header)
        repeated[candidates] = np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)
    return repeated


def _report_repeated_headers(
    repeated: npt.NDArray[np.bool_], match: columns.ColumnMatch, problems: "_Problems"
) -> None:
    if repeated.any():
        message = "the header row again, not a worker: it is listed, not checked"
        issue = cells.CellIssue("repeated-header", np.flatnonzero(repeated), message)
        problems.add(match.positions["worker_id"], [issue], workers_only=False)


def _report_missing_ids(
    worker_ids: ArrayLike, match: columns.ColumnMatch, problems: "_Problems"
) -> None:
    missing = np.flatnonzero(pd.isna(worker_ids))
    if missing.size:
        message = "no worker ID: fill it in so the row can be traced back to the payroll"
        problems.add(
            match.positions["worker_id"], [cells.CellIssue("missing-worker-id", missing, message)]
        )


def _london(
    table: TextTable,
    match: columns.ColumnMatch,
    sites: SiteTable | None,
    lookup: PostcodeLookup,
) -> tuple[
    pd.arrays.BooleanArray, pd.arrays.ArrowStringArray, list[tuple[int, list[cells.CellIssue]]]
]:
    def column(name: str) -> pa.ChunkedArray | None:
        position = match.positions.get(name)
        return None if position is None else table.columns[position]

    stated, unreadable, issues = None, None, []
    if (london := column("london")) is not None:
        stated, stated_issues = cells.parse_booleans(london)
        issues.append((match.positions["london"], stated_issues))
        unreadable = np.zeros(table.size, dtype=bool)
        for issue in stated_issues:  # invalid-boolean: a cell that is neither yes nor no
            unreadable[issue.positions] = True
    answer = resolve_london(
        stated,
        column("work_site"),
        column("workplace_postcode"),
        table.size,
        sites,
        lookup,
        column_unreadable=unreadable,
    )
    if answer.issues:
        issues.append((match.positions["work_site"], answer.issues))
    london_values = pd.arrays.BooleanArray(answer.values, answer.unknown)
    return london_values, _text_array(answer.source), issues
