"""rlwcheck network: the accreditation tracker for an anchor network (partners, stages, sessions, actions).

Library modules are imported inside each command so `rlwcheck --help` stays light.
"""

import datetime as dt
from pathlib import Path

import click

from rlwcheck import network as tracker  # light: stdlib and the store only
from rlwcheck.commands.common import DATE, EXIT_NON_COMPLIANT, CommandError, open_store
from rlwcheck.dates import long_date, today
from rlwcheck.money import parse_amount, pounds

STAGE_CHOICE = click.Choice(tracker.ALL_STAGES)


def _not_future(
    ctx: click.Context, param: click.Parameter, value: dt.date | None
) -> dt.date | None:
    """The tracker records what has happened: a date after today is a typo, and would change
    today's state (the newest-dated entry wins) or leave a record that cannot be corrected."""
    if value is not None and value > today():
        raise click.BadParameter(f"{long_date(value)} is in the future", ctx, param)
    return value


ON = click.option(
    "--on", "on", type=DATE, callback=_not_future, help="The date it happened (default: today)."
)


def _partner_id(ctx: click.Context, ref: str) -> int:
    return tracker.find_partner(open_store(ctx), ref).id


@click.group()
def network() -> None:
    """Track partners of an anchor network toward Real Living Wage accreditation.

    \b
    Examples:
      rlwcheck network import samples/network/partners.csv
      rlwcheck network move "Northshire Fire and Rescue Service" committed --note "CFO is sponsor"
      rlwcheck network actions --on 01/06/2026
      rlwcheck network report --format html --output board.html
    """


@network.command("add")
@click.argument("name")
@click.option("--sector", required=True, help="e.g. 'NHS trust', 'council', 'college'.")
@click.option("--place", default="", help="Town or area.")
@click.option("--lead", "lead_contact", default="", help="Lead contact at the partner.")
@click.option(
    "--size", "size_band", default="", help="Headcount band: 0-10, 11-50, 51-250, 251-500, 500+."
)
@click.option(
    "--stage", type=STAGE_CHOICE, default="not_engaged", show_default=True, help="Starting stage."
)
@ON
@click.pass_context
def add_cmd(
    ctx: click.Context,
    name: str,
    sector: str,
    place: str,
    lead_contact: str,
    size_band: str,
    stage: str,
    on: dt.date | None,
) -> None:
    """Add one partner to the network.

    \b
    Example:
      rlwcheck network add "Northshire College" --sector college --place Ashford --size 500+
    """
    added = tracker.add_partner(
        open_store(ctx),
        name,
        sector,
        on=on or today(),
        place=place,
        lead_contact=lead_contact,
        size_band=size_band,
        stage=stage,
    )
    click.echo(f"added partner {added.id}: {added.name} ({added.stage_label})")


@network.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--all-or-nothing", is_flag=True, help="Import nothing if any row is bad.")
@click.option(
    "--on", "on", type=DATE, help="Date of the starting stage when a row has no stage_date."
)
@click.pass_context
def import_cmd(
    ctx: click.Context, csv_file: Path, all_or_nothing: bool, on: dt.date | None
) -> None:
    """Import partners from a CSV file, in one transaction.

    Columns: name and sector (required); place, lead_contact, size_band, stage, stage_date,
    living_hours, recognised_service_provider (yes/no), separated by commas, semicolons, tabs
    or pipes. Bad rows are listed with their row number
    (header = row 1) and skipped; the good rows are imported together. Exit status 1 when any row
    was rejected, 2 when the file cannot be read.

    \b
    Example:
      rlwcheck network import samples/network/partners.csv
    """
    from rlwcheck.network_io import import_partners

    result = import_partners(
        open_store(ctx), csv_file, on=on or today(), today=today(), all_or_nothing=all_or_nothing
    )
    for problem in result.problems:
        click.echo(
            f"{csv_file} row {problem.row}, {problem.column} {problem.value!r}: "
            f"{problem.code}: {problem.message}",
            err=True,
        )
    click.echo(
        f"imported {len(result.imported)} partners; rejected {len({p.row for p in result.problems})} rows"
    )
    if result.problems:
        ctx.exit(EXIT_NON_COMPLIANT)


