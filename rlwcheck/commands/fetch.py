"""rlwcheck rates update / rates confirm: fetch new rates from their sources, confirm RLW rates."""

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from rlwcheck.commands.common import open_store
from rlwcheck.dates import long_date, today
from rlwcheck.money import pounds

if TYPE_CHECKING:
    from rlwcheck.sources import Source


@click.command()
@click.option("--dry-run", is_flag=True, help="Fetch and compare, but store nothing.")
@click.option(
    "--source",
    type=click.Choice(["govuk", "lwf"]),
    help="Only this source: govuk (statutory rates) or lwf (Real Living Wage). Default: both.",
)
@click.option(
    "--url",
    "urls",
    multiple=True,
    help="Read this address instead of the default (repeatable; needs --source).",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="rlwcheck.toml whose [rates] section sets sources, addresses and confirmation.",
)
@click.pass_context
def update(
    ctx: click.Context,
    dry_run: bool,
    source: str | None,
    urls: tuple[str, ...],
    config: Path | None,
) -> None:
    """Fetch new rates from GOV.UK and the Living Wage Foundation.

    Shows what differs from the rate book and stores new rates with their source, the time
    fetched and a hash of the page. New Real Living Wage rates stay pending until confirmed
    with `rlwcheck rates confirm`. Any failure stores nothing and exits 2.

    \b
    Examples:
      rlwcheck rates update --dry-run
      rlwcheck rates update --source lwf
      rlwcheck rates update --source lwf --url https://www.livingwage.org.uk/faqs
    """
    from rlwcheck.jobconfig import RateSettings, load_config
    from rlwcheck.sources import new_client
    from rlwcheck.updates import update_rates

    if urls and not source:
        raise click.UsageError("--url needs --source govuk or --source lwf, to say how to read it")
    settings = load_config(config).rates if config else RateSettings()
    sources = cast("tuple[Source, ...]", (source,)) if source else settings.sources
    chosen_urls = {sources[0]: urls} if source and urls else settings.urls
    on = today()
    with new_client(settings.timeout_seconds) as client:
        result = update_rates(
            open_store(ctx),
            client,
            on,
            sources=sources,
            urls=chosen_urls,
            dry_run=dry_run,
            confirm_living_wage=settings.confirm_living_wage,
        )
    for source_update in result.updates:
        urls_read = ", ".join(page.url for page in source_update.pages)
        click.echo(f"{source_update.source}: {urls_read}")
        click.echo(f"  {source_update.known} rates already in the rate book")
        for change in source_update.changes:
            click.echo(f"  + {change.describe(on)}")
        for note in source_update.notes:
            click.echo(f"  note: {note}")
    if not result.changes:
        click.echo("No new rates.")
    elif dry_run:
        click.echo("Dry run: nothing stored.")
    else:
        click.echo(f"Stored {len(result.changes)} new rates.")
        if result.awaiting_confirmation:
            click.echo(
                "New Real Living Wage rates are pending: check them against the source, then run "
                "`rlwcheck rates confirm`."
            )


@click.command()
@click.option("--rates-of", type=int, help="Only the rates of this year (e.g. 2026).")
@click.pass_context
def confirm(ctx: click.Context, rates_of: int | None) -> None:
    """Confirm pending Real Living Wage rates after checking them against the source.

    Fetched rates are read from prose, which can mislead; until confirmed they are not
    used for checks.

    \b
    Examples:
      rlwcheck rates confirm
      rlwcheck rates confirm --rates-of 2026
    """
    from rlwcheck.ratestore import (
        confirm_living_wage_rates,
        describe_existing,
        superseded_pending_rates,
    )

    conn = open_store(ctx)
    superseded = superseded_pending_rates(conn, rates_of)
    confirmed = confirm_living_wage_rates(conn, rates_of)
    for rate in confirmed:
        due = long_date(rate.implement_by) if rate.implement_by else "no published date"
        click.echo(
            f"Confirmed Real Living Wage {rate.rates_of} ({rate.zone}): {pounds(rate.rate)}, "
            f"due {due} ({rate.source_url})"
        )
    for pending, in_use in superseded:
        click.echo(
            f"Not confirmed: the pending {pending.rates_of} ({pending.zone}) rate "
            f"{pounds(pending.rate)} is superseded by {describe_existing(in_use)}"
        )
