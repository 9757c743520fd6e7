"""Every bundled rate row: sources, dates in order, no gaps or overlaps, rates never fall."""

import csv
import datetime as dt
import io
import itertools
from collections import defaultdict
from decimal import Decimal

import pytest

from rlwcheck.rates import (
    ACCOMMODATION,
    APPRENTICE,
    RateBook,
    bundled_file,
    bundled_living_wage_rates,
    bundled_statutory_rates,
)

STATUTORY = bundled_statutory_rates()
LIVING = bundled_living_wage_rates()


def test_every_row_has_a_source_url() -> None:
    for rate in [*STATUTORY, *LIVING]:
        assert rate.source_url.startswith(("http://", "https://")), rate


def test_bundled_files_keep_the_documented_columns() -> None:
    nmw = next(csv.reader(io.StringIO(bundled_file("nmw_rates.csv"))))
    rlw = next(csv.reader(io.StringIO(bundled_file("rlw_rates.csv"))))
    assert nmw == [
        "band",
        "age_min",
        "age_max",
        "rate_gbp",
        "effective_from",
        "effective_to",
        "source_url",
    ]
    assert rlw[:7] == [
        "scheme",
        "rates_of",
        "rate_gbp",
        "announced_on",
        "implement_by",
        "source_url",
        "confidence",
    ]


def test_statutory_periods_run_from_october_2005_without_gaps() -> None:
    starts = sorted({r.effective_from for r in STATUTORY})
    assert starts[0] == dt.date(2005, 10, 1)
    assert starts[-1] == dt.date(2026, 4, 1)
    for rate in STATUTORY:
        later = [s for s in starts if s > rate.effective_from]
        expected_end = later[0] - dt.timedelta(days=1) if later else None
        assert rate.effective_to == expected_end, rate


@pytest.mark.parametrize("start", sorted({r.effective_from for r in STATUTORY}))
def test_age_bands_of_each_period_cover_16_upwards_without_overlap(start: dt.date) -> None:
    bands = [r for r in STATUTORY if r.effective_from == start and r.scheme == "nmw"]
    covered: list[int] = []
    for band in bands:
        top = band.age_max if band.age_max is not None else 99
        assert band.age_min is not None
        covered += range(band.age_min, top + 1)
    assert sorted(covered) == list(range(16, 100)), f"gap or overlap in {start}"
    assert sum(r.age_max is None for r in bands) == 1
    assert sum(r.band == ACCOMMODATION for r in STATUTORY if r.effective_from == start) == 1


def test_apprentice_rate_exists_from_october_2010_only() -> None:
    apprentice_starts = sorted(r.effective_from for r in STATUTORY if r.band == APPRENTICE)
    assert apprentice_starts[0] == dt.date(2010, 10, 1)
    assert len(apprentice_starts) == len(
        {r.effective_from for r in STATUTORY if r.effective_from >= dt.date(2010, 10, 1)}
    )


def test_statutory_rates_never_fall_within_a_band() -> None:
    by_band: dict[str, list[Decimal]] = defaultdict(list)
    for rate in sorted(STATUTORY, key=lambda r: r.effective_from):
        by_band[rate.band].append(rate.rate)
    for band, series in by_band.items():
        assert series == sorted(series), band


@pytest.mark.parametrize("zone", ["uk", "london"])
def test_living_wage_rates_rise_every_year_and_dates_are_in_order(zone: str) -> None:
    series = sorted((r for r in LIVING if r.zone == zone), key=lambda r: r.rates_of)
    years = [r.rates_of for r in series]
    assert years == sorted(set(years))
    assert [r.rate for r in series] == sorted(r.rate for r in series)
    assert all(a.rate < b.rate for a, b in itertools.pairwise(series))
    for rate in series:
        assert rate.known_from.year == rate.rates_of
        if rate.implement_by:
            assert rate.implement_by > rate.known_from


def test_london_is_above_uk_every_year() -> None:
    uk = {r.rates_of: r.rate for r in LIVING if r.zone == "uk"}
    london = {r.rates_of: r.rate for r in LIVING if r.zone == "london"}
    for year in uk:
        assert london[year] > uk[year], year


def test_published_implement_by_dates_are_stored_not_derived() -> None:
    due = {r.rates_of: r.implement_by for r in LIVING if r.zone == "uk"}
    assert due[2020] == dt.date(2021, 5, 9)
    assert due[2021] == dt.date(2022, 5, 15)
    assert due[2022] == dt.date(2023, 5, 14)
    assert due[2023] == dt.date(2024, 5, 1)
    assert due[2015] is None  # no deadline was published before the 2016 rates


def test_no_2026_real_living_wage_is_bundled() -> None:
    assert max(r.rates_of for r in LIVING) == 2025


def test_rows_without_dates_carry_a_labelled_assumption() -> None:
    for rate in LIVING:
        if rate.announced_on is None:
            assert rate.assumed_from is not None and rate.assumption, rate


def test_april_2026_rates_are_the_announced_figures() -> None:
    book = RateBook(STATUTORY, LIVING)
    april = {r.band: r.rate for r in book.statutory_rates_on(dt.date(2026, 4, 1))}
    assert april == {
        "nlw_21_plus": Decimal("12.71"),
        "age_18_20": Decimal("10.85"),
        "age_16_17": Decimal("8.00"),
        APPRENTICE: Decimal("8.00"),
        ACCOMMODATION: Decimal("11.10"),
    }
