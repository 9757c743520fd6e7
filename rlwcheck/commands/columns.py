"""rlwcheck columns: show how each column of a pay file is understood, before checking it."""

import json
from pathlib import Path
from typing import Any

import click

from rlwcheck.commands.common import EXIT_BAD_INPUT

_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@click.command("columns")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--sheet", help="Worksheet of an .xlsx file: name or number from 1 (default: the first)."
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help='TOML file mapping your headers to fields: [columns] worker_id = "Payroll Code".',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def columns(
    ctx: click.Context, file: Path, sheet: str | None, mapping: Path | None, fmt: str
) -> None:
    """Show how each column of a pay file is understood.

    Lists each header with the field it gives (or why it is ignored), the header row found,
    the encoding and delimiter of a CSV, the pay shape detected and the fields that are
    missing. Exits 2 when worker_id or every pay shape is missing, as `check` would.

    \b
    Examples:
      rlwcheck columns samples/payroll/sage50.csv
      rlwcheck columns samples/payroll/nhs_bank_staff.xlsx --sheet Contractors
      rlwcheck columns samples/custom_export.csv --mapping samples/mapping.toml --format json
    """
    from rlwcheck.headers import inspect_columns

    inspected = inspect_columns(file, sheet, mapping)
    report = inspected.to_dict()
    if sheet is not None and report["format"] == "csv":
        click.echo(f"Warning: {file} is a CSV, which has no sheets: --sheet is ignored", err=True)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(_table(report))
    if report["missing_required"]:
        click.echo(f"Error: cannot check {inspected.missing_message}", err=True)
        ctx.exit(EXIT_BAD_INPUT)


def _table(report: dict[str, Any]) -> str:
    if report["format"] == "xlsx":
        read_as = f"XLSX, sheet {report['sheet']!r}"
    else:
        delimiter = _DELIMITER_NAMES.get(report["delimiter"], repr(report["delimiter"]))
        read_as = f"CSV, {report['encoding']}, {delimiter}-separated"
    shape = report["pay_shape"] or "none found"
    lines = [
        f"File:        {report['file']}",
        f"Read as:     {read_as}",
        f"Header row:  {report['header_row']}",
        f"Pay shape:   {shape}",
        "",
    ]
    width = max((len(column["header"]) for column in report["columns"]), default=6)
    for column in report["columns"]:
        if column["field"] in ("first_name", "surname"):
            meaning = f"name (the {column['field'].replace('_', ' ')} part)"
        elif column["field"]:
            meaning = column["field"]
        else:
            meaning = "ignored" + (f" ({column['note']})" if column["note"] else "")
        lines.append(f"  {column['header']:<{width}}  ->  {meaning}")
    lines.append("")
    if report["missing_required"]:
        lines.append(f"Missing (required): {'; '.join(report['missing_required'])}")
    lines.append(f"Not in this file:   {', '.join(report['missing_optional']) or 'none'}")
    lines += [f"Note: {note}" for note in report["notes"]]
    return "\n".join(lines)