@network.command("list")
@click.option("--stage", type=STAGE_CHOICE, help="Only partners at this stage.")
@click.pass_context
def list_cmd(ctx: click.Context, stage: str | None) -> None:
    """List partners with their current stage.

    \b
    Example:
      rlwcheck network list --stage committed
    """
    found = [p for p in tracker.partners(open_store(ctx)) if stage is None or p.stage == stage]
    for p in found:
        flags = ", ".join(
            label
            for label, on in (
                ("Living Hours", p.living_hours),
                ("RSP", p.recognised_service_provider),
            )
            if on
        )
        click.echo(
            f"{p.id:>4}  {p.name:<45}  {p.stage_label:<20} since {p.stage_since.isoformat()}"
            + (f"  [{flags}]" if flags else "")
        )
    click.echo(f"{len(found)} partners")


@network.command("show")
@click.argument("partner")
@click.pass_context
def show_cmd(ctx: click.Context, partner: str) -> None:
    """Show a partner's details and timeline.

    \b
    Example:
      rlwcheck network show "Northshire Fire and Rescue Service"
    """
    from rlwcheck.network_timeline import timeline

    conn = open_store(ctx)
    found = tracker.find_partner(conn, partner)
    click.echo(f"{found.name} (partner {found.id})")
    for label, value in (
        ("sector", found.sector),
        ("place", found.place),
        ("lead contact", found.lead_contact),
        ("size band", found.size_band),
        ("stage", f"{found.stage_label} since {long_date(found.stage_since)}"),
        ("Living Hours", "yes" if found.living_hours else "no"),
        ("Recognised Service Provider", "yes" if found.recognised_service_provider else "no"),
    ):
        click.echo(f"  {label}: {value or '-'}")
    click.echo("timeline:")
    for entry in timeline(conn, found.id):
        who = f"  [{entry.recorded_by}]" if entry.recorded_by else ""
        click.echo(f"  {entry.on.isoformat()}  {entry.kind:<7} {entry.text}{who}")


@network.command("move")
@click.argument("partner")
@click.argument("stage", type=STAGE_CHOICE)
@ON
@click.option("--note", default="", help="What happened, e.g. 'CEO agreed to sponsor'.")
@click.option("--reason", default="", help="Why: required when moving back, pausing or lapsing.")
@click.option(
    "--evidence",
    type=click.Choice(tracker.EVIDENCE),
    default="self_declared",
    show_default=True,
    help="What the move rests on.",
)
@click.pass_context
def move_cmd(
    ctx: click.Context,
    partner: str,
    stage: str,
    on: dt.date | None,
    note: str,
    reason: str,
    evidence: str,
) -> None:
    """Move a partner to another stage (moving back needs --reason).

    \b
    Examples:
      rlwcheck network move "Northshire College" committed --on 03/03/2026 --note "Principal is sponsor"
      rlwcheck network move "Northshire College" aware --reason "sponsor left"
    """
    change = tracker.move_stage(
        open_store(ctx),
        _partner_id(ctx, partner),
        stage,
        on=on or today(),
        today=today(),
        note=note,
        reason=reason,
        evidence=evidence,
    )
    click.echo(
        f"{partner}: {change.from_stage} -> {change.to_stage} on {long_date(change.changed_on)}"
    )


@network.command("flag")
@click.argument("partner")
@click.argument("flag", type=click.Choice(tracker.FLAGS))
@click.argument("value", type=click.Choice(["yes", "no"]))
@ON
@click.option("--note", default="", help="Evidence or context.")
@click.pass_context
def flag_cmd(
    ctx: click.Context, partner: str, flag: str, value: str, on: dt.date | None, note: str
) -> None:
    """Set a Living Hours or Recognised Service Provider flag.

    \b
    Example:
      rlwcheck network flag "Northshire College" living_hours yes --note "LWF confirmation"
    """
    tracker.set_flag(
        open_store(ctx),
        _partner_id(ctx, partner),
        flag,
        value == "yes",
        on=on or today(),
        note=note,
    )
    click.echo(f"{partner}: {flag} = {value}")


