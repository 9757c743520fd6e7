"""The board report: figures as of a date, movement since the last report, and safe output formats."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck import network, network_report
from rlwcheck.cli import cli
from rlwcheck.errors import UsageError
from rlwcheck.network_actions import add_action, complete_action
from rlwcheck.network_pay import record_pay
from rlwcheck.network_report import build_report, render_text, write_report

from .conftest import d

AS_OF = d("2026-06-30")
EVIL = "<script>alert(1)</script> Trust"


@pytest.fixture
def board(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Four partners with dated history, one added after the report date, actions and pay figures."""
    start, today = d("2026-01-05"), d("2026-07-10")
    evil = network.add_partner(conn, EVIL, "NHS trust", on=start)
    council = network.add_partner(conn, "Ellerdale Council", "council", on=start, stage="aware")
    college = network.add_partner(
        conn, "Kestrelmouth College", "college", on=start, stage="applied"
    )
    homes = network.add_partner(
        conn, "Mossgate Homes", "housing", on=d("2025-06-01"), stage="accredited"
    )
    network.add_partner(conn, "Late Joiner", "charity", on=d("2026-07-02"))
    network.move_stage(conn, council.id, "committed", on=d("2026-04-10"), today=today)
    network.move_stage(conn, homes.id, "maintaining", on=d("2026-05-01"), today=today)
    network.move_stage(conn, college.id, "accredited", on=d("2026-05-20"), today=today)
    add_action(conn, evil.id, "Name a sponsor", "=Alex", d("2026-06-01"))
    add_action(conn, council.id, "Share figures", "=Alex", d("2026-06-29"))
    add_action(conn, council.id, "Map contracts", "Bea", d("2026-06-30"))
    add_action(conn, council.id, "Date milestones", "Bea", d("2026-07-20"))
    add_action(conn, council.id, "Apply", "Bea", d("2026-08-15"))
    done = add_action(conn, council.id, "Brief cabinet", "Bea", d("2026-05-01"))
    complete_action(conn, done.id, done_on=d("2026-05-02"))
    record_pay(
        conn,
        council.id,
        as_of=d("2026-05-31"),
        staff_below_rlw=30,
        cost_to_close=Decimal("45000.00"),
    )
    record_pay(
        conn,
        college.id,
        as_of=d("2026-05-31"),
        staff_below_rlw=0,
        cost_to_close=Decimal(0),
        headcount=400,
    )
    return conn


def test_report_figures_as_of_a_date(board: sqlite3.Connection) -> None:
    report = build_report(board, as_of=AS_OF)
    assert report.since == d("2026-03-31")  # no earlier report: a quarter (91 days) back
    counts = {c.stage: (c.then, c.now) for c in report.stages if c.then or c.now}
    assert counts == {
        "not_engaged": (1, 1),
        "aware": (1, 0),
        "committed": (0, 1),
        "applied": (1, 0),
        "accredited": (1, 1),
        "maintaining": (0, 1),
    }
    assert [(m.partner, m.to_stage) for m in report.moves] == [
        ("Ellerdale Council", "committed"),
        ("Mossgate Homes", "maintaining"),
        ("Kestrelmouth College", "accredited"),
    ]
    # Mossgate Homes went accredited -> maintaining: accredited at both dates, so not new
    assert report.new_accreditations == ["Kestrelmouth College"]
    # stuck: not accredited and unchanged for 90+ days; 5 January to 30 June is 176 days,
    # the council moved on 10 April (81 days) so it is not stuck
    assert [(s.partner, s.days) for s in report.stuck] == [(EVIL, 176)]
    assert {
        owner: [a.description for a in acts] for owner, acts in report.overdue_by_owner.items()
    } == {
        "=Alex": ["Name a sponsor", "Share figures"]  # "Map contracts" is due today: not overdue
    }
    assert [a.description for a in report.due_soon] == [
        "Map contracts",
        "Date milestones",
    ]  # 15 Aug is 46 days out
    t = report.totals
    assert (t.partners, t.accredited, t.partners_with_figures) == (
        4,
        2,
        2,
    )  # Late Joiner came after 30 June
    assert (t.staff_below_rlw, t.cost_to_close) == (30, Decimal("45000.00"))
    assert (t.staff_covered, t.accredited_with_headcount) == (400, 1)
    assert report.accredited_over_time[0] == (d("2025-06-30"), 1)
    assert report.accredited_over_time[-2:] == [(d("2026-05-31"), 2), (AS_OF, 2)]
    assert len(report.accredited_over_time) == 13


