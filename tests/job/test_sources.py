"""Reading the rate sources: every era of the GOV.UK tables and every LWF sentence pattern."""

import datetime as dt
from decimal import Decimal

import httpx
import pytest
import respx

from rlwcheck.errors import FetchError
from rlwcheck.rates import RateBook
from rlwcheck.sources import (
    USER_AGENT,
    fetch_page,
    merge_announcements,
    new_client,
    parse_govuk_content,
    parse_lwf_page,
)
from rlwcheck.updates import band_name

from .conftest import govuk_body_changed, read_fixture

URL = "https://example.test/page"


# GOV.UK ------------------------------------------------------------------------------------------


def govuk_rates() -> dict[tuple[str, dt.date], Decimal]:
    parsed = parse_govuk_content(read_fixture("govuk_rates_2025-26.json"))
    return {(r.column, r.effective_from): r.rate for r in parsed}


def test_every_era_of_govuk_tables_is_read() -> None:
    rates = govuk_rates()
    # 2 current rows x 4 bands + 2024 x 4 + three 2021-23 rows x 5 + three 2018-20 rows x 5
    assert len(rates) == 8 + 4 + 15 + 15
    assert rates[("25 and over", dt.date(2018, 4, 1))] == Decimal("7.83")
    assert rates[("21 to 24", dt.date(2020, 4, 1))] == Decimal("8.20")
    assert rates[("23 and over", dt.date(2021, 4, 1))] == Decimal("8.91")
    assert rates[("21 to 22", dt.date(2023, 4, 1))] == Decimal("10.18")
    assert rates[("Apprentice", dt.date(2021, 4, 1))] == Decimal("4.30")


def test_whole_pounds_and_non_breaking_spaces() -> None:
    rates = govuk_rates()
    assert rates[("18 to 20", dt.date(2025, 4, 1))] == Decimal("10.00")  # "£10"
    assert rates[("Under 18", dt.date(2026, 4, 1))] == Decimal("8.00")  # "£8"
    assert rates[("18 to 20", dt.date(2024, 4, 1))] == Decimal("8.60")  # "£8.60\u00a0"


def test_future_row_under_current_rates_takes_its_date_from_the_row_label() -> None:
    current = [
        r
        for r in parse_govuk_content(read_fixture("govuk_rates_2025-26.json"))
        if r.section == "current-rates"
    ]
    assert {r.effective_from for r in current} == {dt.date(2025, 4, 1), dt.date(2026, 4, 1)}


def test_govuk_figures_agree_with_the_bundled_rate_book() -> None:
    """A parser slip would show as a disagreement with 42 independently compiled figures."""
    book = RateBook.load()
    for rate in parse_govuk_content(read_fixture("govuk_rates_2025-26.json")):
        stored = book.band_rate(rate.effective_from, band_name(book, rate))
        assert stored is not None and stored.rate == rate.rate, rate


@pytest.mark.parametrize(
    ("column", "starts", "band"),
    [
        ("21 and over", dt.date(2026, 4, 1), "nlw_21_plus"),
        ("21 and over", dt.date(2024, 4, 1), "nlw_21_plus"),
        ("23 and over", dt.date(2022, 4, 1), "nlw_23_plus"),
        ("21 to 22", dt.date(2022, 4, 1), "age_21_22"),
        ("25 and over", dt.date(2019, 4, 1), "nlw_25_plus"),
        ("21 to 24", dt.date(2019, 4, 1), "age_21_24"),
        ("18 to 20", dt.date(2025, 4, 1), "age_18_20"),
        ("Under 18", dt.date(2025, 4, 1), "age_16_17"),
        ("Apprentice", dt.date(2025, 4, 1), "apprentice"),
    ],
)
def test_band_labels_map_onto_the_rate_book_bands(column: str, starts: dt.date, band: str) -> None:
    book = RateBook.load()
    parsed = parse_govuk_content(read_fixture("govuk_rates_2025-26.json"))
    rate = next(r for r in parsed if (r.column, r.effective_from) == (column, starts))
    assert band_name(book, rate) == band


def test_html_where_json_was_expected() -> None:
    with pytest.raises(FetchError, match=r"sent HTML where the GOV\.UK Content API sends JSON"):
        parse_govuk_content("<!DOCTYPE html><html><body>National Minimum Wage</body></html>", URL)


