"""Pay aggregates: entered directly or read from a saved check run (counts and totals only)."""

import json
import re
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.errors import InputError, UsageError
from rlwcheck.network_pay import latest_pay, pay_from_check_run, record_pay

from .conftest import d

TODAY = d("2026-06-01")


def insert_run(
    conn: sqlite3.Connection, summary: dict[str, object], checked_on: str = "2026-05-31"
) -> int:
    """A check_run row as `rlwcheck check` saves it (migration 0002), with only what the tracker reads."""
    cursor = conn.execute(
        "INSERT INTO check_run (started_at, finished_at, recorded_by, checked_on, files_json, rates_json,"
        " settings_json, summary_json, exit_code) VALUES (?, ?, ?, ?, '[]', '[]', '{}', ?, 1)",
        (
            "2026-06-01T09:00:00+00:00",
            "2026-06-01T09:00:05+00:00",
            "hr",
            checked_on,
            json.dumps(summary),
        ),
    )
    return int(cursor.lastrowid or 0)


def run_summary(
    workers_below: int,
    annual: str,
    *,
    not_costed: int = 0,
    undetermined: int = 0,
    zone_unknown: int = 0,
    copies: int = 0,
) -> dict[str, object]:
    """The parts of a check summary the tracker reads (rlwcheck.checks._rise_summary); copies of
    an earlier row are undetermined, each with a duplicate-row problem."""
    return {
        "rlw": {
            "pass": 900,
            "fail": 37,
            "due": 5,
            "undetermined": undetermined + zone_unknown + copies,
        },
        "problems": {"duplicate-row": copies} if copies else {},
        "by_employer": [{"employer": "Brackenford Teaching Hospitals"}],
        "rise_cost": {
            "annual": annual,
            "workers_below_target": workers_below,
            "rows_not_costed": not_costed + zone_unknown,
            "not_costed": {"without_weekly_hours": not_costed, "zone_unknown": zone_unknown},
        },
    }


def test_aggregates_from_a_check_run(conn: sqlite3.Connection, trust: network.Partner) -> None:
    # 42 pay rows fail or are due (37 + 5), but they are 14 workers' three monthly periods each:
    # the board counts people, so the run's distinct workers below the newest RLW are stored.
    run = insert_run(conn, run_summary(14, "61250.40"))
    saved = pay_from_check_run(conn, trust.id, run, today=TODAY)
    assert (saved.staff_below_rlw, saved.cost_to_close, saved.as_of) == (
        14,
        Decimal("61250.40"),
        d("2026-05-31"),
    )
    assert saved.origin == f"check_run:{run}"


@pytest.mark.parametrize(
    ("not_costed", "undetermined", "said"),
    [
        (1, 0, "has 1 row not costed (no weekly hours), so"),
        (0, 2, "has 2 rows with an undetermined Real Living Wage result, so"),
        (3, 1, "has 3 rows not costed (no weekly hours) and 1 row with an undetermined"),
    ],
)
def test_a_run_with_unknown_costs_is_refused_not_stored_as_nothing(
    conn: sqlite3.Connection, trust: network.Partner, not_costed: int, undetermined: int, said: str
) -> None:
    # annual "0.00" here means "nothing known", not "nothing to pay": storing it would add £0.
    summary = run_summary(1, "0.00", not_costed=not_costed, undetermined=undetermined)
    run = insert_run(conn, summary)
    with pytest.raises(InputError, match=re.escape(f"check run {run} {said}")):
        pay_from_check_run(conn, trust.id, run, today=TODAY)
    assert latest_pay(conn) == {}


