"""Fixtures for the accreditation tracker: a real store file and a small network with known dates."""

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from rlwcheck import network, store


@pytest.fixture
def conn(isolated_store: Path) -> Iterator[sqlite3.Connection]:
    connection = store.connect(isolated_store)
    yield connection
    connection.close()


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def trust(conn: sqlite3.Connection) -> network.Partner:
    """An NHS trust added on 5 January 2026, not engaged."""
    return network.add_partner(
        conn,
        "Brackenford Teaching Hospitals",
        "NHS trust",
        on=d("2026-01-05"),
        lead_contact="Samir Okafor",
    )
