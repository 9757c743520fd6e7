"""The cost of the coming rise: what it takes to bring every worker up to the next floor (DOMAIN.md §8).

Per row: max(0, target rate x hours - pay) for the row's unit of pay, annualised with the paid hours
per week x the weeks-per-year setting (salary rows are annual already; a pay period is scaled by
7 / its days to a week). Amounts are kept to the hundred-millionth of a pound per row, summed exactly
and rounded to the penny once. Hourly rows without weekly_hours cannot be costed and are counted.
On-costs (employer NI, pension) are not included: they depend on each employer's schemes.
"""

from dataclasses import dataclass

import numpy as np

from rlwcheck.paybasis import COMPARE_SCALE, HOURLY, PERIOD, SALARY, PayBasis
from rlwcheck.ratetables import NO_RATE
from rlwcheck.vectors import MICRO, Ints, Mask, exact_sum

METHOD = (
    "per worker: max(0, target rate - hourly pay counted) x paid hours per week x weeks per year "
    "(salaries: target x weekly hours x weeks per year - salary; pay periods scaled to a week by "
    "7 / days in the period); summed before rounding to the penny; excludes on-costs"
)
_EIGHT_PER_PENNY = 10**6  # 1e-8 pounds per penny


@dataclass(frozen=True)
class RiseCost:
    """A rise's cost over some rows; parts of a large file add up exactly (``+``)."""

    annual_8: int = 0  # 1e-8 pounds a year, unrounded
    rows_costed: int = 0
    rows_below_target: int = 0
    rows_not_costed: int = 0

    def __add__(self, other: "RiseCost") -> "RiseCost":
        return RiseCost(
            self.annual_8 + other.annual_8,
            self.rows_costed + other.rows_costed,
            self.rows_below_target + other.rows_below_target,
            self.rows_not_costed + other.rows_not_costed,
        )

    @property
    def annual_pence(self) -> int:
        """Rounded half up to the penny, once, after summing."""
        return (2 * self.annual_8 + _EIGHT_PER_PENNY) // (2 * _EIGHT_PER_PENNY)


def annual_cost_8(
    basis: PayBasis, target_pence: Ints, pay: Ints, eligible: Mask, weeks_per_year_milli: int
) -> tuple[Ints, Mask]:
    """Per row, the annual cost of the rise in 1e-8 pounds, and which rows could be costed."""
    has_target = eligible & (target_pence != NO_RATE)
    deficit_11 = np.where(has_target, target_pence * basis.hours - pay * COMPARE_SCALE, 0)
    deficit_8 = np.maximum(deficit_11, 0) // 1000  # exact for period and hourly rows
    # Salary rows are annual already (each loses < 1e-8 pound above); other shapes are scaled.
    # Each shape's scaling sees only its own rows' deficits (0 elsewhere), so none can overflow.
    period = basis.shape == PERIOD
    hourly = (basis.shape == HOURLY) & basis.weekly_known
    annual = np.where(basis.shape == SALARY, deficit_8, 0)
    if period.any():
        annual += (
            np.where(period, deficit_8, 0)
            * 7
            * weeks_per_year_milli
            // (np.maximum(basis.period_days, 1) * 1000)
        )
    if hourly.any():
        weekly_8 = np.where(hourly, deficit_8, 0) * basis.weekly_hours // MICRO
        annual += weekly_8 * weeks_per_year_milli // 1000
    costed = has_target & ((basis.shape != HOURLY) | basis.weekly_known)
    return np.where(costed, annual, 0), costed


def rise_cost(
    basis: PayBasis, target_pence: Ints, pay: Ints, eligible: Mask, weeks_per_year_milli: int
) -> RiseCost:
    annual, costed = annual_cost_8(basis, target_pence, pay, eligible, weeks_per_year_milli)
    return RiseCost(
        annual_8=exact_sum(annual),
        rows_costed=int(costed.sum()),
        rows_below_target=int((annual > 0).sum()),
        rows_not_costed=int((eligible & ~costed).sum()),
    )
