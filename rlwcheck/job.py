"""The daily job: update rates, re-check payroll before a rise, list network actions, tell people.

One pass is idempotent. Everything worth telling is a *notice* with a stable key (a rate
period, a rise date, an action); a notice is mailed once and recorded in ``job_notice``, so a
second run the same day sends nothing. Each step's failure is reported and the rest still runs:
a GOV.UK outage must not stop the re-check against the rates already stored.
"""

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from rlwcheck import store
from rlwcheck.dates import long_date
from rlwcheck.errors import RlwcheckError
from rlwcheck.jobconfig import EmailSettings, JobConfig, RecheckSettings
from rlwcheck.money import from_pence, pounds
from rlwcheck.rates import BAND_LABELS, ZONE_LABELS, ZONES, LivingWageRate, RateBook
from rlwcheck.sources import Source
from rlwcheck.updates import DEFAULT_URLS, update_rates

if TYPE_CHECKING:  # pandas stays out of `rlwcheck --help`
    from rlwcheck.payrecords import PayRecords

PENDING = "pending confirmation: check the source, then run `rlwcheck rates confirm`"


@dataclass(frozen=True)
class Notice:
    """Something to tell people, once: ``key`` identifies it across runs."""

    key: str
    section: str
    text: str


@dataclass(frozen=True)
class FetchOutcome:
    source: str
    ok: bool
    urls: tuple[str, ...]
    content_hash: str | None
    new_rates: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class Rise:
    """A coming change of wage floor: statutory rates from a date, or an RLW deadline."""

    kind: str  # "statutory" or "living_wage"
    due_on: dt.date
    text: str

    @property
    def key(self) -> str:
        return f"rise:{self.kind}:{self.due_on.isoformat()}"


