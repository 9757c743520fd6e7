"""The tracker records what has happened: a date after today is refused, as `move` refuses it."""

import sqlite3

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.network_actions import add_action

from .conftest import d

TODAY = {"RLWCHECK_TODAY": "2026-07-15"}


@pytest.mark.parametrize(
    ("args", "option", "command"),
    [
        (["flag", "{partner}", "living_hours", "no", "--on", "01/01/2030"], "--on", "flag"),
        (["done", "1", "--on", "01/08/2027"], "--on", "done"),
        (
            ["pay", "{partner}", "--staff-below", "1", "--cost", "5", "--as-of", "16/07/2026"],
            "--as-of",
            "pay",
        ),
        (["report", "--on", "01/01/2027", "--output", "{out}"], "--on", "report"),
        (["note", "{partner}", "Cabinet paper", "--on", "16/07/2026"], "--on", "note"),
    ],
)
def test_a_future_date_is_refused_and_nothing_is_recorded(
    runner: CliRunner,
    conn: sqlite3.Connection,
    trust: network.Partner,
    tmp_path: object,
    args: list[str],
    option: str,
    command: str,
) -> None:
    add_action(conn, trust.id, "Name a sponsor", "A", d("2026-08-01"), opened_on=d("2026-07-01"))
    filled = [a.format(partner=trust.name, out=f"{tmp_path}/board.html") for a in args]
    result = runner.invoke(cli, ["network", *filled], env=TODAY)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: Invalid value for '{option}': ")
    assert (
        f"is in the future (see `cli network {command} --help`)\n" in result.output
    )  # prog name in CliRunner
    for table in (
        "network_flag_change",
        "network_action_done",
        "network_pay_aggregate",
        "network_board_report",
        "network_note",
    ):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_today_itself_is_accepted(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    flag = ["network", "flag", trust.name, "living_hours", "yes", "--on", "15/07/2026"]
    assert runner.invoke(cli, flag, env=TODAY).exit_code == 0
    assert network.find_partner(conn, trust.name).living_hours
