"""Follow-up after a session: next action by stage for attendees, idempotent, and an email each."""

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck import network
from rlwcheck.cli import cli
from rlwcheck.dates import long_date
from rlwcheck.errors import InputError, UsageError
from rlwcheck.followup import NEXT_STEPS, Settings, follow_up, load_settings
from rlwcheck.network_pay import record_pay

from .conftest import d

SESSION_DAY = d("2026-03-12")
TODAY = d("2026-03-13")


@pytest.fixture
def session_id(conn: sqlite3.Connection) -> int:
    """Four partners at different stages; the trust and the council attend, the college and the ICB do not."""
    start = d("2026-01-05")
    trust = network.add_partner(
        conn, "Brackenford Trust", "NHS trust", on=start, lead_contact="Samir Okafor"
    )
    council = network.add_partner(
        conn, "Ellerdale Council", "council", on=start, stage="contractor_plan"
    )
    network.add_partner(
        conn,
        "Kestrelmouth College",
        "college",
        on=start,
        stage="aware",
        lead_contact="Beth Adeyemi",
    )
    network.add_partner(conn, "Northshire ICB", "ICB", on=start, stage="accredited")
    network.add_partner(
        conn, "Late Joiner", "charity", on=d("2026-03-13")
    )  # joined after the session
    held = network.add_session(
        conn,
        SESSION_DAY,
        "Lunch and Learn: the Real Living Wage",
        place="ICB offices",
        covered="Costing the gap",
    )
    network.record_attendance(conn, held.id, trust.id, today=TODAY, attendee_role="HR director")
    network.record_attendance(
        conn, held.id, council.id, today=TODAY, attendee_role="Procurement lead"
    )
    return held.id


def test_attendees_get_the_next_step_for_their_stage(
    conn: sqlite3.Connection, session_id: int
) -> None:
    settings = Settings(offset_days={"contractor_plan": 28})
    result = follow_up(conn, session_id, today=TODAY, settings=settings)
    assert [(a.partner_name, a.description, a.owner, a.due_on) for a in result.created] == [
        (
            "Brackenford Trust",
            NEXT_STEPS["not_engaged"],
            "Samir Okafor",
            d("2026-03-26"),
        ),  # 12 March + 14 days
        (
            "Ellerdale Council",
            NEXT_STEPS["contractor_plan"],
            "Ellerdale Council lead",
            d("2026-04-09"),
        ),  # + 28
    ]
    assert NEXT_STEPS["contractor_plan"] == "Submit the Living Wage Foundation licence application"


def test_running_twice_adds_no_duplicate_actions(conn: sqlite3.Connection, session_id: int) -> None:
    first = follow_up(conn, session_id, today=TODAY, settings=Settings())
    second = follow_up(conn, session_id, today=TODAY, settings=Settings())
    assert (len(first.created), len(first.already_there)) == (2, 0)
    assert second.created == []
    assert [a.id for a in second.already_there] == [a.id for a in first.created]
    assert conn.execute("SELECT COUNT(*) FROM network_action").fetchone()[0] == 2


def test_emails_for_attendees_and_for_those_missed(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path
) -> None:
    trust = network.find_partner(conn, "Brackenford Trust")
    record_pay(
        conn,
        trust.id,
        as_of=d("2026-02-28"),
        staff_below_rlw=412,
        cost_to_close=Decimal("755810.24"),
    )
    result = follow_up(conn, session_id, today=TODAY, settings=Settings(), out_dir=tmp_path / "out")
    # the accredited ICB did not attend and gets nothing, nor does the partner that joined the
    # day after; the college missed it and is told so
    assert [(e.partner.name, e.attended) for e in result.emails] == [
        ("Brackenford Trust", True),
        ("Ellerdale Council", True),
        ("Kestrelmouth College", False),
    ]
    trust_mail = (tmp_path / "out" / f"{trust.id:03d}-brackenford-trust.txt").read_text(
        encoding="utf-8"
    )
    assert trust_mail.startswith(
        "Subject: Thank you for joining Lunch and Learn: the Real Living Wage"
    )
    assert "What we covered\nCosting the gap" in trust_mail
    assert 'is at the "Not engaged" stage (since 5 January 2026)' in trust_mail
    assert f"{NEXT_STEPS['not_engaged']} - by 26 March 2026." in trust_mail
    assert "412 staff paid below the Real Living Wage" in trust_mail
    assert "about £755,810.24 a year" in trust_mail
    missed = result.emails[2].text
    assert missed.startswith(
        "Subject: Sorry we missed you at Lunch and Learn: the Real Living Wage"
    )
    assert "Dear Beth Adeyemi," in missed
    assert "We do not have your pay figures yet." in missed


def test_dates_that_matter_before_the_implement_by_date(
    conn: sqlite3.Connection, session_id: int
) -> None:
    # on 13 March 2026 the 2025 rates (announced 22 October 2025) are announced but not yet due
    text = follow_up(conn, session_id, today=TODAY, settings=Settings()).emails[0].text
    assert (
        "The 2025 Real Living Wage was announced on 22 October 2025: £13.45 an hour (£14.80 in London)."
        in text
    )
    assert "Accredited employers must pay it by 1 May 2026." in text
    assert (
        "due now is £12.60 an hour (£13.85 in London), the 2024 rates, due since 1 May 2025" in text
    )


