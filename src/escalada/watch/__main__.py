"""``python -m escalada.watch ...``: the ``escalada watch`` command on its own."""

from __future__ import annotations

import typer

from escalada.cli.watch_commands import register

app = typer.Typer(add_completion=False)
register(app)

if __name__ == "__main__":
    app()
