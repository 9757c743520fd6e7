"""What each row was paid, for how many hours, on which date and at what age: the rules' common ground.

A row gives pay in one of three shapes, decided per row from the values it has:

- **period**: pay for the hours worked between ``period_start`` and ``period_end`` (a pay reference
  period, never longer than a month); deductions, allowances and accommodation are per period. The
  pay is either ``period_pay``, basic pay for ``period_hours`` with allowances given beside it, or
  ``period_gross_pay``, everything paid for ``period_hours`` plus any ``overtime_hours``, with the
  guaranteed allowances and the ``overtime_premium`` inside it. A premium counts toward neither
  floor, and a guaranteed allowance toward the Real Living Wage only (DOMAIN.md §3-4), so both are
  taken back out where they do not count. Overtime hours are hours worked all the same, so a row
  that has them needs its overtime pay in the pay and its premium known;
- **hourly**: ``hourly_rate`` (deductions and allowances per hour; ``weekly_hours`` optional, for costing);
- **salary**: ``annual_salary`` over ``weekly_hours`` x weeks per year (deductions and allowances per year).
  A full-time-equivalent salary (``annual_salary_fte``, the grade's value) is first scaled by the
  row's ``fte`` to the salary actually paid: divided by part-time hours as it stands, it would make
  a part-timer look paid far more per hour than they are (DOMAIN.md §10, pitfall 9).

Pay is held as micro-pounds and hours as *nano-hours per unit of pay* (``hours``): 1 hour for the
hourly shape, the period's hours, or weekly hours x weeks per year. Every rule then compares
``pay x 100,000 >= rate_in_pence x hours`` in int64 (both sides in 1e-11 pounds), exactly.
The bounds below keep every such product well inside int64; rows outside them are invalid.
"""

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rlwcheck.columns import FULL_TIME
from rlwcheck.ratetables import day_number
from rlwcheck.rowproblems import RuleProblems
from rlwcheck.vectors import (
    MICRO,
    Ints,
    Mask,
    age_on,
    bool_values,
    day_numbers,
    decimal_micro,
    int_values,
    next_period_start_where,
)

PERIOD, HOURLY, SALARY, NO_PAY = 0, 1, 2, 3
MAX_AMOUNT_MICRO = 10_000_000 * MICRO  # £10m: far above any wage floor x hours, far below overflow
MAX_WEEKLY_HOURS = 168
MAX_AGE = 120
NANO_PER_MICRO = 1000
HOUR_NANO = 10**9
COMPARE_SCALE = 100_000  # micro-pounds x 100,000 = pence x nano-hours (1e-11 pounds)
# A row with no pay at all is reported on "pay", which the checker names as the file's own pay
# column (its hourly rate, salary or period pay header), where the user will look for it.
PAY_COLUMN = "pay"
PENNY_MICRO = 10_000
MAX_FTE = 2  # above 1 for extra contracted sessions; 2 full-time posts in one row is an error
AMOUNT_COLUMNS = (
    "hourly_rate",
    "annual_salary",
    "annual_salary_fte",
    "period_pay",
    "period_gross_pay",
    "overtime_premium",
    "nmw_deductions",
    "accommodation_charge",
    "guaranteed_allowances",
)


@dataclass(frozen=True)
class PayBasis:
    """Per-row arrays the statutory and Living Wage rules share."""

    ref_days: Ints  # start of the pay reference period, else the check date
    shape: Ints
    hours: Ints  # nano-hours the pay covers (see module docstring)
    nmw_pay: Ints  # micro-pounds for the unit counted for the minimum wage, before accommodation
    rlw_pay: Ints  # micro-pounds for the unit counted for the Real Living Wage
    accommodation_days: Ints
    accommodation_charge: Ints
    period_days: Ints
    weekly_hours: Ints  # micro-hours; 0 where unknown
    weekly_known: Mask
    age: Ints
    age_known: Mask
    birth_days: Ints
    birth_known: Mask
    apprentice: Mask
    apprentice_known: Mask
    apprenticeship_start: Ints
    start_known: Mask
    london: Mask
    london_known: Mask
    pay_ok: Mask  # pay and hours usable for comparison
    not_a_worker: Mask  # the header row repeated inside the file: no rule applies


