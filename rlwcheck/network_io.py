"""Partners in and out of the tracker as CSV: import the lead's spreadsheet, export everything.

Import is one transaction. Every row is checked first; bad rows become problems with a stable
code, the spreadsheet row number (header = row 1), the column and the value, and the good rows
are imported together (or none of them with ``all_or_nothing``). If anything fails while writing,
the transaction rolls back and nothing is half-written.
"""

import csv
import datetime as dt
import io
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rlwcheck import network, store
from rlwcheck.columns import header_key
from rlwcheck.dates import long_date, parse_date
from rlwcheck.errors import InputError, RlwcheckError, UsageError
from rlwcheck.money import from_pence
from rlwcheck.spreadsheets import decode_text, safe_cell

COLUMNS = {
    "name": ("name", "partner", "organisation", "organization"),
    "sector": ("sector", "type"),
    "place": ("place", "area", "location"),
    "lead_contact": ("lead_contact", "lead", "contact"),
    "size_band": ("size_band", "size", "headcount_band"),
    "stage": ("stage", "status"),
    "stage_date": ("stage_date", "since", "stage_since"),
    "living_hours": ("living_hours",),
    "recognised_service_provider": ("recognised_service_provider", "rsp"),
}
DELIMITERS = (",", ";", "\t", "|")
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (zip) and old .xls
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0", "")


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    value: str
    code: str
    message: str


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class _PartnerRow:
    values: dict[str, str]
    stage_date: dt.date
    living_hours: bool
    recognised_service_provider: bool


def import_partners(
    conn: sqlite3.Connection,
    path: Path,
    *,
    on: dt.date,
    today: dt.date,
    all_or_nothing: bool = False,
) -> ImportResult:
    """Import partners from a CSV file; ``on`` dates the starting stage when a row gives none.
    Stage dates record what happened, so none may be after ``today``."""
    if on > today:
        raise UsageError(f"--on {long_date(on)} is in the future: a starting stage has happened")
    rows = read_csv(path)
    # where each name is already: in the store, or on an earlier good row of this file
    existing = {p.name.casefold(): "is already in the network" for p in network.partners(conn)}
    result = ImportResult()
    good: list[_PartnerRow] = []
    for number, values in rows:
        values["name"] = network.clean_name(values["name"])
        stage_date, date_problem = _stage_date(values["stage_date"], on, today)
        problems = _row_problems(number, values, existing, date_problem)
        result.problems.extend(problems)
        if not problems:
            existing[values["name"].casefold()] = f"is already on row {number} of this file"
            good.append(_parsed(values, stage_date))
    if result.problems and all_or_nothing:
        return result
    with store.transaction(conn):
        for row in good:
            _insert(conn, row)
            result.imported.append(row.values["name"])
    return result


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, values by canonical column) for each non-blank row.

    A file that is not a CSV of partners stops the import with one line: a workbook, binary
    data, a column it does not know (its data would be lost without a word), two columns for
    one field, or a row with more cells than the header."""
    text = _text(path)
    delimiter = _delimiter(text.splitlines()[0] if text else "")
    # newline=None: also Mac CR-only line ends
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    number = 0  # the last row read; a quoted value over several lines is one spreadsheet row
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(
                f"{path} is empty: it needs a header row with at least name and sector"
            )
        mapping = _map_header(header, path)
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise InputError(
                    f"{path} row {number} has {len(cells)} cells but the header has "
                    f"{len(header)}: remove the extra cells or give them a column"
                )
            values = {column: "" for column in COLUMNS}
            for index, column in mapping.items():
                values[column] = cells[index].strip() if index < len(cells) else ""
            rows.append((number, values))
    except csv.Error as exc:
        raise InputError(
            f"{path} cannot be read as CSV at row {number + 1} ({exc}): "
            "save it from your spreadsheet as CSV UTF-8"
        ) from exc
    return rows


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if raw.startswith(_WORKBOOK_MAGIC):
        raise InputError(f"{path} is a spreadsheet workbook: save it as CSV UTF-8 and import that")
    if b"\x00" in raw:
        raise InputError(f"{path} is not a text file: save the partner list as CSV UTF-8")
    return decode_text(raw)


def _header_key(title: str) -> str:
    """As pay-file headers are folded, and a bracketed hint ("Stage Date (DD/MM/YYYY)") dropped."""
    return header_key(re.sub(r"\(.*?\)", "", title))


_ALIASES = {_header_key(alias): column for column, names in COLUMNS.items() for alias in names}


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns the tracker knows (a comma on
    a tie): where the decimal mark is a comma, Excel saves "CSV" separated by semicolons."""

    def known_columns(delimiter: str) -> int:
        titles = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(_header_key(title) in _ALIASES for title in titles)

    return max(DELIMITERS, key=known_columns)


def _map_header(header: Sequence[str], path: Path) -> dict[int, str]:
    mapping: dict[int, str] = {}
    unknown = []
    for index, title in enumerate(header):
        column = _ALIASES.get(_header_key(title))
        if column is None:
            if title.strip():
                unknown.append(title)
            continue
        if column in mapping.values():
            first = header[next(i for i, c in mapping.items() if c == column)]
            raise InputError(
                f"{path} has two columns for {column}, {first!r} and {title!r}: keep one"
            )
        mapping[index] = column
    if unknown and not mapping and len(unknown) == 1:
        raise InputError(
            f"{path} row 1 is {unknown[0]!r}, not a header: the first row must name the "
            "columns (at least name and sector); delete any title rows above it"
        )
    if unknown:
        raise InputError(
            f"{path} has columns the tracker does not know, so their data would be lost: "
            f"{', '.join(map(repr, unknown))}; rename them to one of {', '.join(COLUMNS)} or delete them"
        )
    missing = [column for column in ("name", "sector") if column not in mapping.values()]
    if missing:
        raise InputError(
            f"{path} has no {' or '.join(missing)} column; the header needs name and sector "
            f"(optional: {', '.join(c for c in COLUMNS if c not in ('name', 'sector'))})"
        )
    return mapping


