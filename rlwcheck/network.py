"""The accreditation tracker: partners of an anchor network on their way to Real Living Wage accreditation.

DOMAIN.md section 9. A partner moves through ordered stages, from ``not_engaged`` to ``maintaining``,
or steps off the track (``paused``; ``lapsed`` once accredited). Every change is appended with who
made it and when (``store.current_user``, ``store.now_utc``); current state is derived from the
newest history row, so nothing is ever overwritten. Partners share pay *aggregates* only.

Functions take the dates they need (``on``, ``today``) so callers and tests control time.
Writes happen in short ``store.transaction`` blocks (BEGIN IMMEDIATE), safe next to the scheduled job.
"""

import datetime as dt
import sqlite3
from dataclasses import dataclass

from rlwcheck import store
from rlwcheck.dates import long_date
from rlwcheck.errors import UsageError

STAGES = (
    "not_engaged",
    "aware",
    "committed",
    "paying_direct_staff",
    "contractor_plan",
    "applied",
    "accredited",
    "maintaining",
)
OFF_TRACK = ("paused", "lapsed")
ALL_STAGES = STAGES + OFF_TRACK
ACCREDITED = ("accredited", "maintaining")
STAGE_LABELS = {
    "not_engaged": "Not engaged",
    "aware": "Aware",
    "committed": "Committed",
    "paying_direct_staff": "Paying direct staff",
    "contractor_plan": "Contractor plan",
    "applied": "Applied",
    "accredited": "Accredited",
    "maintaining": "Maintaining",
    "paused": "Paused",
    "lapsed": "Lapsed",
}
EVIDENCE = ("self_declared", "lwf_directory", "rlwcheck_aggregate")
SIZE_BANDS = ("0-10", "11-50", "51-250", "251-500", "500+")  # the LWF fee scale's headcount bands
FLAGS = ("living_hours", "recognised_service_provider")


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    sector: str
    place: str
    lead_contact: str
    size_band: str
    stage: str
    stage_since: dt.date
    living_hours: bool
    recognised_service_provider: bool

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def accredited(self) -> bool:
        return self.stage in ACCREDITED


@dataclass(frozen=True)
class StageChange:
    partner_id: int
    from_stage: str | None
    to_stage: str
    changed_on: dt.date
    note: str
    reason: str
    evidence: str
    recorded_at: str
    recorded_by: str


@dataclass(frozen=True)
class Session:
    id: int
    held_on: dt.date
    title: str
    place: str
    covered: str


@dataclass(frozen=True)
class Attendance:
    session_id: int
    partner_id: int
    attendee_role: str
    attendee_name: str


# partners ------------------------------------------------------------------------------------


def add_partner(
    conn: sqlite3.Connection, name: str, sector: str, *, on: dt.date, **details: str
) -> Partner:
    """Add one partner at a starting stage (its first history row), in its own transaction.

    ``details`` are insert_partner's: place, lead_contact, size_band and stage."""
    with store.transaction(conn):
        partner_id = insert_partner(conn, name, sector, on=on, **details)
    return partner(conn, partner_id)


def insert_partner(
    conn: sqlite3.Connection,
    name: str,
    sector: str,
    *,
    on: dt.date,
    place: str = "",
    lead_contact: str = "",
    size_band: str = "",
    stage: str = "not_engaged",
) -> int:
    """Insert a partner inside the caller's transaction (so an import can add many at once)."""
    name, sector = clean_name(name), sector.strip()
    if not name:
        raise UsageError("a partner needs a name")
    if not sector:
        raise UsageError(f"partner {name!r} needs a sector, e.g. 'NHS trust' or 'council'")
    check_stage(stage)
    check_size_band(size_band)
    if conn.execute("SELECT 1 FROM network_partner WHERE name = ?", (name,)).fetchone():
        raise UsageError(f"a partner called {name!r} already exists; use `rlwcheck network show`")
    cursor = conn.execute(
        "INSERT INTO network_partner (name, sector, place, lead_contact, size_band, recorded_at, recorded_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            sector,
            place.strip(),
            lead_contact.strip(),
            size_band,
            store.now_utc(),
            store.current_user(),
        ),
    )
    partner_id = int(cursor.lastrowid or 0)
    _insert_stage_change(conn, partner_id, None, stage, on, note="added to the network")
    return partner_id


