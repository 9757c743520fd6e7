"""The rate book: every dated wage floor, and which one applied to a worker on a date.

Bundled history comes from the package's ``rates/`` CSV files (each row with its source);
rates entered by hand or fetched later come from the store and supersede bundled rows
with the same key. Statutory rates form *periods*: all bands starting on the same date.
A period is used whole: if a band is missing from the newest period, the answer says so
rather than falling back to an older rate (DOMAIN.md §10, pitfall 11).
"""

import csv
import datetime as dt
import importlib.resources
import io
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal, Protocol

import pendulum

from rlwcheck.dates import long_date
from rlwcheck.dates import today as london_today
from rlwcheck.money import from_pence, pounds

Zone = Literal["uk", "london"]
ZONES: tuple[Zone, ...] = ("uk", "london")
ZONE_LABELS: dict[Zone, str] = {"uk": "UK", "london": "London"}
APPRENTICE = "apprentice"
ACCOMMODATION = "accommodation_offset_daily"
APPRENTICE_RATE_MAX_AGE = 18  # the apprentice rate applies under 19 ...
APPRENTICE_RATE_MONTHS = 12  # ... or in the first 12 months of the apprenticeship
NMW_MIN_AGE = 16  # school-leaving age; below it the minimum wage does not apply
STALE_AFTER_DAYS = 365

SCHEMES = ("rlw_uk", "rlw_london", "nmw", "apprentice", "accommodation_offset")
BAND_LABELS = {
    "adult_22_plus": "22 and over (adult rate)",
    "adult_21_plus": "21 and over (adult rate)",
    "nlw_25_plus": "National Living Wage, 25 and over",
    "nlw_23_plus": "National Living Wage, 23 and over",
    "nlw_21_plus": "National Living Wage, 21 and over",
    "age_21_24": "21 to 24",
    "age_21_22": "21 to 22",
    "age_18_21": "18 to 21",
    "age_18_20": "18 to 20",
    "age_16_17": "16 to 17",
    APPRENTICE: "Apprentice",
    ACCOMMODATION: "Accommodation offset (per day)",
}


@dataclass(frozen=True)
class StatutoryRate:
    """One statutory figure for one period: an age band, the apprentice rate or the offset."""

    band: str
    age_min: int | None
    age_max: int | None
    rate: Decimal
    effective_from: dt.date
    effective_to: dt.date | None
    source_url: str
    origin: str = "bundled"

    @property
    def scheme(self) -> str:
        if self.band == APPRENTICE:
            return "apprentice"
        if self.band == ACCOMMODATION:
            return "accommodation_offset"
        return "nmw"

    @property
    def label(self) -> str:
        return BAND_LABELS.get(self.band, self.band)

    def covers_age(self, age: int) -> bool:
        if self.scheme != "nmw" or self.age_min is None:
            return False
        return self.age_min <= age and (self.age_max is None or age <= self.age_max)


@dataclass(frozen=True)
class LivingWageRate:
    """A Real Living Wage rate (UK or London) with its announcement and implement-by dates."""

    zone: Zone
    rates_of: int
    rate: Decimal
    announced_on: dt.date | None
    implement_by: dt.date | None
    source_url: str
    origin: str = "bundled"
    status: str = "confirmed"
    assumed_from: dt.date | None = None
    assumption: str = ""

    @property
    def scheme(self) -> str:
        return f"rlw_{self.zone}"

    @property
    def known_from(self) -> dt.date:
        """When the rate became known: its announcement, or the labelled assumption."""
        known = self.announced_on or self.assumed_from
        assert known is not None, "every rate has an announcement date or a labelled assumption"
        return known

    @property
    def due_from(self) -> dt.date:
        """The date from which accredited employers must pay it.

        Each year's published implement-by date, never derived. Before the 2016 rates no
        deadline was published; those rates are treated as due from their announcement.
        """
        return self.implement_by or self.known_from

    @property
    def treatment(self) -> str:
        """How rlwcheck treated missing dates for this rate, for printing beside it."""
        notes = [self.assumption] if self.assumption else []
        if self.implement_by is None:
            notes.append(
                f"no implement-by date was published for the {self.rates_of} rates: "
                f"treated as due from {long_date(self.known_from)}"
            )
        return "; ".join(notes)


