"""The rlwcheck command line. Commands live in rlwcheck.commands, one module per group."""

import click

from rlwcheck import __version__
from rlwcheck.commands.check import check, explain, history
from rlwcheck.commands.columns import columns
from rlwcheck.commands.common import Group
from rlwcheck.commands.fetch import confirm, update
from rlwcheck.commands.job import job
from rlwcheck.commands.network import network
from rlwcheck.commands.rates import rates

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="rlwcheck")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="RLWCHECK_DB",
    help="SQLite store to use (default: rlwcheck.db in your data folder; env RLWCHECK_DB).",
)
def cli(db: str | None) -> None:
    """Check pay against the National Minimum Wage and the Real Living Wage.

    \b
    Examples:
      rlwcheck rates show --age 22 --london
      rlwcheck rates list --scheme rlw_uk
    """


cli.add_command(rates)
cli.add_command(check)
cli.add_command(columns)
cli.add_command(history)
cli.add_command(explain)
cli.add_command(network)
rates.add_command(update)
rates.add_command(confirm)
cli.add_command(job)


def main() -> None:
    cli(prog_name="rlwcheck")