@network.command("note")
@click.argument("partner")
@click.argument("text")
@ON
@click.pass_context
def note_cmd(ctx: click.Context, partner: str, text: str, on: dt.date | None) -> None:
    """Add a note to a partner's timeline.

    \b
    Example:
      rlwcheck network note "Northshire College" "Board paper due in June"
    """
    tracker.add_note(open_store(ctx), _partner_id(ctx, partner), text, on=on or today())
    click.echo(f"noted for {partner}")


@network.command("session")
@click.argument("title")
@click.option("--on", "on", type=DATE, required=True, help="The date the session was held.")
@click.option("--place", default="", help="Where it was held.")
@click.option("--covered", default="", help="What was covered (goes into follow-up emails).")
@click.pass_context
def session_cmd(ctx: click.Context, title: str, on: dt.date, place: str, covered: str) -> None:
    """Record a Lunch and Learn (or other) session.

    \b
    Example:
      rlwcheck network session "Lunch and Learn: the Real Living Wage" --on 12/03/2026 --place "ICB HQ"
    """
    held = tracker.add_session(open_store(ctx), on, title, place=place, covered=covered)
    click.echo(f"session {held.id}: {held.title} on {long_date(held.held_on)}")


@network.command("sessions")
@click.pass_context
def sessions_cmd(ctx: click.Context) -> None:
    """List sessions with their attendance counts.

    \b
    Example:
      rlwcheck network sessions
    """
    conn = open_store(ctx)
    for held in tracker.sessions(conn):
        count = len({row.partner_id for row in tracker.attendance(conn, held.id)})
        click.echo(
            f"{held.id:>4}  {held.held_on.isoformat()}  {held.title}  ({count} partners attended)"
        )


@network.command("attend")
@click.argument("session_id", type=int)
@click.argument("partner")
@click.option("--role", default="", help="The attendee's role, e.g. 'HR director'.")
@click.option("--name", default="", help="The attendee's name (kept only with --consent).")
@click.option("--consent", is_flag=True, help="The attendee agreed to their name being kept.")
@click.pass_context
def attend_cmd(
    ctx: click.Context, session_id: int, partner: str, role: str, name: str, consent: bool
) -> None:
    """Record that a partner attended a session.

    \b
    Example:
      rlwcheck network attend 1 "Northshire College" --role "HR director"
    """
    if name and not consent:
        raise CommandError(
            "an attendee's name is kept only with their consent: add --consent, or drop --name"
        )
    attendees = tracker.record_attendance(
        open_store(ctx),
        session_id,
        _partner_id(ctx, partner),
        today=today(),
        attendee_role=role,
        attendee_name=name,
        consent=consent,
    )
    # a repeat is often the same person entered twice: say so rather than count them silently
    also = f" ({attendees} attendees from {partner} recorded)" if attendees > 1 else ""
    click.echo(f"{partner} attended session {session_id}{also}")


@network.command("action")
@click.argument("partner")
@click.argument("description")
@click.option("--owner", required=True, help="Who does it.")
@click.option("--due", type=DATE, required=True, help="When it is due.")
@click.option(
    "--on",
    "on",
    type=DATE,
    callback=_not_future,
    help="The day it was agreed, e.g. at last week's meeting (default: today).",
)
@click.pass_context
def action_cmd(
    ctx: click.Context,
    partner: str,
    description: str,
    owner: str,
    due: dt.date,
    on: dt.date | None,
) -> None:
    """Add an action for a partner.

    \b
    Examples:
      rlwcheck network action "Northshire College" "Send licence form" --owner "J Patel" --due 30/04/2026
      rlwcheck network action "Northshire College" "Book a visit" --owner "J Patel" --due 30/04/2026 --on 12/03/2026
    """
    from rlwcheck.network_actions import add_action

    added = add_action(
        open_store(ctx), _partner_id(ctx, partner), description, owner, due, opened_on=on or today()
    )
    click.echo(f"action {added.id} for {added.partner_name}, due {long_date(added.due_on)}")


