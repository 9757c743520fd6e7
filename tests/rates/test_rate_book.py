"""The rate book's answers at the boundaries, worked out by hand from rates/*.csv."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from rlwcheck.rates import LivingWageRate, RateBook, floors_on, in_first_year_until


@pytest.fixture(scope="module")
def book() -> RateBook:
    return RateBook.load()


def rate_on(book: RateBook, on: dt.date, age: int, **kwargs: object) -> Decimal | None:
    answer = book.statutory(on, age, **kwargs)  # type: ignore[arg-type]
    return answer.rate.rate if answer.rate else None


def test_31_march_vs_1_april(book: RateBook) -> None:
    # NLW 21+: £12.21 until 31 March 2026, £12.71 from 1 April 2026.
    assert rate_on(book, dt.date(2026, 3, 31), 30) == Decimal("12.21")
    assert rate_on(book, dt.date(2026, 4, 1), 30) == Decimal("12.71")


def test_2016_october_change_then_april(book: RateBook) -> None:
    # 2016 had two changes: 1 April (NLW introduced) and 1 October; then 1 April 2017.
    assert rate_on(book, dt.date(2016, 9, 30), 22) == Decimal("6.70")
    assert rate_on(book, dt.date(2016, 10, 1), 22) == Decimal("6.95")
    assert rate_on(book, dt.date(2017, 3, 31), 22) == Decimal("6.95")
    assert rate_on(book, dt.date(2017, 4, 1), 22) == Decimal("7.05")
    assert rate_on(book, dt.date(2016, 3, 31), 25) == Decimal(
        "6.70"
    )  # adult 21+ rate before the NLW
    assert rate_on(book, dt.date(2016, 4, 1), 25) == Decimal("7.20")  # NLW 25+


def test_2021_top_band_moved_to_23(book: RateBook) -> None:
    # A 23-year-old: 21-24 band £8.20 in March 2021, NLW 23+ £8.91 from April 2021.
    assert book.statutory(dt.date(2021, 3, 31), 23).rate.band == "age_21_24"  # type: ignore[union-attr]
    assert book.statutory(dt.date(2021, 4, 1), 23).rate.band == "nlw_23_plus"  # type: ignore[union-attr]
    assert rate_on(book, dt.date(2021, 4, 1), 23) == Decimal("8.91")


def test_22_year_old_in_2023_vs_2024(book: RateBook) -> None:
    # 2023: 21-22 band £10.18; April 2024: NLW extended to 21+, £11.44.
    assert book.statutory(dt.date(2023, 6, 1), 22).rate.band == "age_21_22"  # type: ignore[union-attr]
    assert rate_on(book, dt.date(2023, 6, 1), 22) == Decimal("10.18")
    assert book.statutory(dt.date(2024, 6, 1), 22).rate.band == "nlw_21_plus"  # type: ignore[union-attr]
    assert rate_on(book, dt.date(2024, 6, 1), 22) == Decimal("11.44")


def test_under_16_not_applicable_and_before_records(book: RateBook) -> None:
    assert not book.statutory(dt.date(2026, 6, 1), 15).applies
    early = book.statutory(dt.date(2005, 9, 30), 30)
    assert not early.applies and "1 October 2005" in early.explanation


def test_apprentice_rules(book: RateBook) -> None:
    day = dt.date(2026, 6, 1)
    assert rate_on(book, day, 18, apprentice=True) == Decimal("8.00")  # under 19
    assert rate_on(book, day, 19, apprentice=True) is None  # 19+: needs the start date
    # month 11 of the apprenticeship: apprentice rate; month 13: the age band (18-20: £10.85)
    assert rate_on(
        book, day, 19, apprentice=True, apprenticeship_start=dt.date(2025, 7, 15)
    ) == Decimal("8.00")
    assert rate_on(
        book, day, 19, apprentice=True, apprenticeship_start=dt.date(2025, 5, 15)
    ) == Decimal("10.85")
    # no apprentice rate existed before October 2010: the age band applies
    assert rate_on(book, dt.date(2009, 6, 1), 17, apprentice=True) == Decimal("3.53")


def test_first_year_ends_on_the_anniversary() -> None:
    assert in_first_year_until(dt.date(2025, 1, 31)) == dt.date(2026, 1, 31)
    assert in_first_year_until(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_between_announcement_and_due_date(book: RateBook) -> None:
    # 2025 rates announced 22 Oct 2025, due by 1 May 2026: in between, £12.60 must be paid
    # and £13.45 is pending.
    answer = book.living_wage(dt.date(2026, 1, 15), "uk")
    assert answer.must_pay is not None and answer.must_pay.rate == Decimal("12.60")
    assert answer.pending is not None and answer.pending.rate == Decimal("13.45")
    assert answer.pending.implement_by == dt.date(2026, 5, 1)
    due = book.living_wage(dt.date(2026, 5, 1), "uk")
    assert (
        due.must_pay is not None and due.must_pay.rate == Decimal("13.45") and due.pending is None
    )


def test_the_2022_deadline_was_14_may(book: RateBook) -> None:
    assert book.living_wage(dt.date(2023, 5, 13), "london").must_pay.rate == Decimal("11.05")  # type: ignore[union-attr]
    assert book.living_wage(dt.date(2023, 5, 14), "london").must_pay.rate == Decimal("11.95")  # type: ignore[union-attr]


def test_rates_without_a_deadline_are_due_from_announcement_and_say_so(book: RateBook) -> None:
    answer = book.living_wage(dt.date(2015, 12, 1), "london")
    assert answer.must_pay is not None and answer.must_pay.rate == Decimal("9.40")
    assert "treated as due from 2 November 2015" in answer.must_pay.treatment


def test_next_statutory_rise(book: RateBook) -> None:
    rise = book.next_statutory_rise(dt.date(2025, 12, 1))
    assert {r.band: r.rate for r in rise}["nlw_21_plus"] == Decimal("12.71")
    assert book.next_statutory_rise(dt.date(2026, 4, 1)) == []


TODAY = dt.date(2026, 11, 24)  # the 2025 rates, announced 22 October 2025, are 398 days old


def test_staleness_warning(book: RateBook) -> None:
    assert book.staleness_warning(dt.date(2026, 6, 1), TODAY) is None
    assert "more than a year old" in (book.staleness_warning(TODAY, TODAY) or "")
    assert book.staleness_warning(dt.date(2025, 12, 1), TODAY) is None  # 2025 rates announced


def test_no_staleness_warning_for_a_past_date_the_book_covers(book: RateBook) -> None:
    # in June 2012 the newest rates then (2011) were over a year old, but the book holds every
    # later year: nothing missing could change the answer for that date
    assert book.staleness_warning(dt.date(2012, 6, 1), TODAY) is None
    assert book.staleness_warning(dt.date(2012, 12, 15), TODAY) is None


def test_a_future_date_is_judged_as_of_today(book: RateBook) -> None:
    # on 1 June 2026 the 2025 rates are 222 days old and the 2026 ones cannot be out yet
    assert book.staleness_warning(dt.date(2027, 6, 1), dt.date(2026, 6, 1)) is None
    # on 24 November 2026 they are 398 days old: a date next year needs the 2026 rates
    assert "more than a year old" in (book.staleness_warning(dt.date(2027, 6, 1), TODAY) or "")


def test_a_rate_dated_after_today_does_not_silence_the_warning(book: RateBook) -> None:
    """TEST FIXTURE: the 2026 rates typed a year late, as 2027's announced 20 October 2027."""
    typo = LivingWageRate(
        "uk", 2027, Decimal("14.10"), dt.date(2027, 10, 20), dt.date(2028, 5, 1), "u"
    )
    with_typo = RateBook(book.statutory_rates, [*book.living_wage_rates, typo])
    # 1 June 2027: the 2025 rates (22 October 2025) are 587 days old; the typo is not known yet
    june_2027 = dt.date(2027, 6, 1)
    warning = with_typo.staleness_warning(june_2027, june_2027) or ""
    assert "the newest Real Living Wage known (2025 rates" in warning
    assert "more than a year old" in (with_typo.staleness_warning(TODAY, TODAY) or "")


