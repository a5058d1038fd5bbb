"""What a briefing says, as records: built from fused events by the escalation functions.

:func:`build_brief` is pure (events in, :class:`Brief` out); :mod:`.render` turns a brief into
HTML or Markdown and :mod:`.chart` draws its chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from escalada.escalation import (
    DEFAULT_INDEX,
    Alert,
    Attributed,
    CusumRule,
    Dyad,
    DyadSeries,
    IndexConfig,
    LadderPosition,
    Rung,
    SignalMarker,
    ThresholdRule,
    attribute,
    build_ladder,
    detect_alerts,
    discussed_options,
    dyad_events,
    event_value,
    marker_links,
    present_dyads,
    rung_of,
    series_for_dyad,
    signal_markers,
)
from escalada.models import Contradiction, FusedEvent

__all__ = ["Brief", "TimelineItem", "build_brief", "pick_dyad", "timeline_entries"]

TIMELINE_LIMIT = 30
SIGNAL_TIMELINE_LIMIT = 30


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One key event: what happened, who reported it and how firmly."""

    date: dt.date | None
    event_type: str
    mode: str | None
    actor: str | None
    recipient: str | None
    sentence: str
    sources: tuple[tuple[str, str | None], ...]
    """``(outlet or title or document id, url)`` per independent source."""
    n_sources: int
    certainty: float
    value: float
    rung: Rung | None
    inferred: bool
    aux: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything a briefing page shows."""

    dyad: Dyad
    names: dict[str, str]
    start: dt.date | None
    end: dt.date | None
    headline: str
    status: str
    series: tuple[DyadSeries, ...]
    """Undirected first, then both directions."""
    ladder: LadderPosition
    alerts: tuple[Alert, ...]
    timeline: tuple[TimelineItem, ...]
    contested: tuple[tuple[Contradiction, TimelineItem], ...]
    options: tuple[TimelineItem, ...]
    generated_at: dt.datetime = field(compare=False)
    outlets: dict[str, str] = field(default_factory=dict)
    """Outlet (or title) per document id, for the sources of contested claims."""
    signals: Any = None
    """The :class:`~escalada.brief.signals.SignalsSection` when signals were given."""
    markers: tuple[SignalMarker, ...] = ()
    """Signals on the dyad's escalation timeline (chart and timeline), by day."""
    event_labels: dict[str, str] = field(default_factory=dict)
    """A short description per fused event id a marker corroborates or contradicts."""

    def name(self, code: str | None) -> str:
        return self.names.get(code or "", code or "unknown")


def pick_dyad(events: Sequence[FusedEvent], config: IndexConfig = DEFAULT_INDEX) -> Dyad | None:
    """The undirected dyad with the most conflict (lowest index sum) among ``events``."""
    attributed = attribute(events, infer_missing=config.infer_missing_party,
                           sector=config.sector)
    totals = {dyad: sum(series_for_dyad(attributed, dyad, config=config).values)
              for dyad in present_dyads(attributed)}
    return min(totals, key=lambda d: (totals[d], str(d))) if totals else None


def _sources(event: FusedEvent) -> tuple[tuple[str, str | None], ...]:
    return tuple((s.outlet or s.title or s.doc_id, s.url) for s in event.sources
                 if s.duplicate_of is None)


def _item(item: Attributed, config: IndexConfig) -> TimelineItem:
    event = item.event
    sentence = event.mentions[0].sentence if event.mentions else ""
    context = sorted({c for m in event.mentions for c in m.context})
    rung = rung_of(event.event_type, event.mode, context,
                   " ".join(m.sentence for m in event.mentions))
    return TimelineItem(event.date, event.event_type, event.mode, item.actor, item.recipient,
                        sentence, _sources(event), event.n_sources, round(event.certainty, 2),
                        round(event_value(event, config, item.inferred), 2), rung,
                        item.inferred, tuple(event.aux))


def _timeline(items: Sequence[Attributed], config: IndexConfig) -> tuple[TimelineItem, ...]:
    factual = [_item(i, config) for i in items
               if not {"hypothetical", "future", "negation"} & set(i.event.aux)]
    key = sorted(factual, key=lambda t: (t.rung is None, -abs(t.value)))[:TIMELINE_LIMIT]
    return tuple(sorted(key, key=lambda t: (t.date or dt.date.max, -abs(t.value))))


def _in_period(event: FusedEvent, since: dt.date | None, until: dt.date | None) -> bool:
    if event.date is None:
        return since is None and until is None
    return (since is None or event.date >= since) and (until is None or event.date <= until)


def _contested(items: Sequence[Attributed], extra: Sequence[Contradiction],
               config: IndexConfig) -> tuple[tuple[Contradiction, TimelineItem], ...]:
    by_id = {i.event.id: i for i in items}
    found: dict[tuple[str, str, str, str], tuple[Contradiction, TimelineItem]] = {}
    pool = [c for i in items for c in i.event.contradictions] + list(extra)
    for claim in pool:
        if claim.fused_id in by_id:
            key = (claim.fused_id, claim.field, claim.claim_a, claim.claim_b)
            found.setdefault(key, (claim, _item(by_id[claim.fused_id], config)))
    return tuple(sorted(found.values(), key=lambda p: (p[1].date or dt.date.max, p[0].field)))


