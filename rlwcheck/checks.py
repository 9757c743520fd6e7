"""Check payroll files against the statutory minimum and the Real Living Wage, every row at once.

``check_files`` reads the files (``payrecords``), prices every row (``paybasis``), applies the two
rules (``statutory``, ``livingwage``), costs the coming rise (``risecost``) and returns a
``CheckReport``: one result row per input row, every problem as a value, and a JSON-ready summary
whose counts add up to the rows read, in total, per file, per employer and per department.
Bad data never raises; only a file that cannot be read at all does (``InputError``).
"""

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from rlwcheck import dates
from rlwcheck.columns import (
    AMOUNT_FIELDS,
    COUNT_FIELDS,
    DATE_FIELDS,
    PAY_SHAPES,
    SALARY_BASES,
    TEXT_FIELDS,
)
from rlwcheck.errors import UsageError
from rlwcheck.livingwage import DUE as RLW_DUE
from rlwcheck.livingwage import FAIL as RLW_FAIL
from rlwcheck.livingwage import STATUSES as RLW_STATUSES
from rlwcheck.livingwage import UNDETERMINED as RLW_UNDETERMINED
from rlwcheck.livingwage import LivingWageResult, check_living_wage, status_with_hours
from rlwcheck.money import pence_text, to_pence
from rlwcheck.paybasis import COMPARE_SCALE, PAY_COLUMN, PERIOD, SALARY, PayBasis, build_pay_basis
from rlwcheck.payrecords import PayFile, ReadOptions, read_pay_files
from rlwcheck.rates import ZONES as RLW_ZONES
from rlwcheck.rates import LivingWageRate, RateBook, Zone
from rlwcheck.ratetables import (
    NO_RATE,
    LivingWageTable,
    StatutoryTable,
    day_number,
    from_day_number,
)
from rlwcheck.risecost import METHOD as RISE_METHOD
from rlwcheck.risecost import (
    Costable,
    RiseRows,
    WorkerKeys,
    latest_periods,
    period_rows,
    rise_rows,
    total,
)
from rlwcheck.rowproblems import RuleProblems, merge_problems
from rlwcheck.statuscounts import Counts, entries, file_counts, group_counts, merged
from rlwcheck.statutory import FAIL as NMW_FAIL
from rlwcheck.statutory import INVALID as NMW_INVALID
from rlwcheck.statutory import PASS as NMW_PASS
from rlwcheck.statutory import STATUSES as NMW_STATUSES
from rlwcheck.statutory import StatutoryResult, check_statutory, next_rise_rate
from rlwcheck.vectors import Ints, Mask, exact_sum

DEFAULT_WEEKS_PER_YEAR = Decimal("52.143")
HOURLY_PAY_NOTE = (
    "hourly pay is shown rounded down and shortfalls rounded up to the penny; "
    "pass or fail is decided on exact figures"
)
CHUNK_ROWS = 250_000  # per thread: a few MB per working array, near the size of a core's cache
_WORKERS = min(4, os.cpu_count() or 1)
NMW_FAILING = ("fail", "invalid")
RLW_FAILING = ("fail", "due", "undetermined")


@dataclass(frozen=True)
class CheckSettings:
    on: dt.date | None = None  # date for rows without a pay period (None = today)
    today: dt.date | None = None  # "now", for arrears at today's rates (None = dates.today())
    weeks_per_year: Decimal = DEFAULT_WEEKS_PER_YEAR
    rlw_includes_apprentices: bool = False
    salary_basis: str | None = None  # a plain salary beside an FTE: ACTUAL, FULL_TIME or not said
    read: ReadOptions = field(default_factory=ReadOptions)

    def resolved_today(self) -> dt.date:
        return self.today or dates.today()

    def checked_on(self) -> dt.date:
        return self.on or self.resolved_today()

    def weeks_per_year_milli(self) -> int:
        """Weeks per year in thousandths; refused unless 1 to 53 with at most 3 decimals."""
        try:  # a library caller may pass 52 or "52.143"
            weeks = Decimal(str(self.weeks_per_year))
        except InvalidOperation:
            weeks = Decimal("NaN")
        milli = weeks * 1000 if weeks.is_finite() else Decimal(0)  # NaN and sNaN: refused below
        if milli != milli.to_integral_value() or not 1000 <= milli <= 53000:
            raise UsageError(
                f"weeks per year {self.weeks_per_year} must be between 1 and 53 with at most "
                "3 decimal places, e.g. 52.143 (NHS) or 52 (Living Wage Foundation)"
            )
        return int(milli)

    def checked_salary_basis(self) -> str | None:
        if self.salary_basis not in (None, *SALARY_BASES):
            raise UsageError(
                f"salary basis {self.salary_basis!r} must be one of {', '.join(SALARY_BASES)}"
            )
        return self.salary_basis

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.checked_on().isoformat(),
            "today": self.resolved_today().isoformat(),
            "weeks_per_year": str(self.weeks_per_year),
            "rlw_includes_apprentices": self.rlw_includes_apprentices,
            "salary_basis": self.salary_basis,
            # London decisions and column meanings come from these: the record must name them.
            "sites_file": _file_identity(self.read.sites_file),
            "mapping_file": _file_identity(self.read.mapping_file),
        }


