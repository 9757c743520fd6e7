"""What every command shares: the store, option types and the error boundary."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import click

from rlwcheck import store
from rlwcheck.dates import parse_date
from rlwcheck.errors import RlwcheckError

EXIT_OK = 0
EXIT_NON_COMPLIANT = 1
EXIT_BAD_INPUT = 2


class CommandError(click.ClickException):
    """A one-line error that exits 2 (bad usage or unreadable input)."""

    exit_code = EXIT_BAD_INPUT


class Group(click.Group):
    """A click group that turns library errors into one-line messages with exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RlwcheckError as exc:
            raise CommandError(str(exc)) from exc


class DateType(click.ParamType):
    """A UK day-first date (01/04/2026) or an ISO date (2026-04-01)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value), "date")
        except RlwcheckError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


def db_path(ctx: click.Context) -> Path | None:
    path = ctx.find_root().params.get("db")
    return Path(path) if path else None


def open_store(ctx: click.Context) -> sqlite3.Connection:
    """The store chosen by --db, RLWCHECK_DB or the default; closed when the command ends."""
    conn = store.connect(db_path(ctx))
    ctx.call_on_close(conn.close)
    return conn
