"""The stage model: forward moves, steps back with a reason, pauses and lapses, and kept history."""

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.errors import UsageError

from .conftest import d

TODAY = d("2026-07-01")


def test_moves_forward_and_keeps_every_change_with_who_and_when(
    conn: sqlite3.Connection, trust: network.Partner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RLWCHECK_USER", "icb.lead")
    network.move_stage(
        conn, trust.id, "aware", on=d("2026-03-12"), today=TODAY, note="Lunch and Learn"
    )
    # skipping stages is allowed: a partner may already pay its direct staff when first met
    network.move_stage(conn, trust.id, "paying_direct_staff", on=d("2026-04-02"), today=TODAY)

    history = network.stage_history(conn, trust.id)
    assert [(c.from_stage, c.to_stage, c.changed_on) for c in history] == [
        (None, "not_engaged", d("2026-01-05")),
        ("not_engaged", "aware", d("2026-03-12")),
        ("aware", "paying_direct_staff", d("2026-04-02")),
    ]
    assert history[1].note == "Lunch and Learn"
    assert [c.recorded_by for c in history[1:]] == ["icb.lead", "icb.lead"]
    assert all(c.recorded_at.endswith("+00:00") for c in history)
    current = network.partner(conn, trust.id)
    assert (current.stage, current.stage_since) == ("paying_direct_staff", d("2026-04-02"))


def test_moving_back_needs_a_reason_and_keeps_it(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    network.move_stage(conn, trust.id, "committed", on=d("2026-03-01"), today=TODAY)
    with pytest.raises(
        UsageError, match="moving from committed back to aware needs a reason: add --reason"
    ):
        network.move_stage(conn, trust.id, "aware", on=d("2026-04-01"), today=TODAY)
    assert network.partner(conn, trust.id).stage == "committed"  # the refused move changed nothing

    network.move_stage(
        conn, trust.id, "aware", on=d("2026-04-01"), today=TODAY, reason="sponsor left"
    )
    assert network.stage_history(conn, trust.id)[-1].reason == "sponsor left"
    assert len(network.stage_history(conn, trust.id)) == 3  # nothing overwritten


@pytest.mark.parametrize(
    ("history", "target", "reason", "error"),
    [
        (["aware"], "aware", "", "already at stage aware"),
        (["committed"], "paused", "", "needs a reason"),
        (["committed"], "lapsed", "audit", "only an accredited partner can lapse"),
        (["accredited"], "lapsed", "", "needs a reason"),
        # back from a pause to an earlier stage than the one reached before it is a step back ...
        (["committed", "paused"], "aware", "", "needs a reason"),
        (["maintaining"], "nowhere", "", "unknown stage 'nowhere'"),
    ],
)
def test_refused_moves(history: list[str], target: str, reason: str, error: str) -> None:
    with pytest.raises(UsageError, match=error):
        network.check_move(history, target, reason)


@pytest.mark.parametrize(
    ("history", "target"),
    [
        (["not_engaged"], "applied"),
        (["committed", "paused"], "committed"),  # ... but resuming where it stopped is not
        (["committed", "paused"], "paying_direct_staff"),
        (["accredited", "lapsed"], "accredited"),
        (["accredited"], "maintaining"),
    ],
)
def test_allowed_moves_without_a_reason(history: list[str], target: str) -> None:
    network.check_move(history, target, "")


def test_a_move_cannot_predate_the_current_stage_or_be_in_the_future(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    with pytest.raises(UsageError, match="cannot be dated before that"):
        network.move_stage(conn, trust.id, "aware", on=d("2026-01-04"), today=TODAY)
    with pytest.raises(UsageError, match="2 July 2026 is in the future"):
        network.move_stage(conn, trust.id, "aware", on=d("2026-07-02"), today=TODAY)
    network.move_stage(conn, trust.id, "aware", on=d("2026-01-05"), today=TODAY)  # same day is fine


def test_stages_on_shows_the_network_as_it_stood(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    network.move_stage(conn, trust.id, "aware", on=d("2026-03-12"), today=TODAY)
    college = network.add_partner(conn, "Kestrelmouth College", "college", on=d("2026-04-01"))
    assert network.stages_on(conn, d("2026-01-04")) == {}
    assert network.stages_on(conn, d("2026-03-11")) == {trust.id: "not_engaged"}
    assert network.stages_on(conn, d("2026-04-01")) == {
        trust.id: "aware",
        college.id: "not_engaged",
    }


def test_flags_are_history_too(conn: sqlite3.Connection, trust: network.Partner) -> None:
    network.set_flag(conn, trust.id, "living_hours", True, on=d("2026-02-01"))
    network.set_flag(
        conn, trust.id, "living_hours", False, on=d("2026-03-01"), note="contracts changed"
    )
    assert network.partner(conn, trust.id).living_hours is False
    rows = conn.execute("SELECT value FROM network_flag_change ORDER BY id").fetchall()
    assert [r["value"] for r in rows] == [1, 0]


def test_a_back_dated_flag_entered_later_does_not_override_a_newer_one(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    network.set_flag(conn, trust.id, "living_hours", True, on=d("2026-03-01"))
    network.set_flag(conn, trust.id, "recognised_service_provider", True, on=d("2026-03-01"))
    # entered afterwards but describing February: by 1 March both are yes
    network.set_flag(conn, trust.id, "living_hours", False, on=d("2026-02-01"))
    network.set_flag(conn, trust.id, "recognised_service_provider", False, on=d("2026-02-01"))
    found = network.partner(conn, trust.id)
    assert (found.living_hours, found.recognised_service_provider) == (True, True)
    # the same day twice: the later entry is the current one
    network.set_flag(conn, trust.id, "living_hours", False, on=d("2026-03-01"))
    assert network.partner(conn, trust.id).living_hours is False


def test_cli_move_back_without_reason_is_a_one_line_error(
    runner: CliRunner, isolated_store: Path
) -> None:
    env = {"RLWCHECK_TODAY": "2026-07-01"}
    assert (
        runner.invoke(
            cli,
            ["network", "add", "Ellerdale Council", "--sector", "council", "--on", "05/01/2026"],
            env=env,
        ).exit_code
        == 0
    )
    moved = runner.invoke(
        cli, ["network", "move", "Ellerdale Council", "committed", "--on", "01/03/2026"], env=env
    )
    assert moved.exit_code == 0, moved.output
    assert moved.output == "Ellerdale Council: not_engaged -> committed on 1 March 2026\n"

    back = runner.invoke(cli, ["network", "move", "Ellerdale Council", "aware"], env=env)
    assert back.exit_code == 2
    assert back.output == (
        "Error: moving from committed back to aware needs a reason: add --reason (e.g. 'executive sponsor left')\n"
    )
    shown = runner.invoke(cli, ["network", "show", "Ellerdale Council"], env=env)
    assert "not_engaged -> committed" in shown.output
    assert "Committed since 1 March 2026" in shown.output


def test_cli_unknown_partner(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["network", "move", "Nobody", "aware"])
    assert result.exit_code == 2
    assert (
        result.output
        == "Error: no partner called 'Nobody'; list them with `rlwcheck network list`\n"
    )
