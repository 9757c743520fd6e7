"""The job end to end: a real local web server for the sources, a real SMTP server for the mail.

Story: on 24 November 2026 the (fictional, TEST FIXTURE) 2026 Real Living Wage appears; the
first run stores it pending, re-checks the payroll against it and mails a summary; a second run
the same day mails nothing; on 15 March 2027, with the web server down, the run still re-checks
with the stored rates (the rise is 47 days away, inside the 60-day window) and reports the failure.
"""

import json
import shutil
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from rlwcheck.cli import cli

from .conftest import FIXTURES

PAGES = {
    "/api/content/national-minimum-wage-rates": ("application/json", "govuk_rates_2025-26.json"),
    "/news/2026-rates": ("text/html; charset=utf-8", "TEST_FIXTURE_lwf_news_2026.html"),
    "/faqs": ("text/html; charset=utf-8", "TEST_FIXTURE_lwf_faqs_2026.html"),
}


class FixtureSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path not in PAGES:
            self.send_error(404)
            return
        content_type, name = PAGES[self.path]
        body = (FIXTURES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return  # keep test output clean


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def site() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def write_config(folder: Path, web_port: int, smtp_port: int) -> Path:
    (folder / "payroll").mkdir()
    shutil.copy(FIXTURES / "payroll_small.csv", folder / "payroll" / "payroll.csv")
    base = f"http://127.0.0.1:{web_port}"
    config = folder / "rlwcheck.toml"
    config.write_text(
        f"""
[rates]
govuk_urls = ["{base}/api/content/national-minimum-wage-rates"]
lwf_urls = ["{base}/news/2026-rates", "{base}/faqs"]
timeout_seconds = 5

[check]
files = ["payroll/payroll.csv"]
reports = "reports"
formats = ["html", "json"]
days_before_living_wage_due = 60

[email]
smtp_host = "127.0.0.1"
smtp_port = {smtp_port}
from = "rlwcheck@example.test"
to = ["payroll@example.test", "lead@example.test"]
"""
    )
    return config


def test_the_job_end_to_end(
    runner: CliRunner,
    tmp_path: Path,
    site: ThreadingHTTPServer,
    inbox: tuple[Inbox, int],
) -> None:
    mail, smtp_port = inbox
    config = write_config(tmp_path, site.server_address[1], smtp_port)
    args = ["job", "run", "--config", str(config)]
    reports = tmp_path / "reports"

    first = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-11-24"})
    assert first.exit_code == 0, first.output
    assert (
        "+ Real Living Wage 2026 (UK): £14.10 (was £13.45), to be paid by 1 May 2027"
        in first.output
    )
    assert sorted(p.name for p in reports.iterdir()) == [
        "recheck-2027-05-01.html",
        "recheck-2027-05-01.json",
    ]
    summary = json.loads((reports / "recheck-2027-05-01.json").read_text())["summary"]
    # at the 2026 rates: E001 £13.50 < £14.10 (UK) and E003 £15.00 < £15.45 (London); E002 £14.20 passes
    assert summary["rows_read"] == 3
    assert summary["rlw"]["pass"] == 1
    assert summary["rlw"]["fail"] + summary["rlw"]["due"] == 2
    (message,) = mail.messages
    assert message["To"] == "payroll@example.test, lead@example.test"
    assert message["Subject"] == "rlwcheck: 1 new item on 24 November 2026"
    body = message.get_payload(decode=True).decode()
    assert (
        "Real Living Wage 2026: UK £14.10, London £15.45, due by 1 May 2027, pending confirmation"
        in body
    )
    assert "on 1 May 2027: 3 rows" in body

    second = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-11-24"})
    assert second.exit_code == 0, second.output
    assert "new items: 0; email: nothing new to send" in second.output
    assert len(mail.messages) == 1

    site.shutdown()
    site.server_close()
    shutil.rmtree(reports)
    down = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2027-03-15"})
    assert down.exit_code == 2, down.output
    assert "govuk: FAILED: cannot fetch" in down.output
    assert "lwf: FAILED: cannot fetch" in down.output
    assert (reports / "recheck-2027-05-01.json").exists()  # re-checked with the stored rates
    assert len(mail.messages) == 2
    later = mail.messages[1].get_payload(decode=True).decode()
    assert "Rises due soon:" in later and "due by 1 May 2027" in later
    assert "Problems:" in later and "cannot fetch" in later