@dataclass(frozen=True)
class StatutoryAnswer:
    """The statutory minimum for one worker on one date, or why there is none."""

    on: dt.date
    age: int
    applies: bool
    rate: StatutoryRate | None
    explanation: str


@dataclass(frozen=True)
class LivingWageAnswer:
    """What an accredited employer must pay on a date, and the newest announced rate."""

    on: dt.date
    zone: Zone
    must_pay: LivingWageRate | None
    newest: LivingWageRate | None

    @property
    def pending(self) -> LivingWageRate | None:
        """The announced rate not yet due (between announcement and implement-by), if any."""
        if self.newest is not None and self.newest != self.must_pay:
            return self.newest
        return None


class RateBook:
    """Every known wage floor; answers questions about a date. Build with ``RateBook.load``."""

    def __init__(
        self,
        statutory: Iterable[StatutoryRate],
        living_wage: Iterable[LivingWageRate],
    ) -> None:
        self.statutory_rates = _with_period_ends(statutory)
        living = sorted(living_wage, key=lambda r: (r.zone, r.rates_of))
        self.living_wage_rates = [r for r in living if r.status == "confirmed"]
        self.pending_living_wage_rates = [r for r in living if r.status == "pending"]
        self.period_starts = sorted({r.effective_from for r in self.statutory_rates})
        self._in_force: dict[dt.date, list[StatutoryRate]] = {}  # per period start: its rates
        for rate in self.statutory_rates:
            self._in_force.setdefault(rate.effective_from, []).append(rate)
        self.statutory_known_until = _day_before_next_april(self.period_starts)

    @classmethod
    def load(cls, conn: sqlite3.Connection | None = None) -> "RateBook":
        """Bundled rates, superseded by any manual or fetched rates in the store."""
        statutory = {(r.band, r.effective_from): r for r in bundled_statutory_rates()}
        living = {(r.zone, r.rates_of): r for r in bundled_living_wage_rates()}
        if conn is not None:
            for s in stored_statutory_rates(conn):
                statutory[(s.band, s.effective_from)] = s
            for lw in stored_living_wage_rates(conn):
                key = (lw.zone, lw.rates_of)
                if lw.status == "confirmed" or key not in living:
                    living[key] = lw
        return cls(statutory.values(), living.values())

    # statutory -------------------------------------------------------------

    def period_start(self, on: dt.date) -> dt.date | None:
        """The start of the statutory period in force on a date: None before the records, and
        after ``statutory_known_until``, when a newer period must exist that the book lacks."""
        started = [start for start in self.period_starts if start <= on]
        known = self.statutory_known_until is None or on <= self.statutory_known_until
        return started[-1] if started and known else None

    def statutory_rates_on(self, on: dt.date) -> list[StatutoryRate]:
        start = self.period_start(on)
        return [] if start is None else list(self._in_force[start])

    def bands_covering(self, on: dt.date, age: int) -> list[StatutoryRate]:
        return [r for r in self.statutory_rates_on(on) if r.covers_age(age)]

    def age_band(self, on: dt.date, age: int) -> StatutoryRate | None:
        """The one band for an age; None when there is none, or two (entered with --force):
        the book never picks one of two overlapping bands."""
        covering = self.bands_covering(on, age)
        return covering[0] if len(covering) == 1 else None

    def band_rate(self, on: dt.date, band: str) -> StatutoryRate | None:
        return next((r for r in self.statutory_rates_on(on) if r.band == band), None)

    def accommodation_offset(self, on: dt.date) -> StatutoryRate | None:
        return self.band_rate(on, ACCOMMODATION)

    def statutory(
        self,
        on: dt.date,
        age: int,
        apprentice: bool = False,
        apprenticeship_start: dt.date | None = None,
    ) -> StatutoryAnswer:
        """The statutory rate for a worker of this age on this date (the start of the pay period)."""
        start = self.period_start(on)
        if start is None:
            return StatutoryAnswer(on, age, False, None, self._no_period_reason(on))
        if age < NMW_MIN_AGE:
            return StatutoryAnswer(
                on, age, False, None, "under school-leaving age: the minimum wage does not apply"
            )
        band = self.age_band(on, age)
        covering = self.bands_covering(on, age)
        if len(covering) > 1:
            bands = " and ".join(f"{r.band} {pounds(r.rate)}" for r in covering)
            return StatutoryAnswer(
                on,
                age,
                True,
                None,
                f"age {age} is in two bands of the period from {long_date(start)} ({bands}), "
                "so no single rate applies; see `rlwcheck rates list --scheme nmw`",
            )
        if band is None:
            return StatutoryAnswer(
                on,
                age,
                True,
                None,
                f"no rate for age {age} is recorded in the period from {long_date(start)}; "
                "add it with `rlwcheck rates add`",
            )
        if not apprentice:
            return StatutoryAnswer(
                on, age, True, band, f"age {age} on {long_date(on)}: {band.label}"
            )
        return self._apprentice(on, age, band, apprenticeship_start)

    def statutory_gap_warning(self, on: dt.date) -> str | None:
        """Why no statutory rate can be given on a date after the newest period must have
        ended; None while the book covers the date."""
        until = self.statutory_known_until
        return self._no_period_reason(on) if until is not None and on > until else None

    def _no_period_reason(self, on: dt.date) -> str:
        until = self.statutory_known_until
        if until is None or on < self.period_starts[0]:
            first = long_date(self.period_starts[0]) if self.period_starts else "any date"
            return f"no statutory rates are recorded before {first}"
        following = long_date(until + dt.timedelta(days=1))
        return (
            f"the statutory rates from {following} are not in the rate book yet (they change "
            "each 1 April): fetch them with `rlwcheck rates update --source govuk`, or enter "
            "them with `rlwcheck rates add`"
        )

    def _apprentice(
        self, on: dt.date, age: int, band: StatutoryRate, started: dt.date | None
    ) -> StatutoryAnswer:
        rate = self.band_rate(on, APPRENTICE)
        if rate is None:
            return StatutoryAnswer(
                on, age, True, band, f"no apprentice rate existed then: {band.label} applies"
            )
        if age <= APPRENTICE_RATE_MAX_AGE:
            return StatutoryAnswer(
                on, age, True, rate, f"apprentice aged {age} (under 19): apprentice rate"
            )
        if started is None:
            return StatutoryAnswer(
                on,
                age,
                True,
                None,
                f"apprentice aged {age}: the apprentice rate applies only in the first 12 months "
                f"of the apprenticeship, otherwise {band.label} ({band.rate}); "
                "give the apprenticeship start date",
            )
        if on < in_first_year_until(started):
            return StatutoryAnswer(
                on,
                age,
                True,
                rate,
                f"apprentice in the first 12 months (since {long_date(started)})",
            )
        return StatutoryAnswer(
            on,
            age,
            True,
            band,
            f"apprentice aged {age} past the first 12 months (since {long_date(started)}): {band.label}",
        )

    def missing_bands(self, period_start: dt.date) -> list[str]:
        """Bands of the last complete period before this one whose ages this one does not
        cover yet, with the ages when only some are missing (a band typed from 22 for 21).

        Not simply the period before: that may be a partial one entered by hand, and comparing
        with it would hide what both lack."""
        complete = [s for s in self.period_starts if s < period_start and self.is_complete(s)]
        if not complete:
            return []
        compared = self.statutory_rates_on(complete[-1])
        rates = self.statutory_rates_on(period_start)
        names = {r.band for r in rates}
        top_age = 1 + max(
            (age for r in compared + rates for age in (r.age_min, r.age_max) if age is not None),
            default=NMW_MIN_AGE,
        )
        missing = []
        for old in sorted(compared, key=lambda r: r.band):
            if old.scheme != "nmw" or old.age_min is None:
                if old.band not in names:
                    missing.append(old.band)
                continue
            ages = range(old.age_min, (old.age_max or top_age) + 1)
            uncovered = [a for a in ages if not any(r.covers_age(a) for r in rates)]
            if len(uncovered) == len(ages):
                missing.append(old.band)
            elif uncovered:
                plural = "s" if len(uncovered) > 1 else ""
                missing.append(f"{old.band} (age{plural} {', '.join(map(str, uncovered))})")
        return missing

    def overlapping_bands(self, period_start: dt.date) -> list[tuple[StatutoryRate, StatutoryRate]]:
        """Pairs of age bands of a period that share an age: those ages have no single rate."""
        bands = [r for r in self.statutory_rates_on(period_start) if r.age_min is not None]
        return [
            (first, second)
            for i, first in enumerate(bands)
            for second in bands[i + 1 :]
            if ages_overlap(first, second)
        ]

    def is_complete(self, period_start: dt.date) -> bool:
        """Every age from 16 up has a band, with the accommodation offset and, once it had
        been introduced (October 2010), the apprentice rate."""
        rates = self.statutory_rates_on(period_start)
        bands = {r.band for r in rates}
        age_bands = [r for r in rates if r.scheme == "nmw" and r.age_min is not None]
        highest_start = max((r.age_min or 0 for r in age_bands), default=NMW_MIN_AGE)
        every_age = any(r.age_max is None for r in age_bands) and all(
            any(r.covers_age(age) for r in age_bands)
            for age in range(NMW_MIN_AGE, highest_start + 1)
        )
        apprentice_rate_existed = any(
            r.band == APPRENTICE and r.effective_from < period_start for r in self.statutory_rates
        )
        return (
            every_age
            and ACCOMMODATION in bands
            and (APPRENTICE in bands or not apprentice_rate_existed)
        )

    def next_statutory_rise(self, after: dt.date) -> list[StatutoryRate]:
        """The rates of the next period starting after a date (empty if none is known)."""
        later = [start for start in self.period_starts if start > after]
        return self.statutory_rates_on(later[0]) if later else []

    # Real Living Wage --------------------------------------------------------

    def living_wage(self, on: dt.date, zone: Zone) -> LivingWageAnswer:
        known = [r for r in self.living_wage_rates if r.zone == zone and r.known_from <= on]
        due = [r for r in known if r.due_from <= on]
        return LivingWageAnswer(on, zone, due[-1] if due else None, known[-1] if known else None)

    def staleness_warning(self, on: dt.date, today: dt.date | None = None) -> str | None:
        """A warning when a Real Living Wage that matters on a date may be missing from the book.

        Judged with every rate the book holds that is known today, as of that date or today,
        whichever is earlier: a past date the book already covers needs no warning, and no rate
        can be fetched before it is announced, however far ahead the date. A rate dated as
        announced after today is a typo and must not silence the warning."""
        current = today or london_today()
        as_of = min(on, current)
        newest_by_zone: dict[Zone, LivingWageRate] = {}
        for rate in self.living_wage_rates:
            held = newest_by_zone.get(rate.zone)
            if rate.known_from <= current and (held is None or rate.known_from > held.known_from):
                newest_by_zone[rate.zone] = rate
        if not newest_by_zone:
            return None
        # Each zone on its own: a new UK rate entered without its London one leaves London stale.
        newest = min(newest_by_zone.values(), key=lambda r: r.known_from)
        years = {rate.rates_of for rate in newest_by_zone.values()}
        where = f" for {ZONE_LABELS[newest.zone]}" if len(years) > 1 else ""
        if (as_of - newest.known_from).days > STALE_AFTER_DAYS:
            why = (
                f"the newest Real Living Wage known{where} ({newest.rates_of} rates, announced "
                f"{long_date(newest.known_from)}) is more than a year old"
            )
        elif as_of.month == 12 and newest.known_from.year < as_of.year:
            why = f"it is past November and no Real Living Wage has been confirmed for {as_of.year}"
        else:
            return None
        return f"{why}; {self._stale_advice(as_of, newest.rates_of)}"

    def _stale_advice(self, on: dt.date, newest_year: int) -> str:
        """Newer rates already fetched but pending need a person to confirm them, not a fetch."""
        pending = sorted(
            {
                r.rates_of
                for r in self.pending_living_wage_rates
                if r.known_from <= on and r.rates_of > newest_year
            }
        )
        if pending:
            years = " and ".join(str(year) for year in pending)
            return (
                f"the {years} Real Living Wage rates are pending: check them against the "
                "source, then run `rlwcheck rates confirm`"
            )
        return (
            "the Living Wage Foundation announces new rates each autumn: "
            "run `rlwcheck rates update --source lwf`, or enter them with "
            "`rlwcheck rates add --scheme rlw_uk ...` and `--scheme rlw_london ...`"
        )


