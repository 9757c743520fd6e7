"""Sessions: the list counts partners that attended, not attendee rows; attendance has happened."""

import sqlite3

from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli

from .conftest import d

TODAY = d("2026-03-13")


def test_cli_sessions_counts_each_partner_once(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    council = network.add_partner(conn, "Ellerdale Council", "council", on=d("2026-01-05"))
    held = network.add_session(conn, d("2026-03-12"), "Lunch and Learn")
    # the trust sends two people and the council one: 3 attendees, 2 partners
    attend = {"conn": conn, "session_id": held.id, "today": TODAY}
    assert network.record_attendance(**attend, partner_id=trust.id, attendee_role="HR") == 1
    assert network.record_attendance(**attend, partner_id=trust.id, attendee_role="Finance") == 2
    assert network.record_attendance(**attend, partner_id=council.id) == 1
    listed = runner.invoke(cli, ["network", "sessions"])
    assert listed.exit_code == 0, listed.output
    assert listed.output == f"{held.id:>4}  2026-03-12  Lunch and Learn  (2 partners attended)\n"


def test_cli_attend_refuses_a_session_not_yet_held_and_names_a_repeat(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    held = network.add_session(conn, d("2026-03-12"), "Lunch and Learn")
    coming = network.add_session(conn, d("2026-12-01"), "Lunch and Learn: contractors")
    env = {"RLWCHECK_TODAY": "2026-03-13"}
    future = runner.invoke(cli, ["network", "attend", str(coming.id), trust.name], env=env)
    assert (future.exit_code, future.output) == (
        2,
        f"Error: session {coming.id} is on 1 December 2026, after today: record who attended "
        "once it has been held\n",
    )
    args = ["network", "attend", str(held.id), trust.name]
    assert runner.invoke(cli, args, env=env).output == (
        f"{trust.name} attended session {held.id}\n"
    )
    assert runner.invoke(cli, args, env=env).output == (
        f"{trust.name} attended session {held.id} (2 attendees from {trust.name} recorded)\n"
    )
