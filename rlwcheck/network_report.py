"""The quarterly board report on the accreditation network (DOMAIN.md section 9).

Counts by stage and movement since the last report, new accreditations, who is stuck, overdue
actions by owner, actions due soon, and the network totals from partners' pay aggregates.
Everything is computed as of a date the caller passes, from the append-only history, so a
report for a past date shows the network as it stood then.

HTML (offline, inline SVG charts, accessible tables), Markdown and XLSX all serialise the same
``BoardReport``. A report written with ``record`` is the board paper: the next report's movement
starts at its date, and lists as late entries the changes recorded after it but dated before, so
that consecutive papers reconcile. Drafts are not recorded and change nothing.
"""

import calendar
import datetime as dt
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rlwcheck import network, store, templating
from rlwcheck.dates import long_date
from rlwcheck.errors import InputError, UsageError
from rlwcheck.money import pounds
from rlwcheck.network_actions import Action, all_actions
from rlwcheck.network_charts import bar_chart, column_chart
from rlwcheck.network_pay import latest_pay
from rlwcheck.spreadsheets import safe_cell

FORMATS = ("html", "md", "xlsx")
DEFAULT_STUCK_DAYS = 90
DEFAULT_PERIOD_DAYS = 91  # a quarter: the Living Wage Foundation's own reporting cadence
DUE_SOON_DAYS = 30
HISTORY_MONTHS = 12


@dataclass(frozen=True)
class Move:
    partner: str
    from_stage: str | None  # None: the partner was added to the network at to_stage
    to_stage: str
    on: dt.date
    note: str
    reason: str


@dataclass(frozen=True)
class StuckPartner:
    partner: str
    stage: str
    since: dt.date
    days: int


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    then: int
    now: int


@dataclass(frozen=True)
class Totals:
    partners: int
    accredited: int
    partners_with_figures: int
    staff_below_rlw: int
    cost_to_close: Decimal
    staff_covered: int
    accredited_with_headcount: int


@dataclass
class BoardReport:
    as_of: dt.date
    since: dt.date
    stuck_days: int
    stages: list[StageCount]
    moves: list[Move]
    stuck: list[StuckPartner]
    overdue_by_owner: dict[str, list[Action]]
    due_soon: list[Action]
    accredited_over_time: list[tuple[dt.date, int]]
    totals: Totals
    new_accreditations: list[str]  # partners accredited or maintaining now and not at ``since``
    last_report: dt.date | None  # the recorded board paper the period starts from, if any
    late_entries: list[Move]  # recorded after that paper, dated on or before ``late_cutoff``
    late_cutoff: dt.date | None  # that paper's date, or ``since`` when it is earlier
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def late_accreditations(self) -> list[str]:
        """Partners whose accreditation was recorded late: news the last paper could not give."""
        return [
            m.partner
            for m in self.late_entries
            if m.to_stage in network.ACCREDITED and m.from_stage not in network.ACCREDITED
        ]


def build_report(
    conn: sqlite3.Connection,
    *,
    as_of: dt.date,
    since: dt.date | None = None,
    stuck_days: int = DEFAULT_STUCK_DAYS,
) -> BoardReport:
    """The board report as of a date; ``since`` defaults to the last recorded report before it
    (else a quarter)."""
    last = _last_report_before(conn, as_of)
    start = since or (last[0] if last else as_of - dt.timedelta(days=DEFAULT_PERIOD_DAYS))
    if start >= as_of:
        raise UsageError(
            f"--since {long_date(start)} must be before the report date {long_date(as_of)}"
        )
    if stuck_days < 1:
        raise UsageError("--stuck-days must be 1 or more")
    names = {p.id: p.name for p in network.partners(conn)}
    now, then = network.stages_on(conn, as_of), network.stages_on(conn, start)
    accredited_then = {pid for pid, stage in then.items() if stage in network.ACCREDITED}
    actions = [a for a in all_actions(conn) if a.partner_id in now]
    late_cutoff: dt.date | None = None
    late_entries: list[Move] = []
    if last:
        # A change dated after this period's start is in Who moved; one dated after the last
        # paper but before a later --since was recorded in time and is outside this period.
        late_cutoff = min(start, last[0])
        late_entries = _late_entries(conn, names, late_cutoff, last[1])
    report = BoardReport(
        as_of=as_of,
        since=start,
        stuck_days=stuck_days,
        stages=_stage_counts(then, now),
        moves=_moves(conn, names, start, as_of),
        stuck=_stuck(conn, names, now, as_of, stuck_days),
        overdue_by_owner=_overdue_by_owner(actions, as_of),
        due_soon=[
            a
            for a in actions
            if a.open_on(as_of) and as_of <= a.due_on <= as_of + dt.timedelta(DUE_SOON_DAYS)
        ],
        accredited_over_time=_accredited_over_time(conn, as_of),
        totals=_totals(conn, now, as_of),
        new_accreditations=sorted(
            (
                names[pid]
                for pid, stage in now.items()
                if stage in network.ACCREDITED and pid not in accredited_then
            ),
            key=str.casefold,
        ),
        last_report=last[0] if last else None,
        late_entries=late_entries,
        late_cutoff=late_cutoff,
    )
    report.charts = _charts(report)
    return report