@network.command("done")
@click.argument("action_id", type=int)
@ON
@click.option("--note", default="", help="How it was done.")
@click.pass_context
def done_cmd(ctx: click.Context, action_id: int, on: dt.date | None, note: str) -> None:
    """Mark an action done.

    \b
    Example:
      rlwcheck network done 7 --on 28/04/2026
    """
    from rlwcheck.network_actions import complete_action

    when = on or today()
    done = complete_action(open_store(ctx), action_id, done_on=when, note=note)
    click.echo(f"action {done.id} ({done.partner_name}) done on {long_date(when)}")


@network.command("actions")
@click.option("--on", "on", type=DATE, help="As of this date (default: today).")
@click.option(
    "--within", default=14, show_default=True, help="Also list actions due within this many days."
)
@click.option("--overdue", is_flag=True, help="Only overdue actions.")
@click.pass_context
def actions_cmd(ctx: click.Context, on: dt.date | None, within: int, overdue: bool) -> None:
    """List open actions that are overdue or due soon.

    An action due on the date itself is due, not overdue.

    \b
    Examples:
      rlwcheck network actions
      rlwcheck network actions --on 01/06/2026 --overdue
    """
    from rlwcheck.network_actions import actions_due

    when = on or today()
    found = actions_due(open_store(ctx), on=when, within_days=within, overdue_only=overdue)
    for a in found:
        status = f"OVERDUE {(when - a.due_on).days}d" if a.overdue_on(when) else "due"
        click.echo(
            f"{a.id:>4}  {a.due_on.isoformat()}  {status:<12} {a.partner_name}: {a.description} ({a.owner})"
        )
    click.echo(f"{len(found)} actions as of {long_date(when)}")


@network.command("pay")
@click.argument("partner")
@click.option(
    "--staff-below", type=click.IntRange(min=0), help="Staff paid below the Real Living Wage."
)
@click.option("--cost", help="Yearly cost to close the gap, in pounds (e.g. 125,000).")
@click.option("--headcount", type=click.IntRange(min=0), help="Total staff (for 'staff covered').")
@click.option(
    "--as-of", type=DATE, callback=_not_future, help="Date the figures describe (default: today)."
)
@click.option("--from-run", type=int, help="Take the figures from a saved `rlwcheck check` run.")
@click.option(
    "--force",
    is_flag=True,
    help="With --from-run: record a run that covers several employers, or that is already "
    "recorded for another partner.",
)
@click.pass_context
def pay_cmd(
    ctx: click.Context,
    partner: str,
    staff_below: int | None,
    cost: str | None,
    headcount: int | None,
    as_of: dt.date | None,
    from_run: int | None,
    force: bool,
) -> None:
    """Record a partner's pay aggregates (never staff-level pay).

    \b
    Examples:
      rlwcheck network pay "Northshire College" --staff-below 42 --cost 61,250 --headcount 900
      rlwcheck network pay "Northshire College" --from-run 3
    """
    from rlwcheck.network_pay import pay_from_check_run, record_pay

    conn = open_store(ctx)
    partner_id = _partner_id(ctx, partner)
    if from_run is not None:
        if staff_below is not None or cost is not None:
            raise CommandError("give either --from-run or --staff-below and --cost, not both")
        if as_of is not None:
            raise CommandError(
                "--from-run dates the figures by the run's check date: leave out --as-of"
            )
        saved = pay_from_check_run(
            conn, partner_id, from_run, today=today(), headcount=headcount, force=force
        )
    elif force:
        raise CommandError("--force applies only to --from-run")
    elif staff_below is None or cost is None:
        raise CommandError("give --staff-below and --cost (or --from-run RUN_ID)")
    else:
        saved = record_pay(
            conn,
            partner_id,
            as_of=as_of or today(),
            staff_below_rlw=staff_below,
            cost_to_close=parse_amount(cost, "--cost"),
            headcount=headcount,
        )
    click.echo(
        f"{partner}: {saved.staff_below_rlw} staff below the Real Living Wage, "
        f"{pounds(saved.cost_to_close)} a year to close, as of {long_date(saved.as_of)}"
    )


