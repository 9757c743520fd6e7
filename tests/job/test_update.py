"""rlwcheck rates update / confirm: new rates stored with provenance; any failure stores nothing."""

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import respx
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.cli import cli
from rlwcheck.dates import long_date
from rlwcheck.sources import GOVUK_RATES_URL
from rlwcheck.updates import update_rates

from .conftest import FAQ, LWF_2026_PAGES, NEWS, mock_lwf_2026

LWF_ARGS = ["rates", "update", "--source", "lwf", "--url", NEWS, "--url", FAQ]
Counts = Callable[[], tuple[int, int]]

pytestmark = pytest.mark.usefixtures("no_retry_waits")


@respx.mock
def test_known_rates_store_nothing(
    runner: CliRunner, fixture_text: Callable[[str], str], count_rates: Counts
) -> None:
    respx.get(GOVUK_RATES_URL).mock(
        return_value=httpx.Response(200, text=fixture_text("govuk_rates_2025-26.json"))
    )
    result = runner.invoke(cli, ["rates", "update", "--source", "govuk"])
    assert result.exit_code == 0, result.output
    assert "42 rates already in the rate book" in result.output
    assert "No new rates." in result.output
    assert count_rates() == (0, 0)


@respx.mock
def test_a_new_statutory_period_is_stored_with_provenance(
    runner: CliRunner, govuk_payload: Callable[..., str], count_rates: Counts, isolated_store: Path
) -> None:
    respx.get(GOVUK_RATES_URL).mock(return_value=httpx.Response(200, text=govuk_payload()))
    result = runner.invoke(
        cli, ["rates", "update", "--source", "govuk"], env={"RLWCHECK_TODAY": "2026-11-24"}
    )
    assert result.exit_code == 0, result.output
    # £12.71 -> £13.20 is the fictional April 2027 NLW (TEST FIXTURE)
    assert (
        "+ National Living Wage, 21 and over from 1 April 2027: £13.20 (was £12.71), "
        "not yet in force\n" in result.output
    )
    assert "no accommodation offset" in result.output
    assert count_rates() == (4, 0)
    with sqlite3.connect(isolated_store) as conn:
        row = conn.execute(
            "SELECT origin, source_url, content_hash FROM statutory_rate WHERE band = 'nlw_21_plus'"
        ).fetchone()
    assert row[0] == "fetched" and row[1] == GOVUK_RATES_URL and row[2].startswith("sha256:")


@respx.mock
def test_each_rate_keeps_the_hash_of_its_own_page_when_both_sources_bring_rates(
    runner: CliRunner,
    govuk_payload: Callable[..., str],
    fixture_text: Callable[[str], str],
    isolated_store: Path,
    tmp_path: Path,
) -> None:
    govuk_body = govuk_payload()
    respx.get(GOVUK_RATES_URL).mock(return_value=httpx.Response(200, text=govuk_body))
    mock_lwf_2026()
    config = tmp_path / "rlwcheck.toml"
    config.write_text(f'[rates]\nlwf_urls = ["{NEWS}", "{FAQ}"]\n')
    args = ["rates", "update", "--config", str(config)]
    result = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-11-24"})
    assert result.exit_code == 0, result.output
    with sqlite3.connect(isolated_store) as conn:
        hashes = conn.execute(
            "SELECT source_url, content_hash FROM statutory_rate WHERE origin = 'fetched' "
            "UNION SELECT source_url, content_hash FROM living_wage_rate WHERE origin = 'fetched'"
        ).fetchall()
    bodies = {GOVUK_RATES_URL: govuk_body}
    bodies |= {url: fixture_text(name) for url, name in LWF_2026_PAGES.items()}
    assert hashes and all(
        digest == "sha256:" + hashlib.sha256(bodies[url].encode()).hexdigest()
        for url, digest in hashes
    )
    assert GOVUK_RATES_URL in {url for url, _ in hashes}
    assert {url for url, _ in hashes} & {NEWS, FAQ}  # the Real Living Wage rates too