def test_dates_that_matter_with_no_pending_rate_invent_nothing(
    conn: sqlite3.Connection, session_id: int
) -> None:
    text = follow_up(conn, session_id, today=d("2026-07-15"), settings=Settings()).emails[0].text
    assert (
        "due now is £13.45 an hour (£14.80 in London), the 2025 rates, due since 1 May 2026" in text
    )
    assert "The 2026 rates are expected to be announced in the autumn of 2026" in text
    amounts = {word.strip(".,()") for word in text.split() if word.startswith(("£", "(£"))}
    assert amounts == {"£13.45", "£14.80"}


def test_user_templates_override_the_packaged_ones(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "followup_missed.txt.j2").write_text(
        "Hello {{ partner.name }}: {{ next_step }}\n", encoding="utf-8"
    )
    result = follow_up(conn, session_id, today=TODAY, settings=Settings(), templates=mine)
    assert result.emails[2].text == f"Hello Kestrelmouth College: {NEXT_STEPS['aware']}\n"
    assert result.emails[0].text.startswith(
        "Subject: Thank you"
    )  # not overridden: the packaged one

    (mine / "followup_missed.txt.j2").write_text("{{ nonsense }}", encoding="utf-8")
    with pytest.raises(UsageError, match=r"template followup_missed\.txt\.j2 cannot be rendered"):
        follow_up(conn, session_id, today=TODAY, settings=Settings(), templates=mine)


def test_names_are_not_html_escaped_in_plain_text(conn: sqlite3.Connection, tmp_path: Path) -> None:
    partner = network.add_partner(conn, "Smith & Sons <Cleaning>", "contractor", on=d("2026-01-05"))
    held = network.add_session(conn, SESSION_DAY, "Lunch and Learn")
    network.record_attendance(conn, held.id, partner.id, today=TODAY)
    text = follow_up(conn, held.id, today=TODAY, settings=Settings()).emails[0].text
    assert "Smith & Sons <Cleaning> is at the" in text


def test_settings_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "followup.toml"
    path.write_text(
        'default_days = 21\nsignature = "Northshire ICB"\n[offset_days]\napplied = 42\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert (settings.days_for("aware"), settings.days_for("applied"), settings.signature) == (
        21,
        42,
        "Northshire ICB",
    )
    assert load_settings(path, default_days=7).days_for("aware") == 7
    path.write_text("[offset_days]\nsomewhere = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown stage in \\[offset_days\\]: somewhere"):
        load_settings(path)


