"""Dyads (``USA>VEN`` directed, ``USA-VEN`` undirected) and which fused events belong to them.

An event belongs to a dyad when its first actor's and first recipient's countries are the
dyad's two parties (in either order for an undirected dyad, in the given order for a directed
one). Reports often leave one party out ("the US deployed warships", "airstrikes against
boats"): when one side of an event is missing and every document reporting it pairs the known
party with exactly one other country elsewhere, that country is *inferred* as the missing
party (``Attributed.inferred``); the index weighs inferred events less
(:attr:`~escalada.escalation.series.IndexConfig.inferred_party_weight`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from escalada.models import ActorRef, FusedEvent

__all__ = [
    "Attributed",
    "Dyad",
    "attribute",
    "discussed_options",
    "document_pairs",
    "documents_about",
    "dyad_events",
]

_DYAD = re.compile(r"^\s*([A-Za-z]{3})\s*([>\-])\s*([A-Za-z]{3})\s*$")


@dataclass(frozen=True, slots=True)
class Dyad:
    """Two parties (ISO3 countries); ``directed`` means ``a`` acts on ``b`` only. An undirected
    dyad keeps its parties in alphabetical order, so ``VEN-USA`` and ``USA-VEN`` are equal."""

    a: str
    b: str
    directed: bool = False

    def __post_init__(self) -> None:
        if not self.directed and self.b < self.a:  # "VEN-USA" is "USA-VEN"
            a, b = self.b, self.a
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)

    @classmethod
    def parse(cls, text: str) -> Dyad:
        """``"USA>VEN"`` (one direction) or ``"USA-VEN"`` (both); raises ``ValueError``."""
        match = _DYAD.match(text)
        if match is None or match[1].upper() == match[3].upper():
            raise ValueError(f"{text!r} is not a dyad like USA-VEN or USA>VEN")
        return cls(match[1].upper(), match[3].upper(), directed=match[2] == ">")

    def __str__(self) -> str:
        return f"{self.a}{'>' if self.directed else '-'}{self.b}"

    @property
    def undirected(self) -> Dyad:
        return Dyad(self.a, self.b, directed=False)

    @property
    def directions(self) -> tuple[Dyad, Dyad]:
        return Dyad(self.a, self.b, True), Dyad(self.b, self.a, True)

    def matches(self, actor: str | None, recipient: str | None) -> bool:
        if actor is None or recipient is None:
            return False
        if self.directed:
            return (actor, recipient) == (self.a, self.b)
        return {actor, recipient} == {self.a, self.b}


@dataclass(frozen=True, slots=True)
class Attributed:
    """A fused event with the countries it is counted for."""

    event: FusedEvent
    actor: str | None
    recipient: str | None
    inferred: bool = False


def _country(refs: Sequence[ActorRef], sector: str | None) -> str | None:
    if not refs:
        return None
    ref = refs[0]
    if sector is not None and ref.sector != sector:
        return None
    return ref.country


def _doc_ids(event: FusedEvent) -> set[str]:
    return {m.doc_id for m in event.mentions} | {s.doc_id for s in event.sources}


def document_pairs(events: Iterable[FusedEvent], sector: str | None = None
                   ) -> dict[str, set[frozenset[str]]]:
    """Per document id, the country pairs its fully resolved events name."""
    pairs: dict[str, set[frozenset[str]]] = defaultdict(set)
    for event in events:
        actor, recipient = _country(event.actor, sector), _country(event.recipient, sector)
        if actor and recipient and actor != recipient:
            for doc_id in _doc_ids(event):
                pairs[doc_id].add(frozenset((actor, recipient)))
    return pairs


def _counterpart(known: str, event: FusedEvent,
                 pairs: dict[str, set[frozenset[str]]]) -> str | None:
    others = {country for doc_id in _doc_ids(event) for pair in pairs.get(doc_id, ())
              if known in pair for country in pair if country != known}
    return others.pop() if len(others) == 1 else None


def attribute(events: Iterable[FusedEvent], *, infer_missing: bool = True,
              sector: str | None = None) -> list[Attributed]:
    """Every event with its actor and recipient country, a missing side inferred from the
    documents' other events when ``infer_missing`` (see the module docstring)."""
    events = list(events)
    pairs = document_pairs(events, sector) if infer_missing else {}
    result = []
    for event in events:
        actor, recipient = _country(event.actor, sector), _country(event.recipient, sector)
        if actor == recipient:
            recipient = None
        inferred = False
        if infer_missing and bool(actor) != bool(recipient):
            other = _counterpart(actor or recipient or "", event, pairs)
            if other is not None:
                actor, recipient = (actor, other) if actor else (other, recipient)
                inferred = True
        result.append(Attributed(event, actor, recipient, inferred))
    return result


def dyad_events(attributed: Iterable[Attributed], dyad: Dyad) -> list[Attributed]:
    """The attributed events of ``dyad``."""
    return [a for a in attributed if dyad.matches(a.actor, a.recipient)]


def _names_both(sentence: str, names: tuple[re.Pattern[str], re.Pattern[str]]) -> bool:
    return all(pattern.search(sentence) for pattern in names)


def _name_pattern(code: str, name: str | None) -> re.Pattern[str]:
    words = [re.escape(code)] + ([re.escape(name)] if name else [])
    return re.compile(r"\b(" + "|".join(words) + r")", re.IGNORECASE)


def documents_about(events: Iterable[FusedEvent], dyad: Dyad,
                    names: dict[str, str] | None = None) -> set[str]:
    """Ids of documents about ``dyad``: one of their events pairs its two countries, or one
    of their sentences names both (``names`` maps ISO3 codes to country names)."""
    events = list(events)
    pair = frozenset((dyad.a, dyad.b))
    docs = {doc for doc, pairs in document_pairs(events).items() if pair in pairs}
    names = names or {}
    patterns = (_name_pattern(dyad.a, names.get(dyad.a)), _name_pattern(dyad.b, names.get(dyad.b)))
    for event in events:
        for mention in event.mentions:
            if _names_both(mention.sentence, patterns):
                docs.add(mention.doc_id)
    return docs


def discussed_options(attributed: Iterable[Attributed], dyad: Dyad,
                      names: dict[str, str] | None = None) -> list[Attributed]:
    """Hypothetical or future events of the dyad or of documents about it (any actors)."""
    attributed = list(attributed)
    docs = documents_about((a.event for a in attributed), dyad, names)
    return [a for a in attributed
            if {"hypothetical", "future"} & set(a.event.aux) and "negation" not in a.event.aux
            and (dyad.matches(a.actor, a.recipient) or _doc_ids(a.event) & docs)]
