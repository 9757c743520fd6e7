"""Updating the rate book: from its sources (fetch, read, compare, sanity-check, then store) or
by hand, one rate at a time.

Everything is fetched and checked before anything is written, so a timeout, a changed page or
an implausible figure leaves the store exactly as it was. Rates already in the book are
recognised and skipped, which makes an update safe to repeat every day.
"""

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import httpx

from rlwcheck.dates import long_date
from rlwcheck.errors import FetchError, RateError
from rlwcheck.money import pounds
from rlwcheck.rates import (
    ACCOMMODATION,
    APPRENTICE,
    BAND_LABELS,
    ZONE_LABELS,
    ZONES,
    LivingWageRate,
    RateBook,
    StatutoryRate,
)
from rlwcheck.ratestore import (
    NewLivingWageRate,
    NewRate,
    NewStatutoryRate,
    how_to_override,
    previous_rate,
    record_new_rates,
    replaced_rate,
    validate_new_rates,
)
from rlwcheck.sanity import fetched_rate_concerns, period_warnings, rate_concerns
from rlwcheck.sources import (
    GOVUK_RATES_URL,
    LWF_URLS,
    SOURCES,
    GovukRate,
    LivingWageAnnouncement,
    Page,
    Source,
    fetch_page,
    merge_announcements,
    parse_govuk_content,
    parse_lwf_page,
)

DEFAULT_URLS: dict[Source, tuple[str, ...]] = {"govuk": (GOVUK_RATES_URL,), "lwf": LWF_URLS}


@dataclass(frozen=True)
class RateChange:
    """A rate the source has and the book lacks, with the figure it follows."""

    new: NewRate
    previous: LivingWageRate | StatutoryRate | None
    starts: dt.date

    def describe(self, today: dt.date) -> str:
        was = ""
        if self.previous is not None:
            pending = (
                isinstance(self.previous, LivingWageRate) and self.previous.status == "pending"
            )
            was = f" (was {pounds(self.previous.rate)}{', pending' if pending else ''})"
        if isinstance(self.new, NewLivingWageRate):
            when = f"to be paid by {long_date(self.starts)}"
            return f"{_label(self.new)}: {pounds(self.new.rate)}{was}, {when}"
        later = ", not yet in force" if self.starts > today else ""  # the label gives the date
        return f"{_label(self.new)}: {pounds(self.new.rate)}{was}{later}"


@dataclass
class SourceUpdate:
    """What one source said: its pages, the new rates, how many were already known."""

    source: Source
    pages: list[Page]
    changes: list[RateChange] = field(default_factory=list)
    known: int = 0
    notes: list[str] = field(default_factory=list)
    announcement_dated: bool = True

    @property
    def content_hash(self) -> str:
        return " ".join(page.content_hash for page in self.pages)


@dataclass
class UpdateResult:
    updates: list[SourceUpdate]
    stored: bool
    living_wage_status: str

    @property
    def changes(self) -> list[RateChange]:
        return [change for update in self.updates for change in update.changes]

    @property
    def awaiting_confirmation(self) -> bool:
        """New Real Living Wage rates were stored as pending: a person must confirm them."""
        living = any(isinstance(c.new, NewLivingWageRate) for c in self.changes)
        return self.stored and living and self.living_wage_status == "pending"


def update_rates(
    conn: sqlite3.Connection,
    client: httpx.Client,
    today: dt.date,
    sources: Sequence[Source] = SOURCES,
    urls: Mapping[Source, Sequence[str]] | None = None,
    dry_run: bool = False,
    confirm_living_wage: bool = False,
    retry_delays: Sequence[float] | None = None,
) -> UpdateResult:
    """Fetch and store new rates from ``sources``: all of them, or (on any failure) none.

    ``urls`` replaces a source's default addresses. New Real Living Wage rates are stored
    pending confirmation unless ``confirm_living_wage``.
    """
    chosen = {**DEFAULT_URLS, **(urls or {})}
    book = RateBook.load(conn)
    updates = [
        _read_source(client, book, source, chosen[source], today, retry_delays)
        for source in sources
    ]
    new_rates = [change.new for update in updates for change in update.changes]
    dated = all(update.announcement_dated for update in updates)
    reasons = validate_new_rates(book, new_rates, origin="fetched", today=today)
    reasons += fetched_rate_concerns(book, new_rates, dated)
    if reasons:
        raise RateError("fetched rates refused, nothing stored: " + "; ".join(reasons))
    status = "confirmed" if confirm_living_wage else "pending"
    if new_rates and not dry_run:
        # One call, so one transaction: rates from two sources are stored together or not at all.
        # Each rate keeps the hash of the page it was read from: its own provenance.
        hashes = {page.url: page.content_hash for update in updates for page in update.pages}
        record_new_rates(
            conn, new_rates, origin="fetched", status=status, content_hashes=hashes, today=today
        )
    return UpdateResult(updates, stored=bool(new_rates) and not dry_run, living_wage_status=status)