def _last_report_before(conn: sqlite3.Connection, as_of: dt.date) -> tuple[dt.date, int] | None:
    """The newest recorded board paper dated before ``as_of``: its date and the last stage
    change it had seen."""
    row = conn.execute(
        "SELECT as_of, stage_changes_seen FROM network_board_report WHERE as_of < ?"
        " ORDER BY as_of DESC, id DESC LIMIT 1",
        (as_of.isoformat(),),
    ).fetchone()
    return (dt.date.fromisoformat(row["as_of"]), row["stage_changes_seen"]) if row else None


def _stage_counts(then: dict[int, str], now: dict[int, str]) -> list[StageCount]:
    return [
        StageCount(
            stage,
            network.STAGE_LABELS[stage],
            sum(1 for s in then.values() if s == stage),
            sum(1 for s in now.values() if s == stage),
        )
        for stage in network.ALL_STAGES
    ]


def _moves(
    conn: sqlite3.Connection, names: dict[int, str], start: dt.date, end: dt.date
) -> list[Move]:
    """Stage changes in the period, and partners added in it (they change the counts too)."""
    rows = conn.execute(
        "SELECT * FROM network_stage_change WHERE changed_on > ? AND changed_on <= ?"
        " ORDER BY changed_on, id",
        (start.isoformat(), end.isoformat()),
    ).fetchall()
    return _as_moves(rows, names)


def _late_entries(
    conn: sqlite3.Connection, names: dict[int, str], cutoff: dt.date, seen: int
) -> list[Move]:
    """Changes (and partners added) recorded after the last paper was written but dated on or
    before ``cutoff``: that paper could not show them, and this one's movement would not, so
    without them the two papers' counts for the same date disagree unexplained."""
    rows = conn.execute(
        "SELECT * FROM network_stage_change WHERE changed_on <= ? AND id > ?"
        " ORDER BY changed_on, id",
        (cutoff.isoformat(), seen),
    ).fetchall()
    return _as_moves(rows, names)


def _as_moves(rows: list[sqlite3.Row], names: dict[int, str]) -> list[Move]:
    return [
        Move(
            names[row["partner_id"]],
            row["from_stage"],
            row["to_stage"],
            dt.date.fromisoformat(row["changed_on"]),
            row["note"],
            row["reason"],
        )
        for row in rows
    ]


def _stuck(
    conn: sqlite3.Connection,
    names: dict[int, str],
    now: dict[int, str],
    as_of: dt.date,
    stuck_days: int,
) -> list[StuckPartner]:
    """Partners not yet accredited whose stage has not changed for ``stuck_days`` or more."""
    rows = conn.execute(
        "SELECT partner_id, MAX(changed_on) AS last FROM network_stage_change WHERE changed_on <= ? GROUP BY partner_id",
        (as_of.isoformat(),),
    ).fetchall()
    stuck = []
    for row in rows:
        stage, last = now[row["partner_id"]], dt.date.fromisoformat(row["last"])
        days = (as_of - last).days
        if stage not in network.ACCREDITED and days >= stuck_days:
            stuck.append(StuckPartner(names[row["partner_id"]], stage, last, days))
    return sorted(stuck, key=lambda s: (-s.days, s.partner.casefold()))


