"""rlwcheck rates: list, show and add wage floors."""

import csv
import datetime as dt
import io
from dataclasses import asdict

import click

from rlwcheck.commands.common import DATE, dump_json, format_table, open_store
from rlwcheck.dates import age_on, long_date, today
from rlwcheck.errors import UsageError
from rlwcheck.money import parse_amount, pounds
from rlwcheck.rates import (
    ACCOMMODATION,
    APPRENTICE,
    SCHEMES,
    Floors,
    LivingWageAnswer,
    LivingWageRate,
    RateBook,
    StatutoryRate,
    floors_on,
    rate_rows,
)
from rlwcheck.ratestore import (
    NewLivingWageRate,
    NewRate,
    NewStatutoryRate,
    describe_existing,
    known_bands,
)
from rlwcheck.spreadsheets import safe_cell

LIST_COLUMNS = [
    "scheme",
    "band",
    "rate",
    "from",
    "to",
    "implement_by",
    "status",
    "origin",
    "source_url",
]


@click.group()
def rates() -> None:
    """The rate book: every dated wage floor, with its source.

    \b
    Examples:
      rlwcheck rates show --age 22 --london
      rlwcheck rates list --scheme rlw_london --format csv
    """


@rates.command("list")
@click.option("--scheme", type=click.Choice(SCHEMES), help="Only this scheme.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.pass_context
def list_rates(ctx: click.Context, scheme: str | None, fmt: str) -> None:
    """List every known rate with its dates, origin and source.

    \b
    Examples:
      rlwcheck rates list
      rlwcheck rates list --scheme nmw --format csv > nmw.csv
    """
    rows = rate_rows(RateBook.load(open_store(ctx)), scheme)
    if fmt == "json":
        click.echo(dump_json(rows))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else LIST_COLUMNS)
        writer.writeheader()
        # a note or an old store's band name could start like a formula: the export is safe
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(format_table(rows, LIST_COLUMNS))


@rates.command()
@click.option(
    "--on", "on", type=DATE, help="Date to look at (DD/MM/YYYY or YYYY-MM-DD; default today)."
)
@click.option("--age", type=click.IntRange(min=0, max=120), help="The worker's age on that date.")
@click.option("--dob", type=DATE, help="The worker's date of birth (instead of --age).")
@click.option("--apprentice", is_flag=True, help="The worker is an apprentice.")
@click.option("--apprenticeship-start", type=DATE, help="When the apprenticeship started.")
@click.option(
    "--london", is_flag=True, help="The workplace is in Greater London (default: outside)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def show(
    ctx: click.Context,
    on: dt.date | None,
    age: int | None,
    dob: dt.date | None,
    apprentice: bool,
    apprenticeship_start: dt.date | None,
    london: bool,
    fmt: str,
) -> None:
    """Show every wage floor that applies on a date, and what is coming next.

    \b
    Examples:
      rlwcheck rates show
      rlwcheck rates show --on 01/04/2026 --age 22
      rlwcheck rates show --dob 14/02/2006 --apprentice --apprenticeship-start 01/09/2025 --london
    """
    day = on or today()
    if age is not None and dob is not None:
        raise UsageError("give either --age or --dob, not both")
    if dob is not None:
        if dob > day:
            raise UsageError(f"date of birth {long_date(dob)} is after {long_date(day)}")
        age = age_on(dob, day)
    floors = floors_on(
        RateBook.load(open_store(ctx)),
        day,
        age,
        apprentice,
        apprenticeship_start,
        zones=("london",) if london else ("uk",),
    )
    if fmt == "json":
        click.echo(dump_json(asdict(floors)))
    else:
        click.echo(_floors_text(floors))
    if floors.warning:
        click.echo(f"Warning: {floors.warning}", err=True)


