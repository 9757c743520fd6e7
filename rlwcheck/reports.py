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
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlwcheck.checks import NMW_FAILING, RLW_FAILING, CheckReport
from rlwcheck.errors import UsageError
from rlwcheck.vectors import pence_text

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
AMOUNT_COLUMNS = [
    "nmw_rate",
    "nmw_hourly_pay",
    "nmw_shortfall_per_hour",
    "nmw_underpayment",
    "nmw_arrears",
    "rlw_rate",
    "rlw_hourly_pay",
    "rlw_shortfall_per_hour",
]
FLAT_COLUMNS = (
    IDENTITY + [f"nmw_{f}" for f in NMW_FIELDS] + [f"rlw_{f}" for f in RLW_FIELDS] + ["problems"]
)
_FORMULA_START = r"^[=+\-@\t\r]"
_XLSX_MAX_ROWS = 1_048_575
# Severity, for "failures first": statutory failures, then rows that could not be checked, then RLW.
_SEVERITY = {
    ("nmw", "fail"): 0,
    ("nmw", "invalid"): 1,
    ("rlw", "fail"): 2,
    ("rlw", "undetermined"): 3,
    ("rlw", "due"): 4,
}


def needs_action(rows: pd.DataFrame) -> pd.Series:
    """Rows that fail, are due, or could not be checked: what the default table and CSV list."""
    return rows["nmw_status"].isin(NMW_FAILING) | rows["rlw_status"].isin(RLW_FAILING)


def view(report: CheckReport, redact: bool = False, all_rows: bool = True) -> pd.DataFrame:
    """The flat rows for output: amounts as '12.34' text, problems as codes, failures first."""
    rows = report.rows if all_rows else report.rows[needs_action(report.rows).to_numpy()]
    flat = rows.copy()
    if redact:
        flat["name"] = flat["worker_id"]
    for column in AMOUNT_COLUMNS:
        values = flat[column]
        flat[column] = pence_text(
            values.fillna(0).to_numpy(np.int64), values.notna().to_numpy()
        ).to_numpy()
    codes = _problem_codes(report.problems)
    keys = pd.MultiIndex.from_arrays([flat["file"], flat["row"]])
    flat["problems"] = codes.reindex(keys).fillna("").to_numpy() if len(codes) else ""
    severity = np.full(len(flat), len(_SEVERITY), dtype=np.int64)
    for (rule, status), rank in sorted(_SEVERITY.items(), key=lambda item: -item[1]):
        severity = np.where(flat[f"{rule}_status"].astype(object) == status, rank, severity)
    flat["_severity"] = severity
    flat = flat.sort_values(["_severity", "file", "row"], kind="stable")
    return flat[FLAT_COLUMNS]  # keeps the input position as the index


def _problem_codes(problems: pd.DataFrame) -> pd.Series:
    """'code (column); code (column)' per (file, row)."""
    if not len(problems):
        return pd.Series(dtype=object)
    text = problems["code"].astype(str) + " (" + problems["column"].astype(str) + ")"
    return text.groupby([problems["file"], problems["row"]]).agg("; ".join)


def report_dict(report: CheckReport, redact: bool = False) -> dict[str, Any]:
    """The JSON contract: {"summary": {...}, "rows": [...]} with every input row, in input order."""
    flat = view(report, redact, all_rows=True).sort_index()
    problems = _problems_by_row(report.problems, redact)
    records = flat.astype(object).where(flat.notna(), None).to_dict("records")
    return {
        "summary": report.summary,
        "rows": [
            {
                **{key: record[key] for key in IDENTITY},
                "row": int(record["row"]),
                "nmw": {field: record[f"nmw_{field}"] for field in NMW_FIELDS},
                "rlw": {field: record[f"rlw_{field}"] for field in RLW_FIELDS},
                "problems": problems.get((record["file"], int(record["row"])), []),
            }
            for record in records
        ],
    }


