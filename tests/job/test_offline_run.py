"""`job run --offline --reports DIR`: the sample config runs without fetching, reports go elsewhere."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "samples" / "rlwcheck.toml"


def test_offline_run_rechecks_before_a_rise_without_fetching(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1 March 2026 is 31 days before the 1 April 2026 statutory rise: inside the 42-day window.
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-03-01")
    reports = tmp_path / "reports"
    sample_reports = SAMPLE_CONFIG.parent / "reports"  # the folder the config itself names
    before = reports_in(sample_reports)
    args = ["job", "run", "--config", str(SAMPLE_CONFIG), "--offline", "--reports", str(reports)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "rates: not fetched (--offline)" in result.stdout
    assert "FAILED" not in result.stdout
    assert (reports / "recheck-2026-04-01.html").is_file()
    assert reports_in(sample_reports) == before  # users may keep their own reports there


def reports_in(folder: Path) -> set[Path]:
    return set(folder.iterdir()) if folder.is_dir() else set()
