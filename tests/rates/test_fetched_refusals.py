"""`rlwcheck rates update` and `rates confirm` against a real local web server: doubtful pages
are refused, each refusal says how to go on, and confirming never reports a figure not in use."""

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

Serve = Callable[[str], str]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Serve one HTML page at a local address; returns its URL."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def add(html: str) -> str:
        path = f"/page{len(pages)}.html"
        pages[path] = html.encode("utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield add
    server.shutdown()
    server.server_close()


def lwf_page(
    uk: str, london: str, due: str, published: str | None = "2026-10-21", year: str = "2026/27"
) -> str:
    """A TEST FIXTURE page in the FAQ's words, with fictional figures."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head>{meta}</head><body>"
        f"<p>The current Living Wage rates are {uk} per hour and {london} in London.</p>"
        f"<p>All employees should be receiving the new {year} rates by {due}.</p></body></html>"
    )


def update(
    runner: CliRunner, url: str, source: str = "lwf", today: str = "2026-11-24"
) -> tuple[int, str]:
    result = runner.invoke(
        cli, ["rates", "update", "--source", source, "--url", url], env={"RLWCHECK_TODAY": today}
    )
    return result.exit_code, result.output


def stored_living_wage_rows(runner: CliRunner) -> int:
    listed = runner.invoke(cli, ["rates", "list", "--scheme", "rlw_uk", "--format", "csv"])
    return listed.output.count("\n") - 1


def test_a_refusal_points_to_rates_add_force_not_an_option_update_lacks(
    runner: CliRunner, serve: Serve
) -> None:
    # UK £13.00 is below the 2025 rate £13.45
    code, output = update(runner, serve(lwf_page("£13.00", "£15.45", "1st May 2027")))
    assert code == 2
    assert "Real Living Wage (UK) £13.00 is below the previous rate £13.45" in output
    assert "enter it with `rlwcheck rates add ... --force`" in output
    assert "use --force" not in output and "add --force\n" not in output


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (
            "1st May 2029",
            "Real Living Wage (UK) 2026 is due by 1 May 2029; the 2026 rates are due in the "
            "spring of 2027 (rlwcheck accepts 1 February 2027 to 31 July 2027",
        ),
        ("1st December 2026", "Real Living Wage (London) 2026 is due by 1 December 2026"),
    ],
)
def test_an_odd_deadline_is_refused_even_when_the_page_gives_no_announcement_day(
    runner: CliRunner, serve: Serve, due: str, message: str
) -> None:
    # the FAQ page gives no announcement day, yet "2026/27 rates" fixes the deadline's spring
    page = lwf_page("£14.10", "£15.45", due, published=None)
    code, output = update(runner, serve(page))
    assert code == 2
    assert message in output
    assert stored_living_wage_rows(runner) == 15  # the bundled 2011-2025 UK rates, no more


def test_last_years_figures_under_this_years_heading_are_refused(
    runner: CliRunner, serve: Serve
) -> None:
    # the year text says 2026/27 but the figures are still the 2025 ones (£13.45, £14.80)
    page = lwf_page("£13.45", "£14.80", "1st May 2027", published=None)
    code, output = update(runner, serve(page))
    assert code == 2
    assert "Real Living Wage (UK) 2026 is £13.45, no rise on the rate before it" in output
    assert "the page may not have been updated" in output
    assert stored_living_wage_rows(runner) == 15


def test_a_deadline_in_the_spring_after_is_accepted_without_an_announcement_day(
    runner: CliRunner, serve: Serve
) -> None:
    # 15 May is the latest published deadline so far (2022 rates): inside the window
    code, output = update(runner, serve(lwf_page("£14.10", "£15.45", "15th May 2027", None)))
    assert code == 0, output
    assert "to be paid by 15 May 2027" in output


def test_confirm_does_not_report_a_pending_rate_a_hand_entered_one_overrides(
    runner: CliRunner, serve: Serve
) -> None:
    assert update(runner, serve(lwf_page("£14.10", "£15.45", "1st May 2027")))[0] == 0
    hand = ["rates", "add", "--scheme", "rlw_uk", "--rate", "14.20", "--announced", "21/10/2026"]
    hand += ["--implement-by", "01/05/2027", "--source", "https://example.test/lwf", "--force"]
    added = runner.invoke(cli, hand)
    assert (
        "It replaces £14.10 (fetched, pending confirmation, source http://127.0.0.1" in added.output
    )
    confirmed = runner.invoke(cli, ["rates", "confirm"])
    assert confirmed.exit_code == 0
    assert "Confirmed Real Living Wage 2026 (london): £15.45" in confirmed.output
    assert "Confirmed Real Living Wage 2026 (uk)" not in confirmed.output
    assert (
        "Not confirmed: the pending 2026 (uk) rate £14.10 is superseded by £14.20 (manual, "
        "source https://example.test/lwf)"
    ) in confirmed.output
    again = runner.invoke(cli, ["rates", "confirm", "--rates-of", "2026"])
    assert again.exit_code == 2
    assert (
        "no pending Real Living Wage rates for 2026 to confirm (the pending 2026 uk rate £14.10 "
        "is superseded by £14.20 (manual, source https://example.test/lwf))"
    ) in again.stderr


def test_a_pending_year_is_the_one_the_next_year_is_compared_with(
    runner: CliRunner, serve: Serve
) -> None:
    # 2026 fetched and left pending; a year on, the page has the 2027/28 heading but 2026's figures
    assert update(runner, serve(lwf_page("£14.10", "£15.45", "1st May 2027")))[0] == 0
    unchanged = lwf_page("£14.10", "£15.45", "1st May 2028", None, "2027/28")
    code, output = update(runner, serve(unchanged), today="2027-11-10")
    assert code == 2
    assert (
        "Real Living Wage (UK) 2027 is £14.10, no rise on the rate before it, £14.10 (fetched, "
        "pending confirmation, source http://127.0.0.1"
    ) in output
    # £14.10 -> £14.50 is a 2.8% rise, on the pending 2026 rate, not on 2025's £13.45
    risen = lwf_page("£14.50", "£15.90", "1st May 2028", None, "2027/28")
    code, output = update(runner, serve(risen), today="2027-11-10")
    assert code == 0, output
    assert "Real Living Wage 2027 (UK): £14.50 (was £14.10, pending), to be paid by" in output


GOVUK_FIXTURE = Path(__file__).parents[1] / "job" / "fixtures" / "govuk_rates_2025-26.json"


def govuk_with_april_2027(cells: tuple[str, ...]) -> str:
    """The GOV.UK payload (TEST FIXTURE) with a fictional April 2027 row: 21+, 18-20, under 18,
    apprentice; an empty cell is a band the page does not give."""
    document = json.loads(GOVUK_FIXTURE.read_text(encoding="utf-8"))
    row = '<tr><th scope="row">April 2027</th>' + "".join(f"<td>{c}</td>" for c in cells)
    document["details"]["body"] = document["details"]["body"].replace(
        "</tbody>", row + "</tr></tbody>", 1
    )
    return json.dumps(document)


def add_offset_2027(runner: CliRunner) -> None:
    args = ["rates", "add", "--scheme", "accommodation_offset", "--rate", "11.50"]
    args += ["--from", "01/04/2027", "--source", "https://example.test/offset"]
    assert runner.invoke(cli, args).exit_code == 0


def test_a_hand_entered_offset_does_not_let_a_fetched_period_with_a_gap_through(
    runner: CliRunner, serve: Serve
) -> None:
    add_offset_2027(runner)
    no_18_to_20 = serve(govuk_with_april_2027(("£13.20", "", "£8.40", "£8.40")))
    code, output = update(runner, no_18_to_20, source="govuk")
    assert code == 2
    assert "the rates from 1 April 2027 have a gap or overlap at age 18" in output
    shown = runner.invoke(cli, ["rates", "show", "--on", "01/04/2027", "--age", "30"]).output
    assert "no rate for age 30 is recorded in the period from 1 April 2027" in shown


def test_the_offset_note_appears_only_when_the_new_period_lacks_an_offset(
    runner: CliRunner, serve: Serve
) -> None:
    whole = govuk_with_april_2027(("£13.20", "£11.30", "£8.40", "£8.40"))
    code, output = update(runner, serve(whole), source="govuk", today="2026-11-24")
    assert code == 0, output
    assert (
        "GOV.UK's rates page has no accommodation offset: add the daily offset from "
        "1 April 2027 with `rlwcheck rates add --scheme accommodation_offset ...`"
    ) in output


def test_no_offset_note_once_the_offset_is_in_the_book(runner: CliRunner, serve: Serve) -> None:
    add_offset_2027(runner)
    whole = govuk_with_april_2027(("£13.20", "£11.30", "£8.40", "£8.40"))
    code, output = update(runner, serve(whole), source="govuk")
    assert code == 0, output
    assert "Stored 4 new rates." in output
    assert "accommodation offset" not in output
