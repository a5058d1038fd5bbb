"""Links between fused news events and the signals that corroborate or contradict them.

:func:`link_signals` applies three rules, each aiming at precision:

``flight_collapse`` (corroborates)
    An airspace closure — ``COERCE`` mode ``restrict`` whose sentences speak of airspace,
    flights or air traffic — or airlines halting flights — ``SANCTION`` mode ``discontinue``
    with flight cues (neither negated nor hypothetical nor future) — links to every flight-day
    ``collapse`` over a FIR of the event's country (the recipient's; the actor's when no
    recipient country is known) within ``±window_days`` of the event date.
``flight_normal`` (contradicts)
    The same kind of event, no collapse over any FIR of that country in the window, and normal
    (or surging) traffic over one of them on a day *after* the reported closure (within the
    window): one :class:`~escalada.models.fusion.Contradiction` per FIR (``field`` is
    ``flight_normal``; ``source_b`` is the signal id).
``designation`` (corroborates)
    A ``SANCTION`` event reported by news (at least one mention not signal-derived) links to an
    OFAC list addition (or gained program) within ``designation_days`` when the listed name
    matches a recipient (rapidfuzz ``token_set_ratio`` ≥ ``name_threshold`` on the name as
    written and in "given names SURNAME" order) or appears in a sentence
    (``partial_ratio`` ≥ ``name_threshold``, for names of at least two words).

The linked signal ids are added to each event's ``corroborated_by``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from escalada.models.fusion import Contradiction, FusedEvent

__all__ = [
    "CANDIDATE_TYPES",
    "SignalMatch",
    "is_closure",
    "is_designation",
    "link_signals",
    "name_score",
]

CANDIDATE_TYPES = frozenset({"COERCE", "SANCTION"})
FLIGHT_CUES = re.compile(
    r"\b(air\s*space|airspaces|flights?|overflights?|air\s+traffic|airlines?|carriers?|"
    r"aviation|airports?|FIR|NOTAMs?|air\s+routes?|air\s+service|planes?|aircraft)\b",
    re.IGNORECASE)
NORMAL_STATUSES = ("normal", "surge")
NOT_FACTUAL = frozenset({"negation", "future", "hypothetical"})


@dataclass(frozen=True, slots=True)
class SignalMatch:
    """A signal that corroborates a fused event, with the rule and a readable detail."""

    fused_id: str
    signal_id: str
    rule: str
    detail: str


def _text(event: FusedEvent) -> str:
    parts = [m.sentence for m in event.mentions] + [m.trigger for m in event.mentions]
    return " ".join(p for p in parts if p)


def _signal_derived(version: str | None) -> bool:
    return bool(version) and str(version).startswith("signals-")


def is_closure(event: FusedEvent) -> bool:
    """An airspace closure or airlines halting flights (see the module rules)."""
    if (event.event_type, event.mode) not in {("COERCE", "restrict"),
                                              ("SANCTION", "discontinue")}:
        return False
    if NOT_FACTUAL & set(event.aux):
        return False
    return bool(FLIGHT_CUES.search(_text(event)))


def is_designation(event: FusedEvent) -> bool:
    """A SANCTION reported by at least one news mention (not only by a signal)."""
    if event.event_type != "SANCTION" or is_closure(event):
        return False
    if not event.mentions:
        return not _signal_derived(event.coder_version)
    return any(not _signal_derived(m.coder_version) for m in event.mentions)


def _countries(event: FusedEvent) -> set[str]:
    countries = {r.country for r in event.recipient if r.country}
    return countries or {a.country for a in event.actor if a.country}


def _event_date(event: FusedEvent) -> dt.date | None:
    return event.date or event.first_reported


def _attr(signal: Any, name: str) -> Any:
    return getattr(signal, name, None)


def _ofac_names(name: str) -> list[str]:
    """``"MNANGAGWA, Emmerson Dambudzo"`` → both orders of the name."""
    names = [name]
    if "," in name:
        last, _, first = name.partition(",")
        names.append(f"{first.strip()} {last.strip()}")
    return names


def name_score(listed: str, event: FusedEvent) -> float:
    """How well a listed name matches the recipients (or sentences) of the news mentions of
    ``event`` (signal-derived mentions fused into it are ignored), 0–100."""
    from rapidfuzz import fuzz, utils

    best = 0.0
    news = [m for m in event.mentions if not _signal_derived(m.coder_version)]
    recipients = [r for m in news for r in m.recipient] if news else list(event.recipient)
    texts = [t for r in recipients for t in (r.text, r.name) if t]
    sentences = [m.sentence for m in news if m.sentence]
    for name in _ofac_names(listed):
        low = name.lower()
        for text in texts:
            best = max(best, fuzz.token_set_ratio(low, text, processor=utils.default_process))
        if len(low.split()) >= 2:
            for sentence in sentences:
                best = max(best, fuzz.partial_ratio(low, sentence,
                                                    processor=utils.default_process))
    return best


def _flight_detail(signal: Any) -> str:
    payload = _attr(signal, "payload") or {}
    ratio = payload.get("ratio")
    share = f", {ratio:.0%} of baseline" if isinstance(ratio, int | float) else ""
    return (f"{payload.get('flights')} flights over {_attr(signal, 'fir')} on "
            f"{_attr(signal, 'date')}{share}: {payload.get('status')}")


def link_signals(fused_events: Iterable[FusedEvent], signals: Sequence[Any], *,
                 window_days: int = 3, designation_days: int = 14,
                 name_threshold: float = 90.0
                 ) -> tuple[list[SignalMatch], list[Contradiction]]:
    """Corroboration links and contradictions between ``fused_events`` and ``signals``
    (objects with ``id``, ``kind``, ``date``, ``fir``, ``country`` and ``payload``, such as
    :class:`~escalada.signals.stored.StoredSignal`). Sets ``corroborated_by`` on the events."""
    flights = [s for s in signals if _attr(s, "kind") == "flights" and _attr(s, "date")]
    listings = [s for s in signals if _attr(s, "kind") == "sanctions"
                and (_attr(s, "payload") or {}).get("effect") == "sanction"]
    window = dt.timedelta(days=window_days)
    links: list[SignalMatch] = []
    contradictions: list[Contradiction] = []
    for event in fused_events:
        day = _event_date(event)
        if day is None or event.event_type not in CANDIDATE_TYPES:
            continue
        found: list[SignalMatch] = []
        if is_closure(event):
            countries = _countries(event)
            near = [s for s in flights if _attr(s, "country") in countries
                    and abs(_attr(s, "date") - day) <= window]
            found = [SignalMatch(event.id, s.id, "flight_collapse", _flight_detail(s))
                     for s in near if (_attr(s, "payload") or {}).get("status") == "collapse"]
            if not found:
                contradictions.extend(_normal_after(event, day, near))
        elif is_designation(event):
            limit = dt.timedelta(days=designation_days)
            for signal in listings:
                when = _attr(signal, "date")
                if when is not None and abs(when - day) > limit:
                    continue
                name = (_attr(signal, "payload") or {}).get("name") or ""
                score = name_score(name, event) if name else 0.0
                if score >= name_threshold:
                    found.append(SignalMatch(event.id, signal.id, "designation",
                                             f"OFAC listed {name} ({score:.0f}% name match)"))
        links.extend(found)
        ids = [m.signal_id for m in found]
        current = list(getattr(event, "corroborated_by", []) or [])
        event.corroborated_by = current + [i for i in ids if i not in current]
    return links, contradictions


def _normal_after(event: FusedEvent, day: dt.date, near: list[Any]) -> list[Contradiction]:
    first_by_fir: dict[str, Any] = {}
    for signal in sorted(near, key=lambda s: _attr(s, "date")):
        status = (_attr(signal, "payload") or {}).get("status")
        if _attr(signal, "date") > day and status in NORMAL_STATUSES:
            first_by_fir.setdefault(_attr(signal, "fir") or "", signal)
    source = event.sources[0].doc_id if event.sources else (
        event.mentions[0].doc_id if event.mentions else "")
    claim = (f"{event.event_type} {event.mode}: closure reported on {day.isoformat()}")
    return [Contradiction(fused_id=event.id, field="flight_normal", claim_a=claim,
                          source_a=source, claim_b=_flight_detail(signal),
                          source_b=signal.id)
            for _fir, signal in sorted(first_by_fir.items())]
