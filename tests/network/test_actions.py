"""Actions: due versus overdue around the due date, completion kept as history, time from the caller."""

import sqlite3

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.errors import UsageError
from rlwcheck.network_actions import (
    action,
    actions_due,
    add_action,
    all_actions,
    complete_action,
    insert_action,
)

from .conftest import d


@pytest.mark.parametrize(
    ("on", "is_open", "overdue"),
    [
        ("2026-04-29", True, False),
        ("2026-04-30", True, False),  # due today is due, not overdue
        ("2026-05-01", True, True),
        ("2026-05-02", True, True),  # done on 3 May: still open the day before
        ("2026-05-03", False, False),
    ],
)
def test_overdue_around_the_due_date(
    conn: sqlite3.Connection, trust: network.Partner, on: str, is_open: bool, overdue: bool
) -> None:
    added = add_action(conn, trust.id, "Name a sponsor", "Samir Okafor", d("2026-04-30"))
    complete_action(conn, added.id, done_on=d("2026-05-03"))
    found = action(conn, added.id)
    assert (found.open_on(d(on)), found.overdue_on(d(on))) == (is_open, overdue)


def test_actions_due_lists_overdue_and_due_within_the_window(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    late = add_action(conn, trust.id, "Late", "A", d("2026-05-31"))
    soon = add_action(conn, trust.id, "Soon", "B", d("2026-06-14"))  # 1 June + 13 days: inside 14
    edge = add_action(conn, trust.id, "Edge", "B", d("2026-06-15"))  # 1 June + 14 days: inside 14
    add_action(conn, trust.id, "Later", "C", d("2026-06-16"))  # 15 days away: outside
    done = add_action(conn, trust.id, "Done", "C", d("2026-05-20"))
    complete_action(conn, done.id, done_on=d("2026-05-25"))
    assert [a.id for a in actions_due(conn, on=d("2026-06-01"), within_days=14)] == [
        late.id,
        soon.id,
        edge.id,
    ]
    assert [a.id for a in actions_due(conn, on=d("2026-06-01"), overdue_only=True)] == [late.id]
    assert [a.id for a in actions_due(conn, on=d("2026-06-01"), within_days=0)] == [late.id]


def test_completing_appends_and_cannot_happen_twice(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    added = add_action(conn, trust.id, "Send licence form", "J Patel", d("2026-04-30"))
    complete_action(conn, added.id, done_on=d("2026-04-28"), note="sent")
    with pytest.raises(UsageError, match="already done on 28 April 2026"):
        complete_action(conn, added.id, done_on=d("2026-04-29"))
    assert (
        conn.execute("SELECT description FROM network_action").fetchall()[0][0]
        == "Send licence form"
    )
    assert [a.done_on for a in all_actions(conn)] == [d("2026-04-28")]


def test_cli_actions_follow_the_pinned_date(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    add_action(conn, trust.id, "Name a sponsor", "Samir Okafor", d("2026-04-30"))
    due = runner.invoke(cli, ["network", "actions"], env={"RLWCHECK_TODAY": "2026-04-30"})
    assert due.exit_code == 0
    assert (
        "due          Brackenford Teaching Hospitals: Name a sponsor (Samir Okafor)" in due.output
    )
    late = runner.invoke(cli, ["network", "actions", "--on", "03/05/2026", "--overdue"])
    assert "OVERDUE 3d" in late.output
    assert late.output.endswith("1 actions as of 3 May 2026\n")
    done = runner.invoke(cli, ["network", "done", "1", "--on", "01/05/2026"])
    assert done.output == "action 1 (Brackenford Teaching Hospitals) done on 1 May 2026\n"
    after = runner.invoke(cli, ["network", "actions", "--on", "03/05/2026"])
    assert after.output == "0 actions as of 3 May 2026\n"


def test_insert_action_says_whether_it_created_the_action(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    args = (
        conn,
        trust.id,
        "Name a sponsor",
        "Samir Okafor",
        d("2026-03-26"),
        "follow-up:session:1",
    )
    assert insert_action(*args, opened_on=d("2026-03-13")) == (1, True)
    assert insert_action(*args, opened_on=d("2026-03-20")) == (
        1,
        False,
    )  # the same origin again: skipped, same action
    assert [a.id for a in all_actions(conn)] == [1]


def test_an_action_is_not_listed_before_it_was_opened(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    # opened 13 March, due 26 March: on 1 March it did not exist, on 20 March it is due soon
    added = add_action(
        conn, trust.id, "Name a sponsor", "A", d("2026-03-26"), opened_on=d("2026-03-13")
    )
    assert (added.open_on(d("2026-03-12")), added.open_on(d("2026-03-13"))) == (False, True)
    assert actions_due(conn, on=d("2026-03-01"), within_days=30) == []
    assert [a.id for a in actions_due(conn, on=d("2026-03-20"), within_days=30)] == [added.id]
    assert actions_due(conn, on=d("2026-03-12"), overdue_only=True) == []


def test_an_action_cannot_be_done_before_it_was_opened(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    added = add_action(
        conn, trust.id, "Name a sponsor", "A", d("2026-03-26"), opened_on=d("2026-03-13")
    )
    with pytest.raises(
        UsageError,
        match="action 1 was opened on 13 March 2026: it cannot have been done before that",
    ):
        complete_action(conn, added.id, done_on=d("2026-03-12"))
    assert complete_action(conn, added.id, done_on=d("2026-03-13")).done_on == d("2026-03-13")


def test_cli_actions_are_opened_on_the_tracker_s_today(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    today = {"RLWCHECK_TODAY": "2026-03-13"}
    args = [
        "network",
        "action",
        trust.name,
        "Name a sponsor",
        "--owner",
        "A",
        "--due",
        "26/03/2026",
    ]
    assert runner.invoke(cli, args, env=today).exit_code == 0
    assert action(conn, 1).opened_on == d("2026-03-13")
    before = runner.invoke(cli, ["network", "actions", "--on", "01/03/2026", "--within", "30"])
    assert before.output == "0 actions as of 1 March 2026\n"


def test_show_dates_an_action_when_opened_and_says_who_added_and_did_it(
    runner: CliRunner, trust: network.Partner
) -> None:
    add = ["network", "action", trust.name, "Name a sponsor", "--owner", "A", "--due", "26/03/2026"]
    runner.invoke(cli, add, env={"RLWCHECK_TODAY": "2026-03-13", "RLWCHECK_USER": "icb.lead"})
    done = ["network", "done", "1", "--on", "20/03/2026"]
    runner.invoke(cli, done, env={"RLWCHECK_TODAY": "2026-03-20", "RLWCHECK_USER": "jo.admin"})
    shown = runner.invoke(cli, ["network", "show", trust.name]).output
    assert (
        "2026-03-13  action  action #1: Name a sponsor (owner A, due 26 March 2026)  [icb.lead]"
        in shown
    )
    assert "2026-03-20  done    action #1 done  [jo.admin]" in shown


def test_cli_action_agreed_on_an_earlier_day_can_be_done_since(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    env = {"RLWCHECK_TODAY": "2026-03-20"}
    send = [
        "network",
        "action",
        trust.name,
        "Send the form",
        "--owner",
        "Sam",
        "--due",
        "30/04/2026",
    ]
    added = runner.invoke(cli, [*send, "--on", "12/03/2026"], env=env)
    assert added.exit_code == 0, added.output
    # agreed at the 12 March meeting, done on the 13th: not "before it was opened"
    done = runner.invoke(cli, ["network", "done", "1", "--on", "13/03/2026"], env=env)
    assert done.exit_code == 0, done.output
    ahead = runner.invoke(cli, [*send, "--on", "21/03/2026"], env=env)
    assert ahead.exit_code == 2 and "21 March 2026 is in the future" in ahead.output
