"""What the job must tell people: a re-check it could not do."""

import datetime as dt
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.cli import cli
from rlwcheck.job import JobRun, run_job
from rlwcheck.jobconfig import load_config

from .conftest import read_fixture
from .test_job import Outbox

MAIL = (
    '[email]\nsmtp_host = "127.0.0.1"\nfrom = "rlwcheck@example.test"\nto = ["pay@example.test"]\n'
)


def offline_config(
    tmp_path: Path, check: str = '[check]\nfiles = ["payroll.csv"]\n', mail: str = MAIL
) -> Path:
    """No fetching; mail only where a test passes ``send`` (the CLI would try a real server)."""
    (tmp_path / "payroll.csv").write_text(read_fixture("payroll_small.csv"), encoding="utf-8")
    path = tmp_path / "rlwcheck.toml"
    path.write_text("[rates]\nsources = []\n" + check + mail)
    return path


def run_offline(path: Path, today: dt.date, outbox: Outbox | None = None) -> JobRun:
    with httpx.Client() as client:
        return run_job(store.connect(), load_config(path), today, client, send=outbox or Outbox())


# F6: a re-check that is due but has no files ----------------------------------------------------


@pytest.mark.parametrize(
    "check", ["", "[check]\nfiles = []\n"], ids=["files missing", "files empty"]
)
def test_a_due_recheck_without_payroll_files_is_a_failure(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, check: str
) -> None:
    # 1 March 2026 is 31 days before the 1 April 2026 statutory rise: a re-check is due
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-03-01")
    path = offline_config(tmp_path, check, mail="")
    result = runner.invoke(cli, ["job", "run", "--config", str(path), "--offline"])
    assert result.exit_code == 2
    assert result.stderr == (
        "  problem: a re-check is due (rise on 1 April 2026) but [check] files names no payroll "
        f"files: list them in {path}\n"
    )


def test_no_files_is_fine_when_no_recheck_is_due(tmp_path: Path) -> None:
    # 24 November 2026: no rise within its window and no new rate
    run = run_offline(offline_config(tmp_path, ""), dt.date(2026, 11, 24))
    assert run.exit_code == 0 and run.reports == []