class AgeRange(Protocol):
    @property
    def age_min(self) -> int | None: ...
    @property
    def age_max(self) -> int | None: ...


def ages_overlap(first: AgeRange, second: AgeRange) -> bool:
    """Whether two age bands share an age."""
    if first.age_min is None or second.age_min is None:
        return False
    # an open band reaches every age, so the test on its side always holds
    first_top = first.age_max if first.age_max is not None else second.age_min
    second_top = second.age_max if second.age_max is not None else first.age_min
    return first.age_min <= second_top and second.age_min <= first_top


def in_first_year_until(apprenticeship_start: dt.date) -> dt.date:
    """The first day after the first 12 months of an apprenticeship."""
    start = pendulum.Date(
        apprenticeship_start.year, apprenticeship_start.month, apprenticeship_start.day
    )
    moved = start.add(months=APPRENTICE_RATE_MONTHS)
    return dt.date(moved.year, moved.month, moved.day)


def _day_before_next_april(period_starts: list[dt.date]) -> dt.date | None:
    """The last day the newest statutory period can be in force: rates have changed every
    1 April since 2017 (DOMAIN.md §1), so after the next 1 April the book lacks a period."""
    if not period_starts:
        return None
    newest = period_starts[-1]
    next_april = dt.date(newest.year + (newest >= dt.date(newest.year, 4, 1)), 4, 1)
    return next_april - dt.timedelta(days=1)