def test_cli_follow_up_writes_emails_and_is_idempotent(
    runner: CliRunner, session_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "emails"
    args = ["network", "follow-up", str(session_id), "--out", str(out), "--days", "7"]
    first = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-03-13"})
    assert first.exit_code == 0, first.output
    assert "new action 1: Brackenford Trust" in first.output
    assert "(due 2026-03-19)" in first.output  # 12 March + 7 days
    assert first.output.endswith(f"2 actions created, 0 already there; 3 emails written to {out}\n")
    again = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-03-13"})
    assert again.output == f"0 actions created, 2 already there; 3 emails written to {out}\n"
    assert len(list(out.iterdir())) == 3


@pytest.mark.parametrize(
    ("toml", "error"),
    [
        ("offset_days = 5\n", "offset_days must be a table"),
        ("default_days = true\n", "default_days must be a whole number of days, 0 or more"),
        ("default_days = -1\n", "default_days must be a whole number of days, 0 or more"),
        ("default_days = 1.5\n", "default_days must be a whole number of days, 0 or more"),
        (
            "[offset_days]\napplied = false\n",
            "offset_days.applied must be a whole number of days, 0 or more",
        ),
        ("signature = 5\n", "signature must be text"),
        (
            'signatur = "typo"\ndefault_day = 30\n',
            "unknown setting signatur, default_day; use default_days, signature and an "
            "\\[offset_days\\] table",
        ),
        ("[offset_day]\naware = 30\n", "unknown setting offset_day"),
    ],
)
def test_bad_settings_are_an_input_error(tmp_path: Path, toml: str, error: str) -> None:
    path = tmp_path / "followup.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError, match=error):
        load_settings(path)


def test_cli_bad_settings_file_is_a_one_line_error(
    runner: CliRunner, session_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "followup.toml"
    path.write_text("offset_days = 5\n", encoding="utf-8")
    args = ["network", "follow-up", str(session_id), "--config", str(path)]
    result = runner.invoke(cli, args, env={"RLWCHECK_TODAY": "2026-03-13"})
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {path}: offset_days must be a table, e.g. [offset_days] then applied = 42\n",
    )


def test_a_rerun_states_the_saved_action_not_a_recomputed_one(
    conn: sqlite3.Connection, session_id: int
) -> None:
    follow_up(conn, session_id, today=TODAY, settings=Settings())  # 12 March + 14 = 26 March
    trust = network.find_partner(conn, "Brackenford Trust")
    network.move_stage(conn, trust.id, "committed", on=TODAY, today=TODAY)
    again = follow_up(conn, session_id, today=TODAY, settings=Settings(default_days=21))
    saved = again.already_there[0]
    assert (saved.description, saved.due_on) == (NEXT_STEPS["not_engaged"], d("2026-03-26"))
    # the email promises what was saved, not the committed step by 12 March + 21 = 2 April
    assert f"{NEXT_STEPS['not_engaged']} - by 26 March 2026." in again.emails[0].text
    assert "2 April 2026" not in again.emails[0].text


def test_a_session_not_yet_held_is_not_followed_up(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "emails"
    with pytest.raises(UsageError, match="session 1 is on 12 March 2026, after today: follow it"):
        follow_up(conn, session_id, today=d("2026-03-11"), settings=Settings(), out_dir=out)
    assert not out.exists()  # no "sorry we missed you" before it happened
    assert conn.execute("SELECT COUNT(*) FROM network_action").fetchone()[0] == 0


def test_a_missing_templates_folder_saves_no_actions(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path
) -> None:
    with pytest.raises(UsageError, match=r"templates folder .* does not exist"):
        follow_up(conn, session_id, today=TODAY, settings=Settings(), templates=tmp_path / "nodir")
    assert conn.execute("SELECT COUNT(*) FROM network_action").fetchone()[0] == 0


def test_follow_up_actions_are_opened_on_the_day_it_runs(
    conn: sqlite3.Connection, session_id: int
) -> None:
    result = follow_up(conn, session_id, today=TODAY, settings=Settings())
    assert {a.opened_on for a in result.created} == {TODAY}


def test_a_second_session_does_not_copy_a_step_still_open(
    conn: sqlite3.Connection, session_id: int
) -> None:
    first = follow_up(conn, session_id, today=TODAY, settings=Settings())
    trust = network.find_partner(conn, "Brackenford Trust")
    later = network.add_session(conn, d("2026-06-18"), "Lunch and Learn: contractors")
    network.record_attendance(conn, later.id, trust.id, today=d("2026-06-19"))
    second = follow_up(conn, later.id, today=d("2026-06-19"), settings=Settings())
    # the trust's "Name an executive sponsor" from March is still open: it is not added again
    assert second.created == []
    assert [a.id for a in second.already_there] == [first.created[0].id]
    # and its letter says the step was due before this session, not "by" a past date
    (letter,) = [email.text for email in second.emails if email.partner.id == trust.id]
    due = long_date(first.created[0].due_on)
    assert (
        f"this was due by {due}, before the session: please let us know where it stands" in letter
    )


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("followup_attended.txt.j2", "Hi {% if x %}"),  # cannot be read
        ("followup_missed.txt.j2", "Hi {{ nonsense }}"),  # read, but fails for the first letter
    ],
)
def test_a_template_that_fails_saves_no_action_and_writes_no_letter(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path, name: str, broken: str
) -> None:
    mine, out = tmp_path / "mine", tmp_path / "emails"
    mine.mkdir()
    (mine / name).write_text(broken, encoding="utf-8")
    with pytest.raises(UsageError, match=f"template {name} cannot be rendered"):
        follow_up(conn, session_id, today=TODAY, settings=Settings(), out_dir=out, templates=mine)
    assert conn.execute("SELECT COUNT(*) FROM network_action").fetchone()[0] == 0
    assert not out.exists()
    # the next run still sets the due dates: 12 March + 30 days = 11 April
    again = follow_up(conn, session_id, today=TODAY, settings=Settings(30))
    assert {a.due_on for a in again.created} == {d("2026-04-11")}


@pytest.mark.parametrize(
    ("files", "error"),
    [
        (
            ["followup_atended.txt.j2"],
            "has followup_atended.txt.j2, which is not a follow-up template and would be "
            "ignored: did you mean followup_attended.txt.j2?",
        ),
        (
            ["followup_missed.txt.j2", "board.j2"],
            "has board.j2, which is not a follow-up template and would be ignored: use "
            "followup_attended.txt.j2, followup_missed.txt.j2, _followup_standing.txt.j2, "
            "_followup_dates.txt.j2",
        ),
        (["notes.txt"], "has no .j2 files; copy in followup_attended.txt.j2, "),
    ],
)
def test_a_templates_folder_that_would_be_ignored_is_refused(
    conn: sqlite3.Connection, session_id: int, tmp_path: Path, files: list[str], error: str
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    for name in files:
        (mine / name).write_text("Custom {{ partner.name }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        follow_up(conn, session_id, today=TODAY, settings=Settings(), templates=mine)
    assert str(refused.value).startswith(f"templates folder {mine} {error}")
    assert conn.execute("SELECT COUNT(*) FROM network_action").fetchone()[0] == 0