@network.command("export")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the CSV files.",
)
@click.pass_context
def export_cmd(ctx: click.Context, out_dir: Path) -> None:
    """Export every tracker table to CSV files (spreadsheet-safe).

    \b
    Example:
      rlwcheck network export --out network-export
    """
    from rlwcheck.network_io import export_csv

    for path in export_csv(open_store(ctx), out_dir):
        click.echo(str(path))


@network.command("follow-up")
@click.argument("session_id", type=int)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the emails (default: followup-session-N).",
)
@click.option(
    "--days",
    type=click.IntRange(min=0),
    help="Days from the session to each action's due date [14].",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="TOML: default_days, signature, [offset_days] per stage.",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of edited templates (followup_attended.txt.j2, followup_missed.txt.j2).",
)
@click.pass_context
def follow_up_cmd(
    ctx: click.Context,
    session_id: int,
    out_dir: Path | None,
    days: int | None,
    config: Path | None,
    templates: Path | None,
) -> None:
    """Create next actions and follow-up emails after a session.

    Attendees get the standard next action for their stage and a thank-you email.

    Running it again adds no duplicate actions. Partners not yet accredited who missed the
    session get a "sorry we missed you" email.

    \b
    Examples:
      rlwcheck network follow-up 1 --out followups
      rlwcheck network follow-up 1 --days 21 --templates my-templates
    """
    from rlwcheck.followup import follow_up, load_settings

    target = out_dir or Path(f"followup-session-{session_id}")
    result = follow_up(
        open_store(ctx),
        session_id,
        today=today(),
        settings=load_settings(config, days),
        out_dir=target,
        templates=templates,
    )
    for found in result.created:
        click.echo(
            f"new action {found.id}: {found.partner_name}: {found.description} (due {found.due_on.isoformat()})"
        )
    click.echo(
        f"{len(result.created)} actions created, {len(result.already_there)} already there; "
        f"{len(result.emails)} emails written to {target}"
    )


@network.command("report")
@click.option(
    "--since",
    type=DATE,
    help="Movement since this date (default: the last recorded report, else 91 days).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md", "xlsx"]), default="html", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: board-report.FORMAT).",
)
@click.option(
    "--stuck-days",
    type=click.IntRange(min=1),
    default=90,
    show_default=True,
    help="A partner with no stage change for this long is stuck.",
)
@click.option(
    "--on", "on", type=DATE, callback=_not_future, help="Report as of this date (default: today)."
)
@click.option(
    "--record",
    is_flag=True,
    help="This is the board paper: the next report's movement starts from its date.",
)
@click.pass_context
def report_cmd(
    ctx: click.Context,
    since: dt.date | None,
    fmt: str,
    output: Path | None,
    stuck_days: int,
    on: dt.date | None,
    record: bool,
) -> None:
    """Write the board report (HTML, Markdown or XLSX).

    Stages, movement, stuck partners, overdue actions by owner and network totals. Drafts
    change nothing; --record marks the paper that goes to the board, and the next report
    lists changes recorded after it but dated earlier as late entries.

    \b
    Examples:
      rlwcheck network report --output board.html
      rlwcheck network report --format xlsx --output board.xlsx --record
      rlwcheck network report --since 01/01/2026 --format md --output board.md
    """
    from rlwcheck.network_report import write_report

    target = output or Path(f"board-report.{fmt}")
    report = write_report(
        open_store(ctx),
        target,
        fmt=fmt,
        as_of=on or today(),
        since=since,
        stuck_days=stuck_days,
        record=record,
    )
    click.echo(
        f"wrote {target}: {report.totals.partners} partners, {report.totals.accredited} accredited, "
        f"{len(report.moves)} moves since {long_date(report.since)}, {len(report.stuck)} stuck"
    )
