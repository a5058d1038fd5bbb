"""The escalation index: a daily conflict-cooperation series per dyad.

**Formula.** For a dyad *D* and a day *t*, the index is

    I_D(t) = sum over fused events e of D dated t of
             score(e) * certainty(e) ** certainty_power * (1 + log2(min(n_sources(e), max_sources)))
             * reality(e) * party(e)

* ``score(e)`` is the PLOVER conflict-cooperation score of the event's category and mode
  (-10 for the worst violence to +10 for material aid; :mod:`escalada.coding.ontology`);
* ``certainty(e)`` is the fused certainty in [0, 1] (independent outlets raise it, hedged
  reporting lowers it);
* ``1 + log2(n)`` is the corroboration weight: one source counts 1, two 2, four 3, ...
  (``n_sources`` counts independent outlets; capped at ``max_sources``);
* ``reality(e)`` is 1 for events reported as having happened and ``aux_weights[aux]`` for
  non-factual ones (defaults: hypothetical 0, negated 0, future 0.25; the smallest applies);
* ``party(e)`` is 1 when both parties are named and ``inferred_party_weight`` (default 0.5) when
  one was inferred from the other events of the same documents (:mod:`.dyads`).

Negative values are conflict, positive cooperation; a falling index is escalation. Each day
also carries the same sum split by PLOVER quad class (verbal/material x
cooperation/conflict). ``USA>VEN`` counts only events with actor USA and recipient VEN;
``USA-VEN`` counts both directions. Days without events are 0, so the series is dense.
Undated events are left out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from escalada.coding.ontology import load_ontology
from escalada.escalation.dyads import Attributed, Dyad, attribute, dyad_events
from escalada.models import FusedEvent

__all__ = [
    "DEFAULT_INDEX",
    "QUADS",
    "DayPoint",
    "DyadSeries",
    "IndexConfig",
    "build_series",
    "event_weight",
    "event_value",
    "series_for_dyad",
]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_ZERO = MappingProxyType(dict.fromkeys(QUADS, 0.0))  # the quads of a day without events
_DEFAULT_AUX = MappingProxyType({"hypothetical": 0.0, "negation": 0.0, "future": 0.25})


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Weights of the escalation index (see the module docstring for the formula)."""

    certainty_power: float = 1.0
    """0 ignores certainty; 1 weighs linearly; 2 punishes hedged reports harder."""
    max_sources: int = 16
    """Corroboration stops growing beyond this many independent sources."""
    aux_weights: Mapping[str, float] = field(default_factory=lambda: _DEFAULT_AUX)
    """Weight of events in a non-factual aux mode (the smallest of an event's modes applies)."""
    infer_missing_party: bool = True
    inferred_party_weight: float = 0.5
    sector: str | None = None
    """Count only actors and recipients of this sector (``GOV``, ``MIL``, ...); None: all."""


DEFAULT_INDEX = IndexConfig()


@dataclass(frozen=True, slots=True)
class DayPoint:
    """One day of a dyad's series."""

    date: dt.date
    value: float
    quads: Mapping[str, float]
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DyadSeries:
    """A dense daily series (every day from ``start`` to ``end``) of one dyad."""

    dyad: str
    points: tuple[DayPoint, ...]
    config: IndexConfig = DEFAULT_INDEX

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    @property
    def dates(self) -> list[dt.date]:
        return [p.date for p in self.points]

    def at(self, day: dt.date) -> DayPoint | None:
        if not self.points:
            return None
        index = (day - self.points[0].date).days
        return self.points[index] if 0 <= index < len(self.points) else None


def event_weight(event: FusedEvent, config: IndexConfig, inferred: bool = False) -> float:
    """Everything in the formula but the PLOVER score."""
    certainty = max(0.0, min(1.0, event.certainty)) ** config.certainty_power
    sources = max(1, min(event.n_sources, config.max_sources))
    reality = min((config.aux_weights.get(aux, 1.0) for aux in event.aux), default=1.0)
    party = config.inferred_party_weight if inferred else 1.0
    return certainty * (1.0 + math.log2(sources)) * reality * party


def event_value(event: FusedEvent, config: IndexConfig, inferred: bool = False) -> float:
    """The event's contribution to its day's index."""
    return event.score * event_weight(event, config, inferred)


def _day_range(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def series_for_dyad(attributed: Iterable[Attributed], dyad: Dyad, *,
                    config: IndexConfig = DEFAULT_INDEX, start: dt.date | None = None,
                    end: dt.date | None = None) -> DyadSeries:
    """The series of ``dyad`` from already attributed events (see :func:`build_series`)."""
    ontology = load_ontology()
    members = [a for a in dyad_events(attributed, dyad) if a.event.date is not None]
    dates = [a.event.date for a in members]
    start = start or (min(dates) if dates else None)
    end = end or (max(dates) if dates else None)
    if start is None or end is None or start > end:
        return DyadSeries(str(dyad), (), config)
    sums: dict[dt.date, dict[str, float]] = {}  # days with events only
    ids: dict[dt.date, list[str]] = {}
    for item in sorted(members, key=lambda a: a.event.id):
        day = item.event.date
        if not start <= day <= end:
            continue
        quad = ontology.quad(item.event.event_type)
        if day not in sums:
            sums[day], ids[day] = dict.fromkeys(QUADS, 0.0), []
        sums[day][quad] += event_value(item.event, config, item.inferred)
        ids[day].append(item.event.id)
    points = tuple(DayPoint(day, round(sum(sums[day].values()), 6),
                            MappingProxyType({k: round(v, 6) for k, v in sums[day].items()}),
                            tuple(ids[day])) if day in sums else DayPoint(day, 0.0, _ZERO)
                   for day in _day_range(start, end))
    return DyadSeries(str(dyad), points, config)


def build_series(events: Sequence[FusedEvent], dyad: Dyad | str, *,
                 config: IndexConfig = DEFAULT_INDEX, start: dt.date | None = None,
                 end: dt.date | None = None) -> DyadSeries:
    """The daily escalation index of ``dyad`` over ``events`` (fused events of any dyads).

    ``start``/``end`` bound the series (default: first and last dated event of the dyad).
    """
    if isinstance(dyad, str):
        dyad = Dyad.parse(dyad)
    attributed = attribute(events, infer_missing=config.infer_missing_party,
                           sector=config.sector)
    return series_for_dyad(attributed, dyad, config=config, start=start, end=end)
