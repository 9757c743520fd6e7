"""Check runs in the store: what was checked, when, with which rates and settings, and the outcome.

HR uses ``rlwcheck history`` to show what was checked and when; the accreditation tracker reads a
run's summary for a partner's pay aggregates (counts only, never staff-level pay).
"""

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rlwcheck import store
from rlwcheck.errors import UsageError
from rlwcheck.rates import RateBook

if TYPE_CHECKING:  # the checker imports pandas, which `rlwcheck history` does not need
    from rlwcheck.checks import CheckReport, CheckSettings


def record_run(
    conn: sqlite3.Connection, report: "CheckReport", started_at: str | None = None
) -> int:
    """Store one run and return its id. ``started_at`` defaults to now (the check has just finished)."""
    files = [
        {
            "name": Path(entry["file"]).name,
            "path": entry["file"],
            "sha256": entry["sha256"],
            "rows": entry["rows"],
        }
        for entry in report.summary["files"]
    ]
    finished_at = store.now_utc()
    with store.transaction(conn):
        cursor = conn.execute(
            "INSERT INTO check_run (started_at, finished_at, recorded_by, checked_on, files_json, "
            "rates_json, settings_json, summary_json, exit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                started_at or finished_at,
                finished_at,
                store.current_user(),
                report.summary["checked_on"],
                json.dumps(files),
                json.dumps(report.rates),
                json.dumps(report.summary["settings"]),
                json.dumps(report.summary),
                report.exit_code,
            ),
        )
    return int(cursor.lastrowid or 0)


def list_runs(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The newest runs first, each with its files and headline counts."""
    rows = conn.execute("SELECT * FROM check_run ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [_run(row, with_summary=False) for row in rows]


def get_run(conn: sqlite3.Connection, run_id: int) -> dict[str, Any]:
    """One run with its full summary, rates and settings."""
    row = conn.execute("SELECT * FROM check_run WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise UsageError(f"there is no check run {run_id}; `rlwcheck history` lists them")
    return _run(row, with_summary=True)


def _run(row: sqlite3.Row, with_summary: bool) -> dict[str, Any]:
    summary = json.loads(row["summary_json"])
    run: dict[str, Any] = {
        "id": row["id"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "recorded_by": row["recorded_by"],
        "checked_on": row["checked_on"],
        "files": json.loads(row["files_json"]),
        "rows_read": summary["rows_read"],
        "nmw": summary["nmw"],
        "rlw": summary["rlw"],
        "exit_code": row["exit_code"],
    }
    if with_summary:
        run["summary"] = summary
        run["rates"] = json.loads(row["rates_json"])
        run["settings"] = json.loads(row["settings_json"])
    return run


def run_check(
    conn: sqlite3.Connection, paths: Sequence[Path], settings: "CheckSettings"
) -> tuple["CheckReport", int]:
    """Check files with the store's rate book and record the run: what `rlwcheck check` does."""
    from rlwcheck.checks import check_files

    started_at = store.now_utc()
    report = check_files(paths, RateBook.load(conn), settings)
    return report, record_run(conn, report, started_at)
