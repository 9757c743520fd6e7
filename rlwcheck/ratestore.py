"""Recording new rates in the store: entered by hand or fetched, always with a source.

Both ``rlwcheck rates add`` and ``rlwcheck rates update`` come through here, so a rate is
checked the same way whoever brings it: positive, with the web address of its source, dates
consistent and, unless forced, neither replacing a rate the book has nor out of order with the
rates before and after it. All rates of one call are stored in one transaction, or none are.
"""

import datetime as dt
import re
import sqlite3
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rlwcheck import store
from rlwcheck.dates import long_date
from rlwcheck.dates import today as london_today
from rlwcheck.errors import RateError
from rlwcheck.money import PENNY, pounds, to_pence
from rlwcheck.rates import (
    ACCOMMODATION,
    APPRENTICE,
    LivingWageRate,
    RateBook,
    StatutoryRate,
    Zone,
    ages_overlap,
    stored_living_wage_rates,
)


@dataclass(frozen=True)
class NewLivingWageRate:
    zone: Zone
    rates_of: int
    rate: Decimal
    announced_on: dt.date
    implement_by: dt.date
    source_url: str
    note: str = ""

    @property
    def kind(self) -> str:
        return f"Real Living Wage ({self.zone.upper() if self.zone == 'uk' else 'London'})"


@dataclass(frozen=True)
class NewStatutoryRate:
    band: str
    age_min: int | None
    age_max: int | None
    rate: Decimal
    effective_from: dt.date
    source_url: str
    note: str = ""

    @property
    def kind(self) -> str:
        return f"statutory rate {self.band}"


NewRate = NewLivingWageRate | NewStatutoryRate


def how_to_override(origin: str) -> str:
    """The end of a refusal: how to store the rate anyway, by hand or after a fetch.

    ``rates update`` has no --force, so a fetched rate is pointed to hand entry."""
    if origin == "manual":
        return "check the figure; if it is right, add --force"
    return (
        "check the source; if the figure is right, enter it with `rlwcheck rates add ... --force`"
    )


def validate_new_rates(
    book: RateBook,
    new_rates: Sequence[NewRate],
    force: bool = False,
    origin: str = "manual",
    today: dt.date | None = None,
) -> list[str]:
    """Reasons the rates would be refused; empty when they can be stored.

    ``force`` admits what may be a correction: a rate replacing one the book already has for
    the same period or year, below the rate before it, above the rate after it, or an age band
    overlapping another of its period. ``today`` (default: today in London) bounds announcements.
    """
    reasons: list[str] = []
    for new in new_rates:
        reasons.extend(_basic_problems(new, today or london_today()))
        if not force:
            reasons.extend(_correction_problems(book, new, how_to_override(origin)))
    return reasons


def _correction_problems(book: RateBook, new: NewRate, fix: str) -> list[str]:
    """A new rate that changes the book's history, or breaks its order, may be a typo."""
    problems = []
    replaced = replaced_rate(book, new)
    if replaced is not None:
        problems.append(
            f"the rate book already has {new.kind} {_when(new)} as {describe_existing(replaced)}; "
            f"{fix} to replace it"
        )
    if isinstance(new, NewStatutoryRate):
        problems += _overlap_problems(book, new, fix)
    previous, following = previous_rate(book, new), following_rate(book, new)
    if previous is not None and 0 < new.rate < previous.rate:
        problems.append(
            f"{new.kind} {pounds(new.rate)} is below the previous rate "
            f"{describe_existing(previous)}; rates have never fallen: {fix}"
        )
    if following is not None and new.rate > following.rate:
        problems.append(
            f"{new.kind} {pounds(new.rate)} is above the rate that follows it "
            f"{_when(following)}, {describe_existing(following)}; rates have never fallen: {fix}"
        )
    return problems


