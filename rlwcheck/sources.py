"""Where new rates come from: fetching GOV.UK and Living Wage Foundation pages, and reading them.

Fetching takes an ``httpx.Client`` so tests can pass one backed by respx or pointed at a local
server. Parsing is pure: text in, figures out. Anything unexpected (an HTTP error, HTML where JSON
was expected, a column label never seen before) raises FetchError naming the page, because a
guess here would put a wrong wage floor into every check (DOMAIN.md §6).
"""

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Literal, TypeVar

import httpx

from rlwcheck import __version__, store
from rlwcheck.errors import FetchError
from rlwcheck.rates import NMW_MIN_AGE

Source = Literal["govuk", "lwf"]
SOURCES: tuple[Source, ...] = ("govuk", "lwf")
GOVUK_RATES_URL = "https://www.gov.uk/api/content/national-minimum-wage-rates"
LWF_URLS = ("https://www.livingwage.org.uk/faqs",)
# No project URL: rlwcheck has no public home yet, and a made-up one would mislead site owners.
USER_AGENT = f"rlwcheck/{__version__} (UK wage-floor checker)"
TIMEOUT_SECONDS = 20.0
# Waits before the 2nd and 3rd attempts. Only timeouts and 5xx are retried: a 404 or a
# refused connection will not mend itself in a few seconds.
RETRY_DELAYS: tuple[float, ...] = (2.0, 8.0)

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_POUNDS = r"£(\d{1,3}(?:\.\d\d)?)"
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """One fetched page, with what provenance needs: where, when, and a hash of the body."""

    url: str
    text: str
    fetched_at: str
    content_hash: str


def new_client(timeout: float = TIMEOUT_SECONDS) -> httpx.Client:
    """An httpx client that says who is asking and gives up on a silent server."""
    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout, follow_redirects=True)


