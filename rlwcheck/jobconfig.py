"""The job's settings file (rlwcheck.toml): sources, files to re-check, windows, email.

Paths in the file are relative to the file itself, so a folder of config, payroll files and
reports can be moved as a whole. SMTP credentials are never read from the file: a config file
gets copied, committed and mailed around; the environment does not.
"""

import difflib
import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from rlwcheck.columns import SALARY_BASES
from rlwcheck.errors import UsageError
from rlwcheck.sources import SOURCES, TIMEOUT_SECONDS, Source
from rlwcheck.tomlfiles import read_toml

SMTP_USER_ENV = "RLWCHECK_SMTP_USER"
SMTP_PASSWORD_ENV = "RLWCHECK_SMTP_PASSWORD"
REPORT_FORMATS = ("html", "json", "csv", "xlsx")
_SECRET_KEYS = {"username", "user", "password", "passwd", "secret", "token"}
# Every setting the file may hold, by table: anything else is a typo that would silently
# leave a default in place (a misspelt `files` means payroll is never re-checked).
SETTINGS: dict[str, tuple[str, ...]] = {
    "rates": ("sources", "govuk_urls", "lwf_urls", "confirm_living_wage", "timeout_seconds"),
    "check": (
        "files",
        "sites",
        "reports",
        "formats",
        "days_before_statutory_rise",
        "days_before_living_wage_due",
        "weeks_per_year",
        "rlw_includes_apprentices",
        "salary_basis",
    ),
    "email": ("smtp_host", "smtp_port", "starttls", "from", "to"),
    "network": ("days_ahead",),
}


@dataclass(frozen=True)
class RateSettings:
    """[rates]: which sources, where, and whether fetched RLW rates need a person to confirm."""

    sources: tuple[Source, ...] = SOURCES
    urls: dict[Source, tuple[str, ...]] = field(default_factory=dict)
    confirm_living_wage: bool = False
    timeout_seconds: float = TIMEOUT_SECONDS


@dataclass(frozen=True)
class RecheckSettings:
    """[check]: the files to re-check before a rise, where reports go, and how early."""

    files: tuple[Path, ...] = ()
    reports: Path = Path("reports")
    formats: tuple[str, ...] = ("html",)
    days_before_statutory_rise: int = 42
    days_before_living_wage_due: int = 60
    sites: Path | None = None
    weeks_per_year: Decimal = Decimal("52.143")
    rlw_includes_apprentices: bool = False
    salary_basis: str | None = None


@dataclass(frozen=True)
class EmailSettings:
    """[email]: where the summary goes. Credentials come from RLWCHECK_SMTP_USER/PASSWORD."""

    smtp_host: str
    sender: str
    recipients: tuple[str, ...]
    smtp_port: int = 25
    starttls: bool = False
    timeout_seconds: float = 30.0

    @property
    def credentials(self) -> tuple[str, str] | None:
        user, password = os.environ.get(SMTP_USER_ENV), os.environ.get(SMTP_PASSWORD_ENV)
        return (user, password) if user and password else None


@dataclass(frozen=True)
class JobConfig:
    path: Path
    rates: RateSettings = field(default_factory=RateSettings)
    check: RecheckSettings = field(default_factory=RecheckSettings)
    email: EmailSettings | None = None
    network_days_ahead: int = 14

    def overridden(self, offline: bool = False, reports: Path | None = None) -> "JobConfig":
        """This config with the command line's overrides: no fetching, another reports folder."""
        rates = replace(self.rates, sources=()) if offline else self.rates
        check = replace(self.check, reports=reports) if reports is not None else self.check
        return replace(self, rates=rates, check=check)


def load_config(path: Path) -> JobConfig:
    """Read and validate rlwcheck.toml; UsageError names the setting and the fix."""
    data = read_toml(path, "config file", UsageError)
    _refuse_unknown_tables(data, path)
    base = path.resolve().parent
    return JobConfig(
        path=path.resolve(),
        rates=_rates(_table(data, "rates", path), path),
        check=_check(_table(data, "check", path), base, path),
        email=_email(_table(data, "email", path), path) if "email" in data else None,
        network_days_ahead=_int(_table(data, "network", path), "days_ahead", 14, path),
    )


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise UsageError(f"{path}: [{name}] must be a table of settings")
    if name == "email":  # a password gets its own message: where credentials go instead
        _refuse_secrets(value, path)
    unknown = sorted(set(value) - set(SETTINGS[name]))
    if unknown:
        hint = _did_you_mean(unknown[0], SETTINGS[name])
        raise UsageError(
            f"{path}: [{name}] has no setting {unknown[0]!r}{hint}; "
            f"the settings are {', '.join(SETTINGS[name])}"
        )
    return value


def _refuse_unknown_tables(data: dict[str, Any], path: Path) -> None:
    unknown = sorted(set(data) - set(SETTINGS))
    if not unknown:
        return
    name = unknown[0]
    hint = _did_you_mean(name, SETTINGS, "[{}]")
    if not hint:  # a setting written above its table's header, such as files = [...]
        owners = [f"[{table}] {name}" for table, keys in SETTINGS.items() if name in keys]
        hint = f" (did you mean {owners[0]}?)" if owners else ""
    tables = ", ".join(f"[{table}]" for table in SETTINGS)
    raise UsageError(f"{path}: unknown table or setting {name!r}{hint}; the tables are {tables}")


def _did_you_mean(name: str, choices: Iterable[str], shape: str = "{}") -> str:
    close = difflib.get_close_matches(name, list(choices), n=1)
    return f" (did you mean {shape.format(close[0])}?)" if close else ""