def _with_period_ends(rates: Iterable[StatutoryRate]) -> list[StatutoryRate]:
    """Set each rate's effective_to to the day before the next period starts (open for the last)."""
    ordered = sorted(rates, key=lambda r: (r.effective_from, r.band))
    starts = sorted({r.effective_from for r in ordered})
    next_start = dict(zip(starts, [*starts[1:], None], strict=True))
    result = []
    for rate in ordered:
        following = next_start[rate.effective_from]
        end = following - dt.timedelta(days=1) if following else None
        result.append(replace(rate, effective_to=end))
    return result


# reading the bundled files and the store -------------------------------------


def bundled_file(name: str) -> str:
    return (importlib.resources.files("rlwcheck") / "data" / "rates" / name).read_text(
        encoding="utf-8"
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str | None) -> int | None:
    return int(text) if text not in (None, "") else None


def bundled_statutory_rates() -> list[StatutoryRate]:
    rows = csv.DictReader(io.StringIO(bundled_file("nmw_rates.csv")))
    return [
        StatutoryRate(
            band=row["band"],
            age_min=_int(row["age_min"]),
            age_max=_int(row["age_max"]),
            rate=Decimal(row["rate_gbp"]),
            effective_from=dt.date.fromisoformat(row["effective_from"]),
            effective_to=_date(row["effective_to"]),
            source_url=row["source_url"],
        )
        for row in rows
    ]


