"""Options and argument parsers shared by the command modules."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

__all__ = ["DbOption", "parse_day"]

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database URL or SQLite path (default $ESCALADA_DB or ./escalada.sqlite)")]


def parse_day(value: str | None, option: str = "date") -> dt.date | None:
    """``YYYY-MM-DD`` to a date; a clear usage error naming ``option`` otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)",
                                 param_hint=option) from exc
