"""The signals section of a briefing: air traffic per FIR against its baseline (inline SVG),
sanctions list changes, active NOTAMs, and which news events the signals corroborate or
contradict.

:func:`build_signals_section` is pure (stored signals and fused events in);
:func:`load_signals` reads what it needs from a store; :func:`svg_flights_chart` draws the
traffic panels.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from escalada.models import Contradiction, FusedEvent

__all__ = [
    "SIGNAL_SOURCES",
    "FlightPoint",
    "SignalEvidence",
    "SignalsSection",
    "build_signals_section",
    "load_signals",
    "svg_flights_chart",
]

SIGNAL_SOURCES = {"flights": "air-traffic data", "sanctions": "OFAC SDN list",
                  "notam": "NOTAM"}
MAX_FIRS = 6
MAX_CHANGES = 25
STATUS_COLOURS = {"collapse": "#c0392b", "data_gap": "#bbbbbb", "surge": "#d08c00",
                  "no_baseline": "#9db7d5", "normal": "#1f5fa8"}


@dataclass(frozen=True, slots=True)
class FlightPoint:
    date: dt.date
    flights: int
    baseline: float | None
    status: str
    alert: bool


@dataclass(frozen=True, slots=True)
class SignalEvidence:
    """A news event and a signal that corroborates or contradicts it."""

    date: dt.date | None
    event_type: str
    sentence: str
    relation: str  # corroborates | contradicts
    signal: str


@dataclass(frozen=True, slots=True)
class SignalsSection:
    """What the briefing shows of the signals over its period."""

    flights: dict[str, tuple[FlightPoint, ...]]
    """Per FIR (at most :data:`MAX_FIRS`, those of the dyad's countries first)."""
    fir_countries: dict[str, str | None]
    list_changes: tuple[Any, ...]
    notams: tuple[Any, ...]
    evidence: tuple[SignalEvidence, ...]

    @property
    def empty(self) -> bool:
        return not (self.flights or self.list_changes or self.notams or self.evidence)


def _in(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    if day is None:
        return False
    return (start is None or day >= start) and (end is None or day <= end)


def _notam_active(payload: dict[str, Any], start: dt.date | None, end: dt.date | None,
                  date: dt.date | None) -> bool:
    def day(value: Any) -> dt.date | None:
        return dt.date.fromisoformat(str(value)[:10]) if value else None

    begins = day(payload.get("valid_from")) or date
    ends = day(payload.get("valid_to"))  # None: permanent
    if begins is None:
        return False
    return (end is None or begins <= end) and (ends is None or start is None or ends >= start)


def build_signals_section(signals: Sequence[Any], events: Sequence[FusedEvent],
                          countries: Iterable[str], *, start: dt.date | None = None,
                          end: dt.date | None = None,
                          contradictions: Sequence[Contradiction] = ()) -> SignalsSection:
    """The section for the dyad's ``countries`` over ``start``–``end``. ``signals`` are
    stored signals (:class:`~escalada.signals.stored.StoredSignal`); corroborations come
    from the events' ``corroborated_by``, contradictions from ``contradictions``."""
    countries = set(countries)
    by_fir: dict[str, list[FlightPoint]] = defaultdict(list)
    fir_country: dict[str, str | None] = {}
    for s in signals:
        if s.kind == "flights" and s.fir and _in(s.date, start, end):
            p = s.payload
            by_fir[s.fir].append(FlightPoint(s.date, int(p.get("flights") or 0),
                                             p.get("baseline"), p.get("status", ""),
                                             bool(p.get("alert"))))
            fir_country[s.fir] = s.country
    ranked = sorted(by_fir, key=lambda f: (fir_country.get(f) not in countries,
                                           not any(x.status == "collapse" for x in by_fir[f]),
                                           f))
    flights = {f: tuple(sorted(by_fir[f], key=lambda x: x.date)) for f in ranked[:MAX_FIRS]}
    changes = tuple(sorted(
        (s for s in signals if s.kind == "sanctions" and _in(s.date, start, end)
         and (s.country in countries or s.payload.get("change") == "added")),
        key=lambda s: (s.date, s.payload.get("change") != "added", s.key)))[:MAX_CHANGES]
    notams = tuple(sorted(
        (s for s in signals if s.kind == "notam"
         and _notam_active(s.payload, start, end, s.date)
         and (s.country in countries or not countries)),
        key=lambda s: (s.date or dt.date.min, s.key)))
    by_id = {s.id: s for s in signals}
    evidence: list[SignalEvidence] = []
    events_by_id = {e.id: e for e in events}
    for event in events:
        linked = [by_id[i] for i in getattr(event, "corroborated_by", []) or [] if i in by_id]
        for text in _summaries(linked):
            evidence.append(SignalEvidence(event.date, event.event_type, _sentence(event),
                                           "corroborates", text))
    for claim in contradictions:
        event = events_by_id.get(claim.fused_id)
        if event is not None and claim.source_b in by_id:
            evidence.append(SignalEvidence(event.date, event.event_type, _sentence(event),
                                           "contradicts", claim.claim_b))
    evidence.sort(key=lambda e: (e.date or dt.date.max, e.relation, e.signal))
    return SignalsSection(flights, {f: fir_country.get(f) for f in flights}, changes, notams,
                          tuple(evidence))


def _summaries(linked: Sequence[Any]) -> list[str]:
    """One line per FIR for flight days (first–last collapse day, lowest share of the
    baseline), one per other signal."""
    lines: list[str] = []
    by_fir: dict[str, list[Any]] = defaultdict(list)
    for signal in linked:
        if signal.kind == "flights":
            by_fir[signal.fir or "?"].append(signal)
        else:
            lines.append(signal.summary)
    for fir, days in sorted(by_fir.items()):
        days.sort(key=lambda s: s.date)
        ratios = [s.payload.get("ratio") for s in days if s.payload.get("ratio") is not None]
        low = f", as low as {min(ratios):.0%} of baseline" if ratios else ""
        span = (f"{days[0].date}" if len(days) == 1
                else f"{days[0].date} to {days[-1].date}")
        lines.append(f"flight collapse over {fir} on {len(days)} day(s), {span}{low}")
    return lines


def _sentence(event: FusedEvent) -> str:
    news = [m for m in event.mentions if not str(m.coder_version).startswith("signals-")]
    return (news or event.mentions)[0].sentence if event.mentions else ""


def load_signals(session_factory: Any, *, since: dt.date | None = None,
                 until: dt.date | None = None, events: Sequence[FusedEvent] = (),
                 window_days: int = 3) -> tuple[list[Any], list[Contradiction]]:
    """Stored signals of the period (NOTAMs of any start: they may still be active) and the
    signal contradictions of ``events``, whose ``corroborated_by`` is filled.

    Links are computed afresh from the stored signals (as :func:`~escalada.store.
    signals_repo.relink_signals` stores them), so events fused again since the last
    ``signals ... --db`` run are still linked."""
    from escalada.fusion.corroboration import link_signals
    from escalada.store.signals_repo import query_signals

    with session_factory() as session:
        signals = [s for s in query_signals(session=session, end=until)
                   if s.kind == "notam" or since is None or (s.date and s.date >= since)]
    for event in events:
        event.corroborated_by = []
    _links, contradictions = link_signals(events, signals, window_days=window_days)
    return signals, contradictions


# --- chart -----------------------------------------------------------------------------

WIDTH, PANEL, LEFT, RIGHT, TOP = 960, 110, 104, 16, 22


def svg_flights_chart(section: SignalsSection, title: str = "Daily flights per FIR") -> str:
    """Small multiples, one panel per FIR: daily flights as bars (red: collapse, grey: data
    gap, amber: surge) and the same-weekday baseline as a dashed line."""
    firs = list(section.flights)
    if not firs:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" '
                f'role="img"><text x="10" y="25">{escape(title)}: no flight data</text></svg>')
    days = [p.date for points in section.flights.values() for p in points]
    start, end = min(days), max(days)
    span = (end - start).days + 1
    width = WIDTH - LEFT - RIGHT
    bar = max(1.0, width / span * 0.7)
    height = TOP + PANEL * len(firs) + 30
    body: list[str] = []
    for index, fir in enumerate(firs):
        points = section.flights[fir]
        top = TOP + index * PANEL
        inner = PANEL - 26
        high = max([p.flights for p in points] + [p.baseline or 0 for p in points] + [1])
        high = _nice(high)

        def x(day: dt.date, _start: dt.date = start) -> float:
            return LEFT + ((day - _start).days + 0.5) * width / span

        def y(value: float, _top: int = top, _high: float = high, _inner: int = inner
              ) -> float:
            return _top + _inner - value * _inner / _high

        country = section.fir_countries.get(fir)
        label = f"{fir} ({country})" if country else fir
        body.append(f'<text x="{LEFT - 6}" y="{top + 12}" text-anchor="end" font-size="12" '
                    f'font-weight="bold">{escape(label)}</text>'
                    f'<text x="{LEFT - 6}" y="{top + 26}" text-anchor="end" font-size="10" '
                    f'fill="#666">max {high:g}</text>'
                    f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
                    'stroke="#555"/>')
        for p in points:
            colour = STATUS_COLOURS.get(p.status, "#1f5fa8")
            base = f", baseline {p.baseline:g}" if p.baseline is not None else ""
            body.append(f'<rect x="{x(p.date) - bar / 2:.1f}" y="{y(p.flights):.1f}" '
                        f'width="{bar:.1f}" height="{max(y(0) - y(p.flights), 0.5):.1f}" '
                        f'fill="{colour}"><title>{escape(fir)} {p.date.isoformat()}: '
                        f'{p.flights} flights{escape(base)} ({escape(p.status)})</title></rect>')
        coords = " ".join(f"{x(p.date):.1f},{y(p.baseline):.1f}" for p in points
                          if p.baseline is not None)
        if coords:
            body.append(f'<polyline points="{coords}" fill="none" stroke="#222" '
                        'stroke-dasharray="4 3" stroke-width="1.2"><title>baseline</title>'
                        '</polyline>')
        for p in points:
            if p.alert:
                body.append(f'<path d="M{x(p.date) - 6:.1f},{top - 2:.1f} '
                            f'L{x(p.date) + 6:.1f},{top - 2:.1f} L{x(p.date):.1f},{top + 8:.1f}'
                            f' Z" fill="#8e0000"><title>collapse alert {p.date.isoformat()}'
                            '</title></path>')
    every = max(1, math.ceil(span / 10))
    axis_y = TOP + PANEL * len(firs) - 8
    for offset in range(0, span, every):
        day = start + dt.timedelta(days=offset)
        px = LEFT + (offset + 0.5) * width / span
        body.append(f'<text x="{px:.1f}" y="{axis_y}" font-size="11" text-anchor="middle">'
                    f'{escape(day.strftime("%d %b"))}</text>')
    legend_y = height - 8
    for offset, (status, colour) in enumerate(STATUS_COLOURS.items()):
        lx = LEFT + offset * 120
        body.append(f'<rect x="{lx}" y="{legend_y - 9}" width="12" height="10" '
                    f'fill="{colour}"/><text x="{lx + 16}" y="{legend_y}" font-size="12">'
                    f'{escape(status.replace("_", " "))}</text>')
    body.append(f'<line x1="{LEFT + 620}" x2="{LEFT + 640}" y1="{legend_y - 4}" '
                f'y2="{legend_y - 4}" stroke="#222" stroke-dasharray="4 3"/>'
                f'<text x="{LEFT + 646}" y="{legend_y}" font-size="12">baseline</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="img" aria-label="{escape(title)}" '
            f'font-family="sans-serif"><title>{escape(title)}</title>{"".join(body)}</svg>')


def _nice(value: float) -> float:
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
                if m * magnitude >= value)
