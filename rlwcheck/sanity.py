"""Sanity checks for new rates, on top of the checks every new rate gets (ratestore).

A figure read from a web page can be a distractor (an NMW rate on an LWF page), a typo or a
parser slip; a figure typed by hand can be a typo. These checks hold back anything a person
should look at first (DOMAIN.md §6): implausible amounts, rises bigger than any seen so far (or
none at all), odd dates and, for fetched rates, UK without London and a new statutory period
with missing bands or starting on a day other than 1 April. Each returns reasons; an empty list
means "looks right".
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from rlwcheck.dates import long_date
from rlwcheck.money import pounds
from rlwcheck.rates import ACCOMMODATION, APPRENTICE, NMW_MIN_AGE, RateBook, StatutoryRate
from rlwcheck.ratestore import (
    NewLivingWageRate,
    NewRate,
    NewStatutoryRate,
    describe_existing,
    how_to_override,
    previous_rate,
)

# No wage floor has been below £3 or near £40 an hour; £130.00 is a slipped decimal point.
PLAUSIBLE_HOURLY = (Decimal("2.00"), Decimal("40.00"))
# The largest rises so far: about 10% for the RLW and the NLW, 21% for 16-17 (April 2024).
TOP_RISE_LIMIT = Decimal("0.12")
YOUTH_RISE_LIMIT = Decimal("0.25")
RLW_ANNOUNCED_MONTHS = (9, 10, 11)
RLW_IMPLEMENT_AFTER_MONTHS = range(5, 9)
# Published deadlines have been 1 May, 9 May 2021, 15 May 2022 and 14 May 2023 of the year
# after the rates: spring, whatever the exact day.
RLW_DEADLINE_WINDOW = ((2, 1), (7, 31))
NMW_CHANGE_DAY = (4, 1)
NMW_APRIL_ONLY_SINCE = 2017


def rate_concerns(
    book: RateBook, new_rates: Sequence[NewRate], fix: str, announcement_dated: bool = True
) -> list[str]:
    """Reasons to hold rates back, however they came: the amount, the rise, the RLW dates.

    ``fix`` ends each reason with how to store the rate anyway. ``announcement_dated`` is
    False when a page gave no announcement day (the fetch date stands in), so the announcement
    month says nothing; the implement-by date is still checked against the rates' year."""
    statutory = [r for r in new_rates if isinstance(r, NewStatutoryRate)]
    living = [r for r in new_rates if isinstance(r, NewLivingWageRate)]
    reasons = [reason for r in new_rates for reason in _plausible(r, fix)]
    reasons += [reason for r in statutory for reason in _statutory_rise(book, r, fix)]
    reasons += [reason for r in living for reason in _living_wage_rise(book, r, fix)]
    reasons += [reason for r in living for reason in _deadline_in_spring(r, fix)]
    if announcement_dated:
        reasons += [reason for r in living for reason in _living_wage_dates(r, fix)]
    return reasons


def fetched_rate_concerns(
    book: RateBook, new_rates: Sequence[NewRate], announcement_dated: bool = True
) -> list[str]:
    """Reasons to hold fetched rates back: ``rate_concerns``, and what a page must give whole."""
    fix = how_to_override("fetched")
    statutory = [r for r in new_rates if isinstance(r, NewStatutoryRate)]
    living = [r for r in new_rates if isinstance(r, NewLivingWageRate)]
    reasons = rate_concerns(book, new_rates, fix, announcement_dated)
    reasons += [reason for r in statutory for reason in _change_day(r, fix)]
    reasons += _period_gaps(book, statutory)
    reasons += _zones_together(living, fix)
    return reasons


def period_warnings(book: RateBook, start: dt.date) -> list[str]:
    """What to tell someone who has just entered a statutory rate from ``start`` by hand: the
    period is used whole, so bands it lacks cannot be checked, and an odd start date splits the
    period before it."""
    warnings = []
    missing = book.missing_bands(start)
    if missing:
        warnings.append(
            f"the period from {long_date(start)} has no rate yet for {', '.join(missing)}; "
            "workers in those bands cannot be checked until you add them"
        )
    warnings += [
        f"{first.band} and {second.band} share ages in the period from {long_date(start)}: "
        "workers of the ages both cover cannot be checked until one is corrected"
        for first, second in book.overlapping_bands(start)
    ]
    earlier = [s for s in book.period_starts if s < start]
    on_change_day = (start.month, start.day) == NMW_CHANGE_DAY
    if earlier and not on_change_day and start.year >= NMW_APRIL_ONLY_SINCE:
        warnings.append(
            f"statutory rates have changed on 1 April every year since {NMW_APRIL_ONLY_SINCE}, "
            f"but this period starts on {long_date(start)}: it splits the period from "
            f"{long_date(earlier[-1])}, which now ends on {long_date(start - dt.timedelta(days=1))}, "
            f"and from {long_date(start)} only the rates entered for that day apply; check the date"
        )
    return warnings


def _plausible(new: NewRate, fix: str) -> list[str]:
    low, high = PLAUSIBLE_HOURLY
    if low <= new.rate <= high:
        return []
    per = "a day" if isinstance(new, NewStatutoryRate) and new.band == ACCOMMODATION else "an hour"
    return [
        f"{new.kind} of {pounds(new.rate)} {per} is implausible (outside {pounds(low)}-{pounds(high)}); {fix}"
    ]


