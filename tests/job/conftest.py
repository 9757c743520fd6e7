"""Fixture pages for the rate sources, and the store row counts that prove nothing changed."""

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import respx

FIXTURES = Path(__file__).parent / "fixtures"
# Where the tests serve the fictional 2026 Living Wage Foundation pages (TEST FIXTURE).
NEWS = "https://lwf.example.test/news"
FAQ = "https://lwf.example.test/faqs"
LWF_2026_PAGES = {NEWS: "TEST_FIXTURE_lwf_news_2026.html", FAQ: "TEST_FIXTURE_lwf_faqs_2026.html"}
# TEST FIXTURE figures: a fictional April 2027 row, rises of 3.9%, 4.1%, 5.0% and 5.0%.
APRIL_2027 = ("£13.20", "£11.30", "£8.40", "£8.40")


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def govuk_body_changed(old: str, new: str) -> str:
    """The GOV.UK payload with one edit to the HTML inside details.body."""
    document = json.loads(read_fixture("govuk_rates_2025-26.json"))
    body: str = document["details"]["body"]
    assert old in body
    document["details"]["body"] = body.replace(old, new, 1)
    return json.dumps(document)


def govuk_with_row(label: str = "April 2027", cells: tuple[str, ...] = APRIL_2027) -> str:
    """The GOV.UK payload with one more row in the 'Current rates' table (fictional figures)."""
    row = f'<tr><th scope="row">{label}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    return govuk_body_changed("</tbody>", row + "</tbody>")


def mock_lwf_2026() -> None:
    """Serve the fictional 2026 news and FAQ pages at NEWS and FAQ (inside respx.mock)."""
    for url, name in LWF_2026_PAGES.items():
        respx.get(url).mock(return_value=httpx.Response(200, text=read_fixture(name)))


def rate_rows(db: Path) -> tuple[int, int]:
    """(statutory, living wage) rows in the store."""
    with sqlite3.connect(db) as conn:
        statutory = conn.execute("SELECT count(*) FROM statutory_rate").fetchone()[0]
        living = conn.execute("SELECT count(*) FROM living_wage_rate").fetchone()[0]
    return statutory, living


@pytest.fixture
def no_retry_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rlwcheck.sources.RETRY_DELAYS", (0.0, 0.0))


@pytest.fixture
def govuk_payload() -> Callable[..., str]:
    return govuk_with_row


@pytest.fixture
def fixture_text() -> Callable[[str], str]:
    return read_fixture


@pytest.fixture
def count_rates(isolated_store: Path) -> Callable[[], tuple[int, int]]:
    """Row counts of the test's own store; the store is created (migrated) first."""
    from rlwcheck import store

    store.connect(isolated_store).close()
    return lambda: rate_rows(isolated_store)