def _file_identity(path: Path | None) -> dict[str, str] | None:
    """A settings file as typed and its SHA-256, so a run can be reproduced from its record."""
    if path is None:
        return None
    with path.open("rb") as stream:
        return {"path": str(path), "sha256": hashlib.file_digest(stream, "sha256").hexdigest()}


@dataclass
class CheckReport:
    summary: dict[str, Any]
    rows: pd.DataFrame
    problems: pd.DataFrame
    files: list[PayFile]
    settings: CheckSettings
    rates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every row passes or is not applicable; 1 when anything needs action."""
        return int(self.summary["exit_code"])


def check_files(
    paths: Sequence[Path], book: RateBook, settings: CheckSettings = CheckSettings()
) -> CheckReport:
    """Read and check payroll files. Raises InputError only when a file cannot be read at all."""
    settings.weeks_per_year_milli()  # refuse bad settings before reading millions of rows
    settings.checked_salary_basis()
    records = read_pay_files(paths, settings.read)
    return check_records(records.frame, records.problems, records.files, book, settings)


@dataclass(frozen=True)
class _Context:
    """What every chunk of a check shares: the settings resolved and the rates laid out."""

    settings: CheckSettings
    today: dt.date
    checked_on: dt.date
    weeks_milli: int
    other_weeks_milli: int
    statutory: StatutoryTable
    living: dict[Zone, LivingWageTable]
    rise_targets: dict[Zone, LivingWageRate]


@dataclass
class _Part:
    """What one chunk adds to the report besides its rows' results (written into ``_Results``)."""

    problems: pd.DataFrame
    periods: Ints
    spans: dict[Zone, Ints]
    period_positions: Ints  # pay-period rows, for costing each worker's latest period only
    period_starts: Ints
    rlw_rise: RiseRows
    nmw_rise: RiseRows
    rlw_flips: int
    nmw_flips: int
    underpayment: int
    failing_without_period: int  # statutory failures with no pay period: no underpayment figure
    arrears: int
    by_file: Counts
    by_department: Counts


# Result amounts, in pence; the reports format exactly these columns as money.
RESULT_AMOUNTS = (
    "nmw_rate",
    "nmw_hourly_pay",
    "nmw_shortfall_per_hour",
    "nmw_underpayment",
    "nmw_arrears",
    "rlw_rate",
    "rlw_hourly_pay",
    "rlw_shortfall_per_hour",
)


