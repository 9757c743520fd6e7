"""Importing the lead's partner spreadsheet: per-row problems, good rows in, one transaction."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.errors import InputError
from rlwcheck.network_io import import_partners
from rlwcheck.problems import PROBLEM_CODES

from .conftest import d

HEADER = "Name,Sector,Place,Lead Contact,Size Band,Stage,Stage Date,Living Hours,RSP\n"
ROWS = [
    "Kestrelmouth College,college,Kestrelmouth,Beth Adeyemi,251-500,aware,12/03/2026,no,no\n",  # row 2: good
    ",council,Ellerdale,,,,,,\n",  # row 3: no name
    "Mossgate Homes,housing association,Mossgate,,251-500,maintaining,01/05/2025,yes,\n",  # row 4: good
    "Fellham Trust,,Fellham,,huge,applid,31/02/2026,maybe,\n",  # row 5: four problems
    "kestrelmouth college,college,,,,,,,\n",  # row 6: duplicate of row 2 (case-insensitive)
    "Brackenford Teaching Hospitals,NHS trust,,,,,,,\n",  # row 7: already in the store
]


def write(tmp_path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "partners.csv"
    path.write_text(HEADER + "".join(rows), encoding=encoding)
    return path


def test_bad_rows_are_reported_and_good_rows_imported(
    conn: sqlite3.Connection, trust: network.Partner, tmp_path: Path
) -> None:
    result = import_partners(conn, write(tmp_path, ROWS), on=d("2026-06-01"), today=d("2026-06-01"))
    assert result.imported == ["Kestrelmouth College", "Mossgate Homes"]
    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (3, "name", "network-missing-name"),
        (5, "sector", "network-missing-sector"),
        (5, "stage", "network-unknown-stage"),
        (5, "size_band", "network-unknown-size-band"),
        (5, "stage_date", "network-invalid-date"),
        (5, "living_hours", "network-invalid-flag"),
        (6, "name", "network-duplicate-partner"),
        (7, "name", "network-duplicate-partner"),
    ]
    assert all(p.code in PROBLEM_CODES for p in result.problems)
    assert "31/02/2026" in result.problems[4].message
    mossgate = network.find_partner(conn, "Mossgate Homes")
    assert (mossgate.stage, mossgate.stage_since, mossgate.living_hours) == (
        "maintaining",
        d("2025-05-01"),
        True,
    )
    assert network.find_partner(conn, "Kestrelmouth College").lead_contact == "Beth Adeyemi"


def test_all_or_nothing_imports_nothing_when_a_row_is_bad(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    result = import_partners(
        conn,
        write(tmp_path, ROWS[:2]),
        on=d("2026-06-01"),
        today=d("2026-06-01"),
        all_or_nothing=True,
    )
    assert result.imported == []
    assert len(result.problems) == 1
    assert network.partners(conn) == []


def test_a_failure_while_writing_leaves_nothing_half_written(
    conn: sqlite3.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_insert = network.insert_partner
    calls = []

    def failing_insert(*args: Any, **kwargs: Any) -> int:
        calls.append(args[1])
        if len(calls) == 2:
            raise OSError("disk full")  # the second good row: the first is already inserted
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(network, "insert_partner", failing_insert)
    with pytest.raises(OSError, match="disk full"):
        import_partners(
            conn, write(tmp_path, [ROWS[0], ROWS[2]]), on=d("2026-06-01"), today=d("2026-06-01")
        )
    assert calls == ["Kestrelmouth College", "Mossgate Homes"]
    for table in ("network_partner", "network_stage_change", "network_flag_change"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_excel_cp1252_file_is_read(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = write(
        tmp_path, ["Société Générale Services,contractor,Brackenford,,,,,,yes\n"], encoding="cp1252"
    )
    result = import_partners(conn, path, on=d("2026-06-01"), today=d("2026-06-01"))
    assert result.imported == ["Société Générale Services"]
    assert (
        network.find_partner(conn, "Société Générale Services").recognised_service_provider is True
    )


def test_missing_required_column_is_an_input_error(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    path = tmp_path / "partners.csv"
    path.write_text("organisation,place\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no sector column"):
        import_partners(conn, path, on=d("2026-06-01"), today=d("2026-06-01"))


def test_cli_import_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    bad = runner.invoke(
        cli,
        ["network", "import", str(write(tmp_path, ROWS[:3]))],
        env={"RLWCHECK_TODAY": "2026-06-01"},
    )
    assert bad.exit_code == 1
    assert (
        f"{tmp_path / 'partners.csv'} row 3, name '': network-missing-name: the partner has no name"
        in bad.output
    )
    assert "imported 2 partners; rejected 1 rows" in bad.output
    missing = runner.invoke(cli, ["network", "import", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2
    assert missing.output.startswith("Error: cannot read ")


def test_the_sample_network_imports_cleanly(conn: sqlite3.Connection) -> None:
    sample = Path(__file__).parents[2] / "samples" / "network" / "partners.csv"
    result = import_partners(conn, sample, on=d("2026-01-05"), today=d("2026-01-05"))
    assert result.problems == []
    assert len(result.imported) == 16


def test_stage_date_in_the_future_is_refused_and_a_blank_one_is_the_import_date(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    rows = [
        "Kestrelmouth College,college,,,,aware,02/06/2026,,\n",  # row 2: the day after 1 June
        "Ellerdale Council,council,,,,aware,,,\n",  # row 3: no date, so 1 June
    ]
    result = import_partners(conn, write(tmp_path, rows), on=d("2026-06-01"), today=d("2026-06-01"))
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "stage_date", "the stage date is in the future")
    ]
    assert network.find_partner(conn, "Ellerdale Council").stage_since == d("2026-06-01")
