"""What the job must tell people: pending rates in its reports, a re-check it could not do,
and an accommodation offset still to be added by hand."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.cli import cli
from rlwcheck.job import JobRun, mark_pending, run_job
from rlwcheck.jobconfig import load_config
from rlwcheck.rates import RateBook
from rlwcheck.ratestore import NewLivingWageRate, NewStatutoryRate, record_new_rates

from .conftest import NEWS, read_fixture
from .test_job import Outbox

MAIL = (
    '[email]\nsmtp_host = "127.0.0.1"\nfrom = "rlwcheck@example.test"\nto = ["pay@example.test"]\n'
)
GOVUK = "https://www.gov.uk/national-minimum-wage-rates"
PENDING_2026 = (
    "the Real Living Wage 2026 rates (UK £14.10, London £15.45) are pending confirmation and "
    "were used as if confirmed: check them against the source, then run `rlwcheck rates confirm`"
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


def store_pending_2026() -> None:
    record_new_rates(
        store.connect(),
        [
            NewLivingWageRate(
                zone, 2026, Decimal(rate), dt.date(2026, 10, 21), dt.date(2027, 5, 1), NEWS
            )
            for zone, rate in (("uk", "14.10"), ("london", "15.45"))
        ],
        origin="fetched",
        status="pending",
    )


# F4: pending rates are marked in the re-check reports ------------------------------------------


def test_recheck_reports_name_the_pending_rates_they_used(tmp_path: Path) -> None:
    store_pending_2026()
    path = offline_config(
        tmp_path, '[check]\nfiles = ["payroll.csv"]\nformats = ["html", "json"]\n'
    )
    outbox = Outbox()
    run = run_offline(path, dt.date(2027, 3, 15), outbox)  # 47 days before 1 May 2027
    assert run.failures == []
    ((_, body),) = outbox.sent
    assert "pending Real Living Wage rates were used as if confirmed" in body
    # 1 May 2027 is after the newest statutory period can last: the line says the statutory
    # checks could not be done, and why, rather than a bare "statutory fail 0"
    may = next(line for line in run.report_lines if line.startswith("on 1 May 2027"))
    assert re.search(r"statutory fail 0, not checked [1-9]", may), may
    assert "the statutory rates from 1 April 2027 are not in the rate book yet" in may
    # E001 £13.50 (UK) and E003 £15.00 (London) are below £14.10 and £15.45: both zones used
    report = json.loads((tmp_path / "reports" / "recheck-2027-05-01.json").read_text())
    assert report["summary"]["rlw"]["fail"] == 2
    assert PENDING_2026 in report["summary"]["warnings"]
    html = (tmp_path / "reports" / "recheck-2027-05-01.html").read_text()
    assert f"Warning: {PENDING_2026}" in html
    assert '<td class="amount">14.10</td><td>pending</td>' in html


def test_confirmed_rates_carry_no_pending_warning(tmp_path: Path, runner: CliRunner) -> None:
    store_pending_2026()
    assert runner.invoke(cli, ["rates", "confirm"]).exit_code == 0
    path = offline_config(tmp_path, '[check]\nfiles = ["payroll.csv"]\nformats = ["json"]\n')
    outbox = Outbox()
    run_offline(path, dt.date(2027, 3, 15), outbox)
    report = json.loads((tmp_path / "reports" / "recheck-2027-05-01.json").read_text())
    assert not any("pending" in warning for warning in report["summary"]["warnings"])
    ((_, body),) = outbox.sent
    assert "Payroll re-checked" in body and "pending" not in body


def test_each_living_wage_rate_used_gets_its_status() -> None:
    store_pending_2026()
    pending = RateBook.load(store.connect()).pending_living_wage_rates
    used = [
        {"scheme": "nmw", "band": "nlw_21_plus", "rate": "12.71"},
        {"scheme": "rlw_uk", "rates_of": 2025, "rate": "13.45"},
        {"scheme": "rlw_uk", "rates_of": 2026, "rate": "14.10"},
        {"scheme": "rlw_london", "rates_of": 2026, "rate": "15.45"},
    ]
    assert mark_pending(used, pending) == [PENDING_2026]
    assert [entry.get("status") for entry in used] == [None, "confirmed", "pending", "pending"]


# F6: a re-check that is due but has no files ----------------------------------------------------


@pytest.mark.parametrize(
    "check", ["", "[check]\nfiles = []\n"], ids=["files missing", "files empty"]
)
def test_a_due_recheck_without_payroll_files_is_said_once(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, check: str
) -> None:
    # 1 March 2026 is 31 days before the 1 April 2026 statutory rise: a re-check is due. With no
    # payroll files configured (a network lead's set-up) the job says so, once, and succeeds.
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-03-01")
    path = offline_config(tmp_path, check, mail="")
    said = (
        "a re-check is due (rise on 1 April 2026) but [check] files names no payroll files: "
        f"list them in {path} to have them re-checked"
    )
    first = runner.invoke(cli, ["job", "run", "--config", str(path)])  # sources = []: no fetch
    assert first.exit_code == 0 and said in first.output
    assert "rates: not fetched ([rates] sources is empty)" in first.output
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-03-02")
    second = runner.invoke(cli, ["job", "run", "--config", str(path)])
    assert second.exit_code == 0 and said not in second.output


def test_each_rise_without_payroll_files_is_said_once_however_the_windows_overlap(
    tmp_path: Path,
) -> None:
    # A statutory rise on 1 April 2027 (42-day window from 18 February) and a Real Living Wage
    # due on 1 May 2027 (60-day window from 2 March): on 2 March both are due, and only the
    # May one is news; on 1 April nothing is.
    store_pending_2026()
    record_new_rates(
        store.connect(),
        [NewStatutoryRate("nlw_21_plus", 21, None, Decimal("13.20"), dt.date(2027, 4, 1), GOVUK)],
        origin="fetched",
    )
    path = offline_config(tmp_path, "")

    def said(on: dt.date) -> list[str]:
        run = run_offline(path, on)
        return [n.text for n in run.new_notices if n.text.startswith("a re-check is due")]

    assert [text[:40] for text in said(dt.date(2027, 2, 18))] == [
        "a re-check is due (rise on 1 April 2027)",
        "a re-check is due (new rates stored) but",
    ]
    assert [text[:38] for text in said(dt.date(2027, 3, 2))] == [
        "a re-check is due (rise on 1 May 2027)"
    ]
    assert said(dt.date(2027, 4, 1)) == []


def test_no_files_is_fine_when_no_recheck_is_due(tmp_path: Path) -> None:
    # 24 November 2026: no rise within its window and no new rate
    run = run_offline(offline_config(tmp_path, ""), dt.date(2026, 11, 24))
    assert run.exit_code == 0 and run.reports == []


# F2: the email passes on the accommodation offset reminder --------------------------------------


def store_2027_nlw_only() -> None:
    record_new_rates(
        store.connect(),
        [NewStatutoryRate("nlw_21_plus", 21, None, Decimal("13.20"), dt.date(2027, 4, 1), GOVUK)],
        origin="fetched",
    )


def test_the_email_says_a_new_period_lacks_the_accommodation_offset(tmp_path: Path) -> None:
    store_2027_nlw_only()
    outbox = Outbox()
    run_offline(offline_config(tmp_path), dt.date(2026, 11, 24), outbox)
    ((_, body),) = outbox.sent
    assert (
        "statutory rates from 1 April 2027: National Living Wage, 21 and over £13.20 "
        f"({GOVUK}); no accommodation offset is recorded from 1 April 2027: add the new daily "
        "offset with `rlwcheck rates add --scheme accommodation_offset --rate ... "
        "--from 01/04/2027 --source ...`"
    ) in body


def test_once_the_offset_is_added_the_news_has_no_reminder(tmp_path: Path) -> None:
    store_2027_nlw_only()
    path, outbox = offline_config(tmp_path), Outbox()
    run_offline(path, dt.date(2026, 11, 24), outbox)
    record_new_rates(
        store.connect(),
        [
            NewStatutoryRate(
                "accommodation_offset_daily",
                None,
                None,
                Decimal("11.50"),
                dt.date(2027, 4, 1),
                GOVUK,
            )
        ],
    )
    run_offline(path, dt.date(2026, 11, 25), outbox)
    body = outbox.sent[-1][1]
    assert "Accommodation offset (per day) £11.50" in body
    assert "no accommodation offset is recorded" not in body