class _Results:
    """Every row's result columns, allocated once and filled chunk by chunk, each its own slice.

    Chunks write straight into these arrays, so no per-chunk frame is built and then copied
    again by a concatenation: at 10 million rows that copying cost more than the rules.
    """

    def __init__(self, rows: int, due_dates: Ints) -> None:
        self.due_dates = due_dates  # the day numbers a row may be due by, ascending
        self.nmw_status = np.zeros(rows, dtype=np.int8)
        self.nmw_band = np.zeros(rows, dtype=np.int8)
        self.rlw_status = np.zeros(rows, dtype=np.int8)
        self.rlw_zone = np.zeros(rows, dtype=np.int8)
        self.due_by = np.zeros(rows, dtype=np.int16)  # index into due_dates, -1 for none
        self.due_used = np.zeros(len(due_dates), dtype=bool)
        self.pence = {name: np.zeros(rows, dtype=np.int64) for name in RESULT_AMOUNTS}
        self.missing = {name: np.zeros(rows, dtype=bool) for name in RESULT_AMOUNTS}

    def fill(self, at: slice, nmw: StatutoryResult, rlw: LivingWageResult) -> None:
        """Amounts in pence; missing where not applicable (as each column's docs say)."""
        nmw_checked = (nmw.status == NMW_PASS) | (nmw.status == NMW_FAIL)
        nmw_fail = nmw.status == NMW_FAIL
        rlw_checked = rlw.rate_pence != NO_RATE
        rlw_below = (rlw.status == RLW_FAIL) | (rlw.status == RLW_DUE)
        owed = nmw.underpayment_pence > 0
        self.nmw_status[at] = nmw.status
        self.nmw_band[at] = np.where(nmw_checked, nmw.rate.band, -1)
        self.rlw_status[at] = rlw.status
        self.rlw_zone[at] = rlw.zone
        due = rlw.due_by_days != NO_RATE
        if due.any():
            codes = np.where(due, np.searchsorted(self.due_dates, rlw.due_by_days), -1)
            self.due_used[np.unique(codes[due])] = True  # chunks may set it at once: all True
            self.due_by[at] = codes
        else:
            self.due_by[at] = -1
        for name, values, present in (
            ("nmw_rate", nmw.rate.pence, nmw_checked),
            ("nmw_hourly_pay", nmw.hourly_pence, nmw_checked),
            ("nmw_shortfall_per_hour", nmw.shortfall_pence, nmw_fail),
            ("nmw_underpayment", nmw.underpayment_pence, owed),
            ("nmw_arrears", nmw.arrears_pence, owed),
            ("rlw_rate", rlw.rate_pence, rlw_checked),
            ("rlw_hourly_pay", rlw.hourly_pence, rlw_checked),
            ("rlw_shortfall_per_hour", rlw.shortfall_pence, rlw_below),
        ):
            self.pence[name][at] = values
            np.logical_not(present, out=self.missing[name][at])

    def frame(self, frame: pd.DataFrame, table: StatutoryTable) -> pd.DataFrame:
        """One row per input row, in input order; amounts in pence (Int64), NA where not applicable."""
        return pd.DataFrame(
            {
                "file": frame["file"],
                "row": frame["row"].astype(np.int64),
                "worker_id": frame["worker_id"],
                "name": frame["name"],
                "employer": frame["employer"],
                "department": frame["department"],
                "nmw_status": _categorical(self.nmw_status, NMW_STATUSES),
                "nmw_band": _categorical(self.nmw_band, table.band_names),
                **{name: self._amount(name) for name in RESULT_AMOUNTS[:5]},
                "rlw_status": _categorical(self.rlw_status, RLW_STATUSES),
                "rlw_zone": _categorical(self.rlw_zone, RLW_ZONES),
                "rlw_rate": self._amount("rlw_rate"),
                "rlw_due_by": _iso_dates(self.due_by, self.due_dates, self.due_used),
                "rlw_hourly_pay": self._amount("rlw_hourly_pay"),
                "rlw_shortfall_per_hour": self._amount("rlw_shortfall_per_hour"),
            },
            copy=False,
        )

    def _amount(self, name: str) -> pd.arrays.IntegerArray:
        return pd.arrays.IntegerArray(self.pence[name], self.missing[name])


def _categorical(codes: npt.NDArray[np.int8], labels: Sequence[str]) -> "pd.Categorical[str]":
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(labels)))