def test_copies_of_a_row_are_not_unknown_figures(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    assert (
        pay_from_check_run(
            conn, trust.id, insert_run(conn, run_summary(14, "61250.40", copies=3)), today=TODAY
        ).staff_below_rlw
        == 14
    )
    # beside another undetermined row, only that one is named
    run = insert_run(conn, run_summary(14, "61250.40", copies=3, undetermined=1))
    with pytest.raises(InputError, match=f"check run {run} has 1 row with an undetermined Real"):
        pay_from_check_run(conn, trust.id, run, today=TODAY)


def test_a_row_whose_zone_is_unknown_is_named_once(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    # not costed because undetermined: one row, one mention
    run = insert_run(conn, run_summary(1, "0.00", zone_unknown=1))
    with pytest.raises(InputError) as refused:
        pay_from_check_run(conn, trust.id, run, today=TODAY)
    assert "has 1 row with an undetermined Real Living Wage result, so" in str(refused.value)
    assert "not costed" not in str(refused.value)


def test_a_run_saved_before_workers_were_counted_is_refused(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    run = insert_run(conn, {"rlw": {"fail": 2, "due": 0}, "rise_cost": {"annual": "1723.75"}})
    with pytest.raises(InputError, match="check the file again with this version"):
        pay_from_check_run(conn, trust.id, run, today=TODAY)
    assert latest_pay(conn) == {}


def test_newest_aggregates_win_and_older_ones_stay(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    record_pay(
        conn, trust.id, as_of=d("2026-03-31"), staff_below_rlw=50, cost_to_close=Decimal("80000")
    )
    record_pay(
        conn, trust.id, as_of=d("2026-01-31"), staff_below_rlw=70, cost_to_close=Decimal("99000")
    )
    assert latest_pay(conn)[trust.id].staff_below_rlw == 50  # by as-of date, not by entry order
    assert conn.execute("SELECT COUNT(*) FROM network_pay_aggregate").fetchone()[0] == 2


def test_a_backdated_recording_returns_what_was_saved(
    conn: sqlite3.Connection, trust: network.Partner
) -> None:
    record_pay(conn, trust.id, as_of=d("2026-06-01"), staff_below_rlw=5, cost_to_close=Decimal(9))
    saved = record_pay(
        conn, trust.id, as_of=d("2026-03-01"), staff_below_rlw=7, cost_to_close=Decimal("1.5")
    )
    assert (saved.as_of, saved.staff_below_rlw, saved.cost_to_close) == (
        d("2026-03-01"),
        7,
        Decimal("1.50"),
    )
    assert latest_pay(conn, d("2026-04-01"))[trust.id].staff_below_rlw == 7
    assert latest_pay(conn)[trust.id].staff_below_rlw == 5


def test_cli_pay_from_a_run_keeps_the_headcount_and_refuses_a_date(
    runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner
) -> None:
    run = insert_run(conn, run_summary(3, "1500.00"))
    args = ["network", "pay", trust.name, "--from-run", str(run)]
    assert runner.invoke(cli, [*args, "--headcount", "800"]).exit_code == 0
    assert latest_pay(conn)[trust.id].headcount == 800
    dated = runner.invoke(cli, [*args, "--as-of", "01/01/2026"])
    assert dated.exit_code == 2 and "--from-run dates the figures by the run" in dated.output


def test_unusable_runs_are_clear_errors(conn: sqlite3.Connection, trust: network.Partner) -> None:
    with pytest.raises(UsageError, match="no check run with id 99"):
        pay_from_check_run(conn, trust.id, 99, today=TODAY)
    run = insert_run(conn, {"rlw": {"fail": 1}})
    with pytest.raises(InputError, match=f"check run {run} has no usable Real Living Wage summary"):
        pay_from_check_run(conn, trust.id, run, today=TODAY)


def test_a_store_without_check_runs(conn: sqlite3.Connection, trust: network.Partner) -> None:
    conn.execute("DROP TABLE check_run")  # as in a store from before check history existed
    with pytest.raises(InputError, match="this database has no saved check runs yet"):
        pay_from_check_run(conn, trust.id, 1, today=TODAY)


def test_cli_pay(runner: CliRunner, conn: sqlite3.Connection, trust: network.Partner) -> None:
    direct = runner.invoke(
        cli,
        [
            "network",
            "pay",
            trust.name,
            "--staff-below",
            "42",
            "--cost",
            "£61,250",
            "--as-of",
            "31/05/2026",
        ],
    )
    assert direct.exit_code == 0, direct.output
    assert direct.output == (
        "Brackenford Teaching Hospitals: 42 staff below the Real Living Wage, "
        "£61,250.00 a year to close, as of 31 May 2026\n"
    )
    run = insert_run(conn, run_summary(3, "1500.00"))
    from_run = runner.invoke(cli, ["network", "pay", trust.name, "--from-run", str(run)])
    assert "3 staff below the Real Living Wage, £1,500.00 a year to close" in from_run.output
    both = runner.invoke(cli, ["network", "pay", trust.name, "--from-run", "1", "--cost", "5"])
    assert both.exit_code == 2
    assert both.output == "Error: give either --from-run or --staff-below and --cost, not both\n"


def test_export_neutralises_formulas(
    conn: sqlite3.Connection, tmp_path: Path, runner: CliRunner
) -> None:
    partner = network.add_partner(
        conn, '=HYPERLINK("http://evil","x")', "@council", on=d("2026-01-05")
    )
    network.add_note(conn, partner.id, "-2+3 staff to confirm", on=d("2026-01-06"))
    record_pay(
        conn, partner.id, as_of=d("2026-01-31"), staff_below_rlw=2, cost_to_close=Decimal("1234.5")
    )
    result = runner.invoke(cli, ["network", "export", "--out", str(tmp_path / "export")])
    assert result.exit_code == 0, result.output
    partners_csv = (tmp_path / "export" / "partners.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in partners_csv
    assert ",'@council," in partners_csv
    assert "'-2+3 staff to confirm" in (tmp_path / "export" / "notes.csv").read_text(
        encoding="utf-8"
    )
    pay_csv = (tmp_path / "export" / "pay_aggregates.csv").read_text(encoding="utf-8")
    assert pay_csv.splitlines()[0].startswith("id,partner_id,as_of,staff_below_rlw,cost_to_close,")
    assert ",1234.50," in pay_csv  # pence exported as exact pounds
    names = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert names == [
        "actions.csv",
        "actions_done.csv",
        "attendance.csv",
        "flags.csv",
        "notes.csv",
        "partners.csv",
        "pay_aggregates.csv",
        "sessions.csv",
        "stage_history.csv",
    ]


@pytest.mark.parametrize(
    ("staff_below", "cost", "headcount", "error"),
    [
        (500, "100", 20, "500 staff below the Real Living Wage is more than the headcount of 20"),
        (1, "1234.567", None, "the cost 1234.567 has fractions of a penny"),
    ],
)
def test_figures_that_cannot_be_right_are_refused(
    conn: sqlite3.Connection,
    trust: network.Partner,
    staff_below: int,
    cost: str,
    headcount: int | None,
    error: str,
) -> None:
    with pytest.raises(UsageError, match=error):
        record_pay(
            conn,
            trust.id,
            as_of=d("2026-05-31"),
            staff_below_rlw=staff_below,
            cost_to_close=Decimal(cost),
            headcount=headcount,
        )
    assert latest_pay(conn) == {}