@dataclass(frozen=True)
class HandEntry:
    """A rate entered by hand, as stored, the rate it replaced (only ever with force) and what
    the person should know about the statutory period it belongs to."""

    stored: LivingWageRate | StatutoryRate
    replaced: LivingWageRate | StatutoryRate | None
    warnings: list[str]


def enter_rate(conn: sqlite3.Connection, new: NewRate, force: bool = False) -> HandEntry:
    """Store one rate entered by hand; raise RateError with every reason it is refused.

    It gets the checks every rate gets and, unless forced, the plausibility checks fetched rates
    get: a typed figure can slip a decimal point as easily as a parsed one."""
    book = RateBook.load(conn)
    concerns = [] if force else rate_concerns(book, [new], how_to_override("manual"))
    reasons = validate_new_rates(book, [new], force) + concerns
    if reasons:
        raise RateError("; ".join(reasons))
    replaced = replaced_rate(book, new)
    (stored,) = record_new_rates(conn, [new], origin="manual", force=force)
    warnings = (
        period_warnings(RateBook.load(conn), stored.effective_from)
        if isinstance(stored, StatutoryRate)
        else []
    )
    return HandEntry(stored, replaced, warnings)


def _read_source(
    client: httpx.Client,
    book: RateBook,
    source: Source,
    urls: Sequence[str],
    today: dt.date,
    retry_delays: Sequence[float] | None,
) -> SourceUpdate:
    pages = [fetch_page(client, url, retry_delays) for url in urls]
    update = SourceUpdate(source, pages)
    if source == "govuk":
        _compare_statutory(update, book, pages)
    else:
        _compare_living_wage(update, book, pages, today)
    return update


# GOV.UK ----------------------------------------------------------------------------------------


def _compare_statutory(update: SourceUpdate, book: RateBook, pages: Sequence[Page]) -> None:
    existing = {(r.band, r.effective_from): r for r in book.statutory_rates}
    found: dict[tuple[str, dt.date], NewStatutoryRate] = {}
    for page in pages:
        for rate in parse_govuk_content(page.text, page.url):
            new = _statutory_rate(book, rate, page)
            key = (new.band, new.effective_from)
            if key in found and found[key].rate != new.rate:
                raise FetchError(f"{page.url} gives two figures for {_label(new)}; check the page")
            found[key] = new
    conflicts = []
    for key, new in sorted(found.items(), key=lambda item: (item[0][1], item[0][0])):
        stored = existing.get(key)
        if stored is None:
            update.changes.append(RateChange(new, previous_rate(book, new), new.effective_from))
        elif stored.rate == new.rate:
            update.known += 1
        else:
            conflicts.append(
                f"{new.source_url} gives {_label(new)} as {pounds(new.rate)} but the rate book has "
                f"{pounds(stored.rate)} ({stored.source_url})"
            )
    if conflicts:
        raise RateError(
            "; ".join(conflicts)
            + "; check both and correct the book with `rlwcheck rates add ... --force`"
        )
    with_offset = {r.effective_from for r in book.statutory_rates if r.band == ACCOMMODATION}
    lacking = sorted({c.starts for c in update.changes} - with_offset)
    if lacking:
        update.notes.append(
            "GOV.UK's rates page has no accommodation offset: add the daily offset from "
            f"{' and '.join(long_date(start) for start in lacking)} with "
            "`rlwcheck rates add --scheme accommodation_offset ...`"
        )


