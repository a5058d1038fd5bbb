"""One error shape for every API response, and HTML error pages for the dashboard.

Every error body is ``{"error": {"status": 422, "code": "invalid_parameter",
"message": "...", "details": [...]}}``; requests outside ``/api`` that accept HTML get a page.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from escalada.errors import BlockedAddressError, EscaladaError, FetchError, InputError

__all__ = ["ApiError", "error_body", "install_error_handlers"]

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "too_large", 422: "invalid_parameter",
          500: "internal_error", 501: "not_implemented"}


class ApiError(Exception):
    """An error to answer with the common shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 details: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or _CODES.get(status, "error")
        self.details = details or []
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None,
               details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"),
                      "message": message, "details": details or []}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path.startswith("/openapi"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(request: Request, error: ApiError) -> Response:
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": error.status, "message": error.message,
                                    "details": error.details},
            status_code=error.status, headers=error.headers)
    return JSONResponse(error_body(error.status, error.message, error.code, error.details),
                        status_code=error.status, headers=error.headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"location": [str(part) for part in err.get("loc", ())],
             "message": err.get("msg", ""), "type": err.get("type", "")}
            for err in exc.errors()]


def install_error_handlers(app: FastAPI) -> None:
    """Route every error (ours, FastAPI's, escalada's) through :func:`_respond`."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        where = ", ".join(".".join(d["location"][1:] or d["location"]) for d in details)
        return _respond(request, ApiError(422, f"invalid parameter(s): {where}",
                                          details=details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return _respond(request, ApiError(exc.status_code, message,
                                          headers=getattr(exc, "headers", None)))

    @app.exception_handler(EscaladaError)
    async def _escalada(request: Request, exc: EscaladaError) -> Response:
        status = 400 if isinstance(exc, BlockedAddressError | FetchError | InputError) else 500
        return _respond(request, ApiError(status, str(exc), code=exc.reason.replace(" ", "_")))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        return _respond(request, ApiError(500, "internal server error"))