def _change_day(new: NewStatutoryRate, fix: str) -> list[str]:
    if (new.effective_from.month, new.effective_from.day) == NMW_CHANGE_DAY:
        return []
    return [
        f"{new.kind} takes effect on {long_date(new.effective_from)}; statutory rates have "
        f"changed on 1 April every year since 2017; {fix}"
    ]


def _statutory_rise(book: RateBook, new: NewStatutoryRate, fix: str) -> list[str]:
    previous = previous_rate(book, new)
    if previous is None:
        return []
    limit = TOP_RISE_LIMIT if new.age_max is None and new.band != APPRENTICE else YOUTH_RISE_LIMIT
    return _rise(new.kind, previous.rate, new.rate, limit, fix)


def _rise(kind: str, old: Decimal, new: Decimal, limit: Decimal, fix: str) -> list[str]:
    """A rise bigger than ``limit`` is held for review (a fall is ratestore's to refuse)."""
    if new <= old or (new - old) / old <= limit:
        return []
    percent = ((new - old) / old * 100).quantize(Decimal("0.1"))
    return [
        f"{kind} rises {percent}% (from {pounds(old)} to {pounds(new)}), more than the "
        f"{limit * 100:.0f}% rlwcheck accepts unseen: held for review; {fix}"
    ]


def _period_gaps(book: RateBook, statutory: Sequence[NewStatutoryRate]) -> list[str]:
    """A period is used whole (rates.py), so it must cover every age from 16 up, once. Judged
    as the period will be once the new rates join what the book has for it (a hand-entered
    offset must not make a partial period look settled)."""
    reasons = []
    for start in sorted({r.effective_from for r in statutory}):
        new_bands = [r for r in statutory if r.effective_from == start]
        replaced = {r.band for r in new_bands}
        kept = [
            r for r in book.statutory_rates if r.effective_from == start and r.band not in replaced
        ]
        merged: list[StatutoryRate | NewStatutoryRate] = [*kept, *new_bands]
        bands = sorted(
            (r for r in merged if r.age_min is not None),
            key=lambda r: r.age_min or 0,
        )
        expected: int | None = NMW_MIN_AGE
        for band in bands:
            if band.age_min != expected:
                reasons.append(
                    f"the rates from {long_date(start)} have a gap or overlap at age {expected}"
                )
            expected = None if band.age_max is None else band.age_max + 1
        if expected is not None:
            reasons.append(
                f"the rates from {long_date(start)} have no band for age {expected} and over"
            )
    return reasons


def _living_wage_rise(book: RateBook, new: NewLivingWageRate, fix: str) -> list[str]:
    previous = previous_rate(book, new)
    if previous is None:
        return []
    if new.rate == previous.rate:
        return [
            f"{new.kind} {new.rates_of} is {pounds(new.rate)}, no rise on the rate before it, "
            f"{describe_existing(previous)}; the Real Living Wage has risen every year, so the page "
            f"may not have been updated; {fix}"
        ]
    return _rise(new.kind, previous.rate, new.rate, TOP_RISE_LIMIT, fix)


def _zones_together(living: Sequence[NewLivingWageRate], fix: str) -> list[str]:
    reasons = []
    for year in sorted({r.rates_of for r in living}):
        by_zone = {r.zone: r for r in living if r.rates_of == year}
        if set(by_zone) != {"uk", "london"}:
            reasons.append(
                f"the {year} Real Living Wage needs both the UK and the London rate; only "
                f"{', '.join(sorted(by_zone))} found; {fix}"
            )
        elif by_zone["london"].rate <= by_zone["uk"].rate:
            reasons.append(
                f"the {year} London rate {pounds(by_zone['london'].rate)} is not above the "
                f"UK rate {pounds(by_zone['uk'].rate)}; {fix}"
            )
    return reasons


def _deadline_in_spring(new: NewLivingWageRate, fix: str) -> list[str]:
    """The year's rates are paid by a day in the spring after: no announcement day needed."""
    year = new.rates_of + 1
    first, last = (dt.date(year, month, day) for month, day in RLW_DEADLINE_WINDOW)
    if first <= new.implement_by <= last:
        return []
    return [
        f"{new.kind} {new.rates_of} is due by {long_date(new.implement_by)}; the {new.rates_of} "
        f"rates are due in the spring of {year} (rlwcheck accepts {long_date(first)} to "
        f"{long_date(last)}; published deadlines have been 1 to 15 May); {fix}"
    ]


def _living_wage_dates(new: NewLivingWageRate, fix: str) -> list[str]:
    reasons = []
    if new.announced_on.month not in RLW_ANNOUNCED_MONTHS:
        reasons.append(
            f"{new.kind} announced on {long_date(new.announced_on)}: the Living Wage Foundation "
            f"announces in September to November; {fix}"
        )
    months = (new.implement_by.year - new.announced_on.year) * 12 + (
        new.implement_by.month - new.announced_on.month
    )
    if months not in RLW_IMPLEMENT_AFTER_MONTHS:
        reasons.append(
            f"{new.kind} is due by {long_date(new.implement_by)}, {months} months after its "
            f"announcement; deadlines have been 5 to 8 months later; {fix}"
        )
    return reasons
