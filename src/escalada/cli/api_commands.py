"""``escalada serve``: the API and dashboard over a store, with uvicorn.

A thin shell over :func:`escalada.api.create_app`; the write token comes from ``--token`` or
``ESCALADA_API_TOKEN`` (without one, write endpoints answer 401).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False)

__all__ = ["register", "serve"]


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL or SQLite path (default $ESCALADA_DB or ./escalada.sqlite)")]
        = None,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Bearer token for write endpoints (default $ESCALADA_API_TOKEN; none: read-only)",
        envvar=None)] = None,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Ingest with the rule coder only")] = False,
) -> None:
    """Serve the REST API (/api, schema at /api/openapi.json) and the dashboard (/)."""
    import dataclasses

    import uvicorn

    from escalada.api import create_app
    from escalada.api.config import load_api_settings
    from escalada.errors import EscaladaError

    settings = dataclasses.replace(load_api_settings(db_url=db, token=token),
                                   rules_only=rules_only)
    try:
        app = create_app(settings)
    except EscaladaError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc
    mode = "writes need the token" if settings.token else "read-only (no token)"
    err.print(f"serving on http://{host}:{port}/ ({mode})", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)
