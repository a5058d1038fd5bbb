"""Read queries the API and dashboard share, over the store's tables.

:func:`escalada.store.query_events` covers one event type and no text search; the API also
needs quad classes, dyads (both directions), text search and keyset pages of documents,
actors and contradictions, so those queries live here, built on the store's schema and
converters. INTEGRATION POINT: move them into ``escalada.store.repository`` when the store
grows these filters, and make these functions thin wrappers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from escalada.models import Document, EventMention
from escalada.models.fusion import Contradiction, FusedEvent
from escalada.store.convert import (
    contradiction_from_row,
    document_from_row,
    fused_from_row,
    mention_from_row,
)
from escalada.store.schema import (
    ActorRow,
    ContradictionRow,
    DocumentRow,
    FusedEventRow,
    FusedSourceRow,
    MentionRow,
)

__all__ = [
    "ActorSummary",
    "DyadCount",
    "EventFilters",
    "actor_id",
    "count_events",
    "daily_activity",
    "get_document",
    "get_event",
    "iter_filtered_events",
    "list_actors",
    "list_dyads",
    "page_contradictions",
    "page_documents",
    "events_for_ids",
    "find_actor",
    "latest_events",
    "list_contradictions_for",
    "page_events",
]


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The filters of every event listing; ``None`` means "any"."""

    actor: str | None = None
    recipient: str | None = None
    dyad: tuple[str, str, bool] | None = None
    """``(a, b, directed)``: ``USA-VEN`` is both directions, ``USA>VEN`` one."""
    event_types: tuple[str, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_sources: int | None = None
    q: str | None = None
    involving: tuple[str, ...] | None = None
    """Countries on either side (actor or recipient)."""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _dyad_clause(dyad: tuple[str, str, bool]):  # noqa: ANN202 - SQL expression
    a, b, directed = dyad
    forward = and_(FusedEventRow.actor_country == a, FusedEventRow.recipient_country == b)
    if directed:
        return forward
    return or_(forward, and_(FusedEventRow.actor_country == b,
                             FusedEventRow.recipient_country == a))


def _text_clause(q: str):  # noqa: ANN202 - SQL expression
    pattern = _like(q)
    in_sentence = exists().where(MentionRow.fused_id == FusedEventRow.id,
                                 MentionRow.sentence.ilike(pattern, escape="\\"))
    in_title = exists().where(FusedSourceRow.fused_id == FusedEventRow.id,
                              FusedSourceRow.title.ilike(pattern, escape="\\"))
    return or_(in_sentence, in_title)


def _filtered(query: Select, f: EventFilters) -> Select:
    conditions = []
    if f.actor:
        conditions.append(FusedEventRow.actor_country == f.actor)
    if f.recipient:
        conditions.append(FusedEventRow.recipient_country == f.recipient)
    if f.dyad:
        conditions.append(_dyad_clause(f.dyad))
    if f.event_types is not None:
        conditions.append(FusedEventRow.event_type.in_(f.event_types))
    if f.since:
        conditions.append(FusedEventRow.date >= f.since)
    if f.until:
        conditions.append(FusedEventRow.date <= f.until)
    if f.min_sources:
        conditions.append(FusedEventRow.n_sources >= f.min_sources)
    if f.q:
        conditions.append(_text_clause(f.q))
    if f.involving:
        conditions.append(or_(FusedEventRow.actor_country.in_(f.involving),
                              FusedEventRow.recipient_country.in_(f.involving)))
    return query.where(*conditions)


def page_events(*, session: Session, filters: EventFilters, limit: int,
                after_id: str | None = None) -> list[FusedEvent]:
    """One keyset page of fused events (ordered by id) matching ``filters``."""
    query = _filtered(select(FusedEventRow), filters)
    if after_id:
        query = query.where(FusedEventRow.id > after_id)
    query = query.order_by(FusedEventRow.id).limit(limit).options(
        selectinload(FusedEventRow.sources), selectinload(FusedEventRow.mentions),
        selectinload(FusedEventRow.contradictions))
    return [fused_from_row(row) for row in session.scalars(query)]


def latest_events(*, session: Session, filters: EventFilters, limit: int) -> list[FusedEvent]:
    """The most recent fused events (by date, newest first) matching ``filters``."""
    query = _filtered(select(FusedEventRow), filters).order_by(
        FusedEventRow.date.desc().nulls_last(), FusedEventRow.id).limit(limit).options(
        selectinload(FusedEventRow.sources), selectinload(FusedEventRow.mentions),
        selectinload(FusedEventRow.contradictions))
    return [fused_from_row(row) for row in session.scalars(query)]


def count_events(*, session: Session, filters: EventFilters) -> int:
    query = _filtered(select(func.count()).select_from(FusedEventRow), filters)
    return session.scalar(query) or 0


def get_event(*, session: Session, event_id: str) -> FusedEvent | None:
    row = session.get(FusedEventRow, event_id, options=[
        selectinload(FusedEventRow.sources), selectinload(FusedEventRow.mentions),
        selectinload(FusedEventRow.contradictions)])
    return fused_from_row(row) if row is not None else None


def page_documents(*, session: Session, limit: int, after_id: str | None = None,
                   outlet: str | None = None, since: dt.date | None = None,
                   until: dt.date | None = None, q: str | None = None) -> list[Document]:
    """One keyset page of documents (by id); ``since``/``until`` bound the publication day."""
    query = select(DocumentRow)
    if outlet:
        query = query.where(DocumentRow.outlet == outlet)
    if since:
        query = query.where(DocumentRow.published >= since)
    if until:
        query = query.where(DocumentRow.published <= until)
    if q:
        pattern = _like(q)
        query = query.where(or_(DocumentRow.title.ilike(pattern, escape="\\"),
                                DocumentRow.text.ilike(pattern, escape="\\")))
    if after_id:
        query = query.where(DocumentRow.id > after_id)
    query = query.order_by(DocumentRow.id).limit(limit)
    return [document_from_row(row) for row in session.scalars(query)]


def get_document(*, session: Session, doc_id: str
                 ) -> tuple[Document, list[EventMention]] | None:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        return None
    return document_from_row(row), [mention_from_row(m) for m in row.mentions]


def page_contradictions(*, session: Session, limit: int, after_id: int | None = None,
                        fused_id: str | None = None, field: str | None = None
                        ) -> list[tuple[int, Contradiction]]:
    """One keyset page of contradictions, each with its row id (the cursor key)."""
    query = select(ContradictionRow)
    if fused_id:
        query = query.where(ContradictionRow.fused_id == fused_id)
    if field:
        query = query.where(ContradictionRow.field == field)
    if after_id is not None:
        query = query.where(ContradictionRow.id > after_id)
    rows = session.scalars(query.order_by(ContradictionRow.id).limit(limit))
    return [(row.id, contradiction_from_row(row)) for row in rows]


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """A canonical actor seen in the store."""

    id: str
    name: str | None
    country: str | None
    sector: str | None
    code: str | None


def actor_id(key: str) -> str:
    """Stable, URL-safe id of an actor row (its key holds ``|`` and spaces)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def list_actors(*, session: Session, limit: int, after_key: str | None = None,
                country: str | None = None, q: str | None = None
                ) -> list[tuple[str, ActorSummary]]:
    """One keyset page of actors (by key), each with its key (the cursor value)."""
    query = select(ActorRow)
    if country:
        query = query.where(ActorRow.country == country)
    if q:
        query = query.where(ActorRow.name.ilike(_like(q), escape="\\"))
    if after_key is not None:
        query = query.where(ActorRow.key > after_key)
    rows = session.scalars(query.order_by(ActorRow.key).limit(limit))
    return [(row.key, ActorSummary(id=actor_id(row.key), name=row.name, country=row.country,
                                   sector=row.sector, code=row.code)) for row in rows]


def find_actor(*, session: Session, ident: str) -> ActorSummary | None:
    """The actor whose :func:`actor_id` is ``ident`` (a scan of the actors table)."""
    for key in session.scalars(select(ActorRow.key)):
        if actor_id(key) == ident:
            row = session.get(ActorRow, key)
            if row is not None:
                return ActorSummary(id=ident, name=row.name, country=row.country,
                                    sector=row.sector, code=row.code)
    return None


@dataclass(frozen=True, slots=True)
class DyadCount:
    """Activity of one undirected country dyad."""

    dyad: str
    events: int
    sources: int
    last_date: dt.date | None
    min_score: float


def list_dyads(*, session: Session, since: dt.date | None = None,
               until: dt.date | None = None, min_sources: int | None = None,
               limit: int = 50, offset: int = 0) -> list[DyadCount]:
    """Undirected country dyads by number of fused events (most active first)."""
    first = FusedEventRow.actor_country < FusedEventRow.recipient_country
    a = case((first, FusedEventRow.actor_country), else_=FusedEventRow.recipient_country)
    b = case((first, FusedEventRow.recipient_country), else_=FusedEventRow.actor_country)
    query = _filtered(select(a.label("a"), b.label("b"), func.count().label("n"),
                             func.sum(FusedEventRow.n_sources), func.max(FusedEventRow.date),
                             func.min(FusedEventRow.score)),
                      EventFilters(since=since, until=until, min_sources=min_sources))
    query = query.where(FusedEventRow.actor_country.is_not(None),
                        FusedEventRow.recipient_country.is_not(None),
                        FusedEventRow.actor_country != FusedEventRow.recipient_country)
    query = query.group_by(a, b).order_by(func.count().desc(), a, b)
    rows = session.execute(query.limit(limit).offset(offset))
    return [DyadCount(dyad=f"{x}-{y}", events=n, sources=s or 0, last_date=last,
                      min_score=float(low or 0.0)) for x, y, n, s, last, low in rows]


def daily_activity(*, session: Session, filters: EventFilters,
                   quads: dict[str, str]) -> dict[str, dict[str, int]]:
    """``{day: {quad: fused events}}`` for the dated events matching ``filters``."""
    query = _filtered(select(FusedEventRow.date, FusedEventRow.event_type, func.count()),
                      filters).where(FusedEventRow.date.is_not(None))
    query = query.group_by(FusedEventRow.date, FusedEventRow.event_type)
    days: dict[str, dict[str, int]] = {}
    for day, event_type, n in session.execute(query.order_by(FusedEventRow.date)):
        quad = quads.get(event_type, "other")
        per_day = days.setdefault(day.isoformat(), {})
        per_day[quad] = per_day.get(quad, 0) + n
    return days


def events_for_ids(*, session: Session, ids: Sequence[str]) -> list[FusedEvent]:
    query = select(FusedEventRow).where(FusedEventRow.id.in_(list(ids))).options(
        selectinload(FusedEventRow.sources), selectinload(FusedEventRow.mentions),
        selectinload(FusedEventRow.contradictions))
    return [fused_from_row(row) for row in session.scalars(query)]


def list_contradictions_for(*, session: Session, fused_ids: Sequence[str]
                            ) -> list[Contradiction]:
    """The contradictions of the given fused events."""
    if not fused_ids:
        return []
    query = select(ContradictionRow).where(ContradictionRow.fused_id.in_(list(fused_ids)))
    return [contradiction_from_row(r) for r in session.scalars(query.order_by(ContradictionRow.id))]


def iter_filtered_events(*, session: Session, filters: EventFilters, limit: int,
                         page_size: int = 500) -> list[FusedEvent]:
    """Up to ``limit`` fused events matching ``filters``, read a keyset page at a time."""
    events: list[FusedEvent] = []
    after: str | None = None
    while len(events) < limit:
        page = page_events(session=session, filters=filters, after_id=after,
                           limit=min(page_size, limit - len(events)))
        events.extend(page)
        if len(page) < page_size:
            break
        after = page[-1].id
    return events
