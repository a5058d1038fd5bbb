"""Records of the fusion stage: one happening reported by many documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from escalada.models.records import ActorRef, EventMention


@dataclass(slots=True)
class SourceRef:
    """One document that reports a fused event."""

    doc_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    duplicate_of: str | None = None
    """Set when this document is a syndicated copy or near-duplicate of another."""


@dataclass(slots=True)
class Contradiction:
    """Two sources disagree on one detail of a fused event or of an actor."""

    fused_id: str
    field: str
    """What they disagree on: "actor_title", "recipient", "number", "date", ..."""
    claim_a: str
    source_a: str
    claim_b: str
    source_b: str


@dataclass(slots=True)
class FusedEvent:
    """One happening, with every mention that reports it."""

    id: str
    event_type: str
    mode: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: dt.date | None
    date_precision: str
    first_reported: dt.date | None
    n_sources: int
    """Independent outlets: syndicated copies and near-duplicates count once."""
    sources: list[SourceRef]
    mentions: list[EventMention]
    aux: list[str] = field(default_factory=list)
    certainty: float = 0.0
    score: float = 0.0
    contradictions: list[Contradiction] = field(default_factory=list)
    coder_version: str = ""
    corroborated_by: list[str] = field(default_factory=list)
    """Ids of stored signals that corroborate this event (see fusion.corroboration)."""
    contradicted_by: list[str] = field(default_factory=list)
    """Ids of stored signals that say the opposite (traffic normal after a closure)."""
