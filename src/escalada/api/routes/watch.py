"""Subscribe without code: ``/alerts.atom`` and ``/alerts.json`` (the alerts the watcher
recorded, newest first) and ``/api/feeds`` (health of each watched feed).

Include with ``app.include_router(watch.router)``; reads the tables of
:mod:`escalada.store.watch_schema` (empty until ``escalada watch`` has run).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select

from escalada.api.deps import SessionDep
from escalada.store.watch_schema import WatchAlertRow, WatchFeedRow, WatchOutboxRow

__all__ = ["feed_health", "router"]

router = APIRouter(tags=["watch"])
LimitParam = Annotated[int, Query(ge=1, le=500, description="Most recent N alerts")]


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _recent(session: Any, limit: int) -> list[WatchAlertRow]:
    return list(session.scalars(select(WatchAlertRow).order_by(
        WatchAlertRow.created_at.desc(), WatchAlertRow.idempotency_key).limit(limit)))


@router.get("/alerts.json", summary="Recorded alerts as JSON Feed 1.1")
def alerts_json(request: Request, session: SessionDep, limit: LimitParam = 50) -> JSONResponse:
    """A JSON Feed (https://jsonfeed.org/version/1.1); each item's ``_escalada`` is the alert
    record as webhooks receive it."""
    base = str(request.base_url).rstrip("/")
    items = []
    for row in _recent(session, limit):
        record = row.record
        items.append({
            "id": row.idempotency_key,
            "title": _title(row),
            "content_text": _summary(record),
            "date_published": _iso(row.created_at),
            "url": f"{base}/api/dyads/{row.dyad}/series",
            "_escalada": record,
        })
    body = {"version": "https://jsonfeed.org/version/1.1", "title": "escalada alerts",
            "home_page_url": base + "/", "feed_url": f"{base}/alerts.json", "items": items}
    return JSONResponse(body, media_type="application/feed+json")


@router.get("/alerts.atom", summary="Recorded alerts as an Atom feed",
            response_class=Response)
def alerts_atom(request: Request, session: SessionDep, limit: LimitParam = 50) -> Response:
    base = str(request.base_url).rstrip("/")
    rows = _recent(session, limit)
    updated = _iso(rows[0].created_at) if rows else "1970-01-01T00:00:00+00:00"
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             "<title>escalada alerts</title>",
             f"<id>urn:escalada:alerts:{escape(base)}</id>",
             f'<link rel="self" href="{escape(base)}/alerts.atom"/>',
             f"<updated>{updated}</updated>",
             "<author><name>escalada</name></author>"]
    for row in rows:
        parts += ["<entry>",
                  f"<id>urn:escalada:alert:{row.idempotency_key}</id>",
                  f"<title>{escape(_title(row))}</title>",
                  f"<updated>{_iso(row.created_at)}</updated>",
                  f'<link href="{escape(base)}/api/dyads/{escape(row.dyad)}/series"/>',
                  f'<category term="{escape(row.dyad)}"/>',
                  f"<summary>{escape(_summary(row.record))}</summary>",
                  "</entry>"]
    parts.append("</feed>")
    return Response("\n".join(parts), media_type="application/atom+xml; charset=utf-8")


def _title(row: WatchAlertRow) -> str:
    return f"{row.dyad} {row.date.isoformat()}: {row.rule} (change {row.change:+.1f})"


def _summary(record: dict[str, Any]) -> str:
    lines = [f"{e.get('event_type')} {e.get('value', 0):+.1f}: {e.get('sentence', '')}"
             for e in record.get("events", [])]
    return "\n".join(lines) or "no events"


@router.get("/api/feeds", summary="Health of the watched feeds and the outbox")
def feeds(session: SessionDep) -> dict[str, Any]:
    """Per feed: last poll, last status, items, errors, next poll; plus outbox counts per
    destination and status. ``healthy`` is false after three failed polls in a row."""
    return feed_health(session)


def feed_health(session: Any) -> dict[str, Any]:
    """The data behind ``/api/feeds`` (also shown on the dashboard overview)."""
    items = []
    for row in session.scalars(select(WatchFeedRow).order_by(WatchFeedRow.url)):
        items.append({
            "url": row.url, "last_polled_at": _iso(row.last_polled_at),
            "last_ok_at": _iso(row.last_ok_at), "next_poll_at": _iso(row.next_poll_at),
            "last_status": row.last_status, "last_error": row.last_error,
            "polls": row.polls, "not_modified": row.not_modified, "errors": row.errors,
            "consecutive_errors": row.consecutive_errors, "items": row.items_last,
            "items_new": row.items_new, "healthy": row.consecutive_errors < 3,
        })
    outbox = [{"destination": d, "status": s, "count": n} for d, s, n in session.execute(
        select(WatchOutboxRow.destination, WatchOutboxRow.status, func.count())
        .group_by(WatchOutboxRow.destination, WatchOutboxRow.status)
        .order_by(WatchOutboxRow.destination, WatchOutboxRow.status))]
    return {"items": items, "outbox": outbox}