def build_pay_basis(
    frame: pd.DataFrame,
    on: dt.date,
    weeks_per_year_milli: int,
    problems: RuleProblems,
    salary_basis: str | None = None,
) -> PayBasis:
    """Read the contract-shaped frame into exact arrays, recording why any row cannot be priced.

    ``salary_basis`` says what a plain ``annual_salary`` holds in rows that also give an FTE
    (ACTUAL or FULL_TIME); None leaves such rows with an FTE other than 1 unchecked, asking."""
    amounts = {name: decimal_micro(frame[name]) for name in AMOUNT_COLUMNS}
    period_hours, period_hours_known = decimal_micro(frame["period_hours"])
    overtime_hours, overtime_known = decimal_micro(frame["overtime_hours"])
    weekly_hours, weekly_known = decimal_micro(frame["weekly_hours"])
    start, start_known = day_numbers(frame["period_start"])
    end, end_known = day_numbers(frame["period_end"])
    pay_ok = ~frame["unreadable"].to_numpy(dtype=bool)  # the reader has said which cell

    for name, (values, known) in amounts.items():
        out_of_range = known & ((values < 0) | (values > MAX_AMOUNT_MICRO))
        problems.add(
            out_of_range,
            "amount-out-of-range",
            name,
            "amounts must be between 0 and 10,000,000 pounds; correct the figure",
        )
        pay_ok &= ~out_of_range

    shape = _shapes(amounts, period_hours_known, start_known, end_known)
    is_period, is_salary = shape == PERIOD, shape == SALARY
    problems.add(
        shape == NO_PAY,
        "missing-pay",
        PAY_COLUMN,
        "no pay: give hourly_rate, or annual_salary with weekly_hours, or period_pay with "
        "period_hours",
    )
    pay_ok &= shape != NO_PAY

    period_days, period_ok = _check_period(
        problems, is_period, start, start_known, end, end_known, amounts
    )
    pay_ok &= period_ok

    worked_hours, hours_ok = _check_hours(
        problems,
        is_period,
        (period_hours, period_hours_known),
        (overtime_hours, overtime_known),
        period_days,
    )
    weekly_ok = weekly_known & (weekly_hours > 0) & (weekly_hours <= MAX_WEEKLY_HOURS * MICRO)
    problems.add(
        weekly_known & ~weekly_ok,
        "invalid-hours",
        "weekly_hours",
        f"weekly hours must be more than 0 and at most {MAX_WEEKLY_HOURS}; correct the figure",
    )
    problems.add(
        is_salary & ~weekly_known,
        "missing-hours",
        "weekly_hours",
        "a salary needs weekly_hours to give an hourly rate; add the contracted hours per week",
    )
    pay_ok &= hours_ok & (~is_salary | weekly_ok)
    weekly = np.where(weekly_ok, weekly_hours, 0)
    # An hourly row's salary is worked out too, FTE and all, to cross-check the rate with.
    given_salary = amounts["annual_salary"][1] | amounts["annual_salary_fte"][1]
    with_salary = is_salary | ((shape == HOURLY) & given_salary)
    salary, salary_ok = _actual_salary(
        problems, with_salary, amounts, decimal_micro(frame["fte"]), salary_basis
    )
    pay_ok &= salary_ok
    beside_rate = (shape == HOURLY) & given_salary
    # a salary beside a rate that cannot be compared with it (no usable weekly hours) could be
    # hiding an underpayment the rate passes: the row is not checked (missing or invalid hours)
    problems.add(
        beside_rate & ~weekly_known,
        "missing-hours",
        "weekly_hours",
        "a salary beside an hourly rate needs weekly_hours to be compared with the rate; add the "
        "contracted hours per week",
    )
    pay_ok &= ~(beside_rate & ~weekly_ok)
    pay_ok &= ~_pay_figures_disagree(
        problems, amounts, beside_rate & salary_ok & weekly_ok, salary, weekly, weeks_per_year_milli
    )

    hours = np.where(
        is_period,
        worked_hours * NANO_PER_MICRO,
        np.where(is_salary, weekly * weeks_per_year_milli, HOUR_NANO),
    )
    period_pay, from_gross, parts_ok = _period_pay(
        problems, is_period, amounts, overtime_hours, overtime_known
    )
    pay_ok &= parts_ok
    basic = np.select(
        [is_period, is_salary, shape == HOURLY],
        [period_pay, salary, amounts["hourly_rate"][0]],
        0,
    )
    nmw_pay, rlw_pay = _counted_pay(basic, from_gross, amounts)
    ref_days = np.where(is_period & start_known, start, day_number(on))
    accommodation = _accommodation(frame, problems, shape, amounts, period_days)
    pay_ok &= accommodation[2]

    age, age_known, birth, birth_known = _ages(frame, problems, ref_days)
    apprentice, apprentice_known = bool_values(frame["apprentice"])
    london, london_known = bool_values(frame["london"])
    apprenticeship_start, appr_start_known = day_numbers(frame["apprenticeship_start"])
    return PayBasis(
        ref_days=ref_days,
        shape=shape,
        hours=hours,
        nmw_pay=nmw_pay,
        rlw_pay=rlw_pay,
        accommodation_days=accommodation[0],
        accommodation_charge=accommodation[1],
        period_days=period_days,
        weekly_hours=weekly,
        weekly_known=weekly_ok,
        age=age,
        age_known=age_known,
        birth_days=birth,
        birth_known=birth_known,
        apprentice=apprentice,
        apprentice_known=apprentice_known,
        apprenticeship_start=apprenticeship_start,
        start_known=appr_start_known,
        london=london,
        london_known=london_known,
        pay_ok=pay_ok,
        not_a_worker=frame["repeated_header"].to_numpy(dtype=bool),
    )


