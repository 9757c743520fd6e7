"""rlwcheck job: the daily unattended pass, and how to schedule it."""

from pathlib import Path

import click

from rlwcheck.commands.common import db_path, open_store
from rlwcheck.dates import long_date, today

CONFIG = click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The job's settings file (see samples/rlwcheck.toml).",
)


@click.group()
def job() -> None:
    """The daily job: fetch new rates, re-check payroll before a rise, mail a summary.

    \b
    Examples:
      rlwcheck job run --config rlwcheck.toml
      rlwcheck job schedule --config rlwcheck.toml --at 06:30
    """


@job.command()
@CONFIG
@click.option(
    "--offline", is_flag=True, help="Do not fetch rates; use the stored and bundled ones."
)
@click.option(
    "--reports",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write re-check reports here instead of the folder in the config.",
)
@click.pass_context
def run(ctx: click.Context, config: Path, offline: bool, reports: Path | None) -> None:
    """Run one pass: update rates, re-check, list network actions, mail what is new.

    Safe to repeat: each item is mailed once, so a second run the same day sends nothing.
    A failed fetch is reported and the rest still runs; the exit code is then 2.
    SMTP credentials come from RLWCHECK_SMTP_USER and RLWCHECK_SMTP_PASSWORD, never the file.

    \b
    Examples:
      rlwcheck job run --config rlwcheck.toml
      rlwcheck job run --config samples/rlwcheck.toml --offline --reports out/reports
    """
    from rlwcheck.job import run_job
    from rlwcheck.jobconfig import load_config
    from rlwcheck.sources import new_client

    settings = load_config(config).overridden(offline, reports)
    on = today()
    with new_client(settings.rates.timeout_seconds) as client:
        outcome = run_job(open_store(ctx), settings, on, client)
    click.echo(f"rlwcheck job, {long_date(on)} (run {outcome.run_id})")
    if offline or not settings.rates.sources:
        why = "--offline" if offline else "[rates] sources is empty"
        click.echo(f"  rates: not fetched ({why}); using the stored and bundled rates")
    for fetch in outcome.fetches:
        click.echo(f"  {fetch.source}: {'ok' if fetch.ok else 'FAILED'}: {fetch.message}")
        for line in fetch.new_rates:
            click.echo(f"    + {line}")
    for rise in outcome.rises_due:
        click.echo(f"  rise due: {rise.text}")
    for line in outcome.report_lines:
        click.echo(f"  re-checked {line}")
    for path in outcome.reports:
        click.echo(f"  report: {path}")
    click.echo(f"  network: {outcome.network}")
    for action in outcome.actions:
        click.echo(f"    - {action}")
    click.echo(f"  new items: {len(outcome.new_notices)}; email: {outcome.email_status}")
    for notice in outcome.new_notices:
        click.echo(f"    - {notice.section}: {notice.text}")
    for failure in outcome.failures:
        click.echo(f"  problem: {failure}", err=True)
    ctx.exit(outcome.exit_code)


@job.command()
@CONFIG
@click.option("--at", "at", default="06:30", show_default=True, help="Daily start time, HH:MM.")
@click.pass_context
def schedule(ctx: click.Context, config: Path, at: str) -> None:
    """Print cron, systemd and Windows Task Scheduler set-ups for the daily run.

    Nothing is installed: copy the part for your system.

    \b
    Examples:
      rlwcheck job schedule --config /srv/rlwcheck/rlwcheck.toml
      rlwcheck job schedule --config rlwcheck.toml --at 07:15
    """
    from rlwcheck.schedule import instructions, parse_time

    click.echo(instructions(config, parse_time(at), db_path(ctx)))
