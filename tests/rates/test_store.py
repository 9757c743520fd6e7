"""The SQLite store: migrations recorded, WAL mode, refuses a newer schema."""

import sqlite3
from pathlib import Path

import pytest

from rlwcheck import store
from rlwcheck.errors import StoreError


def test_fresh_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "a.db")
    versions = [
        row[0] for row in conn.execute("SELECT version FROM schema_migration ORDER BY version")
    ]
    assert versions == [m[0] for m in store.migrations()]
    assert store.schema_version(conn) == versions[-1]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_twice(tmp_path: Path) -> None:
    store.connect(tmp_path / "a.db").close()
    conn = store.connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM schema_migration").fetchone()[0] == len(
        store.migrations()
    )


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute("PRAGMA user_version=999")
    with pytest.raises(StoreError, match="newer rlwcheck"):
        store.connect(path)


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable rlwcheck database"):
        store.connect(path)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "a.db")
    with pytest.raises(RuntimeError), store.transaction(conn):
        conn.execute(
            "INSERT INTO statutory_rate (band, rate_pence, effective_from, source_url, origin, recorded_at, "
            "recorded_by) VALUES ('x', 1, '2027-04-01', 'u', 'manual', 't', 'me')"
        )
        raise RuntimeError("half-way")
    assert conn.execute("SELECT count(*) FROM statutory_rate").fetchone()[0] == 0


def test_default_path_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RLWCHECK_DB", str(tmp_path / "x.db"))
    assert store.default_path() == tmp_path / "x.db"
    monkeypatch.delenv("RLWCHECK_DB")
    assert store.default_path().name == "rlwcheck.db"


def test_a_missing_lower_migration_is_still_applied(tmp_path: Path) -> None:
    path = tmp_path / "gap.db"
    conn = store.connect(path)
    first, *_ = store.migrations()
    # Simulate a file made by a build that lacked migration 1: forget it was applied.
    conn.execute("DELETE FROM schema_migration WHERE version = ?", (first[0],))
    conn.execute("DROP TABLE statutory_rate")
    conn.execute("DROP TABLE living_wage_rate")
    conn.close()
    reopened = store.connect(path)
    assert reopened.execute("SELECT count(*) FROM statutory_rate").fetchone()[0] == 0
    recorded = {row[0] for row in reopened.execute("SELECT version FROM schema_migration")}
    assert recorded == {m[0] for m in store.migrations()}


def test_a_command_gets_one_connection_however_often_it_asks(tmp_path: Path) -> None:
    import click

    from rlwcheck.commands.common import open_store

    @click.command()
    @click.pass_context
    def probe(ctx: click.Context) -> None:
        first, second = open_store(ctx), open_store(ctx)
        assert first is second
        seen.append(first)

    seen: list[sqlite3.Connection] = []
    probe.main([], standalone_mode=False)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        seen[0].execute("SELECT 1")


def test_a_semicolon_inside_a_string_or_comment_does_not_split_a_statement() -> None:
    sql = (
        "-- notes; kept with the statement below\n"
        "CREATE TABLE t (x TEXT DEFAULT 'a;b');\n"
        "INSERT INTO t (x) VALUES ('c;\nd');\n"
    )
    statements = store._statements(sql)
    assert len(statements) == 2
    conn = sqlite3.connect(":memory:")
    for statement in statements:
        conn.execute(statement)
    assert conn.execute("SELECT x FROM t").fetchall() == [("c;\nd",)]
