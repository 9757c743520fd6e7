"""Sessions: the list counts partners that attended, not attendee rows."""

import sqlite3

from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli

from .conftest import d


def test_cli_sessions_counts_each_partner_once(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    council = network.add_partner(conn, "Ellerdale Council", "council", on=d("2026-01-05"))
    held = network.add_session(conn, d("2026-03-12"), "Lunch and Learn")
    # the trust sends two people and the council one: 3 attendees, 2 partners
    network.record_attendance(conn, held.id, trust.id, attendee_role="HR director")
    network.record_attendance(conn, held.id, trust.id, attendee_role="Finance director")
    network.record_attendance(conn, held.id, council.id, attendee_role="Procurement lead")
    listed = runner.invoke(cli, ["network", "sessions"])
    assert listed.exit_code == 0, listed.output
    assert listed.output == f"{held.id:>4}  2026-03-12  Lunch and Learn  (2 partners attended)\n"
