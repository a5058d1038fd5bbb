"""Dashboard pages: overview, dyad, event and search. Every value from an article is
autoescaped by Jinja2; links to sources are emitted only for http(s) URLs."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from escalada.api.deps import EventFilters, SessionDep, event_filters, parse_dyad, quad_of, quads
from escalada.api.errors import ApiError
from escalada.api.escalation_bridge import (
    ESCALATION_MISSING,
    dyad_series,
    escalating_dyads,
    recent_alerts,
    series_signal_markers,
)
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import (
    count_events,
    daily_activity,
    get_event,
    latest_events,
    list_contradictions_for,
    list_dyads,
    page_events,
)
from escalada.api.routes.watch import feed_health
from escalada.store.signals_repo import query_signals, signal_links

__all__ = ["install_dashboard", "router"]

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
QUAD_ORDER = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
              "material_conflict")

router = APIRouter(include_in_schema=False)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else ``None`` (no ``javascript:`` links)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["safe_url"] = safe_url
    env.globals["quad_of"] = quad_of
    return Jinja2Templates(env=env)


def _page(request: Request, template: str, context: dict[str, Any],
          status_code: int = 200) -> HTMLResponse:
    response = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, session: SessionDep) -> HTMLResponse:
    alerts = recent_alerts(session=session, limit=10)
    dyads = list_dyads(session=session, limit=10)
    return _page(request, "overview.html", {
        "alerts": alerts or [], "alerts_notice": ESCALATION_MISSING if alerts is None else None,
        "escalating": escalating_dyads(session=session, dyads=[d.dyad for d in dyads]),
        "dyads": dyads, "feeds": feed_health(session),
        "events": latest_events(session=session, filters=EventFilters(), limit=10)})


def _chart(session: Any, filters: EventFilters, series: dict[str, Any] | None,
           markers: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars: fused events per day and quad; line: the escalation index when available;
    symbols on the time axis: the signal markers (``dyad.js`` draws them as one trace)."""
    days = daily_activity(session=session, filters=filters, quads=quads())
    x = sorted(days)
    chart: dict[str, Any] = {
        "x": x, "series": [{"name": q.replace("_", " "), "y": [days[d].get(q, 0) for d in x]}
                           for q in QUAD_ORDER]}
    if series and series.get("points"):
        chart["index"] = {"x": [p["date"] for p in series["points"]],
                          "y": [p["value"] for p in series["points"]]}
    if markers:
        chart["signals"] = {key: [m[key] for m in markers]
                            for key in ("day", "kind", "status", "label")}
    return chart


def _timeline(events: list[Any], markers: list[dict[str, Any]], limit: int
              ) -> list[tuple[str, Any]]:
    """Events (newest first) with the signal markers of their days interleaved: ``("event",
    event)`` and ``("signal", marker)``; when the events were cut at ``limit``, signals older
    than the oldest shown event are left out too."""
    oldest = events[-1].date if len(events) >= limit and events[-1].date else None
    entries: list[tuple[dt.date, int, str, Any]] = [
        (e.date or dt.date.min, 1, "event", e) for e in events]
    entries += [(dt.date.fromisoformat(m["day"]), 0, "signal", m) for m in markers
                if oldest is None or m["day"] >= oldest.isoformat()]
    # newest day first; within a day the signal comes after the news, as in the briefing
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return [(kind, entry) for _day, _order, kind, entry in entries]


MAX_SIGNALS = 200
MAX_TIMELINE_EVENTS = 200


@router.get("/dyads/{dyad}", response_class=HTMLResponse)
def dyad_page(request: Request, dyad: str, session: SessionDep) -> HTMLResponse:
    a, b, directed = parse_dyad(dyad, "dyad")
    name = f"{a}{'>' if directed else '-'}{b}"
    filters = EventFilters(dyad=(a, b, directed))
    events = latest_events(session=session, filters=filters, limit=MAX_TIMELINE_EVENTS)
    series = dyad_series(session=session, dyad=name)
    markers = series_signal_markers(session=session, series=series) or []
    return _page(request, "dyad.html", {
        "dyad": name, "chart": _chart(session, filters, series, markers), "series": series,
        "series_notice": ESCALATION_MISSING,
        "total": count_events(session=session, filters=filters), "events": events,
        "timeline": _timeline(events, markers, MAX_TIMELINE_EVENTS),
        "contradictions": list_contradictions_for(session=session,
                                                  fused_ids=[e.id for e in events]),
        **_signals_of(session, (a, b), [e.id for e in events])})


def _signals_of(session: Any, countries: tuple[str, str], fused_ids: list[str]
                ) -> dict[str, Any]:
    """Stored signals about the dyad's countries, and the links of its events to signals."""
    signals = [s for country in countries
               for s in query_signals(session=session, country=country)]
    signals.sort(key=lambda s: (s.date or dt.date.min, s.kind, s.key), reverse=True)
    links = signal_links(session=session, fused_ids=fused_ids) if fused_ids else []
    return {"signals": signals[:MAX_SIGNALS], "signal_links": links}


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, session: SessionDep) -> HTMLResponse:
    event = get_event(session=session, event_id=event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r}")
    return _page(request, "event.html", {"event": event,
                                         "sources": {s.doc_id: s for s in event.sources}})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep,
                filters: Annotated[EventFilters, Depends(event_filters)],
                cursor: Annotated[str | None, Query(max_length=512)] = None) -> HTMLResponse:
    after = decode_cursor(cursor)
    events = page_events(session=session, filters=filters, limit=51,
                         after_id=str(after) if after is not None else None)
    more = len(events) > 50
    events = events[:50]
    params = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    if more and events:
        params["cursor"] = encode_cursor(events[-1].id)
    return _page(request, "search.html", {
        "events": events, "form": dict(request.query_params),
        "next_params": params if more else None,
        "quads": QUAD_ORDER, "types": sorted(quads())})


def _plotly_js() -> Path:
    return Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))


@router.get("/static/vendor/plotly.min.js")
def plotly_js() -> Response:
    """plotly.js as shipped inside the installed plotly package."""
    return FileResponse(_plotly_js(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})


def install_dashboard(app: FastAPI) -> None:
    """Add the pages, the static files and the templates (also used for error pages)."""
    app.state.templates = _templates()
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