def fetch_page(
    client: httpx.Client,
    url: str,
    retry_delays: Sequence[float] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Page:
    """GET a page, retrying timeouts and server errors with growing waits; FetchError otherwise."""
    delays = RETRY_DELAYS if retry_delays is None else tuple(retry_delays)
    for attempt in range(len(delays) + 1):
        try:
            response = client.get(url)
        except httpx.TimeoutException as exc:
            failure = f"{url} did not answer in time ({type(exc).__name__})"
        except httpx.HTTPError as exc:
            raise FetchError(
                f"cannot fetch {url}: {exc}; check the address and the network"
            ) from exc
        else:
            if response.status_code < 400:
                return _page(url, response)
            if response.status_code < 500:
                raise FetchError(
                    f"{url} answered HTTP {response.status_code}; the page may have moved: "
                    "give its new address with --url"
                )
            failure = f"{url} answered HTTP {response.status_code} (a server error)"
        if attempt < len(delays):
            sleep(delays[attempt])
    attempts = len(delays) + 1
    raise FetchError(f"{failure} after {attempts} attempts; try again later")


def _page(url: str, response: httpx.Response) -> Page:
    body = response.content
    return Page(
        url=url,
        text=response.text,
        fetched_at=store.now_utc(),
        content_hash="sha256:" + hashlib.sha256(body).hexdigest(),
    )


# HTML -> text and tables ---------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Collapse whitespace, including the non-breaking spaces GOV.UK puts after figures."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@dataclass
class HtmlTable:
    """A table and the headings above it: the h2 section id and the nearest h2/h3 title."""

    section: str
    heading: str
    rows: list[list[tuple[str, str]]] = field(default_factory=list)  # (tag, text) per cell
    header_rows: int = 0


class PageReader(HTMLParser):
    """Collects every table with its headings; other markup is flattened into ``text``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self.text_parts: list[str] = []
        self.published: list[str] = []
        self._section = ""
        self._heading = ""
        self._heading_parts: list[str] | None = None
        self._table: HtmlTable | None = None
        self._in_head = False
        self._cell: tuple[str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("h1", "h2", "h3"):
            self._heading_parts = []
            if tag == "h2":
                self._section = attributes.get("id") or ""
        elif tag == "table":
            self._table = HtmlTable(self._section, self._heading)
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
            if self._in_head:
                self._table.header_rows += 1
        elif tag in ("td", "th") and self._table is not None:
            self._cell = (tag, [])
        elif tag == "time" and attributes.get("datetime"):
            self.published.append(attributes["datetime"] or "")
        elif tag == "meta" and attributes.get("property") == "article:published_time":
            self.published.append(attributes.get("content") or "")
        elif tag in ("p", "li", "br", "div", "tr"):
            self.text_parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("h1", "h2", "h3") and self._heading_parts is not None:
            self._heading = clean_text("".join(self._heading_parts))
            self._heading_parts = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._table is not None and self._cell is not None:
            kind, parts = self._cell
            if self._table.rows:
                self._table.rows[-1].append((kind, clean_text("".join(parts))))
            self._cell = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text_parts.append(data)
        if self._heading_parts is not None:
            self._heading_parts.append(data)
        if self._cell is not None:
            self._cell[1].append(data)


def read_html(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


# GOV.UK: statutory rates ---------------------------------------------------------------------


@dataclass(frozen=True)
class GovukRate:
    """One figure from a GOV.UK rate table, with the age bounds its column label gives."""

    column: str
    age_min: int | None
    age_max: int | None
    rate: Decimal
    effective_from: dt.date
    section: str

    @property
    def is_apprentice(self) -> bool:
        return self.age_min is None


def parse_govuk_content(text: str, url: str = GOVUK_RATES_URL) -> list[GovukRate]:
    """Every rate in every table of the Content API's ``details.body``, current and previous."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        looks = "HTML" if text.lstrip().startswith("<") else "something else"
        raise FetchError(
            f"{url} sent {looks} where the GOV.UK Content API sends JSON; "
            f"use the API address ({GOVUK_RATES_URL})"
        ) from exc
    body = document.get("details", {}).get("body") if isinstance(document, dict) else None
    if not isinstance(body, str):
        raise FetchError(
            f"{url}: the JSON has no details.body; the Content API format may have changed"
        )
    return parse_govuk_tables(body, url)


def parse_govuk_tables(body: str, url: str = GOVUK_RATES_URL) -> list[GovukRate]:
    tables = [t for t in read_html(body).tables if t.section in ("current-rates", "previous-rates")]
    if not any(t.section == "current-rates" for t in tables):
        raise FetchError(f"{url}: no rate table under 'Current rates'; the page layout has changed")
    return [rate for table in tables for rate in _table_rates(table, url)]


def _table_rates(table: HtmlTable, url: str) -> list[GovukRate]:
    where = f"{url}, table under {table.heading!r}"
    header_count = table.header_rows or 1
    if len(table.rows) <= header_count:
        raise FetchError(f"{where} has no rows; the page layout has changed")
    header = [text for tag, text in table.rows[header_count - 1] if tag == "th"]
    columns = [(label, *band_ages(label, where)) for label in header]
    rates = []
    for row in table.rows[header_count:]:
        if len(row) != len(columns) + 1 or row[0][0] != "th":
            raise FetchError(
                f"{where}: a row has {len(row)} cells for {len(columns)} bands; "
                "the page layout has changed"
            )
        starts = period_start(row[0][1], where)
        for (label, age_min, age_max), (_, cell) in zip(columns, row[1:], strict=True):
            rate = cell_amount(cell, where)
            if rate is not None:
                rates.append(GovukRate(label, age_min, age_max, rate, starts, table.section))
    return rates


def band_ages(label: str, where: str) -> tuple[int | None, int | None]:
    """Inclusive age bounds from a column label; (None, None) for the apprentice rate."""
    lowered = clean_text(label).lower()
    if match := re.fullmatch(r"(\d+) and over", lowered):
        return int(match[1]), None
    if match := re.fullmatch(r"(\d+) to (\d+)", lowered):
        return int(match[1]), int(match[2])
    if match := re.fullmatch(r"under (\d+)", lowered):
        return NMW_MIN_AGE, int(match[1]) - 1
    if lowered == "apprentice":
        return None, None
    raise FetchError(f"{where}: unknown band label {label!r}; the page layout has changed")


def period_start(label: str, where: str) -> dt.date:
    """'April 2026' or 'April 2023 to March 2024' -> the first day of the first month."""
    match = re.fullmatch(_MONTH + r" (\d{4})(?: to \w+ \d{4})?", clean_text(label), re.IGNORECASE)
    if not match:
        raise FetchError(
            f"{where}: row label {label!r} is not a month and year; the layout has changed"
        )
    return dt.date(int(match[2]), MONTHS[match[1].lower()], 1)


def cell_amount(cell: str, where: str) -> Decimal | None:
    """'£12.71', '£10' (whole pounds) or '£8.60 ' -> Decimal; a blank or dash cell is no rate."""
    text = clean_text(cell)
    if text in ("", "-", "\u2013", "n/a"):
        return None
    match = re.fullmatch(r"£\s?(\d+(?:\.\d{1,2})?)", text)
    if not match:
        raise FetchError(f"{where}: {cell!r} is not an amount in pounds; the layout has changed")
    return Decimal(match[1]).quantize(Decimal("0.01"))


# Living Wage Foundation: Real Living Wage in prose --------------------------------------------


@dataclass(frozen=True)
class LivingWageAnnouncement:
    """What one or more LWF pages say; a field is None where no page says it."""

    source_url: str
    uk: Decimal | None = None
    london: Decimal | None = None
    rates_of: int | None = None
    announced_on: dt.date | None = None
    implement_by: dt.date | None = None


# Each pattern names what it captures. Figures are whole pounds or pounds and pence: the news
# headline writes "£12". NMW lists and salary examples ("£8.45 x 37.5 x 52") match none of them.
_RATE_PAIRS = (
    re.compile(_POUNDS + r" per hour and " + _POUNDS + r" in London"),
    re.compile(
        r"(?:increases?|rises?) to "
        + _POUNDS
        + r" (?:in|for) (?:the )?UK and "
        + _POUNDS
        + r" (?:in|for) London"
    ),
)
_LONDON_ALONE = re.compile(r"London Living Wage is currently " + _POUNDS)
_UK_ALONE = re.compile(r"UK Living Wage (?:for outside of London )?is currently " + _POUNDS)
_IMPLEMENT_BY = (
    re.compile(r"rates? by (?:the )?(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r" (\d{4})"),
    re.compile(r"by the (\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r" (\d{4}) deadline"),
)
_RATES_OF = (
    re.compile(r"(20\d\d)[/-]\d\d rates"),
    re.compile(r"rates (?:for )?(20\d\d)[/-]\d\d"),
)
_ANNOUNCED = re.compile(  # "Announced on" starts a sentence as often as it follows one
    r"announced on (?:\w+day )?(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r" (\d{4})", re.IGNORECASE
)


def parse_lwf_page(html: str, url: str) -> LivingWageAnnouncement:
    """Rates, rate year and dates from an LWF page (FAQ, calculation or news); FetchError if none."""
    reader = read_html(html)
    text = clean_text("".join(reader.text_parts))
    uk: set[Decimal] = set()
    london: set[Decimal] = set()
    for pattern in _RATE_PAIRS:
        for match in pattern.finditer(text):
            uk.add(_money(match[1]))
            london.add(_money(match[2]))
    uk.update(_money(m[1]) for m in _UK_ALONE.finditer(text))
    london.update(_money(m[1]) for m in _LONDON_ALONE.finditer(text))
    if not uk and not london:
        raise FetchError(
            f"{url}: no Real Living Wage rates found (looked for 'The current Living Wage rates are "
            "£X per hour and £Y in London' and similar); the page may have changed or moved"
        )
    implement_by = {_day(m[1], m[2], m[3]) for p in _IMPLEMENT_BY for m in p.finditer(text)}
    rates_of = {int(m[1]) for p in _RATES_OF for m in p.finditer(text)}
    announced = {_day(m[1], m[2], m[3]) for m in _ANNOUNCED.finditer(text)}
    announced.update(_published(reader.published))
    return LivingWageAnnouncement(
        source_url=url,
        uk=_one(uk, "UK rate", url),
        london=_one(london, "London rate", url),
        rates_of=_one(rates_of, "rate year", url),
        announced_on=_one(announced, "announcement date", url),
        implement_by=_one(implement_by, "implement-by date", url),
    )


def merge_announcements(found: Sequence[LivingWageAnnouncement]) -> LivingWageAnnouncement:
    """Combine pages (say a news page with the date and the FAQ with the deadline); they must agree."""
    if not found:
        raise FetchError(
            "no Living Wage Foundation page to read: give at least one address (lwf_urls or --url)"
        )
    urls = ", ".join(a.source_url for a in found)
    source = next((a.source_url for a in found if a.uk is not None), found[0].source_url)
    return LivingWageAnnouncement(
        source_url=source,
        uk=_one({a.uk for a in found if a.uk is not None}, "UK rate", urls),
        london=_one({a.london for a in found if a.london is not None}, "London rate", urls),
        rates_of=_one({a.rates_of for a in found if a.rates_of is not None}, "rate year", urls),
        announced_on=_one(
            {a.announced_on for a in found if a.announced_on is not None}, "announcement date", urls
        ),
        implement_by=_one(
            {a.implement_by for a in found if a.implement_by is not None}, "implement-by date", urls
        ),
    )


def _one(values: set[T], what: str, where: str) -> T | None:
    if len(values) > 1:
        listed = ", ".join(sorted(str(v) for v in values))
        raise FetchError(
            f"{where}: conflicting {what}s ({listed}); check the page and enter the rate by hand"
        )
    return next(iter(values), None)


def _money(text: str) -> Decimal:
    return Decimal(text).quantize(Decimal("0.01"))


def _day(day: str, month: str, year: str) -> dt.date:
    return dt.date(int(year), MONTHS[month.lower()], int(day))


def _published(stamps: list[str]) -> set[dt.date]:
    dates = set()
    for stamp in stamps:
        try:
            dates.add(dt.date.fromisoformat(stamp[:10]))
        except ValueError:
            continue  # a decorative <time> element: the date is not needed from it
    return dates
