"""Shared fixtures: a fresh store per test, a CLI runner, and no access to the user's files."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own database file; nothing touches the user's data folder."""
    db = tmp_path / "rlwcheck.db"
    monkeypatch.setenv("RLWCHECK_DB", str(db))
    monkeypatch.delenv("RLWCHECK_TODAY", raising=False)
    yield db


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