def check_records(
    frame: pd.DataFrame,
    read_problems: pd.DataFrame,
    files: list[PayFile],
    book: RateBook,
    settings: CheckSettings = CheckSettings(),
) -> CheckReport:
    """Check rows already read (the ``payrecords`` frame contract); the heart of ``check_files``.

    Rows are checked in chunks: each row's result depends on that row alone, and chunks keep the
    working arrays small (cache-sized), so 10 million rows need a fraction of the memory and no
    more time. Chunks run on a thread per core: numpy and pyarrow release the GIL for their work.
    """
    checked_on = settings.checked_on()
    settings.checked_salary_basis()
    newest = {zone: book.living_wage(checked_on, zone).newest for zone in RLW_ZONES}
    context = _Context(
        settings=settings,
        today=settings.resolved_today(),
        checked_on=checked_on,
        weeks_milli=settings.weeks_per_year_milli(),
        other_weeks_milli=int(_other_weeks(settings.weeks_per_year) * 1000),
        statutory=StatutoryTable.from_book(book),
        living={zone: LivingWageTable.from_book(book, zone) for zone in RLW_ZONES},
        rise_targets={zone: rate for zone, rate in newest.items() if rate is not None},
    )
    frame = frame.reset_index(drop=True)
    due_dates = np.unique(
        np.concatenate([context.living[zone].newest_due_days for zone in RLW_ZONES])
    )
    results = _Results(len(frame), due_dates[due_dates != NO_RATE])
    starts = range(0, max(len(frame), 1), CHUNK_ROWS)
    chunks = [frame.iloc[start : start + CHUNK_ROWS] for start in starts]  # views, made here

    copies = _copies(frame)

    def check_chunk(start: int, chunk: pd.DataFrame) -> _Part:
        at = slice(start, start + len(chunk))
        return _check_chunk(at, chunk, context, results, copies[at])

    if len(chunks) == 1:
        parts = [check_chunk(0, chunks[0])]
    else:
        with ThreadPoolExecutor(min(len(chunks), _WORKERS)) as pool:
            parts = list(pool.map(check_chunk, starts, chunks))
    rows = results.frame(frame, context.statutory)
    found = _as_file_headers(pd.concat([part.problems for part in parts]), files)
    problems = merge_problems(read_problems, found)
    periods = np.concatenate([part.periods for part in parts])
    if any(part.arrears for part in parts):  # arrears were revalued at today's rates
        periods = np.append(
            periods, context.statutory.period_of(np.array([day_number(context.today)]))
        )
    rates = context.statutory.provenance(periods) + [
        entry
        for zone in RLW_ZONES
        for entry in context.living[zone].provenance(
            np.unique(np.concatenate([part.spans[zone] for part in parts]))
        )
    ]
    summary = _summary(results, parts, problems, files, settings)
    # Rows dated after the book's newest statutory period (by --on or their own pay period) are
    # invalid, and arrears are revalued at today's rates: the missing period is said once.
    latest = max(checked_on, context.today)
    newest_start = frame["period_start"].max()  # NaT when no row has a pay period
    if not pd.isna(newest_start):
        latest = max(latest, pd.Timestamp(newest_start).date())
    warnings = (
        book.staleness_warning(checked_on),
        book.statutory_gap_warning(latest),
        _shared_ids_warning(frame),
    )
    summary["warnings"] = [warning for warning in warnings if warning]
    summary["rise_cost"] = _rise_summary(
        parts, context, WorkerKeys(frame["employer"], frame["worker_id"])
    )
    summary["method"]["other_weeks_per_year"] = str(_other_weeks(settings.weeks_per_year))
    summary["method"]["rlw_results_that_flip"] = sum(part.rlw_flips for part in parts)
    summary["method"]["nmw_results_that_flip"] = sum(part.nmw_flips for part in parts)
    return CheckReport(summary, rows, problems, list(files), settings, rates)


def _shared_ids_warning(frame: pd.DataFrame) -> str | None:
    """Worker ids found in several files that name no employer are taken as the same workers (an
    organisation's monthly files); if the files are different suppliers' returns, they are not,
    and the counts of workers and the rise cost would merge them: said, never guessed."""
    unnamed = frame.loc[
        frame["employer"].isna() & frame["worker_id"].notna(), ["file", "worker_id"]
    ]
    if unnamed["file"].nunique() < 2:
        return None
    shared = int((unnamed.drop_duplicates()["worker_id"].value_counts() > 1).sum())
    if not shared:
        return None
    return (
        f"{shared} worker id{'s appear' if shared != 1 else ' appears'} in more than one file that names "
        "no employer: they are counted as the same workers (one organisation's files); if the "
        "files are different suppliers' returns, add an employer column or check them one at a time"
    )


