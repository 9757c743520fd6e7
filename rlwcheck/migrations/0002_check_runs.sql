-- One row per `rlwcheck check` run (or a library call recorded with history.record_run):
-- when, by whom, which files (name, SHA-256, rows), which rates and settings were used, and the
-- summary counts, so HR can show what was checked and when. Rows are never updated or deleted.

CREATE TABLE check_run (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    files_json TEXT NOT NULL,
    rates_json TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    summary_json TEXT NOT NULL,
    exit_code INTEGER NOT NULL CHECK (exit_code IN (0, 1))
);

CREATE INDEX check_run_checked_on ON check_run (checked_on)
