"""The FastAPI app: API routers under ``/api``, the dashboard at ``/``, static files
(including plotly.js from the installed plotly package) under ``/static``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from escalada.api.config import ApiSettings
from escalada.api.errors import error_body, install_error_handlers
from escalada.api.routes import (
    actors,
    alerts,
    contradictions,
    documents,
    dyads,
    events,
    ingest,
    watch,
)

__all__ = ["create_app"]

API_DESCRIPTION = """Crisis-news PLOVER events: documents, fused events with their sources,
actors, dyads, alerts and contradictions. Read endpoints are open; write endpoints need
`Authorization: Bearer <token>`. Lists page with `limit` and an opaque `cursor` and download
as `format=json|csv|jsonl`. Every error has the shape
`{"error": {"status", "code", "message", "details"}}`. (No bundled Swagger UI: it would load
from a CDN, and the app works offline; read this schema with any OpenAPI viewer.)"""


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """The app over the existing store at ``settings.db_url`` (opened and migrated now;
    a missing SQLite file is a :class:`~escalada.errors.StoreError`)."""
    from escalada import __version__
    from escalada.store import default_url, open_store
    from escalada.web import install_dashboard

    settings = settings or ApiSettings()
    app = FastAPI(title="escalada", version=__version__, description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.api_settings = settings
    app.state.session_factory = open_store(settings.db_url or default_url(), create=False)
    app.state.coder = None
    for module in (documents, events, actors, dyads, alerts, contradictions, ingest, watch):
        app.include_router(module.router)
    install_dashboard(app)
    install_error_handlers(app)
    _limit_body_size(app, settings.core.max_document_bytes + 64 * 1024)
    return app


def _limit_body_size(app: FastAPI, limit: int) -> None:
    """413 with the common shape for a declared body larger than ``limit`` bytes.

    Bodies without ``Content-Length`` (chunked) are bounded by the model's own limits only."""

    @app.middleware("http")
    async def _check(request: Request, call_next):  # noqa: ANN001, ANN202
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return JSONResponse(error_body(413, f"request body over {limit} bytes"),
                                status_code=413)
        return await call_next(request)
