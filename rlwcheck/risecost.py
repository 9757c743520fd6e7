"""The cost of the coming rise: what it takes to bring every worker up to the next floor (DOMAIN.md §8).

Per row: max(0, target rate x hours - pay) for the row's unit of pay, annualised with the paid hours
per week x the weeks-per-year setting (salary rows are annual already; a pay period is scaled by
7 / its days to a week). Amounts are kept to the hundred-millionth of a pound per row, summed exactly
and rounded to the penny once. Hourly rows without weekly_hours, rows whose workplace zone is
unknown and rows that could not be checked cannot be costed and are counted with their reason.

The cost is per worker, (employer, worker_id): a payroll of several months holds one period row per
worker per month, and annualising each would cost the worker once a month. So among a worker's
pay-period rows only those of their latest period start are costed (two posts in that period are
both costed); hourly and salary rows are one row per post and are each costed. A worker whose
latest period could not be checked is costed on their latest period that could, and the row that
could not is counted as not costed.
On-costs (employer NI, pension) are not included: they depend on each employer's schemes.
"""

from collections.abc import Sequence
from dataclasses import astuple, dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from rlwcheck.paybasis import COMPARE_SCALE, HOURLY, PERIOD, SALARY, PayBasis
from rlwcheck.ratetables import NO_RATE
from rlwcheck.vectors import MICRO, Ints, Mask, exact_sum

METHOD = (
    "per worker (employer and worker id): max(0, target rate - hourly pay counted) x paid hours "
    "per week x weeks per year (salaries: target x weekly hours x weeks per year - salary; pay "
    "periods scaled to a week by 7 / days in the period, and only each worker's latest period "
    "costed, so several months of one payroll count the worker once; each hourly or salary row "
    "is a post and is costed); summed before rounding to the penny; excludes on-costs"
)
_EIGHT_PER_PENNY = 10**6  # 1e-8 pounds per penny


