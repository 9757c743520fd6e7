"""The job's date windows (controlled time), its notices, its record and its config file."""

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.cli import cli
from rlwcheck.errors import UsageError
from rlwcheck.job import coming_rises, rises_within, run_job
from rlwcheck.jobconfig import JobConfig, RateSettings, RecheckSettings, load_config
from rlwcheck.rates import RateBook
from rlwcheck.ratestore import NewLivingWageRate, record_new_rates
from rlwcheck.sources import GOVUK_RATES_URL, TIMEOUT_SECONDS
from rlwcheck.updates import DEFAULT_URLS

from .conftest import FAQ, NEWS, mock_lwf_2026, read_fixture

WINDOWS = RecheckSettings(days_before_statutory_rise=42, days_before_living_wage_due=60)


def due(today: dt.date, book: RateBook | None = None) -> list[tuple[str, dt.date]]:
    book = book or RateBook.load()
    return [(r.kind, r.due_on) for r in rises_within(coming_rises(book, today), today, WINDOWS)]


# the windows before a rise -----------------------------------------------------------------


def test_statutory_window_opens_42_days_before_1_april() -> None:
    # 18 Feb -> 1 Apr 2026: 10 days left in February + 31 in March + 1 = 42
    assert due(dt.date(2026, 2, 18)) == [("statutory", dt.date(2026, 4, 1))]
    assert due(dt.date(2026, 2, 17)) == []  # 43 days before


def test_living_wage_window_uses_each_years_published_deadline() -> None:
    # the 2025 rates are due by 1 May 2026: 2 Mar -> 1 May = 29 + 30 + 1 = 60 days
    assert ("living_wage", dt.date(2026, 5, 1)) in due(dt.date(2026, 3, 2))
    assert ("living_wage", dt.date(2026, 5, 1)) not in due(dt.date(2026, 3, 1))
    # the 2022 rates were due by 14 May 2023, not 1 May: 15 Mar -> 14 May = 16 + 30 + 14 = 60
    assert ("living_wage", dt.date(2023, 5, 14)) in due(dt.date(2023, 3, 15))
    assert due(dt.date(2023, 3, 14)) == [("statutory", dt.date(2023, 4, 1))]


def test_a_rate_not_yet_announced_is_no_rise() -> None:
    # the 2025 rates were announced on 22 October 2025; the day before, no RLW rise is coming
    def living_wage_rises(on: dt.date) -> list[dt.date]:
        return [r.due_on for r in coming_rises(RateBook.load(), on) if r.kind == "living_wage"]

    assert living_wage_rises(dt.date(2025, 10, 21)) == []
    assert living_wage_rises(dt.date(2025, 10, 22)) == [dt.date(2026, 5, 1)]


def test_pending_rates_count_as_coming_and_say_so() -> None:
    conn = store.connect()
    record_new_rates(
        conn,
        [
            NewLivingWageRate(
                "uk", 2026, _d("14.10"), dt.date(2026, 10, 21), dt.date(2027, 5, 1), NEWS
            ),
            NewLivingWageRate(
                "london", 2026, _d("15.45"), dt.date(2026, 10, 21), dt.date(2027, 5, 1), NEWS
            ),
        ],
        origin="fetched",
        status="pending",
    )
    (rise,) = coming_rises(RateBook.load(conn), dt.date(2026, 11, 24))
    assert rise.due_on == dt.date(2027, 5, 1)
    assert "UK £14.10, London £15.45" in rise.text and "pending confirmation" in rise.text


def _d(text: str) -> Decimal:
    return Decimal(text)


# one pass, twice ------------------------------------------------------------------------


class Outbox:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def __call__(self, settings: object, subject: str, body: str) -> None:
        self.sent.append((subject, body))


