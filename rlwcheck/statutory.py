"""The statutory check (National Minimum Wage / National Living Wage), for every row at once.

Rules (DOMAIN.md §3): the band and rate in force at the *start* of the pay reference period, at the
worker's age on that date; the apprentice rate only for apprentices under 19 or in the first 12 months
of the apprenticeship; pay less deductions that reduce it (salary sacrifice, uniform), plus the
accommodation offset for free accommodation, less any charge above the offset; compared exactly
with rate x hours. Arrears for each underpaid period: max(U, U / rate then x rate now), the rate now
being the current rate for the band the worker was in then (NMWM13160).
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np

from rlwcheck.paybasis import COMPARE_SCALE, PERIOD, PayBasis
from rlwcheck.rates import APPRENTICE_RATE_MAX_AGE, APPRENTICE_RATE_MONTHS, NMW_MIN_AGE
from rlwcheck.ratetables import NO_RATE, TOP_AGE, StatutoryTable, day_number
from rlwcheck.rowproblems import RuleProblems
from rlwcheck.vectors import (
    PENCE_TO_MICRO,
    Ints,
    Mask,
    add_months_where,
    age_on,
    ceil_div,
    half_up_div,
)

STATUSES = ("pass", "fail", "not_applicable", "invalid")
PASS, FAIL, NOT_APPLICABLE, INVALID = range(4)
_ELEVEN_TO_PENCE = 10**9  # 1e-11 pounds per unit -> pence


@dataclass(frozen=True)
class StatutoryRate:
    """Which rate applies to each row: the period, the rate in pence and the band index."""

    period: Ints
    pence: Ints
    band: Ints
    apprentice_rate: Mask


@dataclass(frozen=True)
class StatutoryResult:
    status: Ints  # index into STATUSES
    rate: StatutoryRate
    pay: Ints  # micro-pounds counted for the minimum wage, per unit of pay
    hourly_pence: Ints  # pay per hour, rounded down to the penny
    shortfall_pence: Ints  # per hour, rounded up; 0 unless failing
    underpayment_pence: Ints  # per pay period, rounded up; 0 unless a failing period row
    arrears_pence: Ints


def applicable_rate(
    table: StatutoryTable, basis: PayBasis, on_days: Ints, age: Ints
) -> StatutoryRate:
    """The rate for each row's age (and apprenticeship) on a date, as ``RateBook.statutory`` decides."""
    period = table.period_of(on_days)
    known_period = period >= 0
    safe_period = np.where(known_period, period, 0)
    safe_age = np.clip(age, 0, TOP_AGE)
    band_pence = np.where(known_period, table.band_pence[safe_period, safe_age], NO_RATE)
    band = np.where(known_period, table.band_code[safe_period, safe_age], NO_RATE)
    apprentice_pence = np.where(known_period, table.apprentice_pence[safe_period], NO_RATE)
    candidates = basis.apprentice & basis.start_known
    first_year_until = add_months_where(
        basis.apprenticeship_start, APPRENTICE_RATE_MONTHS, candidates
    )
    first_year = candidates & (on_days < first_year_until)
    use_apprentice = (
        basis.apprentice
        & (apprentice_pence != NO_RATE)
        & (band_pence != NO_RATE)
        & ((age <= APPRENTICE_RATE_MAX_AGE) | first_year)
    )
    return StatutoryRate(
        period=period,
        pence=np.where(use_apprentice, apprentice_pence, band_pence),
        band=np.where(use_apprentice, table.band_names.index("apprentice"), band),
        apprentice_rate=use_apprentice,
    )


def same_band_rate(table: StatutoryTable, rate: StatutoryRate, age: Ints, on: dt.date) -> Ints:
    """The rate on another date for the band a row was in: same age, same apprentice treatment."""
    period = int(table.period_of(np.array([day_number(on)]))[0])
    if period < 0:
        return np.full(len(age), NO_RATE, dtype=np.int64)
    band_pence = table.band_pence[period, np.clip(age, 0, TOP_AGE)]
    apprentice = table.apprentice_pence[period]
    use_apprentice = rate.apprentice_rate & (apprentice != NO_RATE)
    return np.asarray(np.where(use_apprentice, apprentice, band_pence), dtype=np.int64)


