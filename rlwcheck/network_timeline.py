"""A partner's timeline: everything that happened to it, oldest first, from every history table."""

import datetime as dt
import sqlite3
from dataclasses import dataclass

from rlwcheck.dates import long_date
from rlwcheck.money import from_pence, pounds
from rlwcheck.network import StageChange, stage_history
from rlwcheck.network_actions import all_actions


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    kind: str
    text: str
    recorded_by: str


def timeline(conn: sqlite3.Connection, partner_id: int) -> list[TimelineEntry]:
    """Everything that happened to a partner, oldest first: stages, flags, sessions, actions, notes, pay."""
    entries = [_stage_entry(change) for change in stage_history(conn, partner_id)]
    for row in conn.execute(
        "SELECT * FROM network_flag_change WHERE partner_id = ? ORDER BY changed_on, id",
        (partner_id,),
    ):
        state = "yes" if row["value"] else "no"
        entries.append(
            _entry(row["changed_on"], "flag", f"{row['flag']}: {state} {row['note']}", row)
        )
    for row in conn.execute(
        "SELECT a.*, s.held_on, s.title FROM network_attendance a JOIN network_session s ON s.id = a.session_id"
        " WHERE a.partner_id = ?",
        (partner_id,),
    ):
        role = f" ({row['attendee_role']})" if row["attendee_role"] else ""
        entries.append(_entry(row["held_on"], "session", f"attended {row['title']}{role}", row))
    for found in all_actions(conn, partner_id):
        text = f"action #{found.id}: {found.description} (owner {found.owner}, due {long_date(found.due_on)})"
        opened = found.opened_on or found.due_on  # older library callers gave no opened date
        entries.append(TimelineEntry(opened, "action", text, found.recorded_by))
        if found.done_on:
            done = f"action #{found.id} done"
            entries.append(TimelineEntry(found.done_on, "done", done, found.done_by or ""))
    for row in conn.execute("SELECT * FROM network_note WHERE partner_id = ?", (partner_id,)):
        entries.append(_entry(row["noted_on"], "note", row["body"], row))
    for row in conn.execute(
        "SELECT * FROM network_pay_aggregate WHERE partner_id = ?", (partner_id,)
    ):
        cost = from_pence(row["cost_to_close_pence"])
        text = f"{row['staff_below_rlw']} staff below the RLW, {pounds(cost)} a year to close ({row['origin']})"
        entries.append(_entry(row["as_of"], "pay", text, row))
    return sorted(entries, key=lambda entry: entry.on)


def _stage_entry(change: StageChange) -> TimelineEntry:
    moved = (
        f"{change.from_stage} -> {change.to_stage}"
        if change.from_stage
        else f"started at {change.to_stage}"
    )
    details = [
        detail
        for detail in (change.note, f"reason: {change.reason}" if change.reason else "")
        if detail
    ]
    text = f"{moved} ({'; '.join(details)})" if details else moved
    return TimelineEntry(change.changed_on, "stage", text, change.recorded_by)


def _entry(on: str, kind: str, text: str, row: sqlite3.Row) -> TimelineEntry:
    return TimelineEntry(dt.date.fromisoformat(on), kind, text.strip(), row["recorded_by"])
