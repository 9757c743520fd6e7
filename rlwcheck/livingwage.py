"""The Real Living Wage check, for every row at once (DOMAIN.md §4).

Workers aged 18 and over are owed the RLW for every hour; apprentices are not, unless the setting
includes them. The zone is the workplace's (``london``; unknown -> ``undetermined``, never guessed).
Pay counts basic pay plus guaranteed allowances (a guaranteed London weighting counts), and none of
the statutory deductions. Status ``fail`` is below the rate already due on the reference date; ``due``
meets that rate but not the newest announced one, which must be paid by its own published date.
"""

from dataclasses import dataclass

import numpy as np

from rlwcheck.paybasis import COMPARE_SCALE, PayBasis
from rlwcheck.rates import ZONES, Zone
from rlwcheck.ratetables import NO_RATE, LivingWageTable
from rlwcheck.rowproblems import RuleProblems
from rlwcheck.vectors import Ints, ceil_div

STATUSES = ("pass", "fail", "due", "not_applicable", "undetermined")
PASS, FAIL, DUE, NOT_APPLICABLE, UNDETERMINED = range(5)
RLW_MIN_AGE = 18


@dataclass(frozen=True)
class LivingWageResult:
    status: Ints  # index into STATUSES
    zone: Ints  # index into ZONES, -1 when undetermined
    span: dict[Zone, Ints]  # per zone: the rate-table span used by each row
    rate_pence: Ints  # the rate compared against (the newest for a row that is due)
    must_pay_pence: Ints  # the rate already due on the reference date (NO_RATE if none)
    newest_pence: Ints  # the newest announced rate on the reference date
    due_by_days: Ints  # the newest rate's due date for rows that are due, else NO_RATE
    pay: Ints  # micro-pounds counted for the RLW, per unit of pay
    hourly_pence: Ints
    shortfall_pence: Ints


def check_living_wage(
    basis: PayBasis,
    tables: dict[Zone, LivingWageTable],
    includes_apprentices: bool,
    problems: RuleProblems,
) -> LivingWageResult:
    excluded_apprentice = basis.apprentice & ~np.bool_(includes_apprentices)
    not_applicable = basis.not_a_worker | (
        basis.age_known & ((basis.age < RLW_MIN_AGE) | excluded_apprentice)
    )
    in_scope = basis.age_known & ~not_applicable
    problems.add(
        in_scope & ~basis.london_known,
        "london-undetermined",
        "london",
        "whether the workplace is in Greater London is unknown: fill in london (yes/no), "
        "or list the work site or workplace postcode in the sites file (--sites)",
    )

    zone = np.where(basis.london_known, basis.london.astype(np.int64), -1)
    spans = {name: tables[name].span_of(basis.ref_days) for name in ZONES}
    where = _table_positions(zone, spans, tables)
    must_pay, newest, due_days = (
        _gather(tables, field, where)
        for field in ("must_pay_pence", "newest_pence", "newest_due_days")
    )
    no_rate = in_scope & basis.london_known & (must_pay == NO_RATE)
    problems.add(
        no_rate,
        "no-rate-for-date",
        "period_start",
        "no Real Living Wage rate is recorded for this date; check the dates",
    )

    pay = basis.rlw_pay
    paid = pay * COMPARE_SCALE
    meets_due = paid >= must_pay * basis.hours
    meets_newest = paid >= newest * basis.hours
    checked = in_scope & basis.london_known & basis.pay_ok & ~no_rate
    unknown_apprentice = (
        checked & ~meets_newest & ~basis.apprentice_known & ~np.bool_(includes_apprentices)
    )
    problems.add(
        unknown_apprentice,
        "apprentice-unknown",
        "apprentice",
        "pay is below the Real Living Wage and it is not known whether the worker is an "
        "apprentice (who need not be paid it): fill in the apprentice column",
    )
    checked &= ~unknown_apprentice
    status = np.select(
        [not_applicable, ~checked, ~meets_due, ~meets_newest],
        [NOT_APPLICABLE, UNDETERMINED, FAIL, DUE],
        PASS,
    ).astype(np.int64)
    compared = np.where(status == DUE, newest, must_pay)
    below = (status == FAIL) | (status == DUE)
    hours = np.maximum(basis.hours, 1)
    return LivingWageResult(
        status=status,
        zone=zone,
        span=spans,
        rate_pence=np.where(checked, compared, NO_RATE),
        must_pay_pence=must_pay,
        newest_pence=newest,
        due_by_days=np.where(status == DUE, due_days, NO_RATE),
        pay=pay,
        hourly_pence=np.where(checked, paid // hours, 0),
        shortfall_pence=np.where(below, ceil_div(compared * basis.hours - paid, hours), 0),
    )


def status_with_hours(result: LivingWageResult, rows: Ints, hours: Ints) -> Ints:
    """The status the checked ``rows`` would get if their pay covered ``hours`` instead."""
    paid = result.pay[rows] * COMPARE_SCALE
    return np.select(
        [paid < result.must_pay_pence[rows] * hours, paid < result.newest_pence[rows] * hours],
        [FAIL, DUE],
        PASS,
    ).astype(np.int64)


def _table_positions(
    zone: Ints, spans: dict[Zone, Ints], tables: dict[Zone, LivingWageTable]
) -> Ints:
    """Each row's position in the zones' tables laid end to end after one NO_RATE slot (0).

    One position array, then one gather per field: cheaper than choosing per zone per field.
    """
    where = np.zeros(len(zone), dtype=np.int64)
    start = 1
    for index, name in enumerate(ZONES):
        span = spans[name]
        mine = (zone == index) & (span >= 0)
        where[mine] = start + span[mine]
        start += len(tables[name].changes)
    return where


def _gather(tables: dict[Zone, LivingWageTable], field: str, where: Ints) -> Ints:
    values = [
        np.array([NO_RATE], dtype=np.int64),
        *(getattr(tables[name], field) for name in ZONES),
    ]
    return np.asarray(np.concatenate(values)[where], dtype=np.int64)