def _as_file_headers(problems: pd.DataFrame, files: list[PayFile]) -> pd.DataFrame:
    """Name each problem's column as the file does ("Hourly Pay Rate", not hourly_rate).

    Users fix the file, so they need its own headers; the reader's problems already use them,
    which also lets ``merge_problems`` see when both found the same cell: a pay cell the reader
    could not read is then not reported again as missing pay.
    """
    for pay_file in files:
        mapping = pay_file.mapping
        lead_field = PAY_SHAPES[mapping.pay_shape][0]
        headers = {**mapping.fields, PAY_COLUMN: mapping.fields[lead_field]}
        mine = (problems["file"] == str(pay_file.path)).to_numpy()
        if mine.any():
            codes, fields = pd.factorize(problems.loc[mine, "column"], use_na_sentinel=False)
            named = np.array([headers.get(field, field) for field in fields], dtype=object)
            problems.loc[mine, "column"] = named[codes]
    return problems


def _copies(frame: pd.DataFrame) -> Mask:
    """Rows equal to an earlier row in every field: copies, counted once.

    A file joined to itself, or one month's export given again, would otherwise count each
    underpaid period twice in the underpayment, the arrears and the rise cost. The first row is
    checked; the copies are flagged. A row that differs in any figure (another post, a corrected
    row) is checked in its own right. Pay-period rows are always compared; hourly and salary
    rows only in files that repeat their header row, the mark of files joined together, since a
    whole-file comparison of millions of rows would cost more than the rules.
    """
    joined = frame["file"][frame["repeated_header"].astype(bool)].unique()
    candidates = (frame["period_start"].notna() | frame["file"].isin(joined)) & ~frame[
        "repeated_header"
    ].astype(bool)
    wanted = candidates.to_numpy(dtype=bool)
    copies = np.zeros(len(frame), dtype=bool)
    if wanted.any():
        copies[wanted] = frame.loc[wanted, list(_ROW_IDENTITY)].duplicated(keep="first").to_numpy()
    return copies


# Every field a row gives: a copy repeats all of them. Two posts of one worker that differ only
# in department or job are two posts, each counted.
_ROW_IDENTITY = (
    *TEXT_FIELDS,
    *DATE_FIELDS,
    *COUNT_FIELDS,
    "apprentice",
    "london",
    *AMOUNT_FIELDS,
)


def _set_aside_copies(
    copies: Mask, nmw: StatutoryResult, rlw: LivingWageResult, found: RuleProblems
) -> tuple[StatutoryResult, LivingWageResult]:
    """Copies of an earlier row: listed and flagged, never counted a second time."""
    found.add(
        copies,
        "duplicate-row",
        "worker_id",
        "an earlier row is the same in every field (worker, post, dates, pay, hours, "
        "deductions, allowances), so this one is not counted again: delete the copy",
    )
    nmw = replace(
        nmw,
        status=np.where(copies, NMW_INVALID, nmw.status),
        shortfall_pence=np.where(copies, 0, nmw.shortfall_pence),
        underpayment_pence=np.where(copies, 0, nmw.underpayment_pence),
        arrears_pence=np.where(copies, 0, nmw.arrears_pence),
    )
    rlw = replace(
        rlw,
        status=np.where(copies, RLW_UNDETERMINED, rlw.status),
        rate_pence=np.where(copies, NO_RATE, rlw.rate_pence),
        due_by_days=np.where(copies, NO_RATE, rlw.due_by_days),
        shortfall_pence=np.where(copies, 0, rlw.shortfall_pence),
    )
    return nmw, rlw


