"""`rlwcheck rates ...` as a user runs it: output, exit codes, one-line errors."""

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck import store
from rlwcheck.cli import cli

SOURCE = "https://example.test/announcement"


def add_rlw_uk(rate: str, implement_by: str = "01/05/2027") -> list[str]:
    """Arguments of `rates add` for a UK Real Living Wage announced on 20 October 2026."""
    return [
        "rates", "add", "--scheme", "rlw_uk", "--rate", rate, "--announced", "20/10/2026",
        "--implement-by", implement_by, "--source", SOURCE,
    ]  # fmt: skip


def add_nmw(band: str | None, rate: str) -> list[str]:
    """Arguments of `rates add` for a statutory rate from 1 April 2027."""
    chosen = ["--band", band] if band else []
    return [
        "rates", "add", "--scheme", "nmw", *chosen, "--rate", rate, "--from", "01/04/2027",
        "--source", SOURCE,
    ]  # fmt: skip


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_show_for_a_worker_with_pending_rise(runner: CliRunner) -> None:
    code, out, _ = run(runner, "rates", "show", "--on", "15/01/2026", "--age", "22", "--london")
    assert code == 0
    assert "This worker (age 22): £12.21/h" in out
    assert "Must already pay: £13.85/h" in out
    assert "Announced, not yet due: £14.80/h" in out and "to be paid by 1 May 2026" in out
    assert "Next statutory rise from 1 April 2026" in out


def test_show_accepts_iso_and_day_first_alike(runner: CliRunner) -> None:
    day_first = run(runner, "rates", "show", "--on", "01/04/2026")
    iso = run(runner, "rates", "show", "--on", "2026-04-01")
    assert day_first[1] == iso[1]
    # equal output could be two equal errors, or both dates misread the same way
    assert day_first[0] == iso[0] == 0
    assert "Wage floors on Wednesday 1 April 2026" in day_first[1]


def test_show_with_date_of_birth(runner: CliRunner) -> None:
    # born 2 April 2005: 20 on 1 April 2026 (18-20 band, £10.85), 21 the day after.
    _, out, _ = run(runner, "rates", "show", "--on", "01/04/2026", "--dob", "02/04/2005")
    assert "This worker (age 20): £10.85/h" in out