@dataclass
class JobRun:
    run_on: dt.date
    fetches: list[FetchOutcome] = field(default_factory=list)
    rises_due: list[Rise] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    report_lines: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    network: str = ""
    new_notices: list[Notice] = field(default_factory=list)
    email_status: str = ""
    failures: list[str] = field(default_factory=list)
    run_id: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every step worked; 2 when a step failed (reported, the rest still ran)."""
        return 2 if self.failures else 0


Sender = Callable[[EmailSettings, str, str], None]


def run_job(
    conn: sqlite3.Connection,
    config: JobConfig,
    today: dt.date,
    client: httpx.Client,
    send: Sender | None = None,
    retry_delays: Sequence[float] | None = None,
) -> JobRun:
    """One pass of the scheduled job; see the module docstring. ``send`` defaults to SMTP."""
    from rlwcheck.mail import send_summary

    started_at = store.now_utc()
    run = JobRun(today)
    run.fetches = [
        _fetch(conn, client, config, source, today, retry_delays) for source in config.rates.sources
    ]
    run.failures += [f"{f.source} fetch failed: {f.message}" for f in run.fetches if not f.ok]
    book = RateBook.load(conn)
    coming = coming_rises(book, today)
    run.rises_due = rises_within(coming, today, config.check)
    notices = rate_notices(conn, book)
    notices += [Notice(r.key, "Rises due soon", r.text) for r in run.rises_due]
    sent = _sent_keys(conn)
    new_rates = [n.key for n in notices if n.key.startswith("rates:") and n.key not in sent]
    if new_rates or run.rises_due:
        if config.check.files:
            _recheck(run, config.check, book, coming, today)
        else:
            notices += _nothing_to_recheck(run.rises_due, new_rates, config.path)
    notices += _network(run, conn, today, config.network_days_ahead)
    notices += [_problem_notice(failure, today) for failure in run.failures]
    run.new_notices = [n for n in notices if n.key not in sent]
    recorded = _deliver(run, config, send or send_summary)
    _record(conn, run, config, started_at, recorded)
    return run


def _nothing_to_recheck(
    rises: Sequence[Rise], new_rates: Sequence[str], config_path: Path
) -> list[Notice]:
    """A re-check is due but no payroll files are configured: said once for each rise and each
    new set of rates (keyed by them), not a failure.

    Misspelt settings are refused when the config is read, so a config without files is one
    that checks no payroll (a network lead's); a failure every day of a rise's window would
    teach its scheduler to ignore the job's exit code."""
    reasons = [
        (f"recheck-skipped:{rise.key}", f"rise on {long_date(rise.due_on)}") for rise in rises
    ]
    if new_rates:
        reasons.append((f"recheck-skipped:{'|'.join(new_rates)}", "new rates stored"))
    return [
        Notice(
            key,
            "Rises due soon",
            f"a re-check is due ({why}) but [check] files names no payroll files: "
            f"list them in {config_path} to have them re-checked",
        )
        for key, why in reasons
    ]


def _problem_notice(failure: str, today: dt.date) -> Notice:
    """A failure is news once a day: tomorrow's run reports it again if it persists."""
    digest = hashlib.sha256(failure.encode()).hexdigest()[:16]
    return Notice(f"problem:{today.isoformat()}:{digest}", "Problems", failure)


def _fetch(
    conn: sqlite3.Connection,
    client: httpx.Client,
    config: JobConfig,
    source: Source,
    today: dt.date,
    retry_delays: Sequence[float] | None,
) -> FetchOutcome:
    urls = {**DEFAULT_URLS, **config.rates.urls}  # a failure records the addresses tried
    try:
        result = update_rates(
            conn,
            client,
            today,
            sources=(source,),
            urls=urls,
            confirm_living_wage=config.rates.confirm_living_wage,
            retry_delays=retry_delays,
        )
    except RlwcheckError as exc:
        return FetchOutcome(source, False, tuple(urls[source]), None, (), str(exc))
    except Exception as exc:  # an unattended run must go on to re-check and report
        message = f"unexpected {type(exc).__name__}: {exc}; nothing was stored; please report this"
        return FetchOutcome(source, False, tuple(urls[source]), None, (), message)
    (update,) = result.updates
    described = tuple(change.describe(today) for change in update.changes)
    message = f"{len(described)} new, {update.known} already known" + "".join(
        f"; {n}" for n in update.notes
    )
    pages = tuple(page.url for page in update.pages)
    return FetchOutcome(source, True, pages, update.content_hash, described, message)


# rises -------------------------------------------------------------------------------------


def coming_rises(book: RateBook, today: dt.date) -> list[Rise]:
    """Every known rise after today: the next statutory period and each later RLW deadline.

    Dates come from the rate book, never from the calendar: the statutory rise is the next
    period's start, the RLW one each year's published implement-by date. Pending RLW rates
    count, marked as such, so people hear of a rise the day it is announced.
    """
    rises = []
    statutory = book.next_statutory_rise(today)
    if statutory:
        top = max((r for r in statutory if r.scheme == "nmw"), key=lambda r: r.rate, default=None)
        figure = f" ({BAND_LABELS.get(top.band, top.band)} {pounds(top.rate)})" if top else ""
        starts = statutory[0].effective_from
        rises.append(
            Rise("statutory", starts, f"statutory rates change on {long_date(starts)}{figure}")
        )
    living = [
        r for r in _living_wage_with_pending(book) if r.due_from > today and r.known_from <= today
    ]
    for year in sorted({r.rates_of for r in living}):
        rates = sorted((r for r in living if r.rates_of == year), key=lambda r: ZONES.index(r.zone))
        due = rates[0].due_from
        figures = ", ".join(
            f"{'UK' if r.zone == 'uk' else 'London'} {pounds(r.rate)}" for r in rates
        )
        pending = f", {PENDING}" if any(r.status == "pending" for r in rates) else ""
        text = f"Real Living Wage {year} ({figures}) due by {long_date(due)}{pending}"
        rises.append(Rise("living_wage", due, text))
    return sorted(rises, key=lambda r: r.due_on)


def rises_within(rises: Sequence[Rise], today: dt.date, settings: RecheckSettings) -> list[Rise]:
    """The rises close enough to act on: within the configured days before each."""
    window = {
        "statutory": settings.days_before_statutory_rise,
        "living_wage": settings.days_before_living_wage_due,
    }
    return [r for r in rises if (r.due_on - today).days <= window[r.kind]]


def _living_wage_with_pending(book: RateBook) -> list[LivingWageRate]:
    return book.living_wage_rates + book.pending_living_wage_rates


def book_with_pending(book: RateBook) -> RateBook:
    """The rate book as if pending RLW rates were confirmed: for 'what if' re-checks only."""
    promoted = [replace(r, status="confirmed") for r in book.pending_living_wage_rates]
    return RateBook(book.statutory_rates, book.living_wage_rates + promoted)


# notices ------------------------------------------------------------------------------------


def rate_notices(conn: sqlite3.Connection, book: RateBook) -> list[Notice]:
    """One notice per stored statutory period and per RLW year and status.

    The key carries the newest row id, so a band added later, or a pending rate being
    confirmed, is news again; the same rows are never news twice. A period without an
    accommodation offset says so: GOV.UK's rates page never gives one, and until it is added
    by hand, accommodation cannot be counted in that period.
    """
    notices = []
    statutory = conn.execute("SELECT * FROM statutory_rate ORDER BY effective_from, id").fetchall()
    for starts, rows in _grouped(statutory, "effective_from"):
        figures = ", ".join(f"{BAND_LABELS.get(r['band'], r['band'])} {_amount(r)}" for r in rows)
        start = dt.date.fromisoformat(starts)
        lacks_offset = book.accommodation_offset(start) is None
        notices.append(
            Notice(
                f"rates:statutory:{starts}:{rows[-1]['id']}",
                "New rates",
                f"statutory rates from {long_date(start)}: {figures} ({rows[-1]['source_url']})"
                + (f"; {_offset_reminder(start)}" if lacks_offset else ""),
            )
        )
    living = conn.execute("SELECT * FROM living_wage_rate ORDER BY rates_of, status, id").fetchall()
    for (year, status), rows in _grouped(living, "rates_of", "status"):
        figures = ", ".join(f"{'UK' if r['zone'] == 'uk' else 'London'} {_amount(r)}" for r in rows)
        due = rows[-1]["implement_by"]
        by = long_date(dt.date.fromisoformat(due)) if due else "no published date"
        what = PENDING if status == "pending" else "confirmed"
        notices.append(
            Notice(
                f"rates:living-wage:{year}:{status}:{rows[-1]['id']}",
                "New rates",
                f"Real Living Wage {year}: {figures}, due by {by}, {what} ({rows[-1]['source_url']})",
            )
        )
    return notices


def _offset_reminder(starts: dt.date) -> str:
    return (
        f"no accommodation offset is recorded from {long_date(starts)}: add the new daily offset "
        f"with `rlwcheck rates add --scheme accommodation_offset --rate ... "
        f"--from {starts:%d/%m/%Y} --source ...`"
    )


def _grouped(rows: Sequence[sqlite3.Row], *keys: str) -> list[tuple[Any, list[sqlite3.Row]]]:
    groups: dict[Any, list[sqlite3.Row]] = {}
    for row in rows:
        key = row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)
        groups.setdefault(key, []).append(row)
    return list(groups.items())


