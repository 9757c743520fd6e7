"""Check payroll files against the statutory minimum and the Real Living Wage, every row at once.

``check_files`` reads the files (``payrecords``), prices every row (``paybasis``), applies the two
rules (``statutory``, ``livingwage``), costs the coming rise (``risecost``) and returns a
``CheckReport``: one result row per input row, every problem as a value, and a JSON-ready summary
whose counts add up to the rows read, in total, per file, per employer and per department.
Bad data never raises; only a file that cannot be read at all does (``InputError``).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rlwcheck import dates
from rlwcheck.errors import UsageError
from rlwcheck.livingwage import STATUSES as RLW_STATUSES
from rlwcheck.livingwage import LivingWageResult, check_living_wage, status_with_hours
from rlwcheck.money import to_pence
from rlwcheck.paybasis import SALARY, PayBasis, build_pay_basis
from rlwcheck.payrecords import PayFile, ReadOptions, read_pay_files
from rlwcheck.rates import ZONES as RLW_ZONES
from rlwcheck.rates import LivingWageRate, RateBook, Zone
from rlwcheck.ratetables import NO_RATE, LivingWageTable, StatutoryTable, from_day_number
from rlwcheck.risecost import METHOD as RISE_METHOD
from rlwcheck.risecost import RiseCost, rise_cost
from rlwcheck.rowproblems import RuleProblems, merge_problems
from rlwcheck.statutory import STATUSES as NMW_STATUSES
from rlwcheck.statutory import StatutoryResult, check_statutory, next_rise_rate
from rlwcheck.vectors import Ints, Mask, exact_sum

DEFAULT_WEEKS_PER_YEAR = Decimal("52.143")
HOURLY_PAY_NOTE = (
    "hourly pay is shown rounded down and shortfalls rounded up to the penny; "
    "pass or fail is decided on exact figures"
)
CHUNK_ROWS = 1_000_000
NMW_FAILING = ("fail", "invalid")
RLW_FAILING = ("fail", "due", "undetermined")


@dataclass(frozen=True)
class CheckSettings:
    on: dt.date | None = None  # date for rows without a pay period (None = today)
    today: dt.date | None = None  # "now", for arrears at today's rates (None = dates.today())
    weeks_per_year: Decimal = DEFAULT_WEEKS_PER_YEAR
    rlw_includes_apprentices: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)

    def resolved_today(self) -> dt.date:
        return self.today or dates.today()

    def checked_on(self) -> dt.date:
        return self.on or self.resolved_today()

    def weeks_per_year_milli(self) -> int:
        """Weeks per year in thousandths; refused unless 1 to 53 with at most 3 decimals."""
        milli = self.weeks_per_year * 1000
        if milli != milli.to_integral_value() or not 1000 <= milli <= 53000:
            raise UsageError(
                f"weeks per year {self.weeks_per_year} must be between 1 and 53 with at most "
                "3 decimal places, e.g. 52.143 (NHS) or 52 (Living Wage Foundation)"
            )
        return int(milli)

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.checked_on().isoformat(),
            "today": self.resolved_today().isoformat(),
            "weeks_per_year": str(self.weeks_per_year),
            "rlw_includes_apprentices": self.rlw_includes_apprentices,
        }


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
    settings.weeks_per_year_milli()  # refuse a bad setting before reading millions of rows
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
    rows: pd.DataFrame
    problems: pd.DataFrame
    periods: Ints
    spans: dict[Zone, Ints]
    rlw_rise: RiseCost
    nmw_rise: RiseCost
    rlw_flips: int


def check_records(
    frame: pd.DataFrame,
    read_problems: pd.DataFrame,
    files: list[PayFile],
    book: RateBook,
    settings: CheckSettings = CheckSettings(),
) -> CheckReport:
    """Check rows already read (the ``payrecords`` frame contract); the heart of ``check_files``.

    Rows are checked in chunks: each row's result depends on that row alone, and chunks keep the
    working arrays small, so 10 million rows need a fraction of the memory and no more time.
    """
    checked_on = settings.checked_on()
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
    parts = [
        _check_chunk(frame.iloc[start : start + CHUNK_ROWS], context)
        for start in range(0, max(len(frame), 1), CHUNK_ROWS)
    ]
    rows = pd.concat([part.rows for part in parts], ignore_index=True)
    found = _as_file_headers(pd.concat([part.problems for part in parts]), files)
    problems = merge_problems(read_problems, found)
    periods = np.unique(np.concatenate([part.periods for part in parts]))
    rates = context.statutory.provenance(periods) + [
        entry
        for zone in RLW_ZONES
        for entry in context.living[zone].provenance(
            np.unique(np.concatenate([part.spans[zone] for part in parts]))
        )
    ]
    summary = _summary(rows, problems, files, settings)
    warning = book.staleness_warning(checked_on)
    summary["warnings"] = [warning] if warning else []
    summary["rise_cost"] = _rise_summary(parts, context)
    summary["method"]["other_weeks_per_year"] = str(_other_weeks(settings.weeks_per_year))
    summary["method"]["rlw_results_that_flip"] = sum(part.rlw_flips for part in parts)
    return CheckReport(summary, rows, problems, list(files), settings, rates)


def _as_file_headers(problems: pd.DataFrame, files: list[PayFile]) -> pd.DataFrame:
    """Name each problem's column as the file does ("Hourly Pay Rate", not hourly_rate).

    Users fix the file, so they need its own headers; the reader's problems already use them,
    which also lets ``merge_problems`` see when both found the same cell.
    """
    for pay_file in files:
        headers = pay_file.mapping.fields
        mine = (problems["file"] == str(pay_file.path)).to_numpy()
        if headers and mine.any():
            problems.loc[mine, "column"] = problems.loc[mine, "column"].map(
                lambda field, headers=headers: headers.get(field, field)
            )
    return problems


def _check_chunk(frame: pd.DataFrame, context: _Context) -> _Part:
    found = RuleProblems(frame)
    basis = build_pay_basis(frame, context.checked_on, context.weeks_milli, found)
    nmw = check_statutory(basis, context.statutory, context.today, found)
    rlw = check_living_wage(basis, context.living, context.settings.rlw_includes_apprentices, found)
    target = np.full(len(rlw.zone), NO_RATE, dtype=np.int64)
    for index, zone in enumerate(RLW_ZONES):
        if zone in context.rise_targets:
            target[rlw.zone == index] = to_pence(context.rise_targets[zone].rate)
    rlw_costed = np.isin(rlw.status, [RLW_STATUSES.index(s) for s in ("pass", "fail", "due")])
    _, next_rates = next_rise_rate(context.statutory, basis, context.checked_on)
    nmw_costed = np.isin(nmw.status, [NMW_STATUSES.index(s) for s in ("pass", "fail")])
    return _Part(
        rows=_result_rows(frame, nmw, rlw, context.statutory),
        problems=found.frame(),
        periods=_used(nmw.rate.period),
        spans={zone: _used(rlw.span[zone]) for zone in RLW_ZONES},
        rlw_rise=rise_cost(basis, target, rlw.pay, rlw_costed, context.weeks_milli),
        nmw_rise=rise_cost(basis, next_rates, nmw.pay, nmw_costed, context.weeks_milli),
        rlw_flips=_flips_at_other_weeks(basis, rlw, context),
    )


def _other_weeks(weeks_per_year: Decimal) -> Decimal:
    """The other common annualising method: the LWF's 52 weeks, or the NHS's 52.143."""
    return Decimal("52.143") if weeks_per_year == Decimal("52") else Decimal("52")


def _flips_at_other_weeks(basis: PayBasis, rlw: LivingWageResult, context: _Context) -> int:
    """Salaried rows whose Real Living Wage result would differ under the other weeks-per-year.

    £26,227.50 for 37.5 hours passes £13.45 at 52 weeks and fails at 52.143 (DOMAIN.md §4):
    the report says how many results hang on the method.
    """
    checked = np.isin(rlw.status, [RLW_STATUSES.index(s) for s in ("pass", "fail", "due")])
    rows = np.flatnonzero((basis.shape == SALARY) & checked)
    other = status_with_hours(rlw, rows, basis.weekly_hours[rows] * context.other_weeks_milli)
    return int((other != rlw.status[rows]).sum())


def _pence(values: Ints, present: Mask) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(values.astype(np.int64), ~present)


def _used(indices: Ints) -> Ints:
    """The distinct table indices in use (-1 = none): a bincount, cheaper than sorting millions."""
    return np.flatnonzero(np.bincount(indices + 1)) - 1


def _result_rows(
    frame: pd.DataFrame, nmw: StatutoryResult, rlw: LivingWageResult, table: StatutoryTable
) -> pd.DataFrame:
    """One row per input row, in input order; amounts in pence (Int64), NA where not applicable."""
    nmw_checked = np.isin(nmw.status, [NMW_STATUSES.index("pass"), NMW_STATUSES.index("fail")])
    nmw_fail = nmw.status == NMW_STATUSES.index("fail")
    rlw_checked = rlw.rate_pence != NO_RATE
    rlw_below = np.isin(rlw.status, [RLW_STATUSES.index("fail"), RLW_STATUSES.index("due")])
    return pd.DataFrame(
        {
            "file": frame["file"],
            "row": frame["row"].astype(np.int64),
            "worker_id": frame["worker_id"],
            "name": frame["name"],
            "employer": frame["employer"],
            "department": frame["department"],
            "nmw_status": pd.Categorical.from_codes(nmw.status, categories=pd.Index(NMW_STATUSES)),
            "nmw_band": pd.Categorical.from_codes(
                np.where(nmw_checked, nmw.rate.band, -1), categories=pd.Index(table.band_names)
            ),
            "nmw_rate": _pence(nmw.rate.pence, nmw_checked),
            "nmw_hourly_pay": _pence(nmw.hourly_pence, nmw_checked),
            "nmw_shortfall_per_hour": _pence(nmw.shortfall_pence, nmw_fail),
            "nmw_underpayment": _pence(nmw.underpayment_pence, nmw.underpayment_pence > 0),
            "nmw_arrears": _pence(nmw.arrears_pence, nmw.underpayment_pence > 0),
            "rlw_status": pd.Categorical.from_codes(rlw.status, categories=pd.Index(RLW_STATUSES)),
            "rlw_zone": pd.Categorical.from_codes(rlw.zone, categories=pd.Index(RLW_ZONES)),
            "rlw_rate": _pence(rlw.rate_pence, rlw_checked),
            "rlw_due_by": _iso_dates(rlw.due_by_days),
            "rlw_hourly_pay": _pence(rlw.hourly_pence, rlw_checked),
            "rlw_shortfall_per_hour": _pence(rlw.shortfall_pence, rlw_below),
        }
    )


def _iso_dates(days: Ints) -> "pd.Categorical[str]":
    """Day numbers as ISO date text (few distinct values: a categorical, not millions of strings)."""
    codes, uniques = pd.factorize(np.where(days == NO_RATE, -1, days), use_na_sentinel=False)
    labels = [from_day_number(int(d)).isoformat() if d != -1 else "" for d in uniques]
    categorical = pd.Categorical.from_codes(codes, categories=pd.Index(labels))
    return categorical.remove_categories([""]) if "" in labels else categorical


def _status_counts(statuses: pd.Series, names: Sequence[str]) -> dict[str, int]:
    counts = statuses.value_counts()
    return {name: int(counts.get(name, 0)) for name in names}


def _grouped_counts(rows: pd.DataFrame, keys: list[str]) -> list[dict[str, Any]]:
    """Rows and status counts for each combination of ``keys`` (missing values grouped as null).

    Keys are factorised and counted with bincount: a groupby per rule cost more than the rules.
    """
    combined = np.zeros(len(rows), dtype=np.int64)
    labels: list[list[str | None]] = []
    for column in keys:
        codes, uniques = pd.factorize(rows[column], use_na_sentinel=True)
        labels.append([None, *(str(value) for value in uniques)])
        combined = combined * len(labels[-1]) + codes + 1
    group, combos = pd.factorize(combined)
    nmw = np.bincount(
        group * len(NMW_STATUSES) + rows["nmw_status"].cat.codes.to_numpy(),
        minlength=len(combos) * len(NMW_STATUSES),
    ).reshape(-1, len(NMW_STATUSES))
    rlw = np.bincount(
        group * len(RLW_STATUSES) + rows["rlw_status"].cat.codes.to_numpy(),
        minlength=len(combos) * len(RLW_STATUSES),
    ).reshape(-1, len(RLW_STATUSES))
    entries = []
    for index, combo in enumerate(combos):
        remaining = int(combo)
        values: list[str | None] = []
        for key_labels in reversed(labels):
            remaining, code = divmod(remaining, len(key_labels))
            values.insert(0, key_labels[code])
        entries.append(
            {
                **dict(zip(keys, values, strict=True)),
                "rows": int(nmw[index].sum()),
                "nmw": {name: int(n) for name, n in zip(NMW_STATUSES, nmw[index], strict=True)},
                "rlw": {name: int(n) for name, n in zip(RLW_STATUSES, rlw[index], strict=True)},
            }
        )
    return sorted(entries, key=lambda e: tuple((e[k] is None, e[k] or "") for k in keys))


def _summary(
    rows: pd.DataFrame,
    problems: pd.DataFrame,
    files: list[PayFile],
    settings: CheckSettings,
) -> dict[str, Any]:
    nmw_counts = _status_counts(rows["nmw_status"], NMW_STATUSES)
    rlw_counts = _status_counts(rows["rlw_status"], RLW_STATUSES)
    per_file = {entry["file"]: entry for entry in _grouped_counts(rows, ["file"])}
    needs_action = any(nmw_counts[s] for s in NMW_FAILING) or any(
        rlw_counts[s] for s in RLW_FAILING
    )
    return {
        "checked_on": settings.checked_on().isoformat(),
        "today": settings.resolved_today().isoformat(),
        "rows_read": len(rows),
        "nmw": nmw_counts,
        "rlw": rlw_counts,
        "underpayment": _pounds(_pence_total(rows["nmw_underpayment"])),
        "arrears": _pounds(_pence_total(rows["nmw_arrears"])),
        "problems": {
            str(k): int(v) for k, v in problems["code"].value_counts().sort_index().items()
        },
        "files": [
            {
                "file": pay_file.path.name,
                "sha256": pay_file.sha256,
                **_file_counts(per_file.get(str(pay_file.path), per_file.get(pay_file.path.name))),
            }
            for pay_file in files
        ],
        "by_employer": _grouped_counts(rows, ["employer"]),
        "by_department": _grouped_counts(rows, ["employer", "department"]),
        "settings": settings.as_dict(),
        "method": {"weeks_per_year": str(settings.weeks_per_year), "hourly_pay": HOURLY_PAY_NOTE},
        "exit_code": 1 if needs_action else 0,
    }


def _pence_total(column: pd.Series) -> int:
    return exact_sum(column.fillna(0).to_numpy(np.int64))


def _file_counts(entry: dict[str, Any] | None) -> dict[str, Any]:
    if entry is None:
        return {
            "rows": 0,
            "nmw": dict.fromkeys(NMW_STATUSES, 0),
            "rlw": dict.fromkeys(RLW_STATUSES, 0),
        }
    return {"rows": entry["rows"], "nmw": entry["nmw"], "rlw": entry["rlw"]}


def _rise_summary(parts: list[_Part], context: _Context) -> dict[str, Any]:
    """The annual cost of bringing everyone to the newest announced RLW and the next statutory rate."""
    living = sum((part.rlw_rise for part in parts), RiseCost())
    statutory = sum((part.nmw_rise for part in parts), RiseCost())
    next_start = context.statutory.next_start_after(context.checked_on)
    return {
        "annual": _pounds(living.annual_pence),
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
        "statutory": {
            "effective_from": next_start.isoformat() if next_start else None,
            "annual": _pounds(statutory.annual_pence) if next_start else None,
            "rows_below_target": statutory.rows_below_target,
        },
        "weeks_per_year": str(context.settings.weeks_per_year),
        "method": RISE_METHOD,
    }


def _pounds(pence: int) -> str:
    """Pence as '1234.56' (the JSON contract: strings, two decimals, no symbol or separators)."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{sign}{whole}.{part:02d}"