def check_statutory(
    basis: PayBasis, table: StatutoryTable, today: dt.date, problems: RuleProblems
) -> StatutoryResult:
    rate = applicable_rate(table, basis, basis.ref_days, basis.age)
    applies = basis.age_known & (basis.age >= NMW_MIN_AGE) & ~basis.not_a_worker
    no_rate = applies & (rate.pence == NO_RATE)
    problems.add(
        no_rate,
        "no-rate-for-date",
        "period_start",
        "no statutory rate is recorded for this age on this date; "
        "check the dates, or add the rate with `rlwcheck rates add`",
    )

    offset_pence = _offset_pence(table, rate.period)
    no_offset = applies & ~no_rate & (basis.accommodation_days > 0) & (offset_pence == NO_RATE)
    problems.add(
        no_offset,
        "no-offset-for-date",
        "accommodation_days",
        "no accommodation offset is recorded for this period, so the accommodation cannot be "
        "counted: add it with `rlwcheck rates add --scheme accommodation_offset`",
    )
    pay = basis.nmw_pay + _accommodation_effect(basis, offset_pence)
    required = rate.pence * basis.hours
    paid = pay * COMPARE_SCALE
    passes = paid >= required
    # The apprentice rate is never above the band rate, so pay that meets the band rate passes
    # whatever the start date: only pay below it needs the date to choose between the two.
    needs_start = (
        applies
        & basis.apprentice
        & (basis.age > APPRENTICE_RATE_MAX_AGE)
        & ~basis.start_known
        & ~(basis.pay_ok & ~no_rate & passes)
    )
    problems.add(
        needs_start,
        "missing-apprenticeship-start",
        "apprenticeship_start",
        "an apprentice aged 19 or over gets the apprentice rate only in the first 12 months: "
        "add the apprenticeship start date",
    )
    checkable = applies & basis.pay_ok & ~needs_start & ~no_rate & ~no_offset
    unknown_apprentice = checkable & ~passes & ~basis.apprentice_known
    problems.add(
        unknown_apprentice,
        "apprentice-unknown",
        "apprentice",
        "pay is below the age-band rate and it is not known whether the worker is an "
        "apprentice (who may be paid less): fill in the apprentice column",
    )
    checked = checkable & ~unknown_apprentice
    status = np.select(
        [basis.not_a_worker, ~basis.age_known, ~applies, ~checked, passes],
        [NOT_APPLICABLE, INVALID, NOT_APPLICABLE, INVALID, PASS],
        FAIL,
    )
    failing = status == FAIL
    deficit = np.where(failing, required - paid, 0)  # 1e-11 pounds per unit of pay
    underpayment = np.where(
        failing & (basis.shape == PERIOD), ceil_div(deficit, _ELEVEN_TO_PENCE), 0
    )
    return StatutoryResult(
        status=status.astype(np.int64),
        rate=rate,
        pay=pay,
        hourly_pence=np.where(checked, (paid // np.maximum(basis.hours, 1)), 0),
        shortfall_pence=np.where(failing, ceil_div(deficit, np.maximum(basis.hours, 1)), 0),
        underpayment_pence=underpayment,
        arrears_pence=_arrears(basis, table, rate, today, deficit, underpayment),
    )


def _offset_pence(table: StatutoryTable, period: Ints) -> Ints:
    """The daily accommodation offset in force in each row's period (NO_RATE if not recorded)."""
    return np.where(period >= 0, table.offset_pence[np.maximum(period, 0)], NO_RATE)


def _accommodation_effect(basis: PayBasis, offset_pence: Ints) -> Ints:
    """Micro-pounds: + offset x days when free; - (charge - offset x days) when the charge exceeds it.

    Free means no charge: a charge written as 0.00 is as free as one left blank. Rows given
    accommodation in a period with no recorded offset are not checked (``no-offset-for-date``)."""
    allowance = (
        np.where(offset_pence > 0, offset_pence, 0) * basis.accommodation_days * PENCE_TO_MICRO
    )
    free = (basis.accommodation_days > 0) & (basis.accommodation_charge == 0)
    excess = np.maximum(basis.accommodation_charge - allowance, 0)
    return np.where(free, allowance, -excess)


def _arrears(
    basis: PayBasis,
    table: StatutoryTable,
    rate: StatutoryRate,
    today: dt.date,
    deficit: Ints,
    underpayment: Ints,
) -> Ints:
    """max(U, U / R_then x R_now), rounded half up to the penny; only failing period rows."""
    rate_now = same_band_rate(table, rate, basis.age, today)
    rises = (underpayment > 0) & (rate_now > rate.pence) & (rate.pence > 0)
    # A period row's deficit is a multiple of 1,000 (hours are micro-hours x 1,000), so this is exact.
    deficit_8 = deficit // 1000
    revalued = half_up_div(deficit_8 * np.maximum(rate_now, 0), np.maximum(rate.pence, 1) * 10**6)
    return np.where(rises, np.maximum(underpayment, revalued), underpayment)


def next_rise_rate(
    table: StatutoryTable, basis: PayBasis, checked_on: dt.date
) -> tuple[dt.date | None, Ints]:
    """The next known statutory period after the check date, and each row's rate in it."""
    start = table.next_start_after(checked_on)
    if start is None:
        return None, np.full(len(basis.age), NO_RATE, dtype=np.int64)
    on_days = np.full(len(basis.age), day_number(start), dtype=np.int64)
    age = np.where(basis.birth_known, age_on(basis.birth_days, on_days), basis.age)
    return start, applicable_rate(table, basis, on_days, age).pence