@dataclass(frozen=True)
class RiseCost:
    """A rise's cost over some rows; parts of a large file add up exactly (``+``)."""

    annual_8: int = 0  # 1e-8 pounds a year, unrounded
    rows_costed: int = 0
    rows_below_target: int = 0
    without_weekly_hours: int = 0  # hourly rows: no hours a week to annualise with
    zone_unknown: int = 0  # no rate to aim at: the workplace's zone is unknown
    unchecked: int = 0  # the row could not be checked (its problems say why): nothing to cost
    earlier_periods: int = 0  # a worker's pay periods before their latest: not costed again
    workers_below_target: int = 0

    def __add__(self, other: "RiseCost") -> "RiseCost":
        return RiseCost(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def rows_not_costed(self) -> int:
        return self.without_weekly_hours + self.zone_unknown + self.unchecked

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


def period_rows(basis: PayBasis) -> Ints:
    """Usable pay-period rows of workers: costed only on each worker's latest period."""
    return np.flatnonzero((basis.shape == PERIOD) & basis.pay_ok & ~basis.not_a_worker)


@dataclass(frozen=True)
class RiseRows:
    """One chunk's share of a rise: its post rows summed, its period rows kept for ``total``.

    Positions are the rows' places in the whole report, so chunks combine across files.
    """

    posts: RiseCost  # hourly and salary rows: each a post, costed in full
    below_positions: Ints  # post rows below the target, for counting workers
    period_annual_8: Ints  # per period row (``period_rows``), in order
    period_costed: Mask
    period_zone_unknown: Mask
    period_unchecked: Mask


@dataclass(frozen=True)
class Costable:
    """Which rows of a chunk have a result to cost, and why the others cannot be costed."""

    eligible: Mask  # a checked result (pass, fail, due): pay and hours to cost
    zone_unknown: Mask  # in scope, but no target rate: the workplace's zone is unknown
    unchecked: Mask  # in scope, but the row could not be checked


def rise_rows(
    basis: PayBasis,
    target_pence: Ints,
    pay: Ints,
    rows: Costable,
    weeks_per_year_milli: int,
    first_position: int,
) -> RiseRows:
    """Cost one chunk's rows at their position in the whole report (``first_position`` on)."""
    eligible = rows.eligible
    annual, costed = annual_cost_8(basis, target_pence, pay, eligible, weeks_per_year_milli)
    periods = period_rows(basis)
    post = np.ones(len(annual), dtype=bool)
    post[periods] = False
    below = post & (annual > 0)
    return RiseRows(
        posts=RiseCost(
            annual_8=exact_sum(annual[post]),
            rows_costed=int((costed & post).sum()),
            rows_below_target=int(below.sum()),
            without_weekly_hours=int((eligible & ~costed & post).sum()),
            zone_unknown=int((rows.zone_unknown & post).sum()),
            unchecked=int((rows.unchecked & post).sum()),
        ),
        below_positions=np.flatnonzero(below) + first_position,
        period_annual_8=annual[periods],
        period_costed=costed[periods],
        period_zone_unknown=rows.zone_unknown[periods],
        period_unchecked=rows.unchecked[periods],
    )


def latest_periods(positions: Ints, period_start_days: Ints, workers: "WorkerKeys") -> Mask:
    """Which of the period rows at ``positions`` start on their worker's latest period start."""
    if not len(positions):
        return np.zeros(0, dtype=bool)
    codes = workers.codes(positions)
    latest = pd.Series(period_start_days).groupby(codes).transform("max").to_numpy()
    return np.asarray(period_start_days == latest, dtype=bool)


def total(
    parts: Sequence[RiseRows],
    period_positions: Ints,
    latest: Mask,
    workers: "WorkerKeys | None" = None,
) -> RiseCost:
    """The chunks' costs, each worker's period rows narrowed to ``latest``; with ``workers``,
    the workers below the target are counted too, each once."""
    posts = sum((part.posts for part in parts), RiseCost())
    annual = np.concatenate([part.period_annual_8 for part in parts])[latest]
    costed = np.concatenate([part.period_costed for part in parts])[latest]
    zone_unknown = np.concatenate([part.period_zone_unknown for part in parts])[latest]
    unchecked = np.concatenate([part.period_unchecked for part in parts])[latest]
    below = np.concatenate(
        [*(part.below_positions for part in parts), period_positions[latest][annual > 0]]
    )
    below_workers = workers.distinct(below) if workers else 0
    return posts + RiseCost(
        annual_8=exact_sum(annual),
        rows_costed=int(costed.sum()),
        rows_below_target=int((annual > 0).sum()),
        zone_unknown=int(zone_unknown.sum()),
        unchecked=int(unchecked.sum()),
        earlier_periods=int((~latest).sum()),
        workers_below_target=below_workers,
    )


class WorkerKeys:
    """A worker is (employer, worker_id); a missing employer is one blank employer, so an
    organisation's monthly files count each worker once (``shared_ids_warning`` says when files
    without an employer may be different suppliers' instead). A row with no worker id is a
    worker of its own (it cannot be matched to any other)."""

    def __init__(self, employer: pd.Series, worker_id: pd.Series) -> None:
        self._employer = pa.array(employer.array)
        self._worker_id = pa.array(worker_id.array)

    def codes(self, positions: Ints) -> Ints:
        """One integer per worker for the rows at ``positions``."""
        if not len(positions):
            return np.zeros(0, dtype=np.int64)
        at = pa.array(positions)
        # "\0" cannot start an employer's name, so a file never reads as an employer
        employer = _dictionary_codes(self._employer.take(at).fill_null(""))
        worker = _dictionary_codes(self._worker_id.take(at))
        alone = worker < 0
        worker = np.where(alone, worker.max(initial=0) + 1 + np.arange(len(worker)), worker)
        return np.asarray(employer * (int(worker.max()) + 1) + worker, dtype=np.int64)

    def distinct(self, positions: Ints) -> int:
        """How many workers the rows at ``positions`` belong to."""
        codes = self.codes(positions)
        if len(codes) and int(codes.max()) < 4 * len(codes) + (1 << 16):  # dense: no sort
            return int(np.count_nonzero(np.bincount(codes)))
        return len(np.unique(codes))


def _dictionary_codes(values: pa.Array | pa.ChunkedArray) -> Ints:
    """Codes for equal values (-1 for null): Arrow's hashing, far cheaper than Python objects."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    indices = pc.dictionary_encode(values).indices
    return np.asarray(pc.fill_null(indices, -1).to_numpy(), dtype=np.int64)