@rates.command()
@click.option("--scheme", type=click.Choice(SCHEMES), required=True, help="Which kind of rate.")
@click.option(
    "--rate", "rate_text", required=True, help="The hourly rate in pounds (daily for the offset)."
)
@click.option(
    "--source", required=True, help="URL of the announcement or page the figure comes from."
)
@click.option("--announced", type=DATE, help="Real Living Wage: the day the rate was announced.")
@click.option(
    "--implement-by", type=DATE, help="Real Living Wage: the published date it must be paid by."
)
@click.option(
    "--from", "effective_from", type=DATE, help="Statutory: the day the rate takes effect."
)
@click.option("--band", help="nmw: the band name, e.g. nlw_21_plus or age_18_20.")
@click.option("--age-min", type=click.IntRange(min=0), help="nmw: lowest age of a new band.")
@click.option(
    "--age-max",
    type=click.IntRange(min=0),
    help="nmw: highest age of a new band (none = no limit).",
)
@click.option("--note", default="", help="Anything a reviewer should know.")
@click.option(
    "--force",
    is_flag=True,
    help="Store a rate the checks hold back (a correction, or a figure that is right though "
    "unusual); a forced replacement says what it replaces.",
)
@click.pass_context
def add(
    ctx: click.Context,
    scheme: str,
    rate_text: str,
    source: str,
    announced: dt.date | None,
    implement_by: dt.date | None,
    effective_from: dt.date | None,
    band: str | None,
    age_min: int | None,
    age_max: int | None,
    note: str,
    force: bool,
) -> None:
    """Enter a new rate by hand, with its source. It is checked before it is stored.

    The source must be a web address, and a Real Living Wage cannot be announced after today.
    Without --force, a rate is refused when it would replace one the book already has, is below
    the rate before it or above the rate after it, gives an age band sharing ages with another
    band of its period, or looks implausible (outside £2-£40 an hour, a rise above 12%, 25% for
    youth bands, a Real Living Wage with no rise, announced outside September-November, due
    outside 1 February-31 July of the year after, or due less than 5 or more than 8 months
    after its announcement: every published deadline so far has been 6 or 7 months after it).

    \b
    Examples:
      rlwcheck rates add --scheme rlw_uk --rate 13.95 --announced 20/10/2026 \\
          --implement-by 01/05/2027 --source https://www.livingwage.org.uk/...
      rlwcheck rates add --scheme nmw --band nlw_21_plus --rate 13.20 --from 01/04/2027 \\
          --source https://www.gov.uk/national-minimum-wage-rates
    """
    from rlwcheck.updates import enter_rate  # it brings the HTTP client: not for `rates show`

    rate = parse_amount(rate_text, "--rate")
    conn = open_store(ctx)
    if scheme.startswith("rlw_"):
        if announced is None or implement_by is None:
            raise UsageError(
                "a Real Living Wage rate needs --announced and --implement-by (as published)"
            )
        new: NewRate = NewLivingWageRate(
            "london" if scheme == "rlw_london" else "uk",
            announced.year,
            rate,
            announced,
            implement_by,
            source,
            note,
        )
    else:
        if effective_from is None:
            raise UsageError("a statutory rate needs --from, the day it takes effect")
        band_name = {"apprentice": APPRENTICE, "accommodation_offset": ACCOMMODATION}.get(
            scheme, band
        )
        if band_name is None:
            raise UsageError(
                "an nmw rate needs --band, e.g. --band nlw_21_plus (see `rlwcheck rates list`)"
            )
        book = RateBook.load(conn)
        known = _latest_band(book, band_name)
        if age_min is None and known is None:
            raise UsageError(
                f"no band {band_name} is known; bands are {', '.join(known_bands(book))}; "
                "for a new band give its ages with --age-min (and --age-max)"
            )
        if age_min is None and known is not None:
            age_min, age_max = known.age_min, known.age_max
        new = NewStatutoryRate(band_name, age_min, age_max, rate, effective_from, source, note)
    entry = enter_rate(conn, new, force)
    stored = entry.stored
    click.echo(f"Stored {_describe(stored)} (manual, source {stored.source_url}).")
    if entry.replaced is not None:
        click.echo(f"It replaces {describe_existing(entry.replaced)}.")
    for warning in entry.warnings:
        click.echo(f"Warning: {warning}", err=True)


def _latest_band(book: RateBook, band: str) -> StatutoryRate | None:
    same = [r for r in book.statutory_rates if r.band == band]
    return same[-1] if same else None


def _describe(rate: LivingWageRate | StatutoryRate) -> str:
    if isinstance(rate, LivingWageRate):
        due = long_date(rate.implement_by) if rate.implement_by else "no published date"
        return f"{rate.scheme} {rate.rates_of} rates {pounds(rate.rate)}, due by {due}"
    return f"{rate.band} {pounds(rate.rate)} from {long_date(rate.effective_from)}"


def _floors_text(floors: Floors) -> str:
    lines = [f"Wage floors on {floors.on:%A} {long_date(floors.on)}", ""]
    if floors.period:
        lines.append(
            f"Statutory minimum (period from {long_date(floors.period[0].effective_from)}):"
        )
        lines += [_statutory_line(r) for r in floors.period if r.band != ACCOMMODATION]
        if floors.offset:
            lines.append(f"  Accommodation offset: {pounds(floors.offset.rate)} a day")
        else:
            lines.append(
                "  Accommodation offset: none recorded for this period "
                "(accommodation rows are not checked)"
            )
    else:
        gap = floors.statutory_gap
        lines.append(
            f"Statutory minimum: {gap}."
            if gap
            else "Statutory minimum: no rates recorded for this date."
        )
    if floors.worker is not None:
        answer = floors.worker
        figure = f"{pounds(answer.rate.rate)}/h" if answer.rate else "no single rate"
        lines += ["", f"This worker (age {answer.age}): {figure} — {answer.explanation}"]
    for living in floors.living_wage:
        lines += ["", *_living_wage_lines(living)]
    lines.append("")
    if floors.next_rise:
        start = long_date(floors.next_rise[0].effective_from)
        lines.append(f"Next statutory rise from {start}:")
        lines += [_statutory_line(r) for r in floors.next_rise if r.band != ACCOMMODATION]
    else:
        lines.append(
            "Next statutory rise: none known yet (announced each autumn, paid from 1 April)."
        )
    for pending in floors.unconfirmed:
        lines.append(
            f"Awaiting confirmation: {pending.scheme} {pending.rates_of} rates {pounds(pending.rate)} "
            f"(fetched from {pending.source_url}); confirm with `rlwcheck rates confirm`."
        )
    return "\n".join(lines)


def _statutory_line(rate: StatutoryRate) -> str:
    return f"  {rate.label:<40} {pounds(rate.rate)}/h"


def _living_wage_lines(answer: LivingWageAnswer) -> list[str]:
    zone = "London" if answer.zone == "london" else "UK (outside London)"
    lines = [f"Real Living Wage, {zone} (voluntary; accredited employers):"]
    must = answer.must_pay
    if must is None:
        return [*lines, "  none in force on this date"]
    lines.append(
        f"  Must already pay: {pounds(must.rate)}/h ({must.rates_of} rates, due since "
        f"{long_date(must.due_from)}; source {must.source_url})"
    )
    if must.treatment:
        lines.append(f"  Note: {must.treatment}")
    pending = answer.pending
    if pending is not None:
        due = (
            long_date(pending.implement_by) if pending.implement_by else "a date not yet published"
        )
        lines.append(
            f"  Announced, not yet due: {pounds(pending.rate)}/h ({pending.rates_of} rates, "
            f"announced {long_date(pending.known_from)}), to be paid by {due}"
        )
    return lines
