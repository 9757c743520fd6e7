"""The rate book laid out as arrays, so a whole payroll is priced in one lookup.

The tables are filled by asking the ``RateBook`` itself (each statutory period, each age; each date on
which the Real Living Wage answer changes), so the vectorised checker and ``rlwcheck rates show`` can
never disagree, and bands stay data: nothing here knows where an age band starts.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from rlwcheck.money import to_pence
from rlwcheck.rates import APPRENTICE, LivingWageAnswer, RateBook, StatutoryRate, Zone
from rlwcheck.vectors import Ints

NO_RATE = -1
TOP_AGE = 100  # older workers share the open-ended top band; the table needs a last column
EPOCH = dt.date(1970, 1, 1)


def day_number(value: dt.date) -> int:
    return (value - EPOCH).days


def from_day_number(days: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(days))


@dataclass(frozen=True)
class StatutoryTable:
    """Per statutory period: the rate and band for each age, the apprentice rate and the offset."""

    starts: Ints  # day numbers, ascending
    band_pence: Ints  # [period, age] -> pence, NO_RATE where no band covers the age
    band_code: Ints  # [period, age] -> index into band_names, NO_RATE where none
    band_names: list[str]
    apprentice_pence: Ints  # [period] -> pence or NO_RATE
    offset_pence: Ints  # [period] -> daily accommodation offset, pence or NO_RATE
    period_rates: list[list[StatutoryRate]]
    known_until: int  # day number: after it the book lacks the period then in force

    @classmethod
    def from_book(cls, book: RateBook) -> "StatutoryTable":
        starts = list(book.period_starts)
        names: list[str] = [APPRENTICE]
        band_pence = np.full((len(starts), TOP_AGE + 1), NO_RATE, dtype=np.int64)
        band_code = np.full_like(band_pence, NO_RATE)
        apprentice = np.full(len(starts), NO_RATE, dtype=np.int64)
        offset = np.full(len(starts), NO_RATE, dtype=np.int64)
        period_rates = []
        for period, start in enumerate(starts):
            in_force = book.statutory_rates_on(start)
            period_rates.append(in_force)
            for rate in in_force:
                if rate.scheme == "apprentice":
                    apprentice[period] = to_pence(rate.rate)
                elif rate.scheme == "accommodation_offset":
                    offset[period] = to_pence(rate.rate)
            for age in range(TOP_AGE + 1):
                band = book.age_band(start, age)
                if band is not None:
                    if band.band not in names:
                        names.append(band.band)
                    band_pence[period, age] = to_pence(band.rate)
                    band_code[period, age] = names.index(band.band)
        return cls(
            starts=np.array([day_number(s) for s in starts], dtype=np.int64),
            band_pence=band_pence,
            band_code=band_code,
            band_names=names,
            apprentice_pence=apprentice,
            offset_pence=offset,
            period_rates=period_rates,
            known_until=day_number(book.statutory_known_until or dt.date.max),
        )

    def period_of(self, days: Ints) -> Ints:
        """Index of the period in force on each date; NO_RATE before the first recorded period
        and after ``RateBook.statutory_known_until`` (a newer period the book lacks)."""
        period = np.searchsorted(self.starts, days, side="right").astype(np.int64) - 1
        return np.where(days > self.known_until, NO_RATE, period)

    def next_start_after(self, on: dt.date) -> dt.date | None:
        later = self.starts[self.starts > day_number(on)]
        return from_day_number(int(later[0])) if len(later) else None

    def provenance(self, periods: Ints) -> list[dict[str, Any]]:
        """The statutory rates of the periods used, with their sources, for the run record."""
        used = sorted({int(p) for p in np.unique(periods) if p >= 0})
        return [
            {
                "scheme": rate.scheme,
                "band": rate.band,
                "rate": str(rate.rate),
                "effective_from": rate.effective_from.isoformat(),
                "source_url": rate.source_url,
                "origin": rate.origin,
            }
            for period in used
            for rate in self.period_rates[period]
        ]


@dataclass(frozen=True)
class LivingWageTable:
    """For one zone: the rate due and the newest announced rate, for each span between changes."""

    changes: Ints  # day numbers on which the answer may change, ascending
    must_pay_pence: Ints
    newest_pence: Ints
    newest_due_days: Ints
    answers: list[LivingWageAnswer]

    @classmethod
    def from_book(cls, book: RateBook, zone: Zone) -> "LivingWageTable":
        in_zone = [r for r in book.living_wage_rates if r.zone == zone]
        changes = sorted({r.known_from for r in in_zone} | {r.due_from for r in in_zone})
        answers = [book.living_wage(on, zone) for on in changes]
        return cls(
            changes=np.array([day_number(d) for d in changes], dtype=np.int64),
            must_pay_pence=_pence_or_none(
                [a.must_pay.rate if a.must_pay else None for a in answers]
            ),
            newest_pence=_pence_or_none([a.newest.rate if a.newest else None for a in answers]),
            newest_due_days=np.array(
                [day_number(a.newest.due_from) if a.newest else NO_RATE for a in answers],
                dtype=np.int64,
            ),
            answers=answers,
        )

    def span_of(self, days: Ints) -> Ints:
        """Index of the answer in force on each date; NO_RATE before the first known rate."""
        return np.searchsorted(self.changes, days, side="right").astype(np.int64) - 1

    def provenance(self, spans: Ints) -> list[dict[str, Any]]:
        used = {int(s) for s in np.unique(spans) if s >= 0}
        rates = {
            rate
            for span in used
            for rate in (self.answers[span].must_pay, self.answers[span].newest)
            if rate is not None
        }
        return [
            {
                "scheme": rate.scheme,
                "rates_of": rate.rates_of,
                "rate": str(rate.rate),
                "announced_on": rate.announced_on.isoformat() if rate.announced_on else None,
                "implement_by": rate.implement_by.isoformat() if rate.implement_by else None,
                "source_url": rate.source_url,
                "origin": rate.origin,
            }
            for rate in sorted(rates, key=lambda r: r.rates_of)
        ]


def _pence_or_none(rates: list[Any]) -> Ints:
    return np.array([NO_RATE if r is None else to_pence(r) for r in rates], dtype=np.int64)
