-- The accreditation tracker (DOMAIN.md section 9): partners of an anchor network, their
-- stage history, Lunch and Learn sessions, attendance, actions, notes and pay aggregates.
-- Append-only: every row records who and when, and nothing is updated or deleted.
-- Current state (stage, flags, whether an action is done, latest aggregates) is derived
-- from the newest history row, so the history is the single source of truth.
-- Partners share aggregates only (counts and totals), never staff-level pay.

CREATE TABLE network_partner (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    sector TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    lead_contact TEXT NOT NULL DEFAULT '',
    size_band TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_stage_change (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT 'self_declared',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE INDEX network_stage_change_partner ON network_stage_change (partner_id, id);

CREATE TABLE network_flag_change (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    flag TEXT NOT NULL CHECK (flag IN ('living_hours', 'recognised_service_provider')),
    value INTEGER NOT NULL CHECK (value IN (0, 1)),
    changed_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_session (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    covered TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_attendance (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES network_session (id),
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    attendee_role TEXT NOT NULL DEFAULT '',
    attendee_name TEXT NOT NULL DEFAULT '',
    consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE INDEX network_attendance_session ON network_attendance (session_id);

CREATE TABLE network_action (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    description TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    origin TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE UNIQUE INDEX network_action_origin ON network_action (partner_id, origin) WHERE origin IS NOT NULL;

CREATE TABLE network_action_done (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL UNIQUE REFERENCES network_action (id),
    done_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_note (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    noted_on TEXT NOT NULL,
    body TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_pay_aggregate (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES network_partner (id),
    as_of TEXT NOT NULL,
    staff_below_rlw INTEGER NOT NULL CHECK (staff_below_rlw >= 0),
    cost_to_close_pence INTEGER NOT NULL CHECK (cost_to_close_pence >= 0),
    headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),
    origin TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);

CREATE TABLE network_board_report (
    id INTEGER PRIMARY KEY,
    as_of TEXT NOT NULL,
    since TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
)
