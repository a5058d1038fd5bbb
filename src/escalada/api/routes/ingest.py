"""``POST /api/ingest``: submit a URL or a text to code and store (token needed).

URLs are checked before anything is fetched: the host is resolved and private, loopback and
link-local addresses are refused (400) with :func:`escalada.ingest.fetch.resolve_checked`, the
same guard the fetcher applies again on every hop.
"""

from __future__ import annotations

import json
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request

from escalada.api.deps import require_token
from escalada.api.errors import ApiError
from escalada.api.schemas import IngestIn, IngestOut

router = APIRouter(prefix="/api/ingest", tags=["ingest"])
_INGEST_LOCK = threading.Lock()
"""One ingest at a time: the coder (spaCy) is shared and ingest writes in batches."""


def _coder(request: Request) -> Any:
    """The app's coder, loaded on first use (spaCy is slow to load)."""
    state = request.app.state
    if getattr(state, "coder", None) is None:
        from escalada.pipeline import EventCoder

        settings = state.api_settings
        state.coder = EventCoder(settings.core, rules_only=settings.rules_only)
    return state.coder


def _check_url(url: str, request: Request) -> None:
    """Refuse (400) before any connection: bad scheme, or a host resolving to a private,
    loopback or link-local address (unless the operator allows private addresses)."""
    import httpx

    from escalada.ingest.fetch import resolve_checked

    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ApiError(400, f"{url}: only http(s) URLs with a host can be ingested")
    core = request.app.state.api_settings.core
    resolve_checked(parsed, allow_private=core.allow_private_addresses, source=url)


def _text_source(body: IngestIn, directory: Path) -> str:
    record = {"text": body.text, "title": body.title, "outlet": body.outlet,
              "published": body.published.isoformat() if body.published else None}
    path = directory / "submitted.jsonl"
    path.write_text(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n",
                    encoding="utf-8")
    return str(path)


@router.post("", response_model=IngestOut, dependencies=[Depends(require_token)],
             summary="Ingest a URL or a text",
             responses={400: {"description": "refused URL (private address, bad scheme)"},
                        401: {"description": "missing or wrong bearer token"}})
def ingest(body: IngestIn, request: Request) -> IngestOut:
    from escalada.store import ingest_sources

    if (body.url is None) == (body.text is None):
        raise ApiError(422, "send exactly one of url or text")
    settings = request.app.state.api_settings
    with tempfile.TemporaryDirectory(prefix="escalada-api-") as tmp:
        if body.url is not None:
            _check_url(str(body.url), request)
            source = str(body.url)
        else:
            source = _text_source(body, Path(tmp))
        errors: list[str] = []
        with _INGEST_LOCK:
            summary = ingest_sources(
                [source], session_factory=request.app.state.session_factory,
                settings=settings.core, coder=_coder(request), published=body.published,
                outlet=body.outlet, on_skip=lambda result: errors.append(str(result.error)))
    if errors and not summary.new_documents and not summary.already_stored:
        raise ApiError(400, errors[0], code="refused_input")
    return IngestOut(summary=summary.line(), new_documents=summary.new_documents,
                     already_stored=summary.already_stored, skipped=dict(summary.skipped),
                     mentions=summary.mentions, fused_events=summary.fused_events)
