"""The checker tests share ``checkrows`` (contract-shaped frames); make it importable by name."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is 24 November 2026 for the command line (RLWCHECK_TODAY)."""
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-11-24")