def _overdue_by_owner(actions: list[Action], as_of: dt.date) -> dict[str, list[Action]]:
    grouped: dict[str, list[Action]] = defaultdict(list)
    for found in actions:
        if found.overdue_on(as_of):
            grouped[found.owner].append(found)
    return dict(sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0].casefold())))


def _month_ends(as_of: dt.date, months: int) -> list[dt.date]:
    """The last day of each of the ``months`` months before as_of's month, then as_of itself."""
    ends = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        ends.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    return [*reversed(ends), as_of]


def _accredited_over_time(conn: sqlite3.Connection, as_of: dt.date) -> list[tuple[dt.date, int]]:
    return [
        (
            end,
            sum(
                1 for stage in network.stages_on(conn, end).values() if stage in network.ACCREDITED
            ),
        )
        for end in _month_ends(as_of, HISTORY_MONTHS)
    ]


def _totals(conn: sqlite3.Connection, now: dict[int, str], as_of: dt.date) -> Totals:
    """Network totals; staff covered is the headcount of accredited partners that gave one."""
    pay = {pid: agg for pid, agg in latest_pay(conn, as_of).items() if pid in now}
    accredited = [pid for pid, stage in now.items() if stage in network.ACCREDITED]
    with_headcount = [
        pay[pid].headcount for pid in accredited if pid in pay and pay[pid].headcount is not None
    ]
    return Totals(
        partners=len(now),
        accredited=len(accredited),
        partners_with_figures=len(pay),
        staff_below_rlw=sum(agg.staff_below_rlw for agg in pay.values()),
        cost_to_close=sum((agg.cost_to_close for agg in pay.values()), Decimal(0)),
        staff_covered=sum(h for h in with_headcount if h is not None),
        accredited_with_headcount=len(with_headcount),
    )


def _charts(report: BoardReport) -> dict[str, str]:
    since, as_of = long_date(report.since), long_date(report.as_of)
    return {
        "by_stage": bar_chart(
            "Partners by stage",
            f"Number of partners at each stage on {as_of}.",
            [(c.label, [c.now]) for c in report.stages],
            [as_of],
        ),
        "movement": bar_chart(
            "Movement since the last report",
            f"Partners at each stage on {since} compared with {as_of}.",
            [(c.label, [c.then, c.now]) for c in report.stages],
            [since, as_of],
        ),
        "over_time": column_chart(
            "Accredited partners over time",
            "Partners accredited or maintaining accreditation at the end of each month.",
            [(f"{end:%b %Y}", count) for end, count in report.accredited_over_time],
        ),
    }


# writing -------------------------------------------------------------------------------------