def job_config(tmp_path: Path, email: bool = True) -> JobConfig:
    """LWF from the test pages; a new rate re-checks the small payroll into tmp_path/reports."""
    path = tmp_path / "rlwcheck.toml"
    (tmp_path / "payroll.csv").write_text(read_fixture("payroll_small.csv"), encoding="utf-8")
    mail = '[email]\nsmtp_host = "127.0.0.1"\nfrom = "rlwcheck@example.test"\nto = ["pay@example.test"]\n'
    path.write_text(
        f'[rates]\nlwf_urls = ["{NEWS}", "{FAQ}"]\n[check]\nfiles = ["payroll.csv"]\n'
        + (mail if email else "")
    )
    return load_config(path)


def mock_sources(fixture_text: Callable[[str], str], govuk_up: bool = True) -> None:
    if govuk_up:
        respx.get(GOVUK_RATES_URL).mock(
            return_value=httpx.Response(200, text=fixture_text("govuk_rates_2025-26.json"))
        )
    else:
        respx.get(GOVUK_RATES_URL).mock(return_value=httpx.Response(503))
    mock_lwf_2026()


@respx.mock
def test_a_new_rate_is_mailed_once(tmp_path: Path, fixture_text: Callable[[str], str]) -> None:
    mock_sources(fixture_text)
    conn, outbox, config = store.connect(), Outbox(), job_config(tmp_path)
    today = dt.date(2026, 11, 24)
    with httpx.Client() as client:
        first = run_job(conn, config, today, client, send=outbox, retry_delays=(0, 0))
        second = run_job(conn, config, today, client, send=outbox, retry_delays=(0, 0))
    assert first.exit_code == 0 and second.exit_code == 0
    assert len(outbox.sent) == 1
    subject, body = outbox.sent[0]
    assert subject == "rlwcheck: 1 new item on 24 November 2026"
    assert (
        "Real Living Wage 2026: UK £14.10, London £15.45, due by 1 May 2027, pending confirmation"
        in body
    )
    assert "Rises due soon" not in body  # 1 May 2027 is 158 days away, outside the 60-day window
    assert second.new_notices == [] and second.email_status == "nothing new to send"
    runs = conn.execute(
        "SELECT run_on, new_rates, email_status FROM job_run ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in runs] == [
        ("2026-11-24", 2, "sent to pay@example.test"),
        ("2026-11-24", 0, "nothing new to send"),
    ]
    fetches = conn.execute(
        "SELECT source, ok, new_rates FROM job_fetch WHERE run_id = 1 ORDER BY id"
    ).fetchall()
    assert [tuple(f) for f in fetches] == [("govuk", 1, 0), ("lwf", 1, 2)]


@respx.mock
def test_a_fetch_failure_is_reported_and_the_rest_still_runs(
    tmp_path: Path, fixture_text: Callable[[str], str]
) -> None:
    mock_sources(fixture_text, govuk_up=False)
    conn, outbox, config = store.connect(), Outbox(), job_config(tmp_path)
    with httpx.Client() as client:
        run = run_job(conn, config, dt.date(2026, 11, 24), client, send=outbox, retry_delays=(0, 0))
        again = run_job(
            conn, config, dt.date(2026, 11, 24), client, send=outbox, retry_delays=(0, 0)
        )
    assert run.exit_code == 2
    assert run.failures == [
        f"govuk fetch failed: {GOVUK_RATES_URL} answered HTTP 503 (a server error) after 3 attempts; try again later"
    ]
    assert (
        conn.execute("SELECT count(*) FROM living_wage_rate").fetchone()[0] == 2
    )  # LWF still stored
    ((_, body),) = outbox.sent
    assert "Problems:" in body and "HTTP 503" in body
    assert (
        again.exit_code == 2 and again.new_notices == []
    )  # the same failure is not mailed twice a day
    (failed_urls,) = conn.execute(
        "SELECT urls FROM job_fetch WHERE run_id = 1 AND source = 'govuk'"
    ).fetchone()
    assert failed_urls == GOVUK_RATES_URL  # the default address: the config overrides only LWF's


