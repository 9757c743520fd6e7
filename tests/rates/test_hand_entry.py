"""`rlwcheck rates add`: a rate entered by hand never quietly rewrites the rate book."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli

SOURCE = "https://example.test/announcement"
NLW_2026_SOURCE = (
    "https://www.gov.uk/government/news/lpc-recommendations-take-the-national-living-wage-to-1271"
)
RLW_2025_SOURCE = "https://www.independent.co.uk/bulletin/news/real-living-wage-increase-london-2026-b2850123.html"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def add_nlw(rate: str, start: str, *extra: str) -> list[str]:
    return [
        "rates", "add", "--scheme", "nmw", "--band", "nlw_21_plus", "--rate", rate,
        "--from", start, "--source", SOURCE, *extra,
    ]  # fmt: skip


def add_rlw_uk(rate: str, announced: str, implement_by: str, *extra: str) -> list[str]:
    return [
        "rates", "add", "--scheme", "rlw_uk", "--rate", rate, "--announced", announced,
        "--implement-by", implement_by, "--source", SOURCE, *extra,
    ]  # fmt: skip


def worker_rate_in_june_2026(runner: CliRunner) -> str:
    _, out, _ = run(runner, "rates", "show", "--on", "01/06/2026", "--age", "30")
    return next(line for line in out.splitlines() if line.startswith("This worker"))


def test_a_typo_for_the_period_in_force_is_refused_and_the_bundled_rate_kept(
    runner: CliRunner,
) -> None:
    code, out, err = run(runner, *add_nlw("12.80", "01/04/2026"))
    assert code == 2 and out == ""
    assert (
        "the rate book already has statutory rate nlw_21_plus from 1 April 2026 as £12.71 "
        f"(bundled, source {NLW_2026_SOURCE}); check the figure; if it is right, add --force "
        "to replace it"
    ) in err
    assert err.count("\n") == 1
    assert "£12.71/h" in worker_rate_in_june_2026(runner)


def test_a_forced_correction_says_what_it_replaces(runner: CliRunner) -> None:
    code, out, _ = run(runner, *add_nlw("12.80", "01/04/2026", "--force"))
    assert code == 0
    assert f"It replaces £12.71 (bundled, source {NLW_2026_SOURCE})." in out
    assert "£12.80/h" in worker_rate_in_june_2026(runner)
    # correcting the correction, even downwards, needs --force again
    code, _, err = run(runner, *add_nlw("12.75", "01/04/2026"))
    assert code == 2
    assert f"as £12.80 (manual, source {SOURCE})" in err


def test_the_wrong_year_in_announced_does_not_rewrite_the_rate_in_force(
    runner: CliRunner,
) -> None:
    # 2026 rates typed with a 2025 announcement: they would replace the 2025 rates (£13.45)
    code, _, err = run(runner, *add_rlw_uk("14.00", "20/10/2025", "01/05/2026"))
    assert code == 2
    assert (
        "the rate book already has Real Living Wage (UK) for 2025 as £13.45 "
        f"(bundled, source {RLW_2025_SOURCE})"
    ) in err


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_rate_above_the_one_after_it_needs_force(runner: CliRunner, force: list[str]) -> None:
    # a new period from 1 October 2025 at £12.80 would pay more than the £12.71 due from April 2026
    code, _, err = run(runner, *add_nlw("12.80", "01/10/2025", *force))
    if force:
        assert code == 0
    else:
        assert code == 2
        assert (
            "statutory rate nlw_21_plus £12.80 is above the rate that follows it from "
            f"1 April 2026, £12.71 (bundled, source {NLW_2026_SOURCE}); rates have never fallen"
        ) in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            add_rlw_uk("130.00", "20/10/2026", "01/05/2027"),
            "Real Living Wage (UK) of £130.00 an hour is implausible (outside £2.00-£40.00); "
            "check the figure; if it is right, add --force",
        ),
        (
            # announced October 2026: due 43 months later, not in the spring of 2027
            add_rlw_uk("13.95", "20/10/2026", "01/05/2030"),
            "Real Living Wage (UK) 2026 is due by 1 May 2030; the 2026 rates are due in the "
            "spring of 2027",
        ),
        (
            # £12.71 -> £14.50: 1.79 / 12.71 = 14.08%, above the 12% limit
            add_nlw("14.50", "01/04/2027"),
            "statutory rate nlw_21_plus rises 14.1% (from £12.71 to £14.50)",
        ),
    ],
)
def test_hand_entry_gets_the_plausibility_checks_fetched_rates_get(
    runner: CliRunner, args: list[str], message: str
) -> None:
    code, _, err = run(runner, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1
    assert run(runner, *args, "--force")[0] == 0


@pytest.mark.parametrize(
    "source", ["not a url", "www.gov.uk/national-minimum-wage-rates", "https://..."]
)
def test_a_source_must_be_a_web_address_even_with_force(runner: CliRunner, source: str) -> None:
    args = [
        "rates", "add", "--scheme", "accommodation_offset", "--rate", "11.50",
        "--from", "01/04/2027", "--source", source, "--force",
    ]  # fmt: skip
    code, _, err = run(runner, *args)
    assert code == 2
    assert f"source {source!r} is not a web address: give the http(s) address" in err


def test_a_second_partial_period_is_still_warned_about_and_an_odd_start_names_the_split(
    runner: CliRunner,
) -> None:
    _, _, first = run(runner, *add_nlw("13.20", "01/04/2027"))
    assert "Warning: the period from 1 April 2027 has no rate yet for" in first
    assert "splits" not in first  # 1 April is the statutory change day
    code, _, second = run(runner, *add_nlw("13.30", "16/04/2027"))
    assert code == 0
    # compared with 1 April 2026 (complete), not with the partial 1 April 2027 period
    assert (
        "Warning: the period from 16 April 2027 has no rate yet for accommodation_offset_daily, "
        "age_16_17, age_18_20, apprentice; workers in those bands cannot be checked"
    ) in second
    assert (
        "Warning: statutory rates have changed on 1 April every year since 2017, but this period "
        "starts on 16 April 2027: it splits the period from 1 April 2027, which now ends on "
        "15 April 2027, and from 16 April 2027 only the rates entered for that day apply"
    ) in second


# second round: band names, ages, announcement dates ------------------------------------------


def add_band(band: str, rate: str, start: str, *extra: str) -> list[str]:
    return [
        "rates", "add", "--scheme", "nmw", "--band", band, "--rate", rate,
        "--from", start, "--source", SOURCE, *extra,
    ]  # fmt: skip


def test_an_unknown_band_name_is_refused_with_the_names_to_choose_from(runner: CliRunner) -> None:
    code, _, err = run(runner, *add_band("nlw21_plus", "12.80", "01/04/2026"))
    assert code == 2
    assert err == (
        "Error: no band nlw21_plus is known; bands are age_16_17, age_18_20, nlw_21_plus; "
        "for a new band give its ages with --age-min (and --age-max)\n"
    )


def test_a_band_overlapping_another_of_its_period_is_refused(runner: CliRunner) -> None:
    # "nlw21_plus" typed for "nlw_21_plus": ages 21+ would have two rates from 1 April 2026
    code, _, err = run(runner, *add_band("nlw21_plus", "12.80", "01/04/2026", "--age-min", "21"))
    assert code == 2
    assert (
        "statutory rate nlw21_plus for ages 21 and over overlaps nlw_21_plus, ages 21 and over, "
        f"£12.71 (bundled, source {NLW_2026_SOURCE}), from 1 April 2026: a period needs one "
        "rate for each age; check the band name (bands are age_16_17, age_18_20, nlw_21_plus)"
    ) in err
    assert "£12.71/h" in worker_rate_in_june_2026(runner)


def test_a_forced_overlap_leaves_the_shared_ages_uncheckable_never_a_chosen_rate(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = add_band("nlw21_plus", "12.80", "01/04/2026", "--age-min", "21", "--force")
    code, _, err = run(runner, *args)
    assert code == 0
    assert (
        "Warning: nlw21_plus and nlw_21_plus share ages in the period from 1 April 2026: "
        "workers of the ages both cover cannot be checked until one is corrected"
    ) in err
    assert (
        "no single rate — age 30 is in two bands of the period from 1 April 2026 "
        "(nlw21_plus £12.80 and nlw_21_plus £12.71), so no single rate applies"
    ) in worker_rate_in_june_2026(runner)
    # £12.75 an hour is above the legal £12.71: never reported as failing against £12.80
    payroll = tmp_path / "pay.csv"
    payroll.write_text(
        "Employee Reference,Date of Birth,Hourly Rate,London\nW1,01/01/1990,12.75,no\n"
    )
    _, out, _ = run(runner, "check", str(payroll), "--on", "01/06/2026", "--format", "json")
    assert json.loads(out)["rows"][0]["nmw"]["status"] == "invalid"


def test_a_band_typed_from_the_wrong_age_is_warned_about_until_that_age_is_covered(
    runner: CliRunner,
) -> None:
    # the 21+ band typed from 22: age 21 has no rate from 1 April 2027, though the name is there
    run(runner, *add_band("nlw_21_plus", "13.20", "01/04/2027", "--age-min", "22"))
    run(runner, *add_band("age_16_17", "8.40", "01/04/2027"))
    run(runner, *add_band("age_18_20", "11.30", "01/04/2027"))
    offset = ["rates", "add", "--scheme", "accommodation_offset", "--rate", "11.50"]
    run(runner, *offset, "--from", "01/04/2027", "--source", SOURCE)
    apprentice = ["rates", "add", "--scheme", "apprentice", "--rate", "8.40"]
    code, _, err = run(runner, *apprentice, "--from", "01/04/2027", "--source", SOURCE)
    assert code == 0
    assert (
        "Warning: the period from 1 April 2027 has no rate yet for nlw_21_plus (age 21); "
        "workers in those bands cannot be checked until you add them"
    ) in err


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_an_announcement_after_today_is_refused_even_with_force(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, force: list[str]
) -> None:
    # both dates a year late on 24 November 2026: the 2026 rates typed as 2027's
    monkeypatch.setenv("RLWCHECK_TODAY", "2026-11-24")
    code, _, err = run(runner, *add_rlw_uk("14.10", "20/10/2027", "01/05/2028", *force))
    assert code == 2
    assert (
        "Real Living Wage (UK) cannot have been announced on 20 October 2027, after today "
        "(24 November 2026); check the announcement date"
    ) in err
    assert run(runner, *add_rlw_uk("14.10", "20/10/2026", "01/05/2027"))[0] == 0


def test_an_offset_is_called_implausible_per_day(runner: CliRunner) -> None:
    args = ["rates", "add", "--scheme", "accommodation_offset", "--rate", "111.00"]
    code, _, err = run(runner, *args, "--from", "01/04/2027", "--source", SOURCE)
    assert code == 2
    assert "accommodation_offset_daily of £111.00 a day is implausible" in err


def test_help_names_the_months_rule_for_deadlines(runner: CliRunner) -> None:
    # 20 October 2026 to 1 February 2027 is 4 calendar months: inside the spring window, but
    # every published deadline has been 6 or 7 months after the announcement
    code, _, err = run(runner, *add_rlw_uk("13.95", "20/10/2026", "01/02/2027"))
    assert code == 2
    assert "4 months after its announcement; deadlines have been 5 to 8 months later" in err
    _, out, _ = run(runner, "rates", "add", "--help")
    assert "less than 5 or more than 8 months after its announcement" in " ".join(out.split())


@pytest.mark.parametrize("band", ["=HYPERLINK(1)", "NLW 21+", "21_plus"])
def test_a_band_name_that_reports_could_not_print_safely_is_refused(
    runner: CliRunner, band: str
) -> None:
    # the name lands in CSV and XLSX reports, where "=HYPERLINK(1)" would run as a formula
    args = [
        "rates", "add", "--scheme", "nmw", "--band", band, "--age-min", "21", "--rate", "13.20",
        "--from", "01/04/2027", "--source", "https://www.gov.uk/x", "--force",
    ]  # fmt: skip
    code, _, err = run(runner, *args)
    assert code == 2
    assert f"band name {band!r} must be lower-case letters, digits and underscores" in err
