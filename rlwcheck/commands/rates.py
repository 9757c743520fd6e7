"""rlwcheck rates: list, show and add wage floors."""

import click


@click.group()
def rates() -> None:
    """The rate book: every dated wage floor, with its source."""