def _overlap_problems(book: RateBook, new: NewStatutoryRate, fix: str) -> list[str]:
    """A band sharing ages with another band of its period leaves those ages without a single
    rate: most likely a mistyped band name."""
    overlapped = [
        r
        for r in book.statutory_rates
        if r.effective_from == new.effective_from and r.band != new.band and ages_overlap(r, new)
    ]
    return [
        f"{new.kind} for ages {_ages(new)} overlaps {existing.band}, ages {_ages(existing)}, "
        f"{describe_existing(existing)}, {_when(new)}: a period needs one rate for each age; "
        f"check the band name (bands are {', '.join(known_bands(book))}); {fix}"
        for existing in overlapped
    ]


def known_bands(book: RateBook) -> list[str]:
    """The age bands of the newest complete statutory period, the names to choose from."""
    complete = [start for start in book.period_starts if book.is_complete(start)]
    rates = book.statutory_rates_on(complete[-1]) if complete else []
    return [r.band for r in rates if r.scheme == "nmw"]


def _ages(band: NewStatutoryRate | StatutoryRate) -> str:
    return f"{band.age_min} and over" if band.age_max is None else f"{band.age_min}-{band.age_max}"


def describe_existing(rate: LivingWageRate | StatutoryRate) -> str:
    """A rate already in the book, with what a reviewer needs to judge it: figure, origin, source."""
    is_pending = isinstance(rate, LivingWageRate) and rate.status == "pending"
    pending = ", pending confirmation" if is_pending else ""
    return f"{pounds(rate.rate)} ({rate.origin}{pending}, source {rate.source_url})"


def _when(rate: NewRate | LivingWageRate | StatutoryRate) -> str:
    if isinstance(rate, NewLivingWageRate | LivingWageRate):
        return f"for {rate.rates_of}"
    return f"from {long_date(rate.effective_from)}"


def record_new_rates(
    conn: sqlite3.Connection,
    new_rates: Sequence[NewRate],
    origin: str = "manual",
    status: str = "confirmed",
    content_hashes: Mapping[str, str] | None = None,
    force: bool = False,
    today: dt.date | None = None,
) -> list[LivingWageRate | StatutoryRate]:
    """Validate, then store every rate in one transaction; raise RateError and store nothing.

    ``content_hashes`` maps a fetched page's URL to the hash of what it said; each rate stores
    the hash of the page at its ``source_url``."""
    book = RateBook.load(conn)
    reasons = validate_new_rates(book, new_rates, force, origin, today)
    if reasons:
        raise RateError("; ".join(reasons))
    recorded_at, who = store.now_utc(), store.current_user()
    with store.transaction(conn):
        for new in new_rates:
            content_hash = (content_hashes or {}).get(new.source_url)
            if isinstance(new, NewLivingWageRate):
                _insert_living_wage(conn, new, origin, status, recorded_at, who, content_hash)
            else:
                _insert_statutory(conn, new, origin, recorded_at, who, content_hash)
    reloaded = RateBook.load(conn)
    return [_find(reloaded, new) for new in new_rates]


def confirm_living_wage_rates(
    conn: sqlite3.Connection, rates_of: int | None = None
) -> list[LivingWageRate]:
    """Confirm pending Real Living Wage rates (all, or one year's); returns what was confirmed.

    A pending rate that a confirmed one for the same zone and year overrides (a rate entered by
    hand) stays as it is: confirming it would not put its figure in use, so saying it was
    confirmed would mislead. ``superseded_pending_rates`` lists those."""
    chosen = [
        r
        for r in RateBook.load(conn).pending_living_wage_rates
        if rates_of is None or r.rates_of == rates_of
    ]
    if not chosen:
        which = f"for {rates_of} " if rates_of else ""
        superseded = "; ".join(
            f"the pending {pending.rates_of} {pending.zone} rate {pounds(pending.rate)} is "
            f"superseded by {describe_existing(in_use)}"
            for pending, in_use in superseded_pending_rates(conn, rates_of)
        )
        raise RateError(
            f"no pending Real Living Wage rates {which}to confirm"
            + (f" ({superseded})" if superseded else "")
            + "; see `rlwcheck rates list`"
        )
    with store.transaction(conn):
        for rate in chosen:
            conn.execute(
                "UPDATE living_wage_rate SET status = 'confirmed', confirmed_at = ?, confirmed_by = ? "
                "WHERE zone = ? AND rates_of = ? AND status = 'pending'",
                (store.now_utc(), store.current_user(), rate.zone, rate.rates_of),
            )
    return chosen