def _check_chunk(
    at: slice, frame: pd.DataFrame, context: _Context, results: _Results, copies: Mask
) -> _Part:
    found = RuleProblems(frame)
    basis = build_pay_basis(
        frame, context.checked_on, context.weeks_milli, found, context.settings.salary_basis
    )
    nmw = check_statutory(basis, context.statutory, context.today, found)
    rlw = check_living_wage(basis, context.living, context.settings.rlw_includes_apprentices, found)
    if copies.any():
        nmw, rlw = _set_aside_copies(copies, nmw, rlw, found)
    results.fill(at, nmw, rlw)
    target = np.full(len(rlw.zone), NO_RATE, dtype=np.int64)
    for index, zone in enumerate(RLW_ZONES):
        if zone in context.rise_targets:
            target[rlw.zone == index] = to_pence(context.rise_targets[zone].rate)
    rlw_costed = rlw.status <= RLW_DUE  # pass, fail or due
    undetermined = (rlw.status == RLW_UNDETERMINED) & ~copies  # a copy is costed as its original
    zone_unknown = undetermined & (rlw.zone < 0) & basis.pay_ok
    _, next_rates = next_rise_rate(context.statutory, basis, context.checked_on)
    nmw_costed = nmw.status <= NMW_FAIL  # pass or fail
    owed = nmw.underpayment_pence > 0
    periods = period_rows(basis)
    costing = (context.weeks_milli, at.start)
    no_zone_needed = np.zeros(len(owed), dtype=bool)  # the statutory rate is the same everywhere
    return _Part(
        problems=found.frame(),
        periods=_used(nmw.rate.period),
        spans={zone: _used(rlw.span[zone]) for zone in RLW_ZONES},
        period_positions=periods + at.start,
        period_starts=basis.ref_days[periods],
        rlw_rise=rise_rows(
            basis,
            target,
            rlw.pay,
            Costable(rlw_costed, zone_unknown, undetermined & ~zone_unknown),
            *costing,
        ),
        nmw_rise=rise_rows(
            basis,
            next_rates,
            nmw.pay,
            Costable(nmw_costed, no_zone_needed, (nmw.status == NMW_INVALID) & ~copies),
            *costing,
        ),
        rlw_flips=_flips_at_other_weeks(basis, rlw, rlw_costed, context),
        nmw_flips=_statutory_flips_at_other_weeks(basis, nmw, context),
        underpayment=exact_sum(np.where(owed, nmw.underpayment_pence, 0)),
        failing_without_period=int(((nmw.status == NMW_FAIL) & (basis.shape != PERIOD)).sum()),
        arrears=exact_sum(np.where(owed, nmw.arrears_pence, 0)),
        by_file=group_counts(frame, ["file"], nmw.status, rlw.status),
        by_department=group_counts(frame, ["employer", "department"], nmw.status, rlw.status),
    )


def _other_weeks(weeks_per_year: Decimal) -> Decimal:
    """The other common annualising method: the LWF's 52 weeks, or the NHS's 52.143."""
    return Decimal("52.143") if weeks_per_year == Decimal("52") else Decimal("52")


def _flips_at_other_weeks(
    basis: PayBasis, rlw: LivingWageResult, checked: Mask, context: _Context
) -> int:
    """Salaried rows whose Real Living Wage result would differ under the other weeks-per-year.

    £26,227.50 for 37.5 hours passes £13.45 at 52 weeks and fails at 52.143 (DOMAIN.md §4):
    the report says how many results hang on the method.
    """
    rows = np.flatnonzero((basis.shape == SALARY) & checked)
    other = status_with_hours(rlw, rows, basis.weekly_hours[rows] * context.other_weeks_milli)
    return int((other != rlw.status[rows]).sum())


def _statutory_flips_at_other_weeks(
    basis: PayBasis, nmw: StatutoryResult, context: _Context
) -> int:
    """Salaried rows whose statutory result would differ under the other weeks-per-year.

    £24,852.65 for 37.5 hours fails the £12.71 NLW at 52.143 weeks and passes at 52.
    """
    rows = np.flatnonzero((basis.shape == SALARY) & (nmw.status <= NMW_FAIL))
    other_hours = basis.weekly_hours[rows] * context.other_weeks_milli
    passes = nmw.pay[rows] * COMPARE_SCALE >= nmw.rate.pence[rows] * other_hours
    return int((passes != (nmw.status[rows] == NMW_PASS)).sum())


def _used(indices: Ints) -> Ints:
    """The distinct table indices in use (-1 = none): a bincount, cheaper than sorting millions."""
    return np.flatnonzero(np.bincount(indices + 1)) - 1


def _iso_dates(codes: npt.NDArray[np.int16], dates: Ints, used: Mask) -> "pd.Categorical[str]":
    """Codes into ``dates`` (day numbers) as ISO date text, keeping only the dates ``used``."""
    if not used.all():  # renumber the codes; -1 (no date) stays -1 from the lookup's last slot
        lookup = np.append(np.cumsum(used, dtype=np.int16) - 1, np.int16(-1))
        codes = lookup[codes]
    labels = [from_day_number(int(day)).isoformat() for day in dates[used]]
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object))