def test_show_warns_when_living_wage_is_stale(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-11-24")
    code, _, err = run(runner, "rates", "show", "--on", "24/11/2026")
    assert code == 0
    assert "more than a year old" in err and "rlwcheck rates add" in err


def test_show_for_a_past_date_gives_no_advice_to_fetch(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the 2011 rates were the newest in June 2012, but the book has every year since
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-11-24")
    code, out, err = run(runner, "rates", "show", "--on", "2012-06-01")
    assert code == 0 and "Must already pay: £7.20/h" in out
    assert err == ""


def test_show_json(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "rates", "show", "--on", "2026-06-01", "--age", "30", "--format", "json"
    )
    data = json.loads(out)
    assert code == 0 and data["worker"]["rate"]["rate"] == "12.71"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rates", "show", "--on", "31/02/2026"], "does not exist"),
        (["rates", "show", "--on", "12/31/2026"], "month-first (US) order"),
        (["rates", "show", "--on", "next tuesday"], "is not a date"),
        (["rates", "list", "--scheme", "rlw_mars"], "'rlw_mars' is not one of"),
        (
            add_rlw_uk("-1"),
            "must be a positive amount",
        ),
        (
            add_rlw_uk("twelve"),
            "is not an amount",
        ),
        (
            add_rlw_uk("12.00"),
            "below the previous rate £13.45",
        ),
        (
            add_rlw_uk("14.00", "01/05/2026"),
            "must come after the announcement",
        ),
        (
            add_nmw(None, "14.00"),
            "needs --band",
        ),
        (["rates", "show", "--age", "30", "--dob", "01/01/1990"], "either --age or --dob"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and err.startswith("Error: ")
    assert "Traceback" not in out + err


def test_add_living_wage_then_show_and_list(runner: CliRunner, isolated_store: Path) -> None:
    code, out, _ = run(runner, *add_rlw_uk("13.95"))
    assert code == 0 and "Stored rlw_uk 2026 rates £13.95, due by 1 May 2027" in out
    _, shown, err = run(runner, "rates", "show", "--on", "24/11/2026")
    assert "Announced, not yet due: £13.95/h" in shown
    # the UK rate is new; London's newest is still the 2025 one, which the warning names
    assert "the newest Real Living Wage known for London (2025 rates" in err
    _, listed, _ = run(runner, "rates", "list", "--scheme", "rlw_uk", "--format", "json")
    newest = json.loads(listed)[-1]
    assert newest["origin"] == "manual" and newest["source_url"] == SOURCE
    row = (
        sqlite3.connect(isolated_store)
        .execute("SELECT recorded_by, recorded_at FROM living_wage_rate")
        .fetchone()
    )
    assert all(row)


def test_add_statutory_rate_warns_about_missing_bands(runner: CliRunner) -> None:
    code, _, err = run(runner, *add_nmw("nlw_21_plus", "13.20"))
    assert code == 0
    assert "no rate yet for accommodation_offset_daily, age_16_17, age_18_20, apprentice" in err
    _, out, _ = run(runner, "rates", "show", "--on", "01/05/2027", "--age", "19")
    assert "no rate for age 19 is recorded in the period from 1 April 2027" in out


def test_show_says_when_a_period_has_no_accommodation_offset(runner: CliRunner) -> None:
    _, before, _ = run(runner, "rates", "show", "--on", "01/04/2026")
    assert "  Accommodation offset: £11.10 a day" in before
    run(runner, *add_nmw("nlw_21_plus", "13.20"))
    _, after, _ = run(runner, "rates", "show", "--on", "01/04/2027")
    assert (
        "  Accommodation offset: none recorded for this period (accommodation rows are not checked)"
    ) in after


def test_force_accepts_a_correction_below_previous(runner: CliRunner) -> None:
    args = add_rlw_uk("13.00")
    assert run(runner, *args)[0] == 2
    assert run(runner, *args, "--force")[0] == 0


def test_a_renamed_band_may_not_fall_below_what_the_same_age_was_paid(runner: CliRunner) -> None:
    # a new name for the 21+ band: on 31 March 2027 a 21-year-old is owed £12.71 (nlw_21_plus)
    args = [
        "rates", "add", "--scheme", "nmw", "--band", "age_21_plus", "--age-min", "21",
        "--rate", "12.50", "--from", "01/04/2027", "--source", SOURCE,
    ]  # fmt: skip
    code, _, err = run(runner, *args)
    assert code == 2
    assert "statutory rate age_21_plus £12.50 is below the previous rate £12.71" in err


def test_list_csv_has_every_rate(runner: CliRunner) -> None:
    _, out, _ = run(runner, "rates", "list", "--format", "csv")
    assert out.count("\n") == 1 + 36 + 119  # header + bundled RLW rows + bundled statutory rows


def test_db_option_chooses_the_store(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.db"
    assert run(runner, "--db", str(other), "rates", "list")[0] == 0
    assert other.exists()


def test_list_csv_neutralises_a_band_name_from_an_older_store(
    runner: CliRunner, isolated_store: Path
) -> None:
    # band names are checked when entered now; a store written before may still hold one
    with store.connect(isolated_store) as conn:
        conn.execute(
            "INSERT INTO statutory_rate (band, age_min, rate_pence, effective_from, source_url,"
            " origin, recorded_at, recorded_by) VALUES ('=HYPERLINK(1)', 30, 1400, '2026-04-01',"
            " 'https://example.test', 'manual', '2026-05-01T00:00:00Z', 'someone')"
        )
    _, listed, _ = run(runner, "rates", "list", "--scheme", "nmw", "--format", "csv")
    assert "'=HYPERLINK(1)" in listed and ",=HYPERLINK" not in listed
