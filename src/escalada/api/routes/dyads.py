"""``/api/dyads``: country pairs, their activity and (with the escalation stage) series."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from escalada.api.deps import PageDep, SessionDep, parse_dyad, quads
from escalada.api.errors import ApiError
from escalada.api.escalation_bridge import (
    ESCALATION_MISSING,
    dyad_series,
    series_signal_markers,
)
from escalada.api.formats import render_page
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import EventFilters, count_events, daily_activity, list_dyads
from escalada.api.schemas import DyadOut, Page

router = APIRouter(prefix="/api/dyads", tags=["dyads"])


def _flatten(item: DyadOut) -> dict[str, Any]:
    return item.model_dump()


@router.get("", response_model=Page[DyadOut], summary="Most active dyads")
def list_all(
    session: SessionDep, page: PageDep,
    since: Annotated[dt.date | None, Query()] = None,
    until: Annotated[dt.date | None, Query()] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> Response:
    """Undirected country dyads by number of fused events, most active first."""
    offset = decode_cursor(page.cursor) or 0
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(422, "invalid cursor: pass the next_cursor of a previous page")
    rows = list_dyads(session=session, since=since, until=until, min_sources=min_sources,
                      limit=page.limit + 1, offset=offset)
    more = len(rows) > page.limit
    items = [DyadOut(dyad=r.dyad, events=r.events, sources=r.sources, last_date=r.last_date,
                     min_score=r.min_score) for r in rows[:page.limit]]
    next_cursor = encode_cursor(offset + page.limit) if more else None
    return render_page(items, page, next_cursor, name="dyads", flatten=_flatten)


@router.get("/{dyad}/activity", summary="Fused events per day and quad class")
def activity(dyad: str, session: SessionDep) -> dict[str, Any]:
    """``{"dyad": "USA-VEN", "days": {"2025-11-20": {"verbal_conflict": 2}}}``."""
    filters = EventFilters(dyad=parse_dyad(dyad, "dyad"))
    return {"dyad": dyad.upper(), "events": count_events(session=session, filters=filters),
            "days": daily_activity(session=session, filters=filters, quads=quads())}


@router.get("/{dyad}/series", summary="Escalation series (needs escalada.escalation)",
            responses={501: {"description": "escalation stage not available"}})
def series(dyad: str, session: SessionDep) -> Any:
    """The dyad's daily index, its ladder and ``signals``: stored signals of its two countries
    on its timeline (flight collapses/surges, list changes, NOTAMs) with the ids of the events
    they corroborate or contradict."""
    a, b, directed = parse_dyad(dyad, "dyad")
    result = dyad_series(session=session, dyad=f"{a}{'>' if directed else '-'}{b}")
    if result is None:
        raise ApiError(501, ESCALATION_MISSING + f"; use /api/dyads/{a}-{b}/activity for "
                       "daily event counts meanwhile")
    return result | {"signals": series_signal_markers(session=session, series=result) or []}