def _summary(
    results: _Results,
    parts: list[_Part],
    problems: pd.DataFrame,
    files: list[PayFile],
    settings: CheckSettings,
) -> dict[str, Any]:
    by_file = merged([part.by_file for part in parts])
    nmw = sum((counts[0] for counts in by_file.values()), np.zeros(len(NMW_STATUSES), np.int64))
    rlw = sum((counts[1] for counts in by_file.values()), np.zeros(len(RLW_STATUSES), np.int64))
    nmw_counts = {name: int(n) for name, n in zip(NMW_STATUSES, nmw, strict=True)}
    rlw_counts = {name: int(n) for name, n in zip(RLW_STATUSES, rlw, strict=True)}
    per_file = {entry["file"]: entry for entry in entries(by_file, ["file"])}
    by_department = [part.by_department for part in parts]
    needs_action = any(nmw_counts[s] for s in NMW_FAILING) or any(
        rlw_counts[s] for s in RLW_FAILING
    )
    return {
        "checked_on": settings.checked_on().isoformat(),
        "today": settings.resolved_today().isoformat(),
        "rows_read": len(results.nmw_status),
        "nmw": nmw_counts,
        "rlw": rlw_counts,
        "underpayment": pence_text(sum(part.underpayment for part in parts)),
        "failing_rows_without_period": sum(part.failing_without_period for part in parts),
        "arrears": pence_text(sum(part.arrears for part in parts)),
        "problems": {
            str(k): int(v) for k, v in problems["code"].value_counts().sort_index().items()
        },
        "files": [
            {
                "file": str(pay_file.path),  # as each row names it
                "sha256": pay_file.sha256,
                **file_counts(per_file.get(str(pay_file.path))),
            }
            for pay_file in files
        ],
        "by_employer": entries(merged(by_department, width=1), ["employer"]),
        "by_department": entries(merged(by_department), ["employer", "department"]),
        "settings": settings.as_dict(),
        "method": {"weeks_per_year": str(settings.weeks_per_year), "hourly_pay": HOURLY_PAY_NOTE},
        "exit_code": 1 if needs_action else 0,
    }


def _rise_summary(parts: list[_Part], context: _Context, workers: WorkerKeys) -> dict[str, Any]:
    """The annual cost of bringing everyone to the newest announced RLW and the next statutory rate."""
    period_positions = np.concatenate([part.period_positions for part in parts])
    period_starts = np.concatenate([part.period_starts for part in parts])
    latest = latest_periods(period_positions, period_starts, workers)

    living = total([part.rlw_rise for part in parts], period_positions, latest, workers)
    statutory = total([part.nmw_rise for part in parts], period_positions, latest)
    next_start = context.statutory.next_start_after(context.checked_on)
    return {
        "annual": pence_text(living.annual_pence),
        "targets": {
            zone: {
                "rate": f"{rate.rate:.2f}",
                "rates_of": rate.rates_of,
                "due_by": rate.due_from.isoformat(),
            }
            for zone, rate in context.rise_targets.items()
        },
        "rows_costed": living.rows_costed,
        "rows_below_target": living.rows_below_target,
        "rows_not_costed": living.rows_not_costed,
        "not_costed": {
            "without_weekly_hours": living.without_weekly_hours,
            "zone_unknown": living.zone_unknown,
            "could_not_be_checked": living.unchecked,
        },
        "earlier_periods": living.earlier_periods,
        "workers_below_target": living.workers_below_target,
        "statutory": {
            "effective_from": next_start.isoformat() if next_start else None,
            "annual": pence_text(statutory.annual_pence) if next_start else None,
            "rows_below_target": statutory.rows_below_target,
            # no rate in the new period for their age (a period entered in part), no weekly
            # hours, or not checked: each makes the figure a lower bound, never said as complete
            "rows_not_costed": statutory.rows_not_costed if next_start else 0,
        },
        "weeks_per_year": str(context.settings.weeks_per_year),
        "method": RISE_METHOD,
    }