def test_json_without_a_body() -> None:
    with pytest.raises(FetchError, match=r"no details\.body"):
        parse_govuk_content('{"details": {}}', URL)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '<th scope="col">18 to 20</th>',
            '<th scope="col">Young workers</th>',
            "unknown band label 'Young workers'",
        ),
        ("<td>£12.71</td>", "<td>£12.71</td><td>£1</td>", "a row has 6 cells for 4 bands"),
        (
            '<th scope="row">April 2026</th>',
            '<th scope="row">From spring</th>',
            "row label 'From spring'",
        ),
        ("<td>£12.71</td>", "<td>12.71 GBP</td>", "'12.71 GBP' is not an amount"),
        ('<h2 id="current-rates">', '<h2 id="rates-now">', "no rate table under 'Current rates'"),
    ],
)
def test_a_changed_table_layout_is_refused(old: str, new: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        parse_govuk_content(govuk_body_changed(old, new), URL)


# Living Wage Foundation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "uk", "london", "rates_of", "announced", "implement_by"),
    [
        ("lwf_faqs_2024-25.html", "12.60", "13.85", 2024, None, dt.date(2025, 5, 1)),
        ("lwf_faqs_2023-24.html", "12.00", "13.15", 2023, None, dt.date(2024, 5, 1)),
        ("lwf_calculation_2022-23.html", "10.90", "11.95", None, None, dt.date(2023, 5, 14)),
        ("lwf_news_2023.html", "12.00", "13.15", None, dt.date(2023, 10, 24), None),
    ],
)
def test_lwf_sentences(
    name: str,
    uk: str,
    london: str,
    rates_of: int | None,
    announced: dt.date | None,
    implement_by: dt.date | None,
) -> None:
    found = parse_lwf_page(read_fixture(name), URL)
    assert (found.uk, found.london) == (Decimal(uk), Decimal(london))
    assert (found.rates_of, found.announced_on, found.implement_by) == (
        rates_of,
        announced,
        implement_by,
    )


def test_an_announcement_date_is_read_at_the_start_of_a_sentence() -> None:
    page = (
        "<p>Announced on Tuesday 21st October 2026. The new rates are £14.10 per hour and "
        "£15.45 in London, to be paid by employers from the 2026/27 rates by 1st May 2027.</p>"
    )
    assert parse_lwf_page(page, URL).announced_on == dt.date(2026, 10, 21)


def test_nmw_distractors_and_scripts_are_not_read_as_living_wage() -> None:
    found = parse_lwf_page(read_fixture("lwf_faqs_2024-25.html"), URL)
    # the page also lists £11.44, £8.60 and £6.40, and a script holds "£99.99 per hour and £199.99 in London"
    assert (found.uk, found.london) == (Decimal("12.60"), Decimal("13.85"))


def test_salary_examples_are_not_rates() -> None:
    with pytest.raises(FetchError, match="no Real Living Wage rates found"):
        parse_lwf_page(read_fixture("lwf_faq_2016-17.html"), URL)


def test_news_and_faq_pages_combine() -> None:
    news = parse_lwf_page(
        read_fixture("TEST_FIXTURE_lwf_news_2026.html"), "https://example.test/news"
    )
    faq = parse_lwf_page(
        read_fixture("TEST_FIXTURE_lwf_faqs_2026.html"), "https://example.test/faqs"
    )
    merged = merge_announcements([news, faq])
    assert merged.uk == Decimal("14.10") and merged.london == Decimal("15.45")
    assert merged.announced_on == dt.date(2026, 10, 21)
    assert merged.implement_by == dt.date(2027, 5, 1)
    assert merged.rates_of == 2026


def test_pages_that_disagree_are_refused() -> None:
    older = parse_lwf_page(read_fixture("lwf_faqs_2023-24.html"), "https://example.test/a")
    newer = parse_lwf_page(read_fixture("lwf_faqs_2024-25.html"), "https://example.test/b")
    with pytest.raises(FetchError, match=r"conflicting UK rates \(12.00, 12.60\)"):
        merge_announcements([older, newer])


def test_no_pages_to_combine_is_a_fetch_error_not_a_crash() -> None:
    # an empty lwf_urls used to reach here and raise IndexError
    with pytest.raises(FetchError, match="no Living Wage Foundation page to read"):
        merge_announcements([])


# fetching ------------------------------------------------------------------------------------


@respx.mock
def test_fetch_identifies_the_tool_and_hashes_the_body() -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(200, text="hello"))
    with new_client() as client:
        page = fetch_page(client, URL)
    assert route.calls.last.request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("rlwcheck/")
    # sha256 of b"hello"
    assert (
        page.content_hash
        == "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    )


@respx.mock
def test_timeouts_and_server_errors_are_retried_with_growing_waits() -> None:
    route = respx.get(URL).mock(
        side_effect=[
            httpx.ConnectTimeout("slow"),
            httpx.Response(503),
            httpx.Response(200, text="ok"),
        ]
    )
    waits: list[float] = []
    with new_client() as client:
        page = fetch_page(client, URL, retry_delays=(1.0, 4.0), sleep=waits.append)
    assert page.text == "ok"
    assert route.call_count == 3
    assert waits == [1.0, 4.0]


@respx.mock
def test_a_persistent_timeout_gives_up_with_a_clear_error() -> None:
    respx.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with (
        new_client() as client,
        pytest.raises(FetchError, match=r"did not answer in time .* after 3 attempts"),
    ):
        fetch_page(client, URL, retry_delays=(0, 0), sleep=lambda _: None)


@respx.mock
def test_not_found_is_not_retried() -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(404))
    with (
        new_client() as client,
        pytest.raises(FetchError, match="answered HTTP 404; the page may have moved"),
    ):
        fetch_page(client, URL, retry_delays=(0, 0), sleep=lambda _: None)
    assert route.call_count == 1