def write_report(
    conn: sqlite3.Connection,
    output: Path,
    *,
    fmt: str,
    as_of: dt.date,
    since: dt.date | None = None,
    stuck_days: int = DEFAULT_STUCK_DAYS,
    record: bool = False,
) -> BoardReport:
    """Build the report and write it in one format; with ``record``, it is the board paper the
    next report's movement starts from (drafts and other formats of it are not recorded)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    report = build_report(conn, as_of=as_of, since=since, stuck_days=stuck_days)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            _write_xlsx(report, output)
        else:
            output.write_text(render_text(report, fmt), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from exc
    if record:
        _record(conn, report)
    return report


def _record(conn: sqlite3.Connection, report: BoardReport) -> None:
    with store.transaction(conn):
        conn.execute(
            "INSERT INTO network_board_report (as_of, since, stage_changes_seen, recorded_at,"
            " recorded_by) SELECT ?, ?, COALESCE(MAX(id), 0), ?, ? FROM network_stage_change",
            (
                report.as_of.isoformat(),
                report.since.isoformat(),
                store.now_utc(),
                store.current_user(),
            ),
        )


def render_text(report: BoardReport, fmt: str) -> str:
    """The report as HTML (autoescaped) or Markdown, from the packaged templates.

    HTML entities in Markdown would show as ``&amp;`` in a plain-text reader, so Markdown is not
    HTML-escaped: every value goes through ``md_text``, which keeps it text for a renderer."""
    env = templating.environment()
    if fmt == "md":
        env = env.overlay(autoescape=False)
        env.filters["md_text"] = md_text
    template = env.get_template(f"network_report.{fmt}.j2")
    return template.render(
        r=report,
        stages=network.STAGE_LABELS,
        due_soon_days=DUE_SOON_DAYS,
        long_date=long_date,
        pounds=pounds,
    )


_ENTITY_START = re.compile(r"&(?=#?\w+;)")
# Characters with inline meaning in CommonMark or GitHub's Markdown: code, emphasis, links and
# images, raw HTML, table cells, strikethrough, headings, maths.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~#$])")
# At the start of a list item a value is itself a block: "- x", "+ x", "1. x" would nest a list.
_BLOCK_MARKER = re.compile(r"^(\d+(?=[.)])|(?=[-+]))")


def md_text(value: object) -> str:
    """Text a Markdown renderer shows as typed, wherever the template puts it (table cell, list
    item, heading): a backslash before markup characters, before ``&`` that would start an
    entity and after a leading list marker; one line. Partner names, notes and owners are typed
    by many people and imported from files, so a link or heading in one must stay text."""
    text = _INLINE_MARKUP.sub(r"\\\1", " ".join(str(value).split()))
    text = _ENTITY_START.sub(r"\\&", text)
    return _BLOCK_MARKER.sub(r"\1\\", text)


def _write_xlsx(report: BoardReport, output: Path) -> None:
    import openpyxl  # heavy: imported only when an XLSX is asked for

    book = openpyxl.Workbook()
    sheets: dict[str, tuple[list[str], list[list[Any]]]] = {
        "Summary": (["Measure", "Value"], _summary_rows(report)),
        "By stage": (
            ["Stage", f"Partners on {report.since}", f"Partners on {report.as_of}"],
            [[c.label, c.then, c.now] for c in report.stages],
        ),
        "Moved": (MOVE_HEADER, [_move_row(m) for m in report.moves]),
        "Recorded late": (MOVE_HEADER, [_move_row(m) for m in report.late_entries]),
        "Stuck": (
            ["Partner", "Stage", "Since", "Days"],
            [[s.partner, network.STAGE_LABELS[s.stage], s.since, s.days] for s in report.stuck],
        ),
        "Overdue actions": (
            ["Owner", "Partner", "Action", "Due"],
            [
                [o, a.partner_name, a.description, a.due_on]
                for o, acts in report.overdue_by_owner.items()
                for a in acts
            ],
        ),
        "Due soon": (
            ["Partner", "Action", "Owner", "Due"],
            [[a.partner_name, a.description, a.owner, a.due_on] for a in report.due_soon],
        ),
    }
    default_sheet = book.active
    if default_sheet is not None:
        book.remove(default_sheet)
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    book.save(output)


MOVE_HEADER = ["Partner", "From", "To", "On", "Note", "Reason"]


def _move_row(move: Move) -> list[Any]:
    labels = network.STAGE_LABELS
    from_label = labels[move.from_stage] if move.from_stage else "(added)"
    return [move.partner, from_label, labels[move.to_stage], move.on, move.note, move.reason]


def _summary_rows(report: BoardReport) -> list[list[Any]]:
    t = report.totals
    return [
        ["Report date", report.as_of],
        ["Movement since", report.since],
        ["Partners", t.partners],
        ["Accredited or maintaining", t.accredited],
        ["New accreditations since", len(report.new_accreditations)],
        ["Stage changes recorded late (dated before the period)", len(report.late_entries)],
        ["Partners who joined or moved stage", len({m.partner for m in report.moves})],
        [f"Stuck (no movement for {report.stuck_days}+ days)", len(report.stuck)],
        ["Overdue actions", sum(len(a) for a in report.overdue_by_owner.values())],
        ["Partners that shared pay figures", t.partners_with_figures],
        ["Staff below the Real Living Wage (where known)", t.staff_below_rlw],
        ["Yearly cost to close (where known)", pounds(t.cost_to_close)],
        ["Staff covered by accreditation (where known)", t.staff_covered],
    ]