def test_each_zone_is_judged_on_its_own_rates(book: RateBook) -> None:
    """TEST FIXTURE: a UK 2026 rate entered by hand without its London rate."""
    uk_only = LivingWageRate(
        "uk", 2026, Decimal("14.10"), dt.date(2026, 10, 21), dt.date(2027, 5, 1), "u"
    )
    with_uk = RateBook(book.statutory_rates, [*book.living_wage_rates, uk_only])
    # 1 June 2027: London's newest (2025 rates, 22 October 2025) is 587 days old
    june_2027 = dt.date(2027, 6, 1)
    warning = with_uk.staleness_warning(june_2027, june_2027) or ""
    assert "the newest Real Living Wage known for London (2025 rates" in warning


def test_staleness_warning_with_pending_rates_says_to_confirm_them(book: RateBook) -> None:
    """TEST FIXTURE: fictional 2026 rates, announced 1 November 2026 and awaiting confirmation."""
    pending = [
        LivingWageRate(zone, 2026, Decimal(rate), dt.date(2026, 11, 1), dt.date(2027, 5, 1), "u")
        for zone, rate in (("uk", "14.10"), ("london", "15.45"))
    ]
    with_pending = RateBook(
        book.statutory_rates,
        book.living_wage_rates + [replace(r, status="pending") for r in pending],
    )
    # the confirmed 2025 rates (22 October 2025) are 398 days old on 24 November 2026
    for on in (dt.date(2026, 11, 24), dt.date(2026, 12, 1)):
        warning = with_pending.staleness_warning(on, TODAY) or ""
        assert "2026 Real Living Wage rates are pending" in warning
        assert "`rlwcheck rates confirm`" in warning and "rates update" not in warning
    # 25 October 2026 (368 days on) is before the announcement: fetch or enter them, as before
    on = dt.date(2026, 10, 25)
    assert "rates update" in (with_pending.staleness_warning(on, TODAY) or "")


def test_floors_on_gathers_everything(book: RateBook) -> None:
    floors = floors_on(book, dt.date(2026, 1, 15), age=20, zones=("london",))
    assert floors.worker is not None and floors.worker.rate.rate == Decimal("10.00")  # type: ignore[union-attr]
    assert floors.offset is not None and floors.offset.rate == Decimal("10.66")
    assert floors.living_wage[0].pending.rate == Decimal("14.80")  # type: ignore[union-attr]
    assert floors.next_rise[0].effective_from == dt.date(2026, 4, 1)


def test_the_newest_statutory_period_ends_before_the_next_1_april(book: RateBook) -> None:
    # Rates change each 1 April: the April 2026 period cannot be in force on 1 April 2027.
    assert book.statutory_known_until == dt.date(2027, 3, 31)
    assert book.period_start(dt.date(2027, 3, 31)) == dt.date(2026, 4, 1)
    assert book.period_start(dt.date(2027, 4, 1)) is None
    answer = book.statutory(dt.date(2027, 6, 1), 30)
    assert answer.rate is None
    assert (
        "the statutory rates from 1 April 2027 are not in the rate book yet" in answer.explanation
    )
    assert book.statutory_gap_warning(dt.date(2027, 3, 31)) is None
