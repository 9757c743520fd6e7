"""Follow-up after a Lunch and Learn: the standard next action per attending partner, and an email each.

Each attending partner gets the next step for its stage as an action, due a configurable number of
days after the session (two weeks by default). The action's origin names the session, so running
the follow-up again finds the action already there instead of adding a second one.

Every attendee gets a thank-you with its next step; partners that were in the network on the
session day, did not attend and are not yet accredited get a "sorry we missed you" variant. The emails say where the partner stands, the Real
Living Wage dates that matter (from the rate book, never an invented rate) and the partner's gap
when its pay aggregates are known.
"""

import datetime as dt
import difflib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from rlwcheck import network, store, templating
from rlwcheck.dates import long_date
from rlwcheck.errors import InputError, UsageError
from rlwcheck.money import pounds
from rlwcheck.network_actions import Action, action, all_actions, insert_action
from rlwcheck.network_pay import PayAggregate, latest_pay
from rlwcheck.rates import LivingWageRate, RateBook
from rlwcheck.tomlfiles import read_toml

DEFAULT_OFFSET_DAYS = 14
SETTINGS_KEYS = ("default_days", "signature", "offset_days")
NEXT_STEPS = {
    "not_engaged": "Name an executive sponsor for the Real Living Wage",
    "aware": "Name an executive sponsor for the Real Living Wage",
    "committed": "Set the date to pay all direct staff the Real Living Wage, and share your pay aggregates",
    "paying_direct_staff": "Map contracts and date the contractor milestones (renewals and break clauses)",
    "contractor_plan": "Submit the Living Wage Foundation licence application",
    "applied": "Confirm the accreditation decision with the Living Wage Foundation",
    "accredited": "Plan the uplift to the next Real Living Wage by its implement-by date",
    "maintaining": "Plan the uplift to the next Real Living Wage by its implement-by date",
    "paused": "Agree a date to restart work toward accreditation",
    "lapsed": "Agree the steps to restore accreditation",
}
ATTENDED_TEMPLATE = "followup_attended.txt.j2"
MISSED_TEMPLATE = "followup_missed.txt.j2"
# with the parts both include: what a user's --templates folder may override
TEMPLATE_NAMES = (
    ATTENDED_TEMPLATE,
    MISSED_TEMPLATE,
    "_followup_standing.txt.j2",
    "_followup_dates.txt.j2",
)


@dataclass(frozen=True)
class Settings:
    """Days from the session to each stage's follow-up action, and the emails' sign-off."""

    default_days: int = DEFAULT_OFFSET_DAYS
    offset_days: dict[str, int] = field(default_factory=dict)
    signature: str = "The Real Living Wage team"

    def days_for(self, stage: str) -> int:
        return self.offset_days.get(stage, self.default_days)


@dataclass(frozen=True)
class LivingWageDates:
    """The Real Living Wage dates that matter on a day: the rate due now, one announced but not yet
    due, and when the next announcement is expected if none is pending."""

    on: dt.date
    current_uk: LivingWageRate | None
    current_london: LivingWageRate | None
    pending_uk: LivingWageRate | None
    pending_london: LivingWageRate | None
    next_announcement: str
    warning: str | None


@dataclass(frozen=True)
class Email:
    partner: network.Partner
    attended: bool
    text: str
    path: Path | None


@dataclass
class FollowUpResult:
    session: network.Session
    created: list[Action] = field(default_factory=list)
    already_there: list[Action] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)


def load_settings(path: Path | None, default_days: int | None = None) -> Settings:
    """Settings from a TOML file (``default_days``, ``signature``, an ``[offset_days]`` table by
    stage), with ``default_days`` from the command line winning."""
    data = read_toml(path, "follow-up settings file") if path is not None else {}
    _check_settings(path, data)
    if default_days is not None and not _whole_days(default_days):
        raise UsageError("--days must be a whole number of days, 0 or more")
    days = data.get("default_days", DEFAULT_OFFSET_DAYS) if default_days is None else default_days
    return Settings(
        days, dict(data.get("offset_days", {})), data.get("signature", Settings.signature)
    )


def _check_settings(path: Path | None, data: dict[str, Any]) -> None:
    # A misspelt key would be ignored, and the due dates it meant to set saved for good.
    unknown_keys = [key for key in data if key not in SETTINGS_KEYS]
    if unknown_keys:
        raise InputError(
            f"{path}: unknown setting {', '.join(unknown_keys)}; "
            "use default_days, signature and an [offset_days] table"
        )
    offsets = data.get("offset_days", {})
    if not isinstance(offsets, dict):
        raise InputError(
            f"{path}: offset_days must be a table, e.g. [offset_days] then applied = 42"
        )
    unknown = [stage for stage in offsets if stage not in network.ALL_STAGES]
    if unknown:
        raise InputError(f"{path}: unknown stage in [offset_days]: {', '.join(unknown)}")
    days = {f"offset_days.{stage}": value for stage, value in offsets.items()}
    if "default_days" in data:
        days["default_days"] = data["default_days"]
    for key, value in days.items():
        if not _whole_days(value):
            raise InputError(f"{path}: {key} must be a whole number of days, 0 or more")
    if not isinstance(data.get("signature", ""), str):
        raise InputError(f'{path}: signature must be text, e.g. signature = "Northshire ICB"')