def _stage_date(text: str, on: dt.date, today: dt.date) -> tuple[dt.date, str]:
    """A row's starting-stage date (``on`` when blank) and what is wrong with it, if anything."""
    if not text:
        return on, ""
    try:
        parsed = parse_date(text, "stage_date")
    except RlwcheckError as exc:
        return on, str(exc)
    return parsed, "the stage date is in the future" if parsed > today else ""


def _row_problems(
    number: int, values: dict[str, str], existing: dict[str, str], date_problem: str
) -> list[RowProblem]:
    problems = []

    def problem(column: str, code: str, message: str) -> None:
        problems.append(RowProblem(number, column, values[column], code, message))

    if not values["name"]:
        problem("name", "network-missing-name", "the partner has no name")
    elif values["name"].casefold() in existing:
        where = existing[values["name"].casefold()]
        problem("name", "network-duplicate-partner", f"a partner with this name {where}")
    if not values["sector"]:
        problem("sector", "network-missing-sector", "the partner has no sector")
    if values["stage"] and values["stage"] not in network.ALL_STAGES:
        problem("stage", "network-unknown-stage", f"use one of: {', '.join(network.ALL_STAGES)}")
    if values["size_band"] and values["size_band"] not in network.SIZE_BANDS:
        problem(
            "size_band", "network-unknown-size-band", f"use one of: {', '.join(network.SIZE_BANDS)}"
        )
    if date_problem:
        problem("stage_date", "network-invalid-date", date_problem)
    for flag in network.FLAGS:
        if values[flag].lower() not in YES + NO:
            problem(flag, "network-invalid-flag", "write yes or no")
    return problems


def _parsed(values: dict[str, str], stage_date: dt.date) -> _PartnerRow:
    return _PartnerRow(
        values=values,
        stage_date=stage_date,
        living_hours=values["living_hours"].lower() in YES,
        recognised_service_provider=values["recognised_service_provider"].lower() in YES,
    )


def _insert(conn: sqlite3.Connection, row: _PartnerRow) -> None:
    values = row.values
    partner_id = network.insert_partner(
        conn,
        values["name"],
        values["sector"],
        on=row.stage_date,
        place=values["place"],
        lead_contact=values["lead_contact"],
        size_band=values["size_band"],
        stage=values["stage"] or "not_engaged",
    )
    for flag, value in (
        ("living_hours", row.living_hours),
        ("recognised_service_provider", row.recognised_service_provider),
    ):
        if value:
            network.insert_flag(conn, partner_id, flag, True, on=row.stage_date, note="imported")


# export --------------------------------------------------------------------------------------

EXPORT_TABLES = {
    "stage_history": "network_stage_change",
    "flags": "network_flag_change",
    "attendance": "network_attendance",
    "actions": "network_action",
    "actions_done": "network_action_done",
    "notes": "network_note",
    "pay_aggregates": "network_pay_aggregate",
}


def export_csv(conn: sqlite3.Connection, folder: Path) -> list[Path]:
    """Write every tracker table as CSV into a folder: current partners, sessions, and each history."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {folder}: {exc.strerror}") from exc
    written = [_write(folder / "partners.csv", *_partner_table(conn))]
    written.append(
        _write(folder / "sessions.csv", *_table(conn, "SELECT * FROM network_session ORDER BY id"))
    )
    for name, table in EXPORT_TABLES.items():
        query = _with_partner_name(table)
        written.append(_write(folder / f"{name}.csv", *_table(conn, query)))
    return written


def _with_partner_name(table: str) -> str:
    if table == "network_action_done":
        return (
            "SELECT t.*, p.name AS partner FROM network_action_done t "
            "JOIN network_action a ON a.id = t.action_id JOIN network_partner p ON p.id = a.partner_id ORDER BY t.id"
        )
    return f"SELECT t.*, p.name AS partner FROM {table} t JOIN network_partner p ON p.id = t.partner_id ORDER BY t.id"


def _partner_table(conn: sqlite3.Connection) -> tuple[list[str], list[list[Any]]]:
    header = [
        "id",
        "name",
        "sector",
        "place",
        "lead_contact",
        "size_band",
        "stage",
        "stage_since",
        "living_hours",
        "recognised_service_provider",
    ]
    rows = [
        [
            p.id,
            p.name,
            p.sector,
            p.place,
            p.lead_contact,
            p.size_band,
            p.stage,
            p.stage_since.isoformat(),
            "yes" if p.living_hours else "no",
            "yes" if p.recognised_service_provider else "no",
        ]
        for p in network.partners(conn)
    ]
    return header, rows


def _table(conn: sqlite3.Connection, query: str) -> tuple[list[str], list[list[Any]]]:
    cursor = conn.execute(query)
    columns = [description[0] for description in cursor.description]
    header = [column.removesuffix("_pence") for column in columns]
    rows = [
        [
            from_pence(value) if column.endswith("_pence") else value
            for column, value in zip(columns, row, strict=True)
        ]
        for row in cursor.fetchall()
    ]
    return header, rows


def _write(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([safe_cell(value) for value in row] for row in rows)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    return path
