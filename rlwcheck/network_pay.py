"""Partner-level pay aggregates: staff below the Real Living Wage and the cost to close the gap.

Partners share aggregates only (DOMAIN.md section 9), never staff-level pay. Figures are entered
directly or read from a saved ``rlwcheck check`` run; each recording is appended, the newest wins.
"""

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rlwcheck import store
from rlwcheck.errors import InputError, UsageError
from rlwcheck.money import from_pence, parse_amount, to_pence
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
    conn: sqlite3.Connection, partner_id: int, run_id: int, headcount: int | None = None
) -> PayAggregate:
    """Aggregates from a saved ``rlwcheck check`` run: staff failing or due to fail the newest
    Real Living Wage, and the annual cost of the rise, as of the date the run checked. A check
    sees one payroll file, not the whole workforce, so the headcount is the caller's to give."""
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
        staff = int(summary["rlw"]["fail"]) + int(summary["rlw"]["due"])
        cost = parse_amount(str(summary["rise_cost"]["annual"]), "rise cost")
        as_of = dt.date.fromisoformat(str(row["checked_on"])[:10])
    except (ValueError, KeyError, TypeError, InvalidOperation, UsageError) as exc:
        raise InputError(
            f"check run {run_id} has no usable Real Living Wage summary ({exc})"
        ) from exc
    return record_pay(
        conn,
        partner_id,
        as_of=as_of,
        staff_below_rlw=staff,
        cost_to_close=cost,
        headcount=headcount,
        origin=f"check_run:{run_id}",
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