@respx.mock
def test_a_failed_email_is_retried_next_run(
    tmp_path: Path, fixture_text: Callable[[str], str]
) -> None:
    mock_sources(fixture_text)
    conn, config = store.connect(), job_config(tmp_path)

    def broken(settings: object, subject: str, body: str) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    outbox = Outbox()
    with httpx.Client() as client:
        failed = run_job(
            conn, config, dt.date(2026, 11, 24), client, send=broken, retry_delays=(0, 0)
        )
        run_job(conn, config, dt.date(2026, 11, 24), client, send=outbox, retry_delays=(0, 0))
    assert failed.exit_code == 2 and failed.email_status.startswith("email failed:")
    assert len(outbox.sent) == 1 and "Real Living Wage 2026" in outbox.sent[0][1]


# config ----------------------------------------------------------------------------------


def test_config_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "rlwcheck.toml"
    path.parent.mkdir()
    path.write_text(
        '[check]\nfiles = ["payroll/a.csv"]\nreports = "out"\ndays_before_statutory_rise = 30\n'
    )
    config = load_config(path)
    assert config.check.files == (tmp_path / "conf" / "payroll" / "a.csv",)
    assert config.check.reports == tmp_path / "conf" / "out"
    assert config.check.days_before_statutory_rise == 30
    assert config.email is None
    assert config.rates.sources == ("govuk", "lwf")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[email]\nsmtp_host = "h"\nfrom = "a@b"\nto = ["c@d"]\npassword = "x"\n',
            "must not hold password",
        ),
        ('[email]\nsmtp_host = "h"\nto = ["c@d"]\n', r"\[email\] needs from"),
        ('[rates]\nsources = ["bbc"]\n', "'bbc' is not one of govuk, lwf"),
        ("[check]\ndays_before_statutory_rise = -1\n", "must be a whole number of 0 or more"),
        ("[check\n", "is not valid TOML"),
    ],
)
def test_bad_config_is_refused_with_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rlwcheck.toml"
    path.write_text(text)
    with pytest.raises(UsageError, match=message):
        load_config(path)


