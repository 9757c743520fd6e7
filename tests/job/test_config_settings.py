"""The job config refuses what would silently do nothing: misspelt settings, empty address lists."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from rlwcheck.cli import cli
from rlwcheck.errors import UsageError
from rlwcheck.jobconfig import load_config

SAMPLE_CONFIG = Path(__file__).resolve().parents[2] / "samples" / "rlwcheck.toml"
RATES_SETTINGS = "sources, govuk_urls, lwf_urls, confirm_living_wage, timeout_seconds"


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rlwcheck.toml"
    path.write_text(text)
    return path


def test_the_sample_config_uses_only_known_settings() -> None:
    assert load_config(SAMPLE_CONFIG).check.files


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[rates]\nsourcez = ["lwf"]\n',
            f"[rates] has no setting 'sourcez' (did you mean sources?); the settings are {RATES_SETTINGS}",
        ),
        (
            '[check]\nfilez = ["payroll.csv"]\n',
            "[check] has no setting 'filez' (did you mean files?); the settings are files, sites,",
        ),
        (
            "[ratez]\n",
            "unknown table or setting 'ratez' (did you mean [rates]?); "
            "the tables are [rates], [check], [email], [network]",
        ),
        (
            'files = ["payroll.csv"]\n[check]\n',  # written above its table's header
            "unknown table or setting 'files' (did you mean [check] files?)",
        ),
        (
            '[email]\nsmtp_host = "h"\nfrom = "a@b"\nto = ["c@d"]\nsmpt_port = 587\n',
            "[email] has no setting 'smpt_port' (did you mean smtp_port?)",
        ),
        ("[network]\ndays = 7\n", "[network] has no setting 'days'; the settings are days_ahead"),
    ],
)
def test_an_unknown_setting_is_refused_with_the_allowed_ones(
    tmp_path: Path, text: str, message: str
) -> None:
    path = config_file(tmp_path, text)
    with pytest.raises(UsageError) as refused:
        load_config(path)
    assert str(refused.value).startswith(f"{path}: {message}")


def test_a_password_in_email_still_gets_the_environment_advice(tmp_path: Path) -> None:
    path = config_file(
        tmp_path, '[email]\nsmtp_host = "h"\nfrom = "a@b"\nto = ["c@d"]\npassword = "x"\n'
    )
    with pytest.raises(UsageError, match="must not hold password; remove it and set RLWCHECK_SMTP"):
        load_config(path)


@pytest.mark.parametrize("source", ["lwf", "govuk"])
def test_an_empty_address_list_is_refused(tmp_path: Path, source: str) -> None:
    path = config_file(tmp_path, f"[rates]\n{source}_urls = []\n")
    with pytest.raises(UsageError) as refused:
        load_config(path)
    assert str(refused.value) == (
        f"{path}: [rates] {source}_urls is empty: give at least one address or remove the setting"
    )


@pytest.mark.parametrize(
    "command", [["rates", "update"], ["job", "run", "--offline"]], ids=["rates update", "job run"]
)
def test_commands_refuse_an_empty_address_list_with_one_line(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    # before: rates update crashed with an IndexError; job run mailed it as "please report this"
    # only lwf, and the job offline: had the setting been accepted, nothing reaches the network
    path = config_file(tmp_path, '[rates]\nsources = ["lwf"]\nlwf_urls = []\n')
    result = runner.invoke(cli, [*command, "--config", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {path}: [rates] lwf_urls is empty: give at least one address or remove the setting\n"
    )
