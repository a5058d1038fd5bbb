"""The escalation ladder: which rungs a dyad's events have reached, and when.

Rungs, lowest first, and the events that reach them:

==  =====================  =================================================================
1   diplomatic protest     ACCUSE, REJECT, REQUEST; THREATEN without military cues
2   sanctions              SANCTION; COERCE (restrictions, seizures, closures, ...)
3   military posture       MOBILIZE
4   threats of force       THREATEN with a military cue (mode ``violence``, context
                           ``military``, or words such as force, military, strike, attack,
                           war, invade, troops, bomb)
5   use of force           ASSAULT
6   ground operations      ASSAULT, MOBILIZE or military COERCE whose sentence speaks of a
                           ground operation, an invasion, or troops crossing a border or
                           seizing territory
==  =====================  =================================================================

Cooperation categories and PROTEST (street demonstrations) are on no rung. The highest rung
reached is the highest rung of any factual event (CONVENTIONS: if strikes happened, that is
the top; lower rungs still show). Hypothetical and future events never count as reached: they
are *options under discussion*; negated events are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from escalada.escalation.dyads import Attributed

__all__ = ["LadderPosition", "Option", "Rung", "RungStatus", "build_ladder", "rung_of"]

NON_FACTUAL = frozenset({"hypothetical", "future"})
PROTEST_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST"})
_MILITARY_WORDS = re.compile(
    r"\b(force|forces|military|militar\w*|strikes?|attack\w*|war|invade\w*|invasion|troops|"
    r"bomb\w*|missiles?|armed|army|navy|warships?|land)\b", re.IGNORECASE)
_GROUND_WORDS = re.compile(
    r"\bground (troops|forces|operations?|offensive|invasion|assault|attacks?)\b"
    r"|\binva(de|ded|des|ding|sion)\b"
    r"|\b(troops|forces|soldiers|army|tanks|units)\b[^.;]{0,40}\bcross(ed|es|ing)?\b"
    r"|\bcross(ed|es|ing)? the (border|frontier)\b"
    r"|\b(seized?|captured?|occupied|took|overran)\b[^.;]{0,25}\b(villages?|towns?|"
    r"territory|city|cities|border posts?)\b", re.IGNORECASE)


class Rung(IntEnum):
    """Rungs of the escalation ladder, lowest first."""

    PROTEST = 1
    SANCTIONS = 2
    POSTURE = 3
    THREATS = 4
    FORCE = 5
    GROUND = 6

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Rung.PROTEST: "diplomatic protest", Rung.SANCTIONS: "sanctions",
           Rung.POSTURE: "military posture", Rung.THREATS: "threats of force",
           Rung.FORCE: "use of force", Rung.GROUND: "ground operations"}


def rung_of(event_type: str, mode: str | None = None, context: Sequence[str] = (),
            sentence: str = "") -> Rung | None:
    """The rung an event of this type, mode, context and sentence reaches (None: no rung)."""
    ground = bool(_GROUND_WORDS.search(sentence))
    military = "military" in context
    if event_type == "ASSAULT":
        return Rung.GROUND if ground else Rung.FORCE
    if event_type == "MOBILIZE":
        return Rung.GROUND if ground and mode != "police" else Rung.POSTURE
    if event_type == "COERCE":
        return Rung.GROUND if ground and military else Rung.SANCTIONS
    if event_type == "SANCTION":
        return Rung.SANCTIONS
    if event_type == "THREATEN":
        cue = mode == "violence" or military or _MILITARY_WORDS.search(sentence)
        return Rung.THREATS if cue else Rung.PROTEST
    if event_type in PROTEST_TYPES:
        return Rung.PROTEST
    return None


@dataclass(frozen=True, slots=True)
class RungStatus:
    """One rung: reached or not, first and last day, and the factual events on it."""

    rung: Rung
    first_date: dt.date | None
    last_date: dt.date | None
    events: tuple[Attributed, ...]

    @property
    def reached(self) -> bool:
        return bool(self.events)


@dataclass(frozen=True, slots=True)
class Option:
    """A hypothetical or future event: discussed, not done."""

    rung: Rung | None
    item: Attributed


@dataclass(frozen=True, slots=True)
class LadderPosition:
    """Where a dyad stands on the ladder."""

    dyad: str
    rungs: tuple[RungStatus, ...]
    options: tuple[Option, ...]

    @property
    def highest(self) -> RungStatus | None:
        """The highest rung reached (None when no factual event is on the ladder)."""
        reached = [status for status in self.rungs if status.reached]
        return reached[-1] if reached else None


def _event_rung(item: Attributed) -> Rung | None:
    event = item.event
    context = sorted({c for m in event.mentions for c in m.context})
    sentences = " ".join(m.sentence for m in event.mentions)
    return rung_of(event.event_type, event.mode, context, sentences)


def _status(rung: Rung, items: list[Attributed]) -> RungStatus:
    dates = [i.event.date for i in items if i.event.date is not None]
    ordered = sorted(items, key=lambda i: (i.event.date or dt.date.max, i.event.id))
    return RungStatus(rung, min(dates, default=None), max(dates, default=None),
                      tuple(ordered))


def build_ladder(dyad: str, items: Sequence[Attributed],
                 options: Sequence[Attributed] = ()) -> LadderPosition:
    """The ladder of a dyad from its attributed events.

    Factual events of ``items`` fill the rungs; non-factual ones (hypothetical, future) of
    ``items`` and of ``options`` (e.g. what IGOs could do, from the same documents) become
    options. Negated events are ignored.
    """
    by_rung: dict[Rung, list[Attributed]] = {rung: [] for rung in Rung}
    found: dict[str, Option] = {}
    tagged = [(item, True) for item in items] + [(item, False) for item in options]
    for item, own in tagged:
        aux = set(item.event.aux)
        if "negation" in aux:
            continue
        rung = _event_rung(item)
        if aux & NON_FACTUAL:
            found.setdefault(item.event.id, Option(rung, item))
        elif rung is not None and own:
            by_rung[rung].append(item)
    ordered = sorted(found.values(), key=lambda o: (-(o.rung or 0), o.item.event.id))
    return LadderPosition(dyad, tuple(_status(r, by_rung[r]) for r in Rung), tuple(ordered))