def clean_name(name: str) -> str:
    """A partner's name with runs of whitespace (non-breaking spaces, doubled spaces from a
    spreadsheet) made one space, so a name that looks the same is the same partner."""
    return " ".join(name.split())


def check_stage(stage: str) -> None:
    if stage not in ALL_STAGES:
        raise UsageError(f"unknown stage {stage!r}; use one of: {', '.join(ALL_STAGES)}")


def check_size_band(size_band: str) -> None:
    if size_band and size_band not in SIZE_BANDS:
        raise UsageError(
            f"unknown size band {size_band!r}; use one of: {', '.join(SIZE_BANDS)} or leave blank"
        )


# Current state is the newest-dated history row (the later entry on a tie), for stages and flags
# alike: a back-dated entry made later does not override a newer one.
_PARTNER_SQL = """
SELECT p.*, s.to_stage AS stage, s.changed_on AS stage_since,
       COALESCE((SELECT value FROM network_flag_change f WHERE f.partner_id = p.id
                 AND f.flag = 'living_hours' ORDER BY f.changed_on DESC, f.id DESC LIMIT 1), 0)
           AS living_hours,
       COALESCE((SELECT value FROM network_flag_change f WHERE f.partner_id = p.id
                 AND f.flag = 'recognised_service_provider'
                 ORDER BY f.changed_on DESC, f.id DESC LIMIT 1), 0) AS rsp
FROM network_partner p
JOIN network_stage_change s ON s.id = (
    SELECT id FROM network_stage_change WHERE partner_id = p.id ORDER BY changed_on DESC, id DESC LIMIT 1)
"""


def _partner_from_row(row: sqlite3.Row) -> Partner:
    return Partner(
        id=row["id"],
        name=row["name"],
        sector=row["sector"],
        place=row["place"],
        lead_contact=row["lead_contact"],
        size_band=row["size_band"],
        stage=row["stage"],
        stage_since=dt.date.fromisoformat(row["stage_since"]),
        living_hours=bool(row["living_hours"]),
        recognised_service_provider=bool(row["rsp"]),
    )


def partners(conn: sqlite3.Connection) -> list[Partner]:
    """Every partner with its current stage and flags, by name."""
    rows = conn.execute(_PARTNER_SQL + " ORDER BY p.name COLLATE NOCASE").fetchall()
    return [_partner_from_row(row) for row in rows]


def partner(conn: sqlite3.Connection, partner_id: int) -> Partner:
    row = conn.execute(_PARTNER_SQL + " WHERE p.id = ?", (partner_id,)).fetchone()
    if row is None:
        raise UsageError(f"no partner with id {partner_id}; list them with `rlwcheck network list`")
    return _partner_from_row(row)


def find_partner(conn: sqlite3.Connection, ref: str) -> Partner:
    """A partner by id or by exact name (case-insensitive, whitespace as in ``clean_name``)."""
    text = clean_name(ref)
    row = conn.execute("SELECT id FROM network_partner WHERE name = ?", (text,)).fetchone()
    if row is not None:
        return partner(conn, row["id"])
    if text.isdigit():
        return partner(conn, int(text))
    raise UsageError(f"no partner called {ref!r}; list them with `rlwcheck network list`")


# stages --------------------------------------------------------------------------------------


def stage_history(conn: sqlite3.Connection, partner_id: int) -> list[StageChange]:
    rows = conn.execute(
        "SELECT * FROM network_stage_change WHERE partner_id = ? ORDER BY changed_on, id",
        (partner_id,),
    ).fetchall()
    return [
        StageChange(
            partner_id=row["partner_id"],
            from_stage=row["from_stage"],
            to_stage=row["to_stage"],
            changed_on=dt.date.fromisoformat(row["changed_on"]),
            note=row["note"],
            reason=row["reason"],
            evidence=row["evidence"],
            recorded_at=row["recorded_at"],
            recorded_by=row["recorded_by"],
        )
        for row in rows
    ]