def band_name(book: RateBook, rate: GovukRate) -> str:
    """The rate book's name for a GOV.UK column: the band with the same ages, nearest in time.

    "21 and over" is ``nlw_21_plus`` from April 2024 but ``adult_21_plus`` in 2010-2016, so the
    name follows the book's own periods; ages the book has never seen get a plain new name.
    """
    if rate.is_apprentice:
        return APPRENTICE
    same_ages = [
        r
        for r in book.statutory_rates
        if r.scheme == "nmw" and (r.age_min, r.age_max) == (rate.age_min, rate.age_max)
    ]
    earlier = [r for r in same_ages if r.effective_from <= rate.effective_from]
    if earlier:
        return earlier[-1].band
    if same_ages:
        return same_ages[0].band
    return (
        f"age_{rate.age_min}_plus" if rate.age_max is None else f"age_{rate.age_min}_{rate.age_max}"
    )


def _statutory_rate(book: RateBook, rate: GovukRate, page: Page) -> NewStatutoryRate:
    return NewStatutoryRate(
        band=band_name(book, rate),
        age_min=rate.age_min,
        age_max=rate.age_max,
        rate=rate.rate,
        effective_from=rate.effective_from,
        source_url=page.url,
        note=f"fetched {page.fetched_at}; GOV.UK column {rate.column!r}",
    )


# Living Wage Foundation --------------------------------------------------------------------------


def _compare_living_wage(
    update: SourceUpdate, book: RateBook, pages: Sequence[Page], today: dt.date
) -> None:
    said = merge_announcements([parse_lwf_page(page.text, page.url) for page in pages])
    rates_of = _rates_of(said)
    figures = {"uk": said.uk, "london": said.london}
    stored = {
        r.zone: r
        for r in book.living_wage_rates + book.pending_living_wage_rates
        if r.rates_of == rates_of
    }
    unknown = [zone for zone in ZONES if figures[zone] is not None and zone not in stored]
    differing = [
        zone for zone in ZONES if zone in stored and figures[zone] not in (None, stored[zone].rate)
    ]
    if differing:
        details = ", ".join(
            f"{zone} {pounds(figures[zone] or Decimal(0))} against {pounds(stored[zone].rate)}"
            for zone in differing
        )
        raise RateError(
            f"{said.source_url} gives different {rates_of} Real Living Wage rates from the rate book "
            f"({details}); check both and correct the book with `rlwcheck rates add ... --force`"
        )
    update.known = len([zone for zone in ZONES if zone in stored and figures[zone] is not None])
    if not unknown:
        return
    if said.implement_by is None:
        raise FetchError(
            f"{', '.join(p.url for p in pages)}: the {rates_of} rates are new but no page gives the "
            "date to pay them by; add the FAQ page with --url, or enter them with `rlwcheck rates add`"
        )
    announced = said.announced_on
    if announced is None:
        # A year's rates are announced in that year: a run after New Year must not date them later.
        announced = min(today, dt.date(rates_of, 12, 31))
        update.announcement_dated = False
        update.notes.append(
            f"no page gives the announcement day: {long_date(announced)} is assumed and recorded "
            f"instead (the day rlwcheck first saw the rates, or the last day of {rates_of})"
        )
    for zone in ZONES:
        figure = figures[zone]
        if figure is None or zone in stored:
            continue
        new = NewLivingWageRate(
            zone=zone,
            rates_of=rates_of,
            rate=figure,
            announced_on=announced,
            implement_by=said.implement_by,
            source_url=said.source_url,
            note=f"fetched {pages[0].fetched_at} from {', '.join(p.url for p in pages)}",
        )
        update.changes.append(RateChange(new, previous_rate(book, new), said.implement_by))


def _rates_of(said: LivingWageAnnouncement) -> int:
    """The rate year: as the page writes it ("2024/25 rates"), else the announcement's year."""
    if said.rates_of is not None:
        return said.rates_of
    if said.announced_on is not None:
        return said.announced_on.year
    if said.implement_by is not None:
        return said.implement_by.year - 1  # paid by spring of the year after announcement
    raise FetchError(
        f"{said.source_url}: cannot tell which year's Real Living Wage the page gives; "
        "enter the rates with `rlwcheck rates add`"
    )


def _label(new: NewRate) -> str:
    if isinstance(new, NewLivingWageRate):
        zone = ZONE_LABELS[new.zone]
        return f"Real Living Wage {new.rates_of} ({zone})"
    return f"{BAND_LABELS.get(new.band, new.band)} from {long_date(new.effective_from)}"
