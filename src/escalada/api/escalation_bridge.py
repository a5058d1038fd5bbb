"""INTEGRATION POINT with :mod:`escalada.escalation` (dyad series, ladder, alerts).

That stage is written alongside the API, as pure functions over fused events. It is imported
lazily and only through the names used here; when it is missing (or its functions do not
have these names yet) the series endpoint answers 501 and the alerts list is empty with a
notice. Alerts are computed on the fly over the recent events (the watcher will persist
them; then :func:`recent_alerts` should read the stored ones).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from fastapi.encoders import jsonable_encoder
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from escalada.api.queries import EventFilters, iter_filtered_events
from escalada.store.schema import FusedEventRow
from escalada.store.signals_repo import query_signals, signal_links

__all__ = ["ESCALATION_MISSING", "dyad_series", "escalating_dyads", "escalation_module",
           "recent_alerts", "series_signal_markers"]

ESCALATION_MISSING = ("escalation series and alerts need escalada.escalation, which this build "
                      "does not provide yet")
MAX_EVENTS = 20_000
"""At most this many fused events go into one series or alert computation."""
ALERT_WINDOW_DAYS = 90
LINK_BATCH = 500
"""Fused event ids per query of signal links (keeps ``IN (...)`` lists short)."""


def escalation_module() -> Any | None:
    """The escalation package, or ``None`` when it is not importable (yet)."""
    try:
        module = importlib.import_module("escalada.escalation")
    except ImportError:
        return None
    needed = ("Dyad", "attribute", "build_series", "dyad_events", "build_ladder",
              "alerts_for_events")
    return module if all(hasattr(module, name) for name in needed) else None


def dyad_series(*, session: Session, dyad: str) -> dict[str, Any] | None:
    """``{"dyad", "points": [{date, value, quads, event_ids}], "ladder"}`` of ``dyad``
    (``USA-VEN`` or ``USA>VEN``), or ``None`` without the stage."""
    esc = escalation_module()
    if esc is None:
        return None
    parsed = esc.Dyad.parse(dyad)
    events = iter_filtered_events(session=session, limit=MAX_EVENTS,
                                  filters=EventFilters(involving=(parsed.a, parsed.b)))
    series = esc.build_series(events, parsed)
    attributed = esc.attribute(events)
    ladder = esc.build_ladder(str(parsed), esc.dyad_events(attributed, parsed))
    points = [{"date": p.date, "value": p.value, "quads": dict(p.quads),
               "event_ids": list(p.event_ids)} for p in series.points]
    return jsonable_encoder({"dyad": str(parsed), "points": points,
                             "ladder": _ladder_record(ladder)})


def series_signal_markers(*, session: Session, series: dict[str, Any] | None
                          ) -> list[dict[str, Any]] | None:
    """The signal markers (records of :class:`~escalada.escalation.SignalMarker`) of a
    :func:`dyad_series` result over its days, linked to the series' events; ``None``
    without the stage."""
    esc = escalation_module()
    if esc is None or series is None or not hasattr(esc, "signal_markers"):
        return None
    points = series.get("points") or []
    if not points:
        return []
    dyad = esc.Dyad.parse(series["dyad"])
    start, end = (dt.date.fromisoformat(str(points[i]["date"])) for i in (0, -1))
    signals = [s for country in sorted({dyad.a, dyad.b})
               for s in query_signals(session=session, country=country, start=start, end=end)]
    if not signals:
        return []
    event_ids = sorted({i for p in points for i in p.get("event_ids", ())})
    links = [esc.MarkerLink(link.signal_id, link.relation, link.fused_id)
             for offset in range(0, len(event_ids), LINK_BATCH)
             for link in signal_links(session=session,
                                      fused_ids=event_ids[offset:offset + LINK_BATCH])]
    markers = esc.signal_markers(signals, dyad, start=start, end=end, links=links)
    return [marker.to_record() for marker in markers]


def _ladder_record(ladder: Any) -> dict[str, Any]:
    highest = ladder.highest
    return {"highest": _rung_name(highest) if highest else None,
            "rungs": [{"rung": _rung_name(status), "reached": bool(status.reached)}
                      for status in ladder.rungs]}


def _rung_name(status: Any) -> str:
    rung = getattr(status, "rung", status)
    return str(getattr(rung, "name", rung)).lower()


def recent_alerts(*, session: Session, limit: int) -> list[dict[str, Any]] | None:
    """The latest alerts (newest first) over the last :data:`ALERT_WINDOW_DAYS` days of
    events, or ``None`` without the stage."""
    esc = escalation_module()
    if esc is None:
        return None
    latest = session.scalar(select(func.max(FusedEventRow.date)))
    if latest is None:
        return []
    since = latest - dt.timedelta(days=ALERT_WINDOW_DAYS)
    events = iter_filtered_events(session=session, limit=MAX_EVENTS,
                                  filters=EventFilters(since=since))
    alerts = esc.alerts_for_events(events)
    alerts = sorted(alerts, key=lambda a: (a.date, a.dyad), reverse=True)[:limit]
    return [alert.to_record() for alert in alerts]


def escalating_dyads(*, session: Session, dyads: list[str], days: int = 30
                     ) -> list[dict[str, Any]] | None:
    """``dyads`` ranked by their lowest escalation index (most conflictual first) over the
    last ``days`` days of each series, or ``None`` without the stage."""
    if escalation_module() is None:
        return None
    ranked = []
    for dyad in dyads:
        series = dyad_series(session=session, dyad=dyad)
        points = (series or {}).get("points") or []
        recent = points[-days:]
        if not recent:
            continue
        low = min(recent, key=lambda p: p["value"])
        ranked.append({"dyad": series["dyad"], "low": low["value"], "low_date": low["date"],
                       "latest": recent[-1]["value"],
                       "highest_rung": series["ladder"]["highest"]})
    return sorted(ranked, key=lambda r: (r["low"], r["dyad"]))