def _shapes(
    amounts: dict[str, tuple[Ints, Mask]],
    period_hours_known: Mask,
    start_known: Mask,
    end_known: Mask,
) -> Ints:
    """Any period value makes a period row; else an hourly rate; else a salary; else no pay.

    An hourly row's deductions and allowances are per hour: a salary beside its rate only
    cross-checks it (``_pay_figures_disagree``), so their unit never changes under the user."""
    has_period = (
        amounts["period_pay"][1]
        | amounts["period_gross_pay"][1]
        | period_hours_known
        | start_known
        | end_known
    )
    has_salary = amounts["annual_salary"][1] | amounts["annual_salary_fte"][1]
    return np.select(
        [has_period, amounts["hourly_rate"][1], has_salary],
        [PERIOD, HOURLY, SALARY],
        NO_PAY,
    ).astype(np.int64)


def _actual_salary(
    problems: RuleProblems,
    is_salary: Mask,
    amounts: dict[str, tuple[Ints, Mask]],
    fte_column: tuple[Ints, Mask],
    salary_basis: str | None,
) -> tuple[Ints, Mask]:
    """Micro-pounds a year actually paid for the contracted hours, and which rows have it.

    A full-time-equivalent salary times the FTE: exact for an FTE of up to 4 decimal places
    (finer fractions are rounded down to a millionth of a pound a year). A plain salary is what
    was paid, unless the setting says the file's salaries are full-time values; when the setting
    is not given, a row with an FTE other than 1 is not guessed either way.
    """
    plain, plain_known = amounts["annual_salary"]
    full_time, full_time_known = amounts["annual_salary_fte"]
    fte, fte_known = fte_column
    plain_is_full_time = plain_known & (salary_basis == FULL_TIME)
    ambiguous = is_salary & plain_known & fte_known & (fte != MICRO) & (salary_basis is None)
    problems.add(
        ambiguous,
        "salary-basis-unknown",
        "annual_salary",
        "this row's FTE is not 1 and the file does not say whether the salary is the full-time "
        "(grade) value or what this worker is paid: check with --salary-basis full-time or actual",
    )
    scaled = is_salary & ((~plain_known & full_time_known) | plain_is_full_time)
    problems.add(
        scaled & ~fte_known,
        "missing-fte",
        "fte",
        "a full-time salary needs the FTE to give the salary actually paid; add the FTE (0.6 for "
        "22.5 of 37.5 hours)",
    )
    fte_ok = fte_known & (fte > 0) & (fte <= MAX_FTE * MICRO)
    problems.add(
        scaled & fte_known & ~fte_ok,
        "invalid-fte",
        "fte",
        f"the FTE must be more than 0 and at most {MAX_FTE}; correct the figure",
    )
    actual = np.where(plain_known, plain, full_time)
    rows = np.flatnonzero(scaled & fte_ok)  # usually none: most files state actual salaries
    actual[rows] = _times_fraction(actual[rows], fte[rows])
    return actual, ~(ambiguous | (scaled & ~fte_ok))


