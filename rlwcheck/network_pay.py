"""Partner-level pay aggregates: staff below the Real Living Wage and the cost to close the gap.

Partners share aggregates only (DOMAIN.md section 9), never staff-level pay. Figures are entered
directly or read from a saved ``rlwcheck check`` run; each recording is appended, the newest wins.
"""

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from rlwcheck import store
from rlwcheck.dates import long_date
from rlwcheck.errors import InputError, UsageError
from rlwcheck.money import PENNY, from_pence, parse_amount, to_pence
from rlwcheck.network import partner


@dataclass(frozen=True)
class PayAggregate:
    partner_id: int
    as_of: dt.date
    staff_below_rlw: int
    cost_to_close: Decimal
    headcount: int | None
    origin: str


def record_pay(
    conn: sqlite3.Connection,
    partner_id: int,
    *,
    as_of: dt.date,
    staff_below_rlw: int,
    cost_to_close: Decimal,
    headcount: int | None = None,
    origin: str = "manual",
) -> PayAggregate:
    """A partner's pay aggregates as of a date: counts and a total, never staff-level pay."""
    if staff_below_rlw < 0 or cost_to_close < 0 or (headcount is not None and headcount < 0):
        raise UsageError("pay aggregates cannot be negative")
    if headcount is not None and staff_below_rlw > headcount:
        raise UsageError(
            f"{staff_below_rlw} staff below the Real Living Wage is more than the headcount of "
            f"{headcount}: check both figures"
        )
    if cost_to_close != cost_to_close.quantize(PENNY):
        raise UsageError(
            f"the cost {cost_to_close} has fractions of a penny: give pounds and pence, e.g. 1,234.57"
        )
    partner(conn, partner_id)
    cost_pence = to_pence(cost_to_close)
    with store.transaction(conn):
        conn.execute(
            "INSERT INTO network_pay_aggregate (partner_id, as_of, staff_below_rlw, cost_to_close_pence,"
            " headcount, origin, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                partner_id,
                as_of.isoformat(),
                staff_below_rlw,
                cost_pence,
                headcount,
                origin,
                store.now_utc(),
                store.current_user(),
            ),
        )
    # What was saved, which is not the partner's newest when it is backdated.
    return PayAggregate(
        partner_id, as_of, staff_below_rlw, from_pence(cost_pence), headcount, origin
    )


def pay_from_check_run(
    conn: sqlite3.Connection,
    partner_id: int,
    run_id: int,
    *,
    today: dt.date,
    headcount: int | None = None,
    force: bool = False,
) -> PayAggregate:
    """Aggregates from a saved ``rlwcheck check`` run: workers below the newest announced Real
    Living Wage, and the annual cost of the rise with each worker costed once, as of the date the
    run checked. A check sees one payroll file, not the whole workforce, so the headcount is the
    caller's to give. A run with rows it could not assess is refused: an unknown cost stored as
    part of a total would read as no cost at all in the board report. So is a run checked on a
    date after ``today``, as a typed future date is, and, unless ``force``, a run that would be
    counted for two partners or that covers several employers."""
    try:
        row = conn.execute(
            "SELECT summary_json, checked_on FROM check_run WHERE id = ?", (run_id,)
        ).fetchone()
    except sqlite3.OperationalError as exc:
        raise InputError(
            "this database has no saved check runs yet; run `rlwcheck check` on the partner's file first, "
            "or record the figures with --staff-below and --cost"
        ) from exc
    if row is None:
        raise UsageError(
            f"no check run with id {run_id}; record the figures with --staff-below and --cost"
        )
    try:
        summary = json.loads(row["summary_json"])
        rise = summary["rise_cost"]
        if "workers_below_target" not in rise:
            raise InputError(
                f"check run {run_id} counted pay rows, not workers (it was saved by an older "
                "rlwcheck): check the file again with this version and use the new run"
            )
        _refuse_unassessed_rows(run_id, summary)
        workers = int(rise["workers_below_target"])
        cost = parse_amount(str(rise["annual"]), "rise cost")
        as_of = dt.date.fromisoformat(str(row["checked_on"])[:10])
        employers = [group["employer"] or "(no employer)" for group in summary["by_employer"]]
    except (ValueError, KeyError, TypeError, InvalidOperation, UsageError) as exc:
        raise InputError(
            f"check run {run_id} has no usable Real Living Wage summary ({exc})"
        ) from exc
    if as_of > today:
        raise UsageError(
            f"check run {run_id} checked pay as of {long_date(as_of)}, after today: it looks "
            "ahead to a coming rate, not at what the partner pays; use a run checked on or "
            "before today"
        )
    if not force:
        _refuse_double_counting(conn, partner_id, run_id, employers)
    return record_pay(
        conn,
        partner_id,
        as_of=as_of,
        staff_below_rlw=workers,
        cost_to_close=cost,
        headcount=headcount,
        origin=f"check_run:{run_id}",
    )