def test_figures_dated_after_the_report_date_are_left_out(board: sqlite3.Connection) -> None:
    council = network.find_partner(board, "Ellerdale Council")
    record_pay(
        board, council.id, as_of=d("2026-09-30"), staff_below_rlw=99, cost_to_close=Decimal(1)
    )
    assert build_report(board, as_of=AS_OF).totals.staff_below_rlw == 30  # as it stood then
    assert build_report(board, as_of=d("2026-10-01")).totals.staff_below_rlw == 99


def test_movement_starts_at_the_last_report(board: sqlite3.Connection, tmp_path: Path) -> None:
    write_report(board, tmp_path / "q2.md", fmt="md", as_of=AS_OF, record=True)
    assert build_report(board, as_of=d("2026-09-30")).since == AS_OF
    assert build_report(board, as_of=AS_OF).since == d(
        "2026-03-31"
    )  # re-running the same day is unchanged
    with pytest.raises(UsageError, match="must be before the report date"):
        build_report(board, as_of=AS_OF, since=AS_OF)


def test_html_escapes_partner_names_and_is_accessible(board: sqlite3.Connection) -> None:
    html = render_text(build_report(board, as_of=AS_OF), "html")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Trust" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert html.count("<caption>") == 6
    assert 'scope="col"' in html and 'scope="row"' in html
    assert '<title id="chart-partners-by-stage-title">Partners by stage</title>' in html
    assert "http://" not in html.replace(
        "http://www.w3.org/2000/svg", ""
    )  # offline: nothing to fetch


def test_markdown_reads_as_typed_and_cannot_carry_html(board: sqlite3.Connection) -> None:
    network.add_partner(board, "A | B Ltd", "contractor", on=d("2026-01-05"))
    network.add_partner(board, "St Mary's Hospice & Care", "charity", on=d("2026-01-05"))
    network.add_partner(board, "Tom &amp; Co", "contractor", on=d("2026-01-05"))
    md = render_text(build_report(board, as_of=AS_OF), "md")
    assert "| St Mary's Hospice & Care | Not engaged |" in md  # no &#39; or &amp; to read past
    assert "\\<script\\>alert(1)\\</script\\> Trust" in md  # a renderer shows it as text
    assert "<script" not in md.replace("\\<", "")
    assert "| Tom \\&amp; Co |" in md  # shown as typed, not turned into "&"
    assert "| A \\| B Ltd | Not engaged |" in md