def _pay_figures_disagree(
    problems: RuleProblems,
    amounts: dict[str, tuple[Ints, Mask]],
    rows_to_check: Mask,
    salary: Ints,
    weekly: Ints,
    weeks_per_year_milli: int,
) -> Mask:
    """Hourly rows whose salary beside the rate does not pay it: the rate is checked only where
    the salary actually paid (after any FTE), over the weekly hours at the weeks-per-year
    setting, pays at least the rate and no more than a penny an hour above it. Below the rate,
    checking the rate would pass a worker the salary shows underpaid (£13.45 beside £26,208 for
    37.5 hours is £13.40 at 52.143 weeks); far above it, which one is paid cannot be told.

    Compared exactly with Python integers (1e-15 pounds), on these rows only: the products of
    pence, micro-hours and weeks overflow 64 bits."""
    rows = np.flatnonzero(rows_to_check)
    rate = amounts["hourly_rate"][0][rows].astype(object)
    hours = weekly[rows].astype(object) * weeks_per_year_milli  # 1e-9 hours a year
    paid = salary[rows].astype(object) * 10**9  # micro-pounds -> 1e-15 pounds
    pays_the_rate = np.asarray(rate * hours <= paid, dtype=bool)
    within_a_penny = np.asarray(paid <= (rate + PENNY_MICRO) * hours, dtype=bool)
    disagree = np.zeros(len(rows_to_check), dtype=bool)
    disagree[rows] = ~(pays_the_rate & within_a_penny)
    problems.add(
        disagree,
        "pay-figures-disagree",
        "hourly_rate",
        "the annual salary for the weekly hours does not pay the hourly rate (at the weeks per "
        "year used), so which one is paid cannot be told: correct one of them, leave one out, or "
        "check with the weeks per year your payroll uses (--weeks-per-year)",
    )
    return disagree