def check_move(history: list[str], target: str, reason: str) -> None:
    """Refuse a move the stage model does not allow. ``history`` is the stages so far, oldest first.

    Forward moves may skip stages (a partner can already pay its direct staff when first met).
    Any step back needs a reason; pausing is a step back; only an accredited partner can lapse.
    Coming back from a pause is measured against the stage the partner had reached before it.
    """
    check_stage(target)
    current = history[-1]
    if target == current:
        raise UsageError(f"the partner is already at stage {target}")
    if target == "lapsed" and current not in ACCREDITED:
        raise UsageError(f"only an accredited partner can lapse; this one is at stage {current}")
    reached = next((stage for stage in reversed(history) if stage in STAGES), STAGES[0])
    backwards = target in OFF_TRACK or STAGES.index(target) < STAGES.index(reached)
    if backwards and not reason.strip():
        raise UsageError(
            f"moving from {current} back to {target} needs a reason: add --reason "
            "(e.g. 'executive sponsor left')"
        )


def move_stage(
    conn: sqlite3.Connection,
    partner_id: int,
    target: str,
    *,
    on: dt.date,
    today: dt.date,
    note: str = "",
    reason: str = "",
    evidence: str = "self_declared",
) -> StageChange:
    """Record a stage move dated ``on``. The read and the write share one transaction, so two
    people moving the same partner at once cannot both move it from the same stage."""
    if on > today:
        raise UsageError(f"a stage move records what happened: {long_date(on)} is in the future")
    if evidence not in EVIDENCE:
        raise UsageError(f"unknown evidence {evidence!r}; use one of: {', '.join(EVIDENCE)}")
    with store.transaction(conn):
        history = stage_history(conn, partner_id)
        if not history:
            raise UsageError(
                f"no partner with id {partner_id}; list them with `rlwcheck network list`"
            )
        last = history[-1]
        if on < last.changed_on:
            raise UsageError(
                f"the partner has been at {last.to_stage} since {long_date(last.changed_on)}; "
                "a move cannot be dated before that"
            )
        check_move([change.to_stage for change in history], target, reason)
        _insert_stage_change(
            conn,
            partner_id,
            last.to_stage,
            target,
            on,
            note=note.strip(),
            reason=reason.strip(),
            evidence=evidence,
        )
    return stage_history(conn, partner_id)[-1]


def _insert_stage_change(
    conn: sqlite3.Connection,
    partner_id: int,
    from_stage: str | None,
    to_stage: str,
    on: dt.date,
    *,
    note: str = "",
    reason: str = "",
    evidence: str = "self_declared",
) -> None:
    conn.execute(
        "INSERT INTO network_stage_change (partner_id, from_stage, to_stage, changed_on, note, reason,"
        " evidence, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            partner_id,
            from_stage,
            to_stage,
            on.isoformat(),
            note,
            reason,
            evidence,
            store.now_utc(),
            store.current_user(),
        ),
    )


def stages_on(conn: sqlite3.Connection, on: dt.date) -> dict[int, str]:
    """Each partner's stage as it stood at the end of a date (partners added later are absent)."""
    rows = conn.execute(
        "SELECT partner_id, to_stage FROM network_stage_change WHERE changed_on <= ? "
        "ORDER BY changed_on, id",
        (on.isoformat(),),
    ).fetchall()
    return {row["partner_id"]: row["to_stage"] for row in rows}


def set_flag(
    conn: sqlite3.Connection,
    partner_id: int,
    flag: str,
    value: bool,
    *,
    on: dt.date,
    note: str = "",
) -> None:
    """Living Hours or Recognised Service Provider status, appended to the flag history."""
    if flag not in FLAGS:
        raise UsageError(f"unknown flag {flag!r}; use one of: {', '.join(FLAGS)}")
    with store.transaction(conn):
        insert_flag(conn, partner_id, flag, value, on=on, note=note)


