"""The local SQLite store: rates entered or fetched, check history, the accreditation network.

One file per user (platformdirs' data directory), overridable with ``--db`` or ``RLWCHECK_DB``.
It changes only through numbered migrations (``rlwcheck/migrations/NNNN_name.sql``), each recorded
in the database, so a newer rlwcheck upgrades an older file and an older one refuses a newer file.
The store is shared with the scheduled job: WAL mode, a busy timeout and short transactions.
"""

import contextlib
import datetime as dt
import getpass
import importlib.resources
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from rlwcheck.errors import StoreError

BUSY_TIMEOUT_SECONDS = 30.0


def default_path() -> Path:
    """RLWCHECK_DB if set, else rlwcheck.db in the user's data directory."""
    override = os.environ.get("RLWCHECK_DB")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("rlwcheck", appauthor=False)) / "rlwcheck.db"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration shipped with the package, in order."""
    folder = importlib.resources.files("rlwcheck") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append((int(number), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store. Transactions are explicit: use ``transaction``."""
    db_path = path or default_path()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(
            f"cannot open the rlwcheck database {db_path}: {exc}; "
            "choose another file with --db or RLWCHECK_DB"
        ) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys=ON")
        _migrate(conn, db_path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{db_path} is not a usable rlwcheck database: {exc}") from exc
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all of it or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def now_utc() -> str:
    """A timestamp for provenance and history: ISO 8601, UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def current_user() -> str:
    """Who is making a change, for history: RLWCHECK_USER, else the login name."""
    try:
        return os.environ.get("RLWCHECK_USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


def _migrate(conn: sqlite3.Connection, db_path: Path) -> None:
    known = migrations()
    latest = known[-1][0] if known else 0
    with transaction(conn):
        current = schema_version(conn)
        if current > latest:
            raise StoreError(
                f"{db_path} was written by a newer rlwcheck (schema {current}, this one knows {latest}); "
                "upgrade rlwcheck or use another --db"
            )
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migration "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migration")}
        # Apply every migration not yet recorded, not just those above user_version:
        # a file made by a build that lacked one number must still get it later.
        for version, name, sql in known:
            if version not in applied:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, now_utc()),
                )
        conn.execute(f"PRAGMA user_version={latest}")


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction).

    Lines are gathered until SQLite says they complete a statement, so a ';' inside a string
    or a comment does not cut one in two."""
    statements, pending = [], ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())  # a last statement without its ';': SQLite decides
    return statements
