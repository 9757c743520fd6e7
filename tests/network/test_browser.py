"""The board report in a real headless Chromium: charts and tables render, HTML in names stays text."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from rlwcheck import network
from rlwcheck.network_report import write_report

from .conftest import d

CHROMIUM = shutil.which("chromium")
EVIL = "<img src=x onerror=alert(1)><script>alert(1)</script>"


def chromium(tmp_path: Path, *args: str) -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed on CI: apt-get install -y chromium")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def test_board_report_renders_in_chromium(conn: sqlite3.Connection, tmp_path: Path) -> None:
    today = d("2026-06-30")
    evil = network.add_partner(conn, EVIL, "NHS trust", on=d("2026-01-05"))
    network.add_partner(
        conn, "Kestrelmouth College", "college", on=d("2026-01-05"), stage="applied"
    )
    network.move_stage(conn, evil.id, "aware", on=d("2026-04-01"), today=today)
    report = tmp_path / "board.html"
    write_report(conn, report, fmt="html", as_of=today)

    dom = chromium(tmp_path, "--dump-dom", report.as_uri())
    assert dom.count("<svg") == 3
    assert dom.count("<rect") >= 10 + 20 + 13  # a bar per stage, two per stage, a column per month
    assert dom.count("<table") == 4
    assert dom.count("<caption>") == 4
    # the name is text in the DOM: no element was injected, and it shows literally
    assert "<script" not in dom
    assert "<img" not in dom
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in dom

    shot = tmp_path / "board.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,2000", report.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG")
