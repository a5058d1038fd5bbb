"""Signal markers: the stored signals that belong on a dyad's escalation timeline.

A marker is a dated, non-news piece of evidence about one of the dyad's two countries:

* a **flight** day over one of its FIRs whose traffic collapsed or surged against the
  baseline (normal days are the background, not news; a day that corroborates or contradicts
  an event is kept whatever its status, because that link is what the reader needs);
* a **sanctions** list change, on the day of the list that shows it;
* a **NOTAM**, on the day it becomes valid.

Pure: the callers load stored signals (anything shaped like
:class:`~escalada.signals.stored.StoredSignal`) and their links to fused events; nothing here
reads a store.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from escalada.escalation.dyads import Dyad
from escalada.models import Contradiction, FusedEvent

if TYPE_CHECKING:
    from escalada.signals.stored import StoredSignal

__all__ = [
    "MARKER_KINDS",
    "MarkerLink",
    "SignalMarker",
    "marker_links",
    "signal_markers",
]

MARKER_KINDS = ("flights", "sanctions", "notam")
#: flight statuses worth a marker on their own (see the module docstring)
NOTABLE_FLIGHT_STATUSES = frozenset({"collapse", "surge"})
LABEL_LENGTH = 200


class MarkerLink(NamedTuple):
    """A stored signal that ``corroborates`` or ``contradicts`` the fused event ``event_id``."""

    signal_id: str
    relation: str
    event_id: str


@dataclass(frozen=True, slots=True)
class SignalMarker:
    """One signal on a dyad's escalation timeline (``kind`` is one of :data:`MARKER_KINDS`).

    ``status`` is the flight status (``collapse``, ``surge``, ...), the list change
    (``added``, ``removed``, ``changed``) or the NOTAM type (``NOTAMN``, ...). ``label`` is the
    signal's own text: untrusted, escape it wherever it is shown.
    """

    day: dt.date
    kind: str
    label: str
    country: str | None
    status: str | None
    signal_id: str
    corroborates: tuple[str, ...] = ()
    """Ids of the fused events this signal corroborates."""
    contradicts: tuple[str, ...] = ()
    """Ids of the fused events this signal contradicts."""

    def to_record(self) -> dict[str, Any]:
        """The marker as a JSON-ready dict (ISO day, lists of event ids)."""
        return {"day": self.day.isoformat(), "kind": self.kind, "label": self.label,
                "country": self.country, "status": self.status, "signal_id": self.signal_id,
                "corroborates": list(self.corroborates), "contradicts": list(self.contradicts)}


def marker_links(events: Iterable[FusedEvent], contradictions: Iterable[Contradiction] = ()
                 ) -> list[MarkerLink]:
    """Links from the events' ``corroborated_by`` and from signal contradictions (whose
    ``source_b`` is the signal id, as :mod:`escalada.fusion.corroboration` makes them)."""
    links = [MarkerLink(signal_id, "corroborates", event.id) for event in events
             for signal_id in getattr(event, "corroborated_by", None) or ()]
    links += [MarkerLink(c.source_b, "contradicts", c.fused_id) for c in contradictions]
    return links


def _day(signal: StoredSignal) -> dt.date | None:
    """The day a signal speaks about: a NOTAM's start, else the signal's own date."""
    if signal.kind == "notam":
        begins = signal.payload.get("valid_from")
        if begins:
            try:
                return dt.date.fromisoformat(str(begins)[:10])
            except ValueError:
                pass  # a malformed payload: fall back on the stored date
    return signal.date


def _status(signal: StoredSignal) -> str | None:
    field = {"flights": "status", "sanctions": "change", "notam": "type"}.get(signal.kind)
    value = signal.payload.get(field) if field else None
    return str(value) if value else None


def _label(signal: StoredSignal) -> str:
    text = " ".join((signal.summary or signal.key or signal.kind).split())
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1] + "…"


def signal_markers(signals: Iterable[StoredSignal], dyad: Dyad | str, *,
                   start: dt.date | None = None, end: dt.date | None = None,
                   links: Sequence[MarkerLink] = ()) -> list[SignalMarker]:
    """The markers of ``dyad`` between ``start`` and ``end`` (inclusive; ``None``: open),
    by day, kind and label.

    A signal is kept when its country is one of the dyad's two countries and its day (NOTAM:
    ``valid_from``) falls in the range; flight days only when they collapsed or surged, or
    when ``links`` tie them to an event (see the module docstring).
    """
    if isinstance(dyad, str):
        dyad = Dyad.parse(dyad)
    countries = {dyad.a, dyad.b}
    related: dict[tuple[str, str], list[str]] = defaultdict(list)
    for link in links:
        if link.event_id not in related[link.signal_id, link.relation]:
            related[link.signal_id, link.relation].append(link.event_id)
    markers = []
    for signal in signals:
        day = _day(signal)
        if (signal.kind not in MARKER_KINDS or signal.country not in countries or day is None
                or (start is not None and day < start) or (end is not None and day > end)):
            continue
        corroborates = tuple(related.get((signal.id, "corroborates"), ()))
        contradicts = tuple(related.get((signal.id, "contradicts"), ()))
        status = _status(signal)
        if (signal.kind == "flights" and status not in NOTABLE_FLIGHT_STATUSES
                and not (corroborates or contradicts)):
            continue
        markers.append(SignalMarker(day, signal.kind, _label(signal), signal.country, status,
                                    signal.id, corroborates, contradicts))
    return sorted(markers, key=lambda m: (m.day, MARKER_KINDS.index(m.kind), m.label))
