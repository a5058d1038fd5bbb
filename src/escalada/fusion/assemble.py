"""Assembling a fused event from its mentions; documents as fusion sees them.

Field choices (``escalada.fusion.events`` decides *which* mentions go together):

* ``mentions`` in first-report order (publication date, document id, mention id); the first
  gives the id, ``sha1(mention id)[:16]`` (:func:`fused_id`).
* ``event_type`` the most frequent among mentions (ties: the earliest report's), ``mode`` the
  most frequent non-empty mode among mentions of that type; ``score`` their mean score.
* ``actor``/``recipient`` from the best-resolved mention (name, country or code, sector present),
  a missing recipient filled from the best-resolved mention that has one.
* ``date`` the most precise among mentions (stated before inferred; ties: the most frequent
  date), except that a day that is only the publication day (what the coder falls back to for
  a sentence without a date) ranks below any date the text gave, however coarse.
* ``sources`` every document, with ``duplicate_of`` from the duplicate map; ``first_reported`` the
  earliest publication date among them.
* Independent groups: a near-duplicate joins its canonical document's group; documents of one
  outlet (case- and space-insensitive) form one group; a document without outlet is a group of
  its own. ``n_sources`` is the number of groups, and with ``c_g`` the highest mention certainty
  in group ``g``, ``certainty = min(0.99, 1 - prod_g(1 - c_g))``: independent corroboration
  raises it, copies do not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from escalada.fusion.blocking import party_key
from escalada.fusion.contradictions import find_contradictions
from escalada.models.fusion import FusedEvent, SourceRef
from escalada.models.records import AUX_MODES, DATE_PRECISIONS, ActorRef, EventMention

__all__ = ["CERTAINTY_CAP", "DocumentInfo", "build_fused_event", "fused_id", "order_key"]

CERTAINTY_CAP = 0.99
_PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What fusion needs to know about a document (the text is not needed)."""

    doc_id: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    @classmethod
    def from_document(cls, document: Any) -> DocumentInfo:
        """From an :class:`escalada.models.records.Document` (or anything shaped like one)."""
        return cls(doc_id=document.id, outlet=document.outlet, url=document.url,
                   title=document.title, published=document.published)


def fused_id(first_mention_id: str) -> str:
    """Deterministic fused-event id from the id of its first mention."""
    return hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:16]


def order_key(mention: EventMention, documents: Mapping[str, DocumentInfo]
               ) -> tuple[dt.date, str, str]:
    info = documents.get(mention.doc_id)
    return (info.published if info and info.published else dt.date.max,
            mention.doc_id, mention.id)


def _resolution(refs: Sequence[ActorRef]) -> int:
    ref = refs[0] if refs else None
    if ref is None:
        return 0
    return 1 + bool(ref.name) + bool(ref.country or ref.code) + bool(ref.sector)


def _most_common(values: Sequence[Any]) -> Any:
    """Most frequent value; ties go to the value seen first."""
    counts = Counter(values)
    return max(counts, key=lambda value: (counts[value], -values.index(value)))


def _best_date(mentions: Sequence[EventMention], documents: Mapping[str, DocumentInfo]
               ) -> tuple[dt.date | None, str]:
    dated = [m for m in mentions if m.date is not None and m.date_precision != "none"]
    if not dated:
        return None, "none"

    def rank(m: EventMention) -> tuple[bool, int, bool]:
        info = documents.get(m.doc_id)
        by_default = (m.date_inferred and m.date_precision == "day" and info is not None
                      and m.date == info.published)
        return by_default, _PRECISION_RANK.get(m.date_precision, 99), m.date_inferred

    top = min(rank(m) for m in dated)
    best = [m for m in dated if rank(m) == top]
    return _most_common([m.date for m in best]), best[0].date_precision


def _source_groups(sources: Sequence[SourceRef], documents: Mapping[str, DocumentInfo]
                   ) -> dict[str, tuple[str, str]]:
    """Independent-source group of each document (see "Certainty" in the module docstring)."""
    groups: dict[str, tuple[str, str]] = {}
    for source in sources:
        canonical = source.duplicate_of or source.doc_id
        info = documents.get(canonical)
        outlet = info.outlet if info else None
        if canonical == source.doc_id:
            outlet = source.outlet
        groups[source.doc_id] = (("outlet", " ".join(outlet.casefold().split())) if outlet
                                 else ("doc", canonical))
    return groups


def build_fused_event(members: Sequence[EventMention], actor_party: str | None,
                      documents: Mapping[str, DocumentInfo],
                      duplicates: Mapping[str, str]) -> FusedEvent:
    """The :class:`FusedEvent` of mentions judged to be one happening.

    ``actor_party`` is the party key of the event's actor side (mentions of symmetric types
    may be reversed); fields are chosen as described in the module docstring.
    """
    mentions = sorted(members, key=lambda m: order_key(m, documents))
    event_id = fused_id(mentions[0].id)
    event_type = _most_common([m.event_type for m in mentions])
    of_type = [m for m in mentions if m.event_type == event_type]
    modes = [m.mode for m in of_type if m.mode]
    same_way = [m for m in mentions if party_key(m.actor) == actor_party] or mentions
    best_actor = max(same_way, key=lambda m: (_resolution(m.actor) + _resolution(m.recipient),
                                              -mentions.index(m)))
    recipient = best_actor.recipient
    if not recipient:
        with_recipient = [m for m in same_way if m.recipient]
        if with_recipient:
            recipient = max(with_recipient, key=lambda m: (_resolution(m.recipient),
                                                           -mentions.index(m))).recipient
    date, precision = _best_date(mentions, documents)
    doc_ids = sorted({m.doc_id for m in mentions}, key=lambda d: (
        (documents[d].published if d in documents else None) or dt.date.max, d))
    sources = []
    for doc_id in doc_ids:
        info = documents.get(doc_id) or DocumentInfo(doc_id)
        canonical = duplicates.get(doc_id)
        sources.append(SourceRef(doc_id=doc_id, outlet=info.outlet, url=info.url,
                                 title=info.title, published=info.published,
                                 duplicate_of=canonical if canonical != doc_id else None))
    groups = _source_groups(sources, documents)
    strongest: dict[tuple[str, str], float] = defaultdict(float)
    for mention in mentions:
        group = groups[mention.doc_id]
        strongest[group] = max(strongest[group], mention.certainty)
    certainty = min(CERTAINTY_CAP, 1.0 - math.prod(1.0 - c for c in strongest.values()))
    published = [s.published for s in sources if s.published is not None]
    aux = sorted({a for m in mentions for a in m.aux},
                 key=lambda a: (AUX_MODES.index(a) if a in AUX_MODES else len(AUX_MODES), a))
    return FusedEvent(
        id=event_id, event_type=event_type,
        mode=_most_common(modes) if modes else None,
        actor=list(best_actor.actor), recipient=list(recipient),
        date=date, date_precision=precision,
        first_reported=min(published) if published else None,
        n_sources=len(set(groups.values())), sources=sources, mentions=mentions, aux=aux,
        certainty=round(certainty, 3),
        score=round(sum(m.score for m in of_type) / len(of_type), 3),
        contradictions=find_contradictions(event_id, mentions, duplicates=duplicates),
        coder_version=mentions[0].coder_version,
    )