def _whole_days(value: object) -> bool:
    # bool is a subclass of int: `default_days = true` is not one day
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def follow_up(
    conn: sqlite3.Connection,
    session_id: int,
    *,
    today: dt.date,
    settings: Settings,
    out_dir: Path | None = None,
    templates: Path | None = None,
) -> FollowUpResult:
    """Create the next actions for a session's attendees (idempotent) and render every email.

    Refused for a session after ``today``: nobody has attended or missed it yet."""
    held = network.session(conn, session_id)
    if held.held_on > today:
        raise UsageError(
            f"session {session_id} is on {long_date(held.held_on)}, after today: "
            "follow it up once it has been held"
        )
    env = _environment(templates)  # a bad folder stops before any action is saved
    attended = {row.partner_id for row in network.attendance(conn, session_id)}
    everyone = network.partners(conn)
    dates = living_wage_dates(RateBook.load(conn), today)
    pay = latest_pay(conn)
    invited = network.stages_on(conn, held.held_on)  # partners that joined later were not invited
    result = FollowUpResult(held)
    letters: list[tuple[network.Partner, Action | None, str]] = []
    # Every letter is rendered before the actions commit: a template that fails leaves no action
    # saved (a re-run would keep its due date for good) and no letter written.
    with store.transaction(conn):
        for partner in everyone:
            saved = (
                _create_action(conn, partner, held, settings, result, today)
                if partner.id in attended
                else None
            )
            if saved is not None or (partner.id in invited and not partner.accredited):
                text = _render(env, partner, held, saved, dates, pay.get(partner.id), settings)
                letters.append((partner, saved, text))
        _make_folder(out_dir)
    result.emails = [
        Email(partner, saved is not None, text, _write(out_dir, partner, text))
        for partner, saved, text in letters
    ]
    return result


def _environment(templates: Path | None) -> jinja2.Environment:
    """The templates, with a user's folder first. A folder whose .j2 files are not named as the
    follow-up's templates would be silently passed over for the packaged ones."""
    env = templating.environment(templates)
    if templates is None:
        return env
    found = sorted(path.name for path in templates.glob("*.j2"))
    if not found:
        raise UsageError(
            f"templates folder {templates} has no .j2 files; copy in {', '.join(TEMPLATE_NAMES)}"
        )
    for name in found:
        if name not in TEMPLATE_NAMES:
            close = difflib.get_close_matches(name, TEMPLATE_NAMES, n=1)
            hint = f"did you mean {close[0]}?" if close else f"use {', '.join(TEMPLATE_NAMES)}"
            raise UsageError(
                f"templates folder {templates} has {name}, which is not a follow-up template "
                f"and would be ignored: {hint}"
            )
    return env


def _create_action(
    conn: sqlite3.Connection,
    partner: network.Partner,
    held: network.Session,
    settings: Settings,
    result: FollowUpResult,
    today: dt.date,
) -> Action:
    """The partner's follow-up action for the session: created now, or as saved by an earlier run,
    or the same step still open from an earlier session (a second copy would be reported twice)."""
    step = NEXT_STEPS[partner.stage]
    still_open = [
        a for a in all_actions(conn, partner.id) if a.description == step and a.open_on(today)
    ]
    if still_open:
        result.already_there.append(still_open[0])
        return still_open[0]
    origin = f"follow-up:session:{held.id}"
    due = held.held_on + dt.timedelta(days=settings.days_for(partner.stage))
    owner = partner.lead_contact or f"{partner.name} lead"
    action_id, created = insert_action(conn, partner.id, step, owner, due, origin, opened_on=today)
    found = action(conn, action_id)
    (result.created if created else result.already_there).append(found)
    return found


def living_wage_dates(book: RateBook, on: dt.date) -> LivingWageDates:
    uk, london = book.living_wage(on, "uk"), book.living_wage(on, "london")
    newest = uk.newest
    if uk.pending is not None or newest is None:
        expected = ""
    else:
        year = newest.rates_of + 1
        expected = (
            f"The {year} rates are expected to be announced in the autumn of {year} "
            "(recent announcements came between late September and mid-November); "
            "there is no new rate until the Living Wage Foundation announces it."
        )
    return LivingWageDates(
        on,
        uk.must_pay,
        london.must_pay,
        uk.pending,
        london.pending,
        expected,
        book.staleness_warning(on),
    )


def _render(
    env: jinja2.Environment,
    partner: network.Partner,
    held: network.Session,
    agreed: Action | None,
    dates: LivingWageDates,
    gap: PayAggregate | None,
    settings: Settings,
) -> str:
    """An attendee's email states its saved action (a re-run after a stage move or a new --days
    must not promise a different step or date); a partner that missed the session has no action,
    so it is offered its stage's next step with no due date."""
    name = MISSED_TEMPLATE if agreed is None else ATTENDED_TEMPLATE
    try:
        return env.get_template(name).render(
            partner=partner,
            session=held,
            dates=dates,
            gap=gap,
            next_step=NEXT_STEPS[partner.stage] if agreed is None else agreed.description,
            next_step_due=None if agreed is None else agreed.due_on,
            signature=settings.signature,
            long_date=long_date,
            pounds=pounds,
        )
    except jinja2.TemplateError as exc:
        raise UsageError(
            f"template {name} cannot be rendered: {exc}; check your --templates copy"
        ) from exc


def _make_folder(out_dir: Path | None) -> None:
    if out_dir is None:
        return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out_dir}: {exc.strerror}") from exc


def _write(out_dir: Path | None, partner: network.Partner, text: str) -> Path | None:
    if out_dir is None:
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", partner.name.lower()).strip("-") or "partner"
    path = out_dir / f"{partner.id:03d}-{slug}.txt"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    return path