def build_brief(events: Sequence[FusedEvent], dyad: Dyad | str | None = None, *,
                since: dt.date | None = None, until: dt.date | None = None,
                contradictions: Sequence[Contradiction] = (),
                rules: Sequence[CusumRule | ThresholdRule] = (CusumRule(),),
                config: IndexConfig = DEFAULT_INDEX, names: dict[str, str] | None = None,
                generated_at: dt.datetime | None = None,
                signals: Sequence[Any] | None = None) -> Brief:
    """The briefing on ``dyad`` (default: :func:`pick_dyad`) from ``events`` in the period.

    ``names`` maps ISO3 codes to display names (default: the actor resolver's names).
    ``signals`` (stored signals, see :func:`escalada.brief.signals.load_signals`) add the
    signals section: flights vs baseline per FIR, list changes, active NOTAMs and the news
    events they corroborate or contradict (signal contradictions come in ``contradictions``).
    """
    from escalada.brief.assess import assess

    events = [e for e in events if _in_period(e, since, until)]
    if isinstance(dyad, str):
        dyad = Dyad.parse(dyad)
    dyad = (dyad or pick_dyad(events, config) or Dyad("USA", "VEN")).undirected
    names = names if names is not None else _country_names(dyad)
    attributed = attribute(events, infer_missing=config.infer_missing_party,
                           sector=config.sector)
    by_id = {a.event.id: a for a in attributed}
    items = dyad_events(attributed, dyad)
    dates = [i.event.date for i in items if i.event.date]
    start, end = since or min(dates, default=None), until or max(dates, default=None)
    series = tuple(series_for_dyad(attributed, d, config=config, start=start, end=end)
                   for d in (dyad, *dyad.directions))
    now = generated_at or dt.datetime.now(dt.UTC)
    alerts = tuple(a for s in series for a in detect_alerts(s, by_id, rules, created_at=now))
    options = discussed_options(attributed, dyad, names)
    ladder = build_ladder(str(dyad), items, options)
    title = f"{names.get(dyad.a, dyad.a)}–{names.get(dyad.b, dyad.b)}"
    status, headline = assess(title, series[0], ladder, [a for a in alerts
                                                         if a.dyad == str(dyad)])
    outlets = {s.doc_id: s.outlet or s.title or s.doc_id for e in events for s in e.sources}
    section: Any = None
    markers: tuple[SignalMarker, ...] = ()
    if signals is not None:
        from escalada.brief.signals import SIGNAL_SOURCES, build_signals_section

        dyad_fused = [i.event for i in items]
        section = build_signals_section(signals, dyad_fused, (dyad.a, dyad.b),
                                        start=start, end=end, contradictions=contradictions)
        outlets |= {s.id: SIGNAL_SOURCES.get(s.kind, s.kind) for s in signals}
        markers = tuple(signal_markers(signals, dyad, start=start, end=end,
                                       links=marker_links(dyad_fused, contradictions)))
    return Brief(dyad, names, start, end, headline, status, series, ladder, alerts,
                 _timeline(items, config), _contested(items, contradictions, config),
                 tuple(_item(o.item, config) for o in ladder.options), now, outlets, section,
                 markers, _event_labels(markers, by_id))


def _event_labels(markers: Sequence[SignalMarker], by_id: dict[str, Attributed]
                  ) -> dict[str, str]:
    labels = {}
    for event_id in {i for m in markers for i in (*m.corroborates, *m.contradicts)}:
        if event_id in by_id:
            event = by_id[event_id].event
            sentence = event.mentions[0].sentence if event.mentions else ""
            labels[event_id] = f"{event.event_type} {event.date or 'undated'}: “{sentence}”"
    return labels


def _timeline_markers(markers: Sequence[SignalMarker]) -> list[SignalMarker]:
    """At most :data:`SIGNAL_TIMELINE_LIMIT` markers: those linked to events first (they say
    the most about the news), then list changes and NOTAMs, then flight days."""
    if len(markers) <= SIGNAL_TIMELINE_LIMIT:
        return list(markers)
    ranked = sorted(markers, key=lambda m: (not (m.corroborates or m.contradicts),
                                            m.kind == "flights", m.day))
    return sorted(ranked[:SIGNAL_TIMELINE_LIMIT], key=lambda m: m.day)


def timeline_entries(brief: Brief) -> list[tuple[str, TimelineItem | SignalMarker]]:
    """The timeline with the signal markers interleaved in date order: ``("event", item)``
    and ``("signal", marker)`` pairs; on the same day, the news comes first."""
    entries: list[tuple[dt.date, int, str, TimelineItem | SignalMarker]] = [
        (item.date or dt.date.max, 0, "event", item) for item in brief.timeline]
    entries += [(m.day, 1, "signal", m) for m in _timeline_markers(brief.markers)]
    entries.sort(key=lambda e: (e[0], e[1]))
    return [(kind, entry) for _day, _order, kind, entry in entries]


def _country_names(dyad: Dyad) -> dict[str, str]:
    from escalada.actors import default_resolver

    resolver = default_resolver()
    return {code: resolver.country_name(code) or code for code in (dyad.a, dyad.b)}
