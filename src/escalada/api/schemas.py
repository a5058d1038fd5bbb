"""Response and request models; records reuse the dataclasses of :mod:`escalada.models`."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from escalada.models import ActorRef, EventMention, SourceInfo
from escalada.models.fusion import Contradiction, FusedEvent, SourceRef

__all__ = [
    "ActorOut",
    "AliasesIn",
    "AliasesOut",
    "ContradictionOut",
    "DocumentOut",
    "DyadOut",
    "ErrorOut",
    "EventOut",
    "IngestIn",
    "IngestOut",
    "MentionOut",
    "Page",
]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: pass ``next_cursor`` back as ``cursor`` for the next one."""

    items: list[T]
    next_cursor: str | None = None
    limit: int
    notice: str | None = None


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] = []


class ErrorOut(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorDetail


class MentionOut(BaseModel):
    """One event mention (the output contract of ``EventMention.to_record``)."""

    id: str
    doc_id: str
    event_type: str
    mode: str | None
    context: list[str]
    aux: list[str]
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: dt.date | None
    date_precision: str
    inferred: bool
    location: str | None
    sentence: str
    sentence_index: int
    trigger: str
    attribution: str | None
    certainty: float
    score: float
    source: SourceInfo
    coder_version: str

    @classmethod
    def of(cls, m: EventMention) -> MentionOut:
        """The record of ``m`` (as ``m.to_record()``, without its deep copy)."""
        return cls(id=m.id, doc_id=m.doc_id, event_type=m.event_type, mode=m.mode,
                   context=m.context, aux=m.aux, actor=m.actor, recipient=m.recipient,
                   date=m.date, date_precision=m.date_precision, inferred=m.date_inferred,
                   location=m.location, sentence=m.sentence, sentence_index=m.sentence_index,
                   trigger=m.trigger, attribution=m.attribution, certainty=m.certainty,
                   score=m.score, source=m.source, coder_version=m.coder_version)


class EventOut(BaseModel):
    """A fused event with its sources, mentions and contradictions."""

    id: str
    event_type: str
    quad: str | None
    mode: str | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: dt.date | None
    date_precision: str
    first_reported: dt.date | None
    n_sources: int
    sources: list[SourceRef]
    mentions: list[MentionOut]
    aux: list[str]
    certainty: float
    score: float
    contradictions: list[Contradiction]
    coder_version: str

    @classmethod
    def of(cls, event: FusedEvent, quad: str | None) -> EventOut:
        return cls(id=event.id, event_type=event.event_type, quad=quad, mode=event.mode,
                   actor=event.actor, recipient=event.recipient, date=event.date,
                   date_precision=event.date_precision, first_reported=event.first_reported,
                   n_sources=event.n_sources, sources=event.sources,
                   mentions=[MentionOut.of(m) for m in event.mentions],
                   aux=event.aux, certainty=event.certainty, score=event.score,
                   contradictions=event.contradictions, coder_version=event.coder_version)


class DocumentOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    text: str | None = None
    """Only on ``GET /api/documents/{id}``."""
    mentions: list[MentionOut] | None = None


class ContradictionOut(BaseModel):
    id: int
    fused_id: str
    field: str
    claim_a: str
    source_a: str
    claim_b: str
    source_b: str


class ActorOut(BaseModel):
    id: str
    name: str | None
    country: str | None
    sector: str | None
    code: str | None


class DyadOut(BaseModel):
    dyad: str
    events: int
    sources: int
    last_date: dt.date | None
    min_score: float


class IngestIn(BaseModel):
    """Submit either a ``url`` to fetch or a ``text`` (with optional metadata)."""

    model_config = ConfigDict(extra="forbid")

    url: HttpUrl | None = None
    text: str | None = Field(default=None, max_length=5 * 1024 * 1024)
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


class IngestOut(BaseModel):
    summary: str
    new_documents: int
    already_stored: int
    skipped: dict[str, int]
    mentions: int
    fused_events: int


class AliasesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aliases: list[str] = Field(max_length=200)


class AliasesOut(BaseModel):
    id: str
    name: str
    aliases: list[str]
    file: str
    notice: str