def _amount(row: sqlite3.Row) -> str:
    return pounds(from_pence(row["rate_pence"]))


def _sent_keys(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT notice_key FROM job_notice")}


# re-check -------------------------------------------------------------------------------------


def _recheck(
    run: JobRun, settings: RecheckSettings, book: RateBook, coming: Sequence[Rise], today: dt.date
) -> None:
    """Check the configured files on each coming rise date (or today if none is known).

    The files are read once: only the rates differ from one date to the next.
    """
    from rlwcheck.payrecords import ReadOptions, read_pay_files

    dates = sorted({rise.due_on for rise in coming}) or [today]
    try:
        records = read_pay_files(list(settings.files), ReadOptions(sites_file=settings.sites))
    except RlwcheckError as exc:
        run.failures += [_recheck_failure(on, exc) for on in dates]
        return
    what_if = book_with_pending(book)
    for on in dates:
        try:
            _check_on(run, settings, what_if, book.pending_living_wage_rates, records, on, today)
        except OSError as exc:
            run.failures.append(f"cannot write reports in {settings.reports}: {exc.strerror}")
        except RlwcheckError as exc:
            run.failures.append(_recheck_failure(on, exc))


def _recheck_failure(on: dt.date, exc: RlwcheckError) -> str:
    return f"re-check for {long_date(on)} failed: {exc}"


def _check_on(
    run: JobRun,
    settings: RecheckSettings,
    book: RateBook,
    pending: Sequence[LivingWageRate],
    records: "PayRecords",
    on: dt.date,
    today: dt.date,
) -> None:
    """Check and write the reports for one date; ``book`` has the ``pending`` rates promoted."""
    from rlwcheck.checks import CheckSettings, check_records
    from rlwcheck.payrecords import ReadOptions
    from rlwcheck.reports import write_report

    options = CheckSettings(
        on=on,
        today=today,
        weeks_per_year=settings.weeks_per_year,
        rlw_includes_apprentices=settings.rlw_includes_apprentices,
        salary_basis=settings.salary_basis,
        read=ReadOptions(sites_file=settings.sites),  # as the files were read: for the record
    )
    report = check_records(records.frame, records.problems, records.files, book, options)
    pending_used = mark_pending(report.rates, pending)
    report.summary["warnings"] += pending_used
    settings.reports.mkdir(parents=True, exist_ok=True)
    for fmt in settings.formats:
        path = settings.reports / f"recheck-{on.isoformat()}.{fmt}"
        write_report(report, fmt, path)
        run.reports.append(path)
    line = _report_line(on, report.summary, settings.reports)
    # every warning goes with the figures it qualifies: a missing statutory period, stale or
    # pending Real Living Wage rates (pending ones are named in the report, said briefly here)
    other_warnings = [w for w in report.summary["warnings"] if w not in pending_used]
    line += "".join(f"; {warning}" for warning in other_warnings)
    if pending_used:
        line += "; pending Real Living Wage rates were used as if confirmed"
    run.report_lines.append(line)


def mark_pending(rates_used: list[dict[str, Any]], pending: Sequence[LivingWageRate]) -> list[str]:
    """Give each Real Living Wage rate used a status, and a warning per year of pending ones.

    The re-check treats pending rates as confirmed, to show what they would mean; its reports
    go to payroll and suppliers, so they must say which figures nobody has confirmed yet.
    """
    unconfirmed = {(r.scheme, r.rates_of, r.rate) for r in pending}
    by_year: dict[int, list[str]] = {}
    for entry in rates_used:
        if "rates_of" not in entry:  # a statutory rate: never pending
            continue
        key = (entry["scheme"], entry["rates_of"], Decimal(entry["rate"]))
        entry["status"] = "pending" if key in unconfirmed else "confirmed"
        if entry["status"] == "pending":
            zone = ZONE_LABELS["uk" if entry["scheme"] == "rlw_uk" else "london"]
            by_year.setdefault(entry["rates_of"], []).append(f"{zone} {pounds(key[2])}")
    return [
        f"the Real Living Wage {year} rates ({', '.join(figures)}) are pending confirmation "
        "and were used as if confirmed: check them against the source, then run "
        "`rlwcheck rates confirm`"
        for year, figures in sorted(by_year.items())
    ]


def _report_line(on: dt.date, summary: dict[str, Any], folder: Path) -> str:
    """The counts that need action, rows that could not be checked included: a line saying only
    'statutory fail 2' would hide 14 rows left unchecked for want of rates."""
    nmw, rlw = summary.get("nmw", {}), summary.get("rlw", {})
    return (
        f"on {long_date(on)}: {summary.get('rows_read', 0)} rows; statutory fail "
        f"{nmw.get('fail', 0)}, not checked {nmw.get('invalid', 0)}; Real Living Wage fail "
        f"{rlw.get('fail', 0)}, due {rlw.get('due', 0)}, undetermined "
        f"{rlw.get('undetermined', 0)} (reports in {folder})"
    )


# network ------------------------------------------------------------------------------------


def _network(
    run: JobRun, conn: sqlite3.Connection, today: dt.date, days_ahead: int
) -> list[Notice]:
    """Network actions overdue or due soon, if the accreditation tracker is in use."""
    try:
        from rlwcheck.network_actions import actions_due
    except ImportError:  # an install without the accreditation tracker
        run.network = "no network configured"
        return []
    actions = actions_due(conn, on=today, within_days=days_ahead)
    if not actions:
        run.network = "no network actions due"
        return []
    notices = []
    for action in actions:
        state = "overdue" if action.overdue_on(today) else "due"
        text = f"{action.partner_name}: {action.description} (owner {action.owner}, {state} {long_date(action.due_on)})"
        run.actions.append(text)
        notices.append(Notice(f"action:{action.id}:{state}", "Network actions", text))
    overdue = sum(action.overdue_on(today) for action in actions)
    run.network = (
        f"{overdue} action{'' if overdue == 1 else 's'} overdue, {len(actions) - overdue} due"
    )
    return notices


# delivery and record ------------------------------------------------------------------------


def _deliver(run: JobRun, config: JobConfig, send: Sender) -> bool:
    """Mail the new notices; True when they count as told (sent, or no email configured)."""
    from rlwcheck.mail import compose_summary

    if not run.new_notices:
        run.email_status = "nothing new to send"
        return True
    if config.email is None:
        run.email_status = "no [email] configured: new items shown here only"
        return True
    subject, body = compose_summary(run)
    try:
        send(config.email, subject, body)
    except (OSError, RlwcheckError) as exc:
        run.email_status = f"email failed: {exc}"
        run.failures.append(run.email_status)
        return False
    run.email_status = f"sent to {', '.join(config.email.recipients)}"
    return True


def _record(
    conn: sqlite3.Connection, run: JobRun, config: JobConfig, started_at: str, told: bool
) -> None:
    finished_at = store.now_utc()
    sent_to = ", ".join(config.email.recipients) if config.email else ""
    summary = {
        "rises_due": [r.text for r in run.rises_due],
        "reports": [str(p) for p in run.reports],
        "report_lines": run.report_lines,
        "actions": run.actions,
        "network": run.network,
        "failures": run.failures,
        "new_notices": [n.key for n in run.new_notices],
    }
    with store.transaction(conn):
        cursor = conn.execute(
            "INSERT INTO job_run (run_on, started_at, finished_at, config_path, new_rates, "
            "reports_written, email_status, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run.run_on.isoformat(),
                started_at,
                finished_at,
                str(config.path),
                sum(len(f.new_rates) for f in run.fetches),
                len(run.reports),
                run.email_status,
                json.dumps(summary, sort_keys=True),
            ),
        )
        run.run_id = int(cursor.lastrowid or 0)
        for f in run.fetches:
            conn.execute(
                "INSERT INTO job_fetch (run_id, source, ok, urls, content_hash, new_rates, message) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run.run_id,
                    f.source,
                    int(f.ok),
                    " ".join(f.urls),
                    f.content_hash,
                    len(f.new_rates),
                    f.message,
                ),
            )
        if told:
            for notice in run.new_notices:
                conn.execute(
                    "INSERT OR IGNORE INTO job_notice (run_id, notice_key, text, sent_to, recorded_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (run.run_id, notice.key, notice.text, sent_to, finished_at),
                )