@respx.mock
def test_dry_run_stores_nothing(
    runner: CliRunner, govuk_payload: Callable[..., str], count_rates: Counts
) -> None:
    respx.get(GOVUK_RATES_URL).mock(return_value=httpx.Response(200, text=govuk_payload()))
    result = runner.invoke(cli, ["rates", "update", "--source", "govuk", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "£13.20" in result.output and "Dry run: nothing stored." in result.output
    assert count_rates() == (0, 0)


@respx.mock
def test_new_living_wage_rates_wait_for_confirmation(
    runner: CliRunner, count_rates: Counts
) -> None:
    mock_lwf_2026()
    result = runner.invoke(cli, LWF_ARGS)
    assert result.exit_code == 0, result.output
    assert (
        "+ Real Living Wage 2026 (UK): £14.10 (was £13.45), to be paid by 1 May 2027"
        in result.output
    )
    assert "pending" in result.output
    assert count_rates() == (0, 2)

    again = runner.invoke(cli, LWF_ARGS)
    assert again.exit_code == 0 and "No new rates." in again.output
    assert count_rates() == (0, 2)

    confirmed = runner.invoke(cli, ["rates", "confirm", "--rates-of", "2026"])
    assert confirmed.exit_code == 0, confirmed.output
    assert "Confirmed Real Living Wage 2026 (london): £15.45, due 1 May 2027" in confirmed.output
    nothing = runner.invoke(cli, ["rates", "confirm"])
    assert nothing.exit_code == 2 and "no pending Real Living Wage rates" in nothing.output


@respx.mock
def test_config_can_store_living_wage_rates_confirmed(
    runner: CliRunner, isolated_store: Path, tmp_path: Path
) -> None:
    mock_lwf_2026()
    config = tmp_path / "rlwcheck.toml"
    config.write_text(f'[rates]\nconfirm_living_wage = true\nlwf_urls = ["{NEWS}", "{FAQ}"]\n')
    result = runner.invoke(cli, ["rates", "update", "--source", "lwf", "--config", str(config)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(isolated_store) as conn:
        statuses = {row[0] for row in conn.execute("SELECT status FROM living_wage_rate")}
    assert statuses == {"confirmed"}


def test_url_needs_a_source(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rates", "update", "--url", FAQ])
    assert result.exit_code == 2 and "--url needs --source" in result.output


# every failure leaves the store as it was ------------------------------------------------------


def govuk_failure(kind: str, govuk_payload: Callable[..., str]) -> None:
    route = respx.get(GOVUK_RATES_URL)
    if kind == "timeout":
        route.mock(side_effect=httpx.ConnectTimeout("no answer"))
    elif kind == "500":
        route.mock(return_value=httpx.Response(500))
    elif kind == "404":
        route.mock(return_value=httpx.Response(404))
    elif kind == "html":
        route.mock(
            return_value=httpx.Response(200, text="<!DOCTYPE html><html><body>Rates</body></html>")
        )
    elif kind == "layout":
        route.mock(return_value=httpx.Response(200, text=govuk_payload(cells=APRIL_2027_SHORT)))
    elif kind == "lower":
        route.mock(
            return_value=httpx.Response(
                200, text=govuk_payload(cells=("£12.50", "£11.30", "£8.40", "£8.40"))
            )
        )
    elif kind == "implausible":
        route.mock(
            return_value=httpx.Response(
                200, text=govuk_payload(cells=("£130.00", "£11.30", "£8.40", "£8.40"))
            )
        )
    elif kind == "big-rise":
        route.mock(
            return_value=httpx.Response(
                200, text=govuk_payload(cells=("£14.50", "£11.30", "£8.40", "£8.40"))
            )
        )


APRIL_2027_SHORT = ("£13.20", "£11.30", "£8.40")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            "timeout",
            f"{GOVUK_RATES_URL} did not answer in time (ConnectTimeout) after 3 attempts; try again later",
        ),
        ("500", f"{GOVUK_RATES_URL} answered HTTP 500 (a server error) after 3 attempts"),
        ("404", f"{GOVUK_RATES_URL} answered HTTP 404; the page may have moved"),
        ("html", "sent HTML where the GOV.UK Content API sends JSON"),
        ("layout", "a row has 4 cells for 4 bands; the page layout has changed"),
        ("lower", "statutory rate nlw_21_plus £12.50 is below the previous rate £12.71"),
        ("implausible", "statutory rate nlw_21_plus of £130.00 an hour is implausible"),
        # £12.71 -> £14.50: 1.79 / 12.71 = 14.08%
        ("big-rise", "statutory rate nlw_21_plus rises 14.1% (from £12.71 to £14.50)"),
    ],
)
@respx.mock
def test_failures_change_nothing_and_say_what_went_wrong(
    kind: str,
    message: str,
    runner: CliRunner,
    govuk_payload: Callable[..., str],
    count_rates: Counts,
    tmp_path: Path,
) -> None:
    """GOV.UK fails while the LWF pages are fine: the LWF rates are not stored either."""
    govuk_failure(kind, govuk_payload)
    mock_lwf_2026()
    config = tmp_path / "rlwcheck.toml"
    config.write_text(f'[rates]\nlwf_urls = ["{NEWS}", "{FAQ}"]\n')
    args = ["rates", "update", "--config", str(config)]
    result = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-11-24"})
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert count_rates() == (0, 0)


@respx.mock
def test_a_crash_half_way_through_storing_stores_nothing(
    govuk_payload: Callable[..., str],
    count_rates: Counts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """New statutory rows are inserted, then the RLW insert fails: the whole update rolls back."""
    respx.get(GOVUK_RATES_URL).mock(return_value=httpx.Response(200, text=govuk_payload()))
    mock_lwf_2026()

    def crash(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("rlwcheck.ratestore._insert_living_wage", crash)
    conn = store.connect()
    with httpx.Client() as client, pytest.raises(sqlite3.OperationalError):
        update_rates(conn, client, dt.date(2026, 11, 24), urls={"lwf": (NEWS, FAQ)})
    assert count_rates() == (0, 0)


def lwf_page(rates: str, due: str = "1st May 2027", published: str = "2026-10-21") -> str:
    """A one-page TEST FIXTURE with fictional figures, for the LWF sanity checks."""
    return (
        f'<html><head><meta property="article:published_time" content="{published}"></head><body>'
        f"<p>{rates}</p><p>All employees should be receiving the new 2026/27 rates by {due}.</p>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            lwf_page("The UK Living Wage for outside of London is currently £14.10 per hour."),
            "the 2026 Real Living Wage needs both the UK and the London rate; only uk found",
        ),
        (
            lwf_page("The current Living Wage rates are £14.10 per hour and £14.00 in London."),
            "the 2026 London rate £14.00 is not above the UK rate £14.10",
        ),
        (
            lwf_page(
                "The current Living Wage rates are £14.10 per hour and £15.45 in London.",
                published="2026-06-01",
            ),
            "announced on 1 June 2026: the Living Wage Foundation announces in September to November",
        ),
        (
            lwf_page(
                "The current Living Wage rates are £14.10 per hour and £15.45 in London.",
                due="1st May 2028",
            ),
            "due by 1 May 2028, 19 months after its announcement",
        ),
        (
            # £13.45 -> £15.10: 1.65 / 13.45 = 12.3%, above the 12% limit
            lwf_page("The current Living Wage rates are £15.10 per hour and £15.45 in London."),
            "Real Living Wage (UK) rises 12.3% (from £13.45 to £15.10)",
        ),
        (
            lwf_page("The current Living Wage rates are £13.00 per hour and £15.45 in London."),
            "Real Living Wage (UK) £13.00 is below the previous rate £13.45",
        ),
    ],
)
@respx.mock
def test_doubtful_living_wage_figures_are_held_back(
    page: str, message: str, runner: CliRunner, count_rates: Counts
) -> None:
    respx.get(FAQ).mock(return_value=httpx.Response(200, text=page))
    result = runner.invoke(cli, ["rates", "update", "--source", "lwf", "--url", FAQ])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert count_rates() == (0, 0)


@respx.mock
def test_a_new_period_with_a_missing_band_is_refused(
    runner: CliRunner, govuk_payload: Callable[..., str], count_rates: Counts
) -> None:
    respx.get(GOVUK_RATES_URL).mock(
        return_value=httpx.Response(
            200, text=govuk_payload(cells=("£13.20", "-", "£8.40", "£8.40"))
        )
    )
    result = runner.invoke(cli, ["rates", "update", "--source", "govuk"])
    assert result.exit_code == 2, result.output
    assert "the rates from 1 April 2027 have a gap or overlap at age 18" in result.output
    assert count_rates() == (0, 0)


@respx.mock
def test_a_rate_period_not_starting_1_april_is_refused(
    runner: CliRunner, govuk_payload: Callable[..., str], count_rates: Counts
) -> None:
    respx.get(GOVUK_RATES_URL).mock(
        return_value=httpx.Response(200, text=govuk_payload(label="October 2026"))
    )
    result = runner.invoke(cli, ["rates", "update", "--source", "govuk"])
    assert result.exit_code == 2, result.output
    assert (
        "takes effect on 1 October 2026; statutory rates have changed on 1 April" in result.output
    )
    assert count_rates() == (0, 0)


@pytest.mark.parametrize(
    ("today", "recorded"),
    [
        # in the rate year: the (pinned) day of the fetch, not the wall clock
        (dt.date(2026, 11, 2), dt.date(2026, 11, 2)),
        # after it: min(10 January 2027, 31 December 2026), so the 2026 rates are not refused
        (dt.date(2027, 1, 10), dt.date(2026, 12, 31)),
    ],
)
@respx.mock
def test_an_undated_announcement_counts_as_made_on_the_day_of_the_run_within_its_year(
    today: dt.date, recorded: dt.date, fixture_text: Callable[[str], str], isolated_store: Path
) -> None:
    """The FAQ page gives the 2026/27 rates and their deadline but no announcement day."""
    respx.get(FAQ).mock(return_value=httpx.Response(200, text=fixture_text(LWF_2026_PAGES[FAQ])))
    conn = store.connect(isolated_store)
    with httpx.Client() as client:
        result = update_rates(conn, client, today, sources=("lwf",), urls={"lwf": (FAQ,)})
    assert result.stored
    (update,) = result.updates
    assert any(f"{long_date(recorded)} is assumed" in note for note in update.notes)
    announced = {row[0] for row in conn.execute("SELECT announced_on FROM living_wage_rate")}
    assert announced == {recorded.isoformat()}