def insert_flag(
    conn: sqlite3.Connection,
    partner_id: int,
    flag: str,
    value: bool,
    *,
    on: dt.date,
    note: str = "",
) -> None:
    conn.execute(
        "INSERT INTO network_flag_change (partner_id, flag, value, changed_on, note, recorded_at,"
        " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (partner_id, flag, int(value), on.isoformat(), note, store.now_utc(), store.current_user()),
    )


# sessions and attendance ---------------------------------------------------------------------


def add_session(
    conn: sqlite3.Connection, held_on: dt.date, title: str, *, place: str = "", covered: str = ""
) -> Session:
    if not title.strip():
        raise UsageError("a session needs a title, e.g. 'Lunch and Learn: the Real Living Wage'")
    with store.transaction(conn):
        cursor = conn.execute(
            "INSERT INTO network_session (held_on, title, place, covered, recorded_at, recorded_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                held_on.isoformat(),
                title.strip(),
                place.strip(),
                covered.strip(),
                store.now_utc(),
                store.current_user(),
            ),
        )
    return session(conn, int(cursor.lastrowid or 0))


def session(conn: sqlite3.Connection, session_id: int) -> Session:
    row = conn.execute("SELECT * FROM network_session WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise UsageError(
            f"no session with id {session_id}; list them with `rlwcheck network sessions`"
        )
    return _session_from_row(row)


def sessions(conn: sqlite3.Connection) -> list[Session]:
    rows = conn.execute("SELECT * FROM network_session ORDER BY held_on, id").fetchall()
    return [_session_from_row(row) for row in rows]


def _session_from_row(row: sqlite3.Row) -> Session:
    return Session(
        row["id"], dt.date.fromisoformat(row["held_on"]), row["title"], row["place"], row["covered"]
    )


def record_attendance(
    conn: sqlite3.Connection,
    session_id: int,
    partner_id: int,
    *,
    today: dt.date,
    attendee_role: str = "",
    attendee_name: str = "",
    consent: bool = False,
) -> int:
    """A partner attended a session held by ``today``; how many of its people the session now
    has (several may come, so a second is recorded, and the caller can say so). A name is kept
    only with the attendee's consent."""
    held = session(conn, session_id)
    if held.held_on > today:
        raise UsageError(
            f"session {session_id} is on {long_date(held.held_on)}, after today: "
            "record who attended once it has been held"
        )
    partner(conn, partner_id)
    with store.transaction(conn):
        conn.execute(
            "INSERT INTO network_attendance (session_id, partner_id, attendee_role, attendee_name, consent,"
            " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                partner_id,
                attendee_role.strip(),
                attendee_name.strip() if consent else "",
                int(consent),
                store.now_utc(),
                store.current_user(),
            ),
        )
        return int(
            conn.execute(
                "SELECT COUNT(*) FROM network_attendance WHERE session_id = ? AND partner_id = ?",
                (session_id, partner_id),
            ).fetchone()[0]
        )


def attendance(conn: sqlite3.Connection, session_id: int) -> list[Attendance]:
    rows = conn.execute(
        "SELECT * FROM network_attendance WHERE session_id = ? ORDER BY id", (session_id,)
    ).fetchall()
    return [
        Attendance(r["session_id"], r["partner_id"], r["attendee_role"], r["attendee_name"])
        for r in rows
    ]


# notes ---------------------------------------------------------------------------------------


def add_note(conn: sqlite3.Connection, partner_id: int, body: str, *, on: dt.date) -> None:
    if not body.strip():
        raise UsageError("a note needs some text")
    partner(conn, partner_id)
    with store.transaction(conn):
        conn.execute(
            "INSERT INTO network_note (partner_id, noted_on, body, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)",
            (partner_id, on.isoformat(), body.strip(), store.now_utc(), store.current_user()),
        )