def test_job_run_with_a_missing_config_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["job", "run", "--config", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "config file" in result.output and "does not exist" in result.output


def test_default_sources_are_the_documented_pages() -> None:
    assert DEFAULT_URLS["govuk"] == ("https://www.gov.uk/api/content/national-minimum-wage-rates",)
    assert DEFAULT_URLS["lwf"] == ("https://www.livingwage.org.uk/faqs",)


# schedule --------------------------------------------------------------------------------


def test_schedule_prints_cron_systemd_and_windows(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "rlwcheck.toml"
    result = runner.invoke(cli, ["job", "schedule", "--config", str(config), "--at", "07:15"])
    assert result.exit_code == 0, result.output
    cron = next(line for line in result.output.splitlines() if line.startswith("15 7 * * * "))
    assert f"job run --config {config}" in cron
    assert "OnCalendar=*-*-* 07:15:00" in result.output
    assert "ExecStart=" in result.output and "Type=oneshot" in result.output
    assert 'schtasks /Create /TN "rlwcheck daily job" /SC DAILY /ST 07:15' in result.output
    assert "EnvironmentFile=-%h/.config/rlwcheck/smtp.env" in result.output


def test_schedule_refuses_a_bad_time(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["job", "schedule", "--config", str(tmp_path / "x.toml"), "--at", "7pm"]
    )
    assert result.exit_code == 2 and "is not HH:MM" in result.output


def test_job_tables_exist_after_migration() -> None:
    conn = store.connect()
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"job_run", "job_fetch", "job_notice"} <= tables
    # a notice key is unique: the store itself stops a notice being recorded (and mailed) twice
    unique = [
        [column["name"] for column in conn.execute(f"PRAGMA index_info('{index['name']}')")]
        for index in conn.execute("PRAGMA index_list('job_notice')")
        if index["unique"]
    ]
    assert ["notice_key"] in unique


# network actions -------------------------------------------------------------------------


def test_network_actions_due_are_mailed_once_and_again_when_overdue(tmp_path: Path) -> None:
    from rlwcheck.network import add_partner
    from rlwcheck.network_actions import add_action

    conn, outbox = store.connect(), Outbox()
    config = replace(job_config(tmp_path), rates=RateSettings(sources=()))
    partner = add_partner(conn, "Northgate Trust", "nhs", on=dt.date(2026, 9, 1))
    add_action(
        conn,
        partner.id,
        "Map cleaning contracts",
        "Sam",
        dt.date(2026, 12, 1),
        opened_on=dt.date(2026, 9, 1),
    )
    with httpx.Client() as client:
        early = run_job(conn, config, dt.date(2026, 11, 10), client, send=outbox)  # 21 days ahead
        soon = run_job(conn, config, dt.date(2026, 11, 24), client, send=outbox)  # 7 days ahead
        again = run_job(conn, config, dt.date(2026, 11, 25), client, send=outbox)
        late = run_job(conn, config, dt.date(2026, 12, 2), client, send=outbox)  # overdue
    assert early.network == "no network actions due" and early.new_notices == []
    assert soon.actions == [
        "Northgate Trust: Map cleaning contracts (owner Sam, due 1 December 2026)"
    ]
    assert (soon.network, late.network) == (
        "0 actions overdue, 1 due",
        "1 action overdue, 0 due",
    )
    assert again.new_notices == []
    assert [n.text for n in late.new_notices] == [
        "Northgate Trust: Map cleaning contracts (owner Sam, overdue 1 December 2026)"
    ]
    assert [subject for subject, _ in outbox.sent] == [
        "rlwcheck: 1 new item on 24 November 2026",
        "rlwcheck: 1 new item on 2 December 2026",
    ]


def test_an_unreadable_payroll_file_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "rlwcheck.toml"
    path.write_text('[rates]\nsources = []\n[check]\nfiles = ["payroll/missing.csv"]\n')
    conn, outbox = store.connect(), Outbox()
    with httpx.Client() as client:
        # 1 March 2026 is 31 days before the 1 April 2026 rise: inside the 42-day window
        run = run_job(conn, load_config(path), dt.date(2026, 3, 1), client, send=outbox)
    assert run.exit_code == 2
    # both coming rises are re-checked, and both fail: 1 April (statutory) and 1 May (RLW 2025)
    assert [f.split(":")[0] for f in run.failures] == [
        "re-check for 1 April 2026 failed",
        "re-check for 1 May 2026 failed",
    ]
    assert "missing.csv" in run.failures[0]
    assert run.network == "no network actions due"
    assert conn.execute("SELECT count(*) FROM job_run").fetchone()[0] == 1


def test_the_payroll_files_are_read_once_for_all_the_rise_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_text: Callable[[str], str]
) -> None:
    from rlwcheck import checks, payrecords

    reads: list[object] = []
    read = payrecords.read_pay_files

    def counted(*args: Any, **kwargs: Any) -> payrecords.PayRecords:
        reads.append(args)
        return read(*args, **kwargs)

    monkeypatch.setattr(payrecords, "read_pay_files", counted)
    monkeypatch.setattr(checks, "read_pay_files", counted)
    (tmp_path / "payroll.csv").write_text(fixture_text("payroll_small.csv"), encoding="utf-8")
    path = tmp_path / "rlwcheck.toml"
    path.write_text('[rates]\nsources = []\n[check]\nfiles = ["payroll.csv"]\n')
    with httpx.Client() as client:
        # 1 March 2026: two rises in their windows, 1 April (statutory) and 1 May (RLW 2025)
        run = run_job(
            store.connect(), load_config(path), dt.date(2026, 3, 1), client, send=Outbox()
        )
    assert run.failures == []
    assert [p.name for p in run.reports] == ["recheck-2026-04-01.html", "recheck-2026-05-01.html"]
    assert len(reads) == 1  # one read, two checks


