"""Actions agreed with network partners: who does what by when, and whether it is done.

An action is never edited: completing it appends a row to ``network_action_done``. Whether an
action is open, due or overdue is a question about a date, so callers pass the date (time control).
"""

import datetime as dt
import sqlite3
from dataclasses import dataclass

from rlwcheck import store
from rlwcheck.dates import long_date
from rlwcheck.errors import UsageError


@dataclass(frozen=True)
class Action:
    id: int
    partner_id: int
    partner_name: str
    description: str
    owner: str
    due_on: dt.date
    done_on: dt.date | None
    origin: str | None
    opened_on: dt.date | None  # None: the caller that added it did not say (always listed)
    recorded_by: str
    done_by: str | None

    def open_on(self, on: dt.date) -> bool:
        """Opened by this date and still to do on it (an action done later was open then)."""
        opened = self.opened_on is None or self.opened_on <= on
        return opened and (self.done_on is None or self.done_on > on)

    def overdue_on(self, on: dt.date) -> bool:
        """Open and past its due date; an action due today is due, not overdue."""
        return self.open_on(on) and self.due_on < on


def add_action(
    conn: sqlite3.Connection,
    partner_id: int,
    description: str,
    owner: str,
    due_on: dt.date,
    *,
    opened_on: dt.date | None = None,
) -> Action:
    """An action for a partner, opened on ``opened_on`` (the tracker's today)."""
    if not description.strip() or not owner.strip():
        raise UsageError("an action needs a description and an owner")
    with store.transaction(conn):
        action_id, _ = insert_action(
            conn, partner_id, description, owner, due_on, opened_on=opened_on
        )
    return action(conn, action_id)


def insert_action(
    conn: sqlite3.Connection,
    partner_id: int,
    description: str,
    owner: str,
    due_on: dt.date,
    origin: str | None = None,
    *,
    opened_on: dt.date | None,
) -> tuple[int, bool]:
    """Insert inside the caller's transaction; the action's id and whether it was created.

    ``origin`` names what generated the action, so a generator (follow-up) can run again without
    duplicating it: a repeated origin is skipped and the existing action's id returned."""
    cursor = conn.execute(
        "INSERT INTO network_action (partner_id, description, owner, due_on, origin, opened_on,"
        " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (
            partner_id,
            description.strip(),
            owner.strip(),
            due_on.isoformat(),
            origin,
            opened_on.isoformat() if opened_on else "",
            store.now_utc(),
            store.current_user(),
        ),
    )
    if cursor.rowcount == 0:
        row = conn.execute(
            "SELECT id FROM network_action WHERE partner_id = ? AND origin = ?",
            (partner_id, origin),
        ).fetchone()
        return int(row["id"]), False
    return int(cursor.lastrowid or 0), True


def complete_action(
    conn: sqlite3.Connection, action_id: int, *, done_on: dt.date, note: str = ""
) -> Action:
    with store.transaction(conn):
        found = action(conn, action_id)
        if found.done_on is not None:
            raise UsageError(f"action {action_id} was already done on {long_date(found.done_on)}")
        if found.opened_on is not None and done_on < found.opened_on:
            raise UsageError(
                f"action {action_id} was opened on {long_date(found.opened_on)}: "
                "it cannot have been done before that"
            )
        conn.execute(
            "INSERT INTO network_action_done (action_id, done_on, note, recorded_at, recorded_by)"
            " VALUES (?, ?, ?, ?, ?)",
            (action_id, done_on.isoformat(), note, store.now_utc(), store.current_user()),
        )
    return action(conn, action_id)


_ACTION_SQL = """
SELECT a.*, p.name AS partner_name, d.done_on, d.recorded_by AS done_by
FROM network_action a
JOIN network_partner p ON p.id = a.partner_id
LEFT JOIN network_action_done d ON d.action_id = a.id
"""


def _action_from_row(row: sqlite3.Row) -> Action:
    return Action(
        id=row["id"],
        partner_id=row["partner_id"],
        partner_name=row["partner_name"],
        description=row["description"],
        owner=row["owner"],
        due_on=dt.date.fromisoformat(row["due_on"]),
        done_on=dt.date.fromisoformat(row["done_on"]) if row["done_on"] else None,
        origin=row["origin"],
        opened_on=dt.date.fromisoformat(row["opened_on"]) if row["opened_on"] else None,
        recorded_by=row["recorded_by"],
        done_by=row["done_by"],
    )


def action(conn: sqlite3.Connection, action_id: int) -> Action:
    row = conn.execute(_ACTION_SQL + " WHERE a.id = ?", (action_id,)).fetchone()
    if row is None:
        raise UsageError(
            f"no action with id {action_id}; list them with `rlwcheck network actions`"
        )
    return _action_from_row(row)


def all_actions(conn: sqlite3.Connection, partner_id: int | None = None) -> list[Action]:
    where, params = (
        ("WHERE a.partner_id = ?", (partner_id,)) if partner_id is not None else ("", ())
    )
    rows = conn.execute(_ACTION_SQL + where + " ORDER BY a.due_on, a.id", params).fetchall()
    return [_action_from_row(row) for row in rows]


def actions_due(
    conn: sqlite3.Connection, *, on: dt.date, within_days: int = 14, overdue_only: bool = False
) -> list[Action]:
    """Open actions overdue on ``on`` or due within the next ``within_days`` days, soonest first."""
    if overdue_only:
        return [a for a in all_actions(conn) if a.overdue_on(on)]
    horizon = on + dt.timedelta(days=within_days)
    return [a for a in all_actions(conn) if a.open_on(on) and a.due_on <= horizon]