def superseded_pending_rates(
    conn: sqlite3.Connection, rates_of: int | None = None
) -> list[tuple[LivingWageRate, LivingWageRate]]:
    """Pending rates (all, or one year's) that a confirmed rate overrides, each with that rate."""
    in_use = {(r.zone, r.rates_of): r for r in RateBook.load(conn).living_wage_rates}
    return [
        (pending, in_use[(pending.zone, pending.rates_of)])
        for pending in stored_living_wage_rates(conn)
        if pending.status == "pending"
        and (pending.zone, pending.rates_of) in in_use
        and (rates_of is None or pending.rates_of == rates_of)
    ]


def _basic_problems(new: NewRate, today: dt.date) -> list[str]:
    problems = []
    if new.rate <= 0:
        problems.append(f"{new.kind} must be a positive amount, not {new.rate}")
    elif new.rate != new.rate.quantize(PENNY):
        problems.append(f"{new.kind} must be in whole pence, not {new.rate}")
    if not new.source_url.strip():
        problems.append(f"{new.kind} needs a source: give the URL of the announcement")
    elif not _is_web_address(new.source_url):
        problems.append(
            f"{new.kind} source {new.source_url!r} is not a web address: give the http(s) address "
            "of the announcement, so anyone can open it and check the figure"
        )
    if isinstance(new, NewLivingWageRate):
        if new.announced_on > today:
            problems.append(
                f"{new.kind} cannot have been announced on {long_date(new.announced_on)}, "
                f"after today ({long_date(today)}); check the announcement date"
            )
        if new.implement_by <= new.announced_on:
            problems.append(
                f"the implement-by date {long_date(new.implement_by)} must come after the "
                f"announcement {long_date(new.announced_on)}"
            )
        if new.announced_on.year != new.rates_of:
            problems.append(
                f"rates of {new.rates_of} cannot be announced in {new.announced_on.year}"
            )
    elif new.band not in (APPRENTICE, ACCOMMODATION):
        if not _BAND_NAME.fullmatch(new.band):
            problems.append(
                f"band name {new.band!r} must be lower-case letters, digits and underscores, "
                "starting with a letter, like nlw_21_plus: it is printed in every report"
            )
        if new.age_min is None:
            problems.append(f"band {new.band} needs a lowest age (--age-min)")
        elif new.age_max is not None and new.age_max < new.age_min:
            problems.append(
                f"band {new.band}: highest age {new.age_max} is below lowest age {new.age_min}"
            )
    return problems


# A band name ends up in CSV and XLSX reports as rlwcheck's own text, which is not neutralised
# as a payroll's cells are: "=HYPERLINK(...)" would run as a formula in Excel.
_BAND_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
# A host name of dot-separated labels (letters, digits, hyphens): "https://..." has none.
_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*", re.IGNORECASE)


