"""What every command shares: the store, option types and the error boundary."""

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from rlwcheck import store
from rlwcheck.dates import parse_date
from rlwcheck.errors import RlwcheckError

EXIT_OK = 0
EXIT_NON_COMPLIANT = 1
EXIT_BAD_INPUT = 2
STORE_KEY = "rlwcheck.store"  # in click.Context.meta, shared by a command and its groups


class CommandError(click.ClickException):
    """A one-line error that exits 2 (bad usage or unreadable input)."""

    exit_code = EXIT_BAD_INPUT


class Group(click.Group):
    """A click group whose errors are one line with exit code 2, never a traceback.

    Library errors (RlwcheckError) and bad option values (click's BadParameter, which
    would otherwise print the usage block too) become ``Error: <what to do>``.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RlwcheckError as exc:
            raise CommandError(str(exc)) from exc
        except click.BadParameter as exc:
            command = exc.ctx.command_path if exc.ctx else ctx.command_path
            raise CommandError(f"{exc.format_message()} (see `{command} --help`)") from exc


class DateType(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A UK day-first date (01/04/2026) or an ISO date (2026-04-01)."""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
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
    """The store chosen by --db, RLWCHECK_DB or the default: one connection per command,
    however many times a command asks, closed when the command ends."""
    conn: sqlite3.Connection | None = ctx.meta.get(STORE_KEY)
    if conn is None:
        conn = store.connect(db_path(ctx))
        ctx.meta[STORE_KEY] = conn
        ctx.call_on_close(conn.close)
    return conn


def dump_json(value: Any) -> str:
    """JSON for output: dates as ISO strings, Decimals as exact strings."""
    return json.dumps(value, indent=2, default=_json_default, ensure_ascii=False)


def _json_default(value: Any) -> str:
    if isinstance(value, dt.date | Decimal):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def format_table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A plain aligned text table for the terminal."""
    cells = [[str(row.get(column, "")) for column in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