def _times_fraction(micro: Ints, fraction_micro: Ints) -> Ints:
    """micro x fraction, both in millionths, rounded down; split so no product overflows int64."""
    whole, part = np.divmod(np.clip(micro, 0, MAX_AMOUNT_MICRO), MICRO)
    fraction = np.clip(fraction_micro, 0, MAX_FTE * MICRO)
    return np.asarray(whole * fraction + part * fraction // MICRO, dtype=np.int64)


def _check_period(
    problems: RuleProblems,
    is_period: Mask,
    start: Ints,
    start_known: Mask,
    end: Ints,
    end_known: Mask,
    amounts: dict[str, tuple[Ints, Mask]],
) -> tuple[Ints, Mask]:
    """Pay reference periods need both dates, in order, and no longer than a month (NMWM09020)."""
    for column, known in (("period_start", start_known), ("period_end", end_known)):
        problems.add(
            is_period & ~known,
            "missing-period-dates",
            column,
            "a pay period needs both period_start and period_end; add the missing date",
        )
    both = is_period & start_known & end_known
    reversed_ = both & (end < start)
    over_month = both & ~reversed_ & (end >= next_period_start_where(start, both))
    problems.add(
        reversed_,
        "period-dates-reversed",
        "period_end",
        "the period ends before it starts; swap or correct the dates",
    )
    problems.add(
        over_month,
        "period-over-a-month",
        "period_end",
        "a pay reference period is never longer than a month; split the row by pay period",
    )
    pay_missing = is_period & ~amounts["period_pay"][1] & ~amounts["period_gross_pay"][1]
    problems.add(
        pay_missing,
        "missing-pay",
        PAY_COLUMN,
        "a pay period needs its pay (period_pay or period_gross_pay); add the pay",
    )
    ok = ~is_period | (both & ~reversed_ & ~over_month & ~pay_missing)
    days = np.where(both & ~reversed_, end - start + 1, 0)
    return days, ok


def _check_hours(
    problems: RuleProblems,
    is_period: Mask,
    basic: tuple[Ints, Mask],
    overtime: tuple[Ints, Mask],
    period_days: Ints,
) -> tuple[Ints, Mask]:
    """Micro-hours worked in each period (period_hours + overtime_hours), and which are usable."""
    (hours, known), (extra, extra_known) = basic, overtime
    missing = is_period & ~known
    problems.add(
        missing,
        "missing-hours",
        "period_hours",
        "the hours worked in the period are needed to check pay; add period_hours",
    )
    negative_extra = is_period & extra_known & (extra < 0)
    problems.add(
        negative_extra,
        "invalid-hours",
        "overtime_hours",
        "overtime hours cannot be negative; correct the figure",
    )
    worked = hours + np.where(extra_known & ~negative_extra, extra, 0)
    # A period cannot hold more hours than it has; the days are 0 when its dates are unusable.
    limit = np.where(period_days > 0, period_days * 24 * MICRO, 31 * 24 * MICRO)
    invalid = is_period & known & ((hours <= 0) | (worked > limit))
    problems.add(
        invalid,
        "invalid-hours",
        "period_hours",
        "period hours must be more than 0 and, with any overtime, no more than 24 for each day "
        "of the period",
    )
    return worked, ~(missing | invalid | negative_extra)


def _period_pay(
    problems: RuleProblems,
    is_period: Mask,
    amounts: dict[str, tuple[Ints, Mask]],
    overtime_hours: Ints,
    overtime_known: Mask,
) -> tuple[Ints, Mask, Mask]:
    """(pay, from gross, usable) for period rows: basic pay when given, else gross pay, and
    gross pay for a row with overtime hours, since basic pay leaves the overtime pay out.

    Overtime hours need their pay, premium apart: a gross figure whose premium is unknown would
    count the premium as pay (DOMAIN.md §10, 4)."""
    basic, basic_known = amounts["period_pay"]
    gross, gross_known = amounts["period_gross_pay"]
    premium_known = amounts["overtime_premium"][1]
    has_overtime = is_period & overtime_known & (overtime_hours > 0)
    from_gross = is_period & gross_known & (~basic_known | has_overtime)
    unclear = has_overtime & ~(from_gross & premium_known)
    problems.add(
        unclear,
        "overtime-pay-unclear",
        "overtime_hours",
        "this row has overtime hours, so its pay must include the overtime pay (gross pay) with "
        "the premium paid above the basic rate given apart (overtime_premium, 0 if none): the "
        "premium counts toward neither floor",
    )
    excluded = amounts["overtime_premium"][0] + amounts["guaranteed_allowances"][0]
    too_large = from_gross & (excluded > gross)
    problems.add(
        too_large,
        "pay-parts-exceed-pay",
        "period_gross_pay",
        "the overtime premium and guaranteed allowances are parts of the gross pay, yet add up "
        "to more than it: correct the figures",
    )
    return np.where(from_gross, gross, basic), from_gross, ~(unclear | too_large)


def _counted_pay(
    basic: Ints, from_gross: Mask, amounts: dict[str, tuple[Ints, Mask]]
) -> tuple[Ints, Ints]:
    """Micro-pounds counted for the minimum wage and for the Real Living Wage, per unit of pay.

    A premium inside gross pay counts for neither; a guaranteed allowance counts for the Real
    Living Wage only, so it comes out of gross pay for the minimum wage and is added to basic pay
    for the Real Living Wage. Deductions that reduce minimum wage pay never reduce RLW pay."""
    premium = np.where(from_gross, amounts["overtime_premium"][0], 0)
    allowances = amounts["guaranteed_allowances"][0]
    without_premium = basic - premium
    nmw_pay = without_premium - np.where(from_gross, allowances, 0)
    nmw_pay -= amounts["nmw_deductions"][0]
    rlw_pay = without_premium + np.where(from_gross, 0, allowances)
    return nmw_pay, rlw_pay


def _accommodation(
    frame: pd.DataFrame,
    problems: RuleProblems,
    shape: Ints,
    amounts: dict[str, tuple[Ints, Mask]],
    period_days: Ints,
) -> tuple[Ints, Ints, Mask]:
    """(days, charge, charge given, usable). Accommodation is per pay period, so needs period rows."""
    days, days_known = int_values(frame["accommodation_days"])
    charge, charge_known = amounts["accommodation_charge"]
    given = days_known | charge_known
    not_period = given & (shape != PERIOD)
    problems.add(
        not_period,
        "accommodation-needs-period",
        "accommodation_days",
        "accommodation days and charges count per pay period: give period_start, "
        "period_end, period_pay and period_hours for this row",
    )
    # The days cannot exceed the period's own length (31 when the period dates are unusable).
    limit = np.where(period_days > 0, period_days, 31)
    bad_days = days_known & ((days < 0) | (days > limit))
    problems.add(
        bad_days,
        "invalid-accommodation-days",
        "accommodation_days",
        "accommodation days must be between 0 and the number of days in the pay period",
    )
    no_days = charge_known & (charge > 0) & ~days_known
    problems.add(
        no_days,
        "missing-accommodation-days",
        "accommodation_days",
        "an accommodation charge needs the number of days provided, to apply the offset",
    )
    usable = ~(not_period | bad_days | no_days)
    return np.where(days_known & ~bad_days, days, 0), charge, usable


def _ages(
    frame: pd.DataFrame, problems: RuleProblems, ref_days: Ints
) -> tuple[Ints, Mask, Ints, Mask]:
    """Age at the reference date: from date_of_birth when given, else the age column."""
    birth, birth_known = day_numbers(frame["date_of_birth"])
    given_age, given_known = int_values(frame["age"])
    age = np.where(birth_known, age_on(birth, ref_days), given_age)
    known = birth_known | given_known
    problems.add(
        ~known,
        "missing-age",
        "date_of_birth",
        "the age decides the minimum wage band: add date_of_birth (or age)",
    )
    invalid = known & ((age < 0) | (age > MAX_AGE))
    for name, given in (("date_of_birth", birth_known), ("age", ~birth_known)):
        problems.add(
            invalid & given,
            "invalid-age",
            name,
            f"the age at the start of the pay period must be 0 to {MAX_AGE}; "
            "check the date of birth and the period dates",
        )
    return age, known & ~invalid, birth, birth_known
