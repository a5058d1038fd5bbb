"""``/api/events``: fused events with their sources, mentions and contradictions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from escalada.api.deps import EventFiltersDep, PageDep, SessionDep, quad_of
from escalada.api.errors import ApiError
from escalada.api.formats import render_page
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import get_event, page_events
from escalada.api.schemas import EventOut, Page

router = APIRouter(prefix="/api/events", tags=["events"])


def _names(refs: list[Any]) -> str:
    return "; ".join(r.name or r.text for r in refs)


def flatten_event(event: EventOut) -> dict[str, Any]:
    """One CSV row: the event's scalar fields, actors and sources joined."""
    return {
        "id": event.id, "event_type": event.event_type, "quad": event.quad, "mode": event.mode,
        "date": event.date, "date_precision": event.date_precision,
        "actor": _names(event.actor),
        "actor_country": event.actor[0].country if event.actor else None,
        "recipient": _names(event.recipient),
        "recipient_country": event.recipient[0].country if event.recipient else None,
        "n_sources": event.n_sources, "first_reported": event.first_reported,
        "certainty": event.certainty, "score": event.score,
        "sources": " ".join(s.url or s.doc_id for s in event.sources),
        "contradictions": len(event.contradictions), "coder_version": event.coder_version,
    }


@router.get("", response_model=Page[EventOut], summary="List fused events")
def list_events(session: SessionDep, filters: EventFiltersDep, page: PageDep) -> Response:
    """Fused events matching every filter, a keyset page at a time (ordered by id)."""
    after = decode_cursor(page.cursor)
    events = page_events(session=session, filters=filters, limit=page.limit + 1,
                         after_id=str(after) if after is not None else None)
    more = len(events) > page.limit
    events = events[:page.limit]
    items = [EventOut.of(e, quad_of(e.event_type)) for e in events]
    next_cursor = encode_cursor(events[-1].id) if more and events else None
    return render_page(items, page, next_cursor, name="events", flatten=flatten_event)


@router.get("/{event_id}", response_model=EventOut, summary="One fused event")
def read_event(event_id: str, session: SessionDep) -> EventOut:
    event = get_event(session=session, event_id=event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    return EventOut.of(event, quad_of(event.event_type))