def _is_web_address(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    has_space = any(character.isspace() for character in text)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and bool(_HOST.fullmatch(host)) and not has_space


def previous_rate(book: RateBook, new: NewRate) -> LivingWageRate | StatutoryRate | None:
    """The rate a new one follows, to check it does not fall or leap.

    For the Real Living Wage, the zone's latest earlier year, pending included: an unattended
    job may leave a year unconfirmed, and a page not yet updated repeats its figures. For a
    statutory rate, what the same worker was owed the day before it starts.
    """
    if isinstance(new, NewLivingWageRate):
        earlier = [r for r in _zone_years(book, new.zone) if r.rates_of < new.rates_of]
        return earlier[-1] if earlier else None
    return _same_worker(book, new, new.effective_from - dt.timedelta(days=1))


def following_rate(book: RateBook, new: NewRate) -> LivingWageRate | StatutoryRate | None:
    """The rate that follows a new one: the zone's next year, pending included, or what the
    same worker is owed when the next statutory period starts."""
    if isinstance(new, NewLivingWageRate):
        later = [r for r in _zone_years(book, new.zone) if r.rates_of > new.rates_of]
        return later[0] if later else None
    next_start = next((s for s in book.period_starts if s > new.effective_from), None)
    if next_start is None:
        return None
    return _same_worker(book, new, next_start)


def _zone_years(book: RateBook, zone: Zone) -> list[LivingWageRate]:
    """One rate per year of a zone, confirmed or pending (the book keeps a pending rate only
    for a year without a confirmed one), oldest first."""
    rates = book.living_wage_rates + book.pending_living_wage_rates
    return sorted((r for r in rates if r.zone == zone), key=lambda r: r.rates_of)


def replaced_rate(book: RateBook, new: NewRate) -> LivingWageRate | StatutoryRate | None:
    """The rate in the book for the same zone and year, or the same band and start, if any."""
    if isinstance(new, NewLivingWageRate):
        return next(
            (
                r
                for r in book.living_wage_rates + book.pending_living_wage_rates
                if (r.zone, r.rates_of) == (new.zone, new.rates_of)
            ),
            None,
        )
    return next(
        (
            r
            for r in book.statutory_rates
            if (r.band, r.effective_from) == (new.band, new.effective_from)
        ),
        None,
    )


def _same_worker(book: RateBook, new: NewStatutoryRate, on: dt.date) -> StatutoryRate | None:
    """What the worker a statutory rate is for is owed on a date: the band covering its lowest
    age (so a renamed band is still compared), or the same apprentice or accommodation band."""
    if new.band in (APPRENTICE, ACCOMMODATION) or new.age_min is None:
        return book.band_rate(on, new.band)
    return book.age_band(on, new.age_min)


def _find(book: RateBook, new: NewRate) -> LivingWageRate | StatutoryRate:
    found = replaced_rate(book, new)
    assert found is not None, "a rate just stored is in the book"
    return found


def _insert_living_wage(
    conn: sqlite3.Connection,
    new: NewLivingWageRate,
    origin: str,
    status: str,
    recorded_at: str,
    who: str,
    content_hash: str | None,
) -> None:
    confirmed = (recorded_at, who) if status == "confirmed" else (None, None)
    conn.execute(
        "INSERT INTO living_wage_rate (zone, rates_of, rate_pence, announced_on, implement_by, "
        "source_url, origin, status, recorded_at, recorded_by, confirmed_at, confirmed_by, "
        "content_hash, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.zone,
            new.rates_of,
            to_pence(new.rate),
            new.announced_on.isoformat(),
            new.implement_by.isoformat(),
            new.source_url,
            origin,
            status,
            recorded_at,
            who,
            *confirmed,
            content_hash,
            new.note,
        ),
    )


def _insert_statutory(
    conn: sqlite3.Connection,
    new: NewStatutoryRate,
    origin: str,
    recorded_at: str,
    who: str,
    content_hash: str | None,
) -> None:
    conn.execute(
        "INSERT INTO statutory_rate (band, age_min, age_max, rate_pence, effective_from, "
        "source_url, origin, recorded_at, recorded_by, content_hash, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.band,
            new.age_min,
            new.age_max,
            to_pence(new.rate),
            new.effective_from.isoformat(),
            new.source_url,
            origin,
            recorded_at,
            who,
            content_hash,
            new.note,
        ),
    )