def _rates(table: dict[str, Any], path: Path) -> RateSettings:
    sources = tuple(_strings(table, "sources", list(SOURCES), path))
    for source in sources:
        if source not in SOURCES:
            raise UsageError(f"{path}: [rates] sources: {source!r} is not one of govuk, lwf")
    urls = {
        source: _addresses(table, f"{source}_urls", path)
        for source in SOURCES
        if f"{source}_urls" in table
    }
    return RateSettings(
        sources=cast(tuple[Source, ...], sources),
        urls=urls,
        confirm_living_wage=_bool(table, "confirm_living_wage", False, path),
        # 0 seconds would make every fetch time out
        timeout_seconds=float(
            _int(table, "timeout_seconds", int(TIMEOUT_SECONDS), path, minimum=1)
        ),
    )


def _addresses(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    """A source's pages: an empty list would fetch nothing and report "no new rates"."""
    urls = tuple(_strings(table, key, [], path))
    if not urls:
        raise UsageError(
            f"{path}: [rates] {key} is empty: give at least one address or remove the setting"
        )
    return urls


def _check(table: dict[str, Any], base: Path, path: Path) -> RecheckSettings:
    formats = tuple(_strings(table, "formats", ["html"], path))
    for fmt in formats:
        if fmt not in REPORT_FORMATS:
            raise UsageError(
                f"{path}: [check] formats: {fmt!r} is not one of {', '.join(REPORT_FORMATS)}"
            )
    sites = table.get("sites")
    return RecheckSettings(
        files=_files(_strings(table, "files", [], path), base, path),
        reports=base / str(table.get("reports", "reports")),
        formats=formats,
        days_before_statutory_rise=_int(table, "days_before_statutory_rise", 42, path),
        days_before_living_wage_due=_int(table, "days_before_living_wage_due", 60, path),
        sites=base / str(sites) if sites else None,
        weeks_per_year=_weeks_per_year(table, path),
        rlw_includes_apprentices=_bool(table, "rlw_includes_apprentices", False, path),
        salary_basis=_salary_basis(table, path),
    )


def _weeks_per_year(table: dict[str, Any], path: Path) -> Decimal:
    """Refused now, by the check's own rule, rather than at the first re-check months later."""
    weeks = _decimal(table, "weeks_per_year", "52.143", path)
    if "weeks_per_year" in table:  # the default is valid: spare `rates update` loading pandas
        from rlwcheck.checks import CheckSettings

        try:
            CheckSettings(weeks_per_year=weeks).weeks_per_year_milli()
        except UsageError as exc:
            raise UsageError(f"{path}: [check] {exc}") from exc
    return weeks


def _salary_basis(table: dict[str, Any], path: Path) -> str | None:
    value = table.get("salary_basis")
    if value is not None and value not in SALARY_BASES:
        raise UsageError(
            f'{path}: salary_basis must be "actual" or "full-time" (or left out), not {value!r}'
        )
    return value


def _files(patterns: Sequence[str], base: Path, path: Path) -> tuple[Path, ...]:
    """Names or glob patterns ("payroll/*.csv"), relative to the config file, sorted."""
    files: list[Path] = []
    for pattern in patterns:
        if not glob.has_magic(pattern):
            files.append(base / pattern)
            continue
        matched = sorted(base.glob(pattern))
        if not matched:
            raise UsageError(f"{path}: [check] files: {pattern!r} matches no file in {base}")
        files.extend(matched)
    return tuple(files)


def _refuse_secrets(table: dict[str, Any], path: Path) -> None:
    secrets = sorted(_SECRET_KEYS & {key.lower() for key in table})
    if secrets:
        raise UsageError(
            f"{path}: [email] must not hold {', '.join(secrets)}; remove it and set "
            f"{SMTP_USER_ENV} and {SMTP_PASSWORD_ENV} in the environment instead"
        )


def _email(table: dict[str, Any], path: Path) -> EmailSettings:
    for key in ("smtp_host", "from", "to"):
        if key not in table:
            raise UsageError(f"{path}: [email] needs {key} (or remove [email] to send no mail)")
    return EmailSettings(
        smtp_host=str(table["smtp_host"]),
        sender=str(table["from"]),
        recipients=tuple(_strings(table, "to", [], path)),
        smtp_port=_int(table, "smtp_port", 25, path),
        starttls=_bool(table, "starttls", False, path),
    )


def _strings(table: dict[str, Any], key: str, default: Sequence[str], path: Path) -> list[str]:
    value = table.get(key, list(default))
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f'{path}: {key} must be a list of strings, e.g. {key} = ["..."]')
    return value


def _int(table: dict[str, Any], key: str, default: int, path: Path, minimum: int = 0) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise UsageError(
            f"{path}: {key} must be a whole number of {minimum} or more, not {value!r}"
        )
    return value


def _decimal(table: dict[str, Any], key: str, default: str, path: Path) -> Decimal:
    """A number written as a string ("52.143"): a TOML float would not be exact."""
    value = table.get(key, default)
    try:
        if isinstance(value, str | int) and not isinstance(value, bool):
            return Decimal(str(value))
    except InvalidOperation:
        pass
    raise UsageError(f'{path}: {key} must be a number in quotes, e.g. {key} = "{default}"')


def _bool(table: dict[str, Any], key: str, default: bool, path: Path) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise UsageError(f"{path}: {key} must be true or false, not {value!r}")
    return value