def bundled_living_wage_rates() -> list[LivingWageRate]:
    rows = csv.DictReader(io.StringIO(bundled_file("rlw_rates.csv")))
    return [
        LivingWageRate(
            zone="london" if row["scheme"] == "rlw_london" else "uk",
            rates_of=int(row["rates_of"]),
            rate=Decimal(row["rate_gbp"]),
            announced_on=_date(row["announced_on"]),
            implement_by=_date(row["implement_by"]),
            source_url=row["source_url"],
            assumed_from=_date(row["assumed_from"]),
            assumption=row["assumption"],
        )
        for row in rows
    ]


def stored_statutory_rates(conn: sqlite3.Connection) -> list[StatutoryRate]:
    """Manual and fetched statutory rates; for a repeated key the newest recorded wins."""
    rows = conn.execute("SELECT * FROM statutory_rate ORDER BY id").fetchall()
    return [
        StatutoryRate(
            band=row["band"],
            age_min=row["age_min"],
            age_max=row["age_max"],
            rate=from_pence(row["rate_pence"]),
            effective_from=dt.date.fromisoformat(row["effective_from"]),
            effective_to=None,
            source_url=row["source_url"],
            origin=row["origin"],
        )
        for row in rows
    ]


def stored_living_wage_rates(conn: sqlite3.Connection) -> list[LivingWageRate]:
    rows = conn.execute("SELECT * FROM living_wage_rate ORDER BY id").fetchall()
    return [
        LivingWageRate(
            zone=row["zone"],
            rates_of=row["rates_of"],
            rate=from_pence(row["rate_pence"]),
            announced_on=_date(row["announced_on"]),
            implement_by=_date(row["implement_by"]),
            source_url=row["source_url"],
            origin=row["origin"],
            status=row["status"],
        )
        for row in rows
    ]


