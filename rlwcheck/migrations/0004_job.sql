-- The scheduled job (rlwcheck job run): one row per run, what each source fetch did, and every
-- notice already sent, so that running the job twice in a day sends nothing twice.

CREATE TABLE job_run (
    id INTEGER PRIMARY KEY,
    run_on TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    config_path TEXT NOT NULL,
    new_rates INTEGER NOT NULL,
    reports_written INTEGER NOT NULL,
    email_status TEXT NOT NULL,
    summary TEXT NOT NULL
);

CREATE TABLE job_fetch (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES job_run (id),
    source TEXT NOT NULL,
    ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
    urls TEXT NOT NULL,
    content_hash TEXT,
    new_rates INTEGER NOT NULL,
    message TEXT NOT NULL
);

CREATE TABLE job_notice (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES job_run (id),
    notice_key TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    sent_to TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX job_run_on ON job_run (run_on)