def test_xlsx_cells_are_formula_safe(board: sqlite3.Connection, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "board.xlsx"
    write_report(board, path, fmt="xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Summary",
        "By stage",
        "Moved",
        "Recorded late",
        "Stuck",
        "Overdue actions",
        "Due soon",
    ]
    owners = [row[0] for row in book["Overdue actions"].iter_rows(min_row=2, values_only=True)]
    assert owners == ["'=Alex", "'=Alex"]
    assert [row[1:3] for row in book["Moved"].iter_rows(min_row=2, values_only=True)] == [
        ("Aware", "Committed"),
        ("Accredited", "Maintaining"),
        ("Applied", "Accredited"),
    ]  # stage labels, not codes
    summary = dict(book["Summary"].iter_rows(min_row=1, values_only=True))
    assert summary["Accredited or maintaining"] == 2
    assert summary["Yearly cost to close (where known)"] == "£45,000.00"


def test_cli_report(runner: CliRunner, board: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    result = runner.invoke(cli, ["network", "report", "--output", str(out), "--on", "30/06/2026"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"wrote {out}: 4 partners, 2 accredited, 3 moves since 31 March 2026, 1 stuck\n"
    )
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("days", "due"), [(30, 2), (14, 1)])
def test_due_soon_headings_state_the_window_used(
    board: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch, days: int, due: int
) -> None:
    monkeypatch.setattr(network_report, "DUE_SOON_DAYS", days)
    report = build_report(board, as_of=AS_OF)
    # from 30 June: Map contracts (30 June) is due within either window; Date milestones
    # (20 July, 20 days on) only within 30 days; Apply (15 August, 46 days on) within neither
    assert [a.description for a in report.due_soon] == ["Map contracts", "Date milestones"][:due]
    assert f"Actions and milestones due in the next {days} days" in render_text(report, "html")
    assert f"## Due in the next {days} days" in render_text(report, "md")


def test_new_accreditations_compare_who_was_accredited_then_and_now(
    conn: sqlite3.Connection,
) -> None:
    today, start = d("2026-07-15"), d("2026-01-05")
    skipper = network.add_partner(conn, "Skipper Trust", "NHS trust", on=start)
    pauser = network.add_partner(conn, "Pauser Council", "council", on=start, stage="accredited")
    network.move_stage(conn, skipper.id, "maintaining", on=d("2026-05-01"), today=today)
    network.move_stage(conn, pauser.id, "paused", on=d("2026-05-02"), today=today, reason="audit")
    network.move_stage(conn, pauser.id, "accredited", on=d("2026-05-20"), today=today)
    report = build_report(conn, as_of=d("2026-06-30"))  # since 31 March
    # skipping straight to maintaining is a new accreditation; a pause and restart is not
    assert report.new_accreditations == ["Skipper Trust"]
    accredited = {c.stage: (c.then, c.now) for c in report.stages}
    assert (accredited["accredited"], accredited["maintaining"]) == ((1, 1), (0, 1))


def test_a_back_dated_change_recorded_after_the_paper_is_a_late_entry(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    start = d("2026-01-05")
    trust = network.add_partner(conn, "Northshire Trust", "NHS trust", on=start, stage="applied")
    q2 = write_report(conn, tmp_path / "q2.md", fmt="md", as_of=d("2026-07-15"), record=True)
    assert q2.stages[6].now == 0  # accredited on 15 July, as the board was told
    # 1 August: the LWF directory shows the trust was accredited on 10 July
    network.move_stage(
        conn, trust.id, "accredited", on=d("2026-07-10"), today=d("2026-08-01"), note="LWF list"
    )
    network.add_partner(conn, "Late Joiner", "charity", on=d("2026-07-01"))
    q3 = build_report(conn, as_of=d("2026-10-15"))
    assert (q3.since, q3.last_report) == (d("2026-07-15"), d("2026-07-15"))
    assert q3.moves == []
    assert [(m.partner, m.from_stage, m.to_stage, m.on) for m in q3.late_entries] == [
        ("Late Joiner", None, "not_engaged", d("2026-07-01")),
        ("Northshire Trust", "applied", "accredited", d("2026-07-10")),
    ]
    # the 15 July column now says 1 accredited where Q2 said 0: the late entry explains it
    assert q3.stages[6].then == 1
    assert q3.late_accreditations == ["Northshire Trust"]
    md = render_text(q3, "md")
    assert "- Newly accredited since 15 July 2026: 0\n" in md
    assert (
        "- Accredited earlier but recorded since the last report: 1 (Northshire Trust; "
        "see Recorded late)\n" in md
    )
    assert "## Recorded late" in md
    assert "| Northshire Trust | Applied | Accredited | 10 July 2026 | LWF list |" in md
    assert "| Late Joiner | (added) | Not engaged | 1 July 2026 | added to the network |" in md
    assert "Recorded late" in render_text(q3, "html")


def test_only_a_recorded_report_moves_the_next_period(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    network.add_partner(conn, "A Council", "council", on=d("2026-01-05"))
    draft = write_report(conn, tmp_path / "draft.html", fmt="html", as_of=d("2026-07-14"))
    final = write_report(conn, tmp_path / "final.xlsx", fmt="xlsx", as_of=d("2026-07-15"))
    # the draft changed nothing: the paper still covers the quarter (15 July - 91 days)
    assert (draft.since, final.since) == (d("2026-04-14"), d("2026-04-15"))
    write_report(conn, tmp_path / "q3.xlsx", fmt="xlsx", as_of=d("2026-07-15"), record=True)
    assert build_report(conn, as_of=d("2026-10-15")).since == d("2026-07-15")


def test_cli_records_only_with_record(
    runner: CliRunner, conn: sqlite3.Connection, tmp_path: Path
) -> None:
    network.add_partner(conn, "A Council", "council", on=d("2026-01-05"))
    args = ["network", "report", "--format", "md", "--output", str(tmp_path / "b.md")]
    env = {"RLWCHECK_TODAY": "2026-07-15"}
    assert runner.invoke(cli, args, env=env).exit_code == 0
    assert conn.execute("SELECT COUNT(*) FROM network_board_report").fetchone()[0] == 0
    assert runner.invoke(cli, [*args, "--record"], env=env).exit_code == 0
    assert conn.execute("SELECT as_of FROM network_board_report").fetchall()[0][0] == "2026-07-15"


def test_a_past_date_report_leaves_out_actions_not_yet_opened(board: sqlite3.Connection) -> None:
    college = network.find_partner(board, "Kestrelmouth College")
    add_action(board, college.id, "Confirm", "Bea", d("2026-07-09"), opened_on=d("2026-07-01"))
    assert "Confirm" not in [a.description for a in build_report(board, as_of=AS_OF).due_soon]
    later = build_report(board, as_of=d("2026-07-02"))
    assert "Confirm" in [a.description for a in later.due_soon]


def test_late_entries_are_dated_before_the_last_paper_not_this_reports_since(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    start = d("2026-01-05")
    trust = network.add_partner(conn, "Northshire Trust", "NHS trust", on=start, stage="applied")
    college = network.add_partner(conn, "Kestrelmouth College", "college", on=start)
    write_report(conn, tmp_path / "q2.md", fmt="md", as_of=d("2026-07-15"), record=True)
    # entered on time, after the paper: not late, whatever period a later report covers
    network.move_stage(conn, college.id, "aware", on=d("2026-08-10"), today=d("2026-08-10"))
    # entered on 1 August, dated before the paper: late
    network.move_stage(conn, trust.id, "accredited", on=d("2026-07-10"), today=d("2026-08-01"))

    after = build_report(conn, as_of=d("2026-10-15"), since=d("2026-09-01"))
    assert [(m.partner, m.on) for m in after.late_entries] == [
        ("Northshire Trust", d("2026-07-10"))
    ]
    assert after.moves == []  # the 10 August move is before this period
    md = render_text(after, "md")
    assert (
        "Recorded after the board report of 15 July 2026 but dated on or before 15 July 2026, "
        "so that report could not show them.\n" in md
    )  # no "1 September column": the July paper had none

    # a period starting before the paper shows the 10 July move as a move, not as late
    before = build_report(conn, as_of=d("2026-10-15"), since=d("2026-07-01"))
    assert [m.partner for m in before.moves] == ["Northshire Trust", "Kestrelmouth College"]
    assert before.late_entries == []


def test_a_partner_added_in_the_period_is_listed_with_the_moves(
    conn: sqlite3.Connection,
) -> None:
    network.add_partner(conn, "Old Council", "council", on=d("2026-01-05"))
    network.add_partner(conn, "Joiner Trust", "NHS trust", on=d("2026-09-01"), stage="accredited")
    report = build_report(conn, as_of=d("2026-10-15"), since=d("2026-07-15"))
    assert [(m.partner, m.from_stage, m.to_stage) for m in report.moves] == [
        ("Joiner Trust", None, "accredited")
    ]
    assert report.new_accreditations == ["Joiner Trust"]
    md = render_text(report, "md")
    assert "| Joiner Trust | (added) | Accredited | 1 September 2026 | added to the network |" in md
    assert "<td>(added)</td><td>Accredited</td>" in render_text(report, "html")