def test_config_files_may_be_glob_patterns(tmp_path: Path) -> None:
    (tmp_path / "payroll").mkdir()
    for name in ("b.csv", "a.csv", "notes.txt"):
        (tmp_path / "payroll" / name).write_text("x")
    path = tmp_path / "rlwcheck.toml"
    path.write_text('[check]\nfiles = ["payroll/*.csv"]\nweeks_per_year = "52"\n')
    config = load_config(path)
    assert config.check.files == (tmp_path / "payroll" / "a.csv", tmp_path / "payroll" / "b.csv")
    assert config.check.weeks_per_year == Decimal("52")
    path.write_text('[check]\nfiles = ["payroll/*.xlsx"]\n')
    with pytest.raises(UsageError, match=r"'payroll/\*\.xlsx' matches no file"):
        load_config(path)
    path.write_text("[check]\nweeks_per_year = 52.143\n")
    with pytest.raises(UsageError, match="must be a number in quotes"):
        load_config(path)


@pytest.mark.parametrize(
    ("weeks", "refused"), [("0", True), ("53.5", True), ("52.1434", True), ("52", False)]
)
def test_config_weeks_per_year_is_checked_when_the_file_is_loaded(
    weeks: str, refused: bool, tmp_path: Path
) -> None:
    path = tmp_path / "rlwcheck.toml"
    path.write_text(f'[check]\nweeks_per_year = "{weeks}"\n')
    if refused:
        with pytest.raises(UsageError, match=f"weeks per year {weeks} must be between 1 and 53"):
            load_config(path)
    else:
        assert load_config(path).check.weeks_per_year == Decimal(weeks)


def test_config_fetch_timeout_is_at_least_a_second(tmp_path: Path) -> None:
    path = tmp_path / "rlwcheck.toml"
    path.write_text("[rates]\n")
    assert load_config(path).rates.timeout_seconds == TIMEOUT_SECONDS == 20
    path.write_text("[rates]\ntimeout_seconds = 1\n")
    assert load_config(path).rates.timeout_seconds == 1
    path.write_text("[rates]\ntimeout_seconds = 0\n")
    with pytest.raises(UsageError, match="timeout_seconds must be a whole number of 1 or more"):
        load_config(path)


def test_config_salary_basis_is_one_of_two_or_left_out(tmp_path: Path) -> None:
    path = tmp_path / "rlwcheck.toml"
    path.write_text("[check]\n")
    assert load_config(path).check.salary_basis is None
    path.write_text('[check]\nsalary_basis = "full-time"\n')
    assert load_config(path).check.salary_basis == "full-time"
    path.write_text('[check]\nsalary_basis = "fte"\n')
    with pytest.raises(UsageError, match='salary_basis must be "actual" or "full-time"'):
        load_config(path)


def test_the_sample_config_rechecks_the_sample_payroll(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "rlwcheck.toml"
    config = load_config(sample)
    assert config.check.files and all(path.exists() for path in config.check.files)
    assert config.email is None  # the sample mails nobody until [email] is filled in
    offline = replace(
        config,
        rates=RateSettings(sources=()),
        check=replace(config.check, reports=tmp_path / "reports"),
    )
    with httpx.Client() as client:
        # 1 March 2026: the 1 April statutory rise is 31 days away, inside the 42-day window
        run = run_job(store.connect(), offline, dt.date(2026, 3, 1), client, send=Outbox())
    assert run.failures == []
    assert {path.name for path in run.reports} == {
        "recheck-2026-04-01.html",
        "recheck-2026-04-01.xlsx",
        "recheck-2026-05-01.html",
        "recheck-2026-05-01.xlsx",
    }