# what applies on a date, for `rlwcheck rates show` and reports -----------------


@dataclass(frozen=True)
class Floors:
    """Every floor that applies on a date, for one worker if age is given."""

    on: dt.date
    period: list[StatutoryRate]
    worker: StatutoryAnswer | None
    offset: StatutoryRate | None
    living_wage: list[LivingWageAnswer]
    next_rise: list[StatutoryRate]
    unconfirmed: list[LivingWageRate]
    warning: str | None
    statutory_gap: str | None = None  # why no statutory period is given, after the newest ends


def floors_on(
    book: RateBook,
    on: dt.date,
    age: int | None = None,
    apprentice: bool = False,
    apprenticeship_start: dt.date | None = None,
    zones: Sequence[Zone] = ZONES,
) -> Floors:
    worker = None if age is None else book.statutory(on, age, apprentice, apprenticeship_start)
    return Floors(
        on=on,
        period=book.statutory_rates_on(on),
        worker=worker,
        offset=book.accommodation_offset(on),
        living_wage=[book.living_wage(on, zone) for zone in zones],
        next_rise=book.next_statutory_rise(on),
        unconfirmed=book.pending_living_wage_rates,
        warning=book.staleness_warning(on),
        statutory_gap=book.statutory_gap_warning(on),
    )


def rate_rows(book: RateBook, scheme: str | None = None) -> list[dict[str, str]]:
    """Every rate as a flat row (for listing and export), optionally one scheme only."""
    living = [
        {
            "scheme": r.scheme,
            "band": r.zone,
            "rate": str(r.rate),
            "from": r.known_from.isoformat(),
            "to": "",
            "announced_on": r.announced_on.isoformat() if r.announced_on else "",
            "implement_by": r.implement_by.isoformat() if r.implement_by else "",
            "status": r.status,
            "origin": r.origin,
            "source_url": r.source_url,
            "note": r.treatment,
        }
        for r in book.living_wage_rates + book.pending_living_wage_rates
    ]
    statutory = [
        {
            "scheme": r.scheme,
            "band": r.band,
            "rate": str(r.rate),
            "from": r.effective_from.isoformat(),
            "to": r.effective_to.isoformat() if r.effective_to else "",
            "announced_on": "",
            "implement_by": "",
            "status": "confirmed",
            "origin": r.origin,
            "source_url": r.source_url,
            "note": "",
        }
        for r in book.statutory_rates
    ]
    rows = living + statutory
    return [row for row in rows if scheme is None or row["scheme"] == scheme]