def _file_hashes(conn: sqlite3.Connection, run_id: int) -> set[str]:
    row = conn.execute("SELECT files_json FROM check_run WHERE id = ?", (run_id,)).fetchone()
    return {str(file["sha256"]) for file in json.loads(row["files_json"])} if row else set()


def _refuse_double_counting(
    conn: sqlite3.Connection, partner_id: int, run_id: int, employers: list[str]
) -> None:
    """The network totals add up partners' figures: a run's workers recorded for two partners
    are counted twice, and a run with several employers' staff would all be charged to one
    partner. The summary has no figures per employer, so it cannot be split here."""
    recorded = conn.execute(
        "SELECT DISTINCT p.name, a.origin FROM network_pay_aggregate a"
        " JOIN network_partner p ON p.id = a.partner_id"
        " WHERE a.origin LIKE 'check_run:%' AND a.partner_id != ? ORDER BY p.name",
        (partner_id,),
    ).fetchall()
    # The same file checked again is a new run with the same workers: compare the files' hashes.
    files = _file_hashes(conn, run_id)
    others = sorted(
        {
            r["name"]
            for r in recorded
            if r["origin"] == f"check_run:{run_id}"
            or files & _file_hashes(conn, int(r["origin"].split(":")[1]))
        }
    )
    if others:
        raise UsageError(
            f"check run {run_id}'s files are already recorded for {', '.join(others)}: "
            "the network totals would count its workers twice; give --force only if both "
            "partners' figures really are these files'"
        )
    if len(employers) > 1:
        raise UsageError(
            f"check run {run_id} covers {len(employers)} employers ({', '.join(employers)}) and "
            "its figures are for all of them together: check this partner's own staff in a "
            "file of their own, or give --force to record them all for this partner"
        )


def _refuse_unassessed_rows(run_id: int, summary: dict[str, Any]) -> None:
    """Rows the check could not cost or place against the Real Living Wage leave the partner's
    figures unknown, not zero. Copies of an earlier row are set aside as undetermined, but the
    row they copy is counted, so they leave nothing unknown."""
    copies = int(summary["problems"].get("duplicate-row", 0))
    counts = (
        # rows whose zone is unknown are also undetermined: counted once, below
        (
            int(summary["rise_cost"]["not_costed"]["without_weekly_hours"]),
            "not costed (no weekly hours)",
        ),
        (
            int(summary["rlw"]["undetermined"]) - copies,
            "with an undetermined Real Living Wage result",
        ),
    )
    unknown = [
        f"{count} {'row' if count == 1 else 'rows'} {what}" for count, what in counts if count
    ]
    if unknown:
        raise InputError(
            f"check run {run_id} has {' and '.join(unknown)}, so its staff count and cost are "
            "incomplete: fix those rows (see `rlwcheck history --run "
            f"{run_id}`) and check the file again, or record the figures with --staff-below and --cost"
        )


def latest_pay(conn: sqlite3.Connection, on: dt.date | None = None) -> dict[int, PayAggregate]:
    """Each partner's newest aggregates (by as-of date, then by when they were recorded),
    among those dated on or before ``on`` (None: all)."""
    rows = conn.execute(
        "SELECT * FROM network_pay_aggregate WHERE as_of <= ? ORDER BY as_of, id",
        ((on or dt.date.max).isoformat(),),
    ).fetchall()
    return {
        row["partner_id"]: PayAggregate(
            partner_id=row["partner_id"],
            as_of=dt.date.fromisoformat(row["as_of"]),
            staff_below_rlw=row["staff_below_rlw"],
            cost_to_close=from_pence(row["cost_to_close_pence"]),
            headcount=row["headcount"],
            origin=row["origin"],
        )
        for row in rows
    }
