"""rlwcheck check, history and explain: check payroll files, list past checks, explain a problem code."""

import json
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from rlwcheck import store
from rlwcheck.columns import SALARY_BASES
from rlwcheck.commands.common import (
    DATE,
    EXIT_NON_COMPLIANT,
    EXIT_OK,
    CommandError,
    db_path,
    open_store,
)
from rlwcheck.problems import PROBLEM_CODES, describe

FORMATS = ("table", "csv", "json", "xlsx", "html")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--on", "on", type=DATE, help="Date for rows without a pay period (default: today).")
@click.option(
    "--sheet",
    help="Worksheet to read in .xlsx files, by name or number from 1 (default: the first visible).",
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file mapping your column headers to rlwcheck's fields.",
)
@click.option(
    "--sites",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Sites file (CSV or TOML): site name, postcode and/or london yes/no.",
)
@click.option(
    "--weeks-per-year",
    default="52.143",
    show_default=True,
    help="Weeks in a year for salaries and annual costs: 52.143 (NHS) or 52 (LWF).",
)
@click.option(
    "--rlw-includes-apprentices",
    is_flag=True,
    help="Check apprentices against the Real Living Wage too (the LWF does not require it).",
)
@click.option(
    "--salary-basis",
    type=click.Choice(SALARY_BASES),
    help="What a salary column holds when the file also gives each worker's FTE: the salary "
    "actually paid, or the full-time (grade) value, which is multiplied by the FTE.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of the terminal.",
)
@click.option("--redact", is_flag=True, help="Replace names with worker ids in every output.")
@click.option(
    "--all-rows",
    is_flag=True,
    help="table/csv: list every row, not only those needing action (json, xlsx, html always do).",
)
@click.pass_context
def check(
    ctx: click.Context,
    files: tuple[Path, ...],
    on: Any,
    sheet: str | None,
    mapping: Path | None,
    sites: Path | None,
    weeks_per_year: str,
    rlw_includes_apprentices: bool,
    salary_basis: str | None,
    fmt: str,
    output: Path | None,
    redact: bool,
    all_rows: bool,
) -> None:
    """Check payroll files against the statutory minimum wage and the Real Living Wage.

    Every row gets a statutory status (pass, fail, not_applicable, invalid) and a Real Living
    Wage status (pass, fail, due, not_applicable, undetermined). Exit code 0 when every row
    passes or does not apply, 1 when any row fails, is due or could not be checked, 2 when a
    file cannot be read or an option is wrong. Each run is recorded: see `rlwcheck history`.

    \b
    Examples:
      rlwcheck check payroll.csv
      rlwcheck check march.xlsx --sheet Pay --sites sites.csv --format xlsx -o march-check.xlsx
      rlwcheck check payroll.csv --on 01/04/2026 --weeks-per-year 52 --format json --redact
      rlwcheck check esr-export.csv --salary-basis full-time
    """
    # Huge pages for numpy's large arrays make the kernel compact memory on first touch, which on
    # a busy machine costs more than it saves: about 0.3 s of a 10-million-row check. Only takes
    # effect when numpy is not yet imported (it is not, for a command line run).
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    from rlwcheck.checks import CheckSettings
    from rlwcheck.history import run_check
    from rlwcheck.payrecords import ReadOptions
    from rlwcheck.reports import write_report

    kept = {path: "one of the input files" for path in (*files, mapping, sites) if path}
    kept[db_path(ctx) or store.default_path()] = "the rlwcheck database (run history and rates)"
    _refuse_output_over_a_kept_file(output, kept)
    if sheet is not None and not any(path.suffix.lower() == ".xlsx" for path in files):
        click.echo(
            f"Warning: --sheet {sheet} is for .xlsx workbooks; no file here is one", err=True
        )
    settings = CheckSettings(
        on=on,
        weeks_per_year=_weeks(weeks_per_year),
        rlw_includes_apprentices=rlw_includes_apprentices,
        salary_basis=salary_basis,
        read=ReadOptions(sheet=sheet, mapping_file=mapping, sites_file=sites),
    )
    report, run_id = run_check(open_store(ctx), list(files), settings)
    write_report(report, fmt, output, redact=redact, all_rows=True if all_rows else None)
    if output is not None:
        click.echo(f"Wrote {output} (check run {run_id}).", err=True)
    ctx.exit(EXIT_NON_COMPLIANT if report.exit_code else EXIT_OK)


def _refuse_output_over_a_kept_file(output: Path | None, kept: dict[Path, str]) -> None:
    """Writing the report over a payroll, sites or mapping file would destroy the evidence, and
    over the store the run history, hand-entered rates and the accreditation tracker."""
    if output is None or not output.exists():
        return
    for given, what in kept.items():
        if given.exists() and output.samefile(given):
            raise CommandError(
                f"--output {output} is {what} ({given}); choose another --output so it is kept"
            )


def _weeks(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise CommandError(f"--weeks-per-year {text!r} is not a number: use 52.143 or 52") from None


@click.command()
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="Runs to list."
)
@click.option(
    "--run", "run_id", type=int, help="Show one run in full (its summary, rates and settings)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def history(ctx: click.Context, limit: int, run_id: int | None, fmt: str) -> None:
    """List past checks: when, which files, and what they found.

    \b
    Examples:
      rlwcheck history
      rlwcheck history --limit 5 --format json
      rlwcheck history --run 3 --format json
    """
    from rlwcheck.history import get_run, list_runs

    conn = open_store(ctx)
    runs = [get_run(conn, run_id)] if run_id is not None else list_runs(conn, limit)
    if fmt == "json":
        click.echo(json.dumps(runs if run_id is None else runs[0], indent=2))
        return
    if not runs:
        click.echo("No checks recorded yet: run `rlwcheck check FILE`.")
        return
    for run in runs:
        names = ", ".join(
            f"{f['name']} ({f['rows']} rows, sha256 {f['sha256'][:12]})" for f in run["files"]
        )
        click.echo(
            f"#{run['id']} {run['finished_at']} by {run['recorded_by']}, checked on {run['checked_on']}: "
            f"{run['rows_read']} rows; NMW fail {run['nmw']['fail']}, invalid {run['nmw']['invalid']}; "
            f"RLW fail {run['rlw']['fail']}, due {run['rlw']['due']}, "
            f"undetermined {run['rlw']['undetermined']}; exit {run['exit_code']}\n    {names}"
        )


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a problem code from a check report, and how to fix the row.

    \b
    Examples:
      rlwcheck explain missing-hours
      rlwcheck explain london-undetermined
    """
    description = describe(code.strip().lower())
    if description is None:
        known = ", ".join(sorted(PROBLEM_CODES))
        raise CommandError(f"unknown problem code {code!r}; known codes: {known}")
    click.echo(f"{code.strip().lower()}: {description}")