def _problems_by_row(
    problems: pd.DataFrame, redact: bool
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for entry in problems.to_dict("records"):
        value = "" if redact and entry["column"] == "name" else entry["value"]
        grouped.setdefault((str(entry["file"]), int(entry["row"])), []).append(
            {
                "code": entry["code"],
                "column": entry["column"],
                "value": _text(value),
                "message": entry["message"],
            }
        )
    return grouped


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or isinstance(safe[column].dtype, pd.StringDtype):
            text = safe[column].astype(object)
            risky = text.astype(str).str.match(_FORMULA_START) & text.notna()
            safe[column] = text.where(~risky, "'" + text.astype(str))
    return safe


def render(
    report: CheckReport, fmt: str, redact: bool = False, all_rows: bool | None = None
) -> str | bytes:
    """The report as text (table, csv, json, html) or bytes (xlsx)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    every_row = ALL_ROWS_BY_DEFAULT[fmt] if all_rows is None else all_rows
    if fmt == "json":
        return json.dumps(report_dict(report, redact), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return neutralise(view(report, redact, every_row)).to_csv(index=False)
    if fmt == "xlsx":
        return _xlsx(report, view(report, redact, every_row))
    if fmt == "html":
        return _html(report, view(report, redact, every_row))
    return _table(report, view(report, redact, every_row), every_row)


def write_report(
    report: CheckReport,
    fmt: str,
    output: Path | None,
    redact: bool = False,
    all_rows: bool | None = None,
) -> None:
    """Write to ``output`` (or stdout when None; xlsx needs a file)."""
    import sys

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


# terminal table -------------------------------------------------------------------------------

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


def summary_lines(summary: dict[str, Any]) -> list[str]:
    """The one-screen summary shared by the table and the HTML page."""
    nmw, rlw, cost = summary["nmw"], summary["rlw"], summary["rise_cost"]
    lines = [
        f"Checked {summary['rows_read']} rows on {summary['checked_on']} "
        f"(weeks per year {summary['method']['weeks_per_year']}).",
        "Statutory minimum: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in nmw.items())
        + ".",
        "Real Living Wage: "
        + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in rlw.items())
        + ".",
        f"Statutory underpayment £{summary['underpayment']}; arrears at today's rates £{summary['arrears']}.",
        f"Cost of the newest Real Living Wage: £{cost['annual']} a year "
        f"({cost['rows_not_costed']} rows without weekly hours not costed).",
    ]
    if cost["statutory"]["effective_from"]:
        lines.append(
            f"Cost of the statutory rise from {cost['statutory']['effective_from']}: "
            f"£{cost['statutory']['annual']} a year."
        )
    for entry in summary["files"]:
        lines.append(f"  {entry['file']}: {entry['rows']} rows, sha256 {entry['sha256'][:12]}…")
    if summary["problems"]:
        lines.append(
            "Problems: "
            + ", ".join(f"{code} {n}" for code, n in summary["problems"].items())
            + " (rlwcheck explain CODE says how to fix each)."
        )
    return lines


def _table(report: CheckReport, flat: pd.DataFrame, every_row: bool) -> str:
    lines = summary_lines(report.summary)
    if len(flat):
        shown = flat[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS).astype(object).fillna("")
        title = "All rows, failures first:" if every_row else "Rows needing action, failures first:"
        lines += ["", title, shown.to_string(index=False)]
    elif not every_row:
        lines += ["", "No rows need action."]
    return "\n".join(lines) + "\n"


# xlsx and html --------------------------------------------------------------------------------

_FILLS = {"fail": "FFC7CE", "invalid": "FFEB9C", "due": "FFEB9C", "undetermined": "FFEB9C"}


def _xlsx(report: CheckReport, flat: pd.DataFrame) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    if len(flat) > _XLSX_MAX_ROWS:
        raise UsageError(f"{len(flat)} rows do not fit in one worksheet; use --format csv")
    book = Workbook(write_only=True)
    summary_sheet = book.create_sheet("Summary")
    for line in summary_lines(report.summary):
        summary_sheet.append([_safe_cell(line)])
    sheet = book.create_sheet("Rows")
    bold = Font(bold=True)
    header = []
    for name in FLAT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    fills = {status: PatternFill("solid", fgColor=colour) for status, colour in _FILLS.items()}
    for record in neutralise(flat).astype(object).where(flat.notna(), None).itertuples(index=False):
        values = list(record)
        worst = _worst_status(
            values[FLAT_COLUMNS.index("nmw_status")], values[FLAT_COLUMNS.index("rlw_status")]
        )
        if worst is None:
            sheet.append(values)
            continue
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.fill = fills[worst]
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _worst_status(nmw: Any, rlw: Any) -> str | None:
    if nmw == "fail" or rlw == "fail":
        return "fail"
    return next((s for s in (nmw, rlw) if s in _FILLS), None)


def _safe_cell(text: str) -> str:
    return "'" + text if text[:1] in "=+-@\t\r" else text


def _html(report: CheckReport, flat: pd.DataFrame) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("rlwcheck", "data/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("check_report.html.j2")
    rows = flat.astype(object).where(flat.notna(), None).to_dict("records")
    return template.render(
        summary=report.summary,
        summary_lines=summary_lines(report.summary),
        columns=FLAT_COLUMNS,
        rows=rows,
        rates=report.rates,
    )
