"""Store functions: each takes the session as a keyword argument and never commits.

The caller owns the transaction (``with session.begin(): add_document(session=s, ...)``), so
a document and its mentions are written together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from escalada.models import ActorRef, Document, EventMention
from escalada.models.fusion import Contradiction, FusedEvent
from escalada.store.convert import (
    canonical_url,
    contradiction_from_row,
    document_from_row,
    document_to_row,
    fused_from_row,
    fused_to_row,
    mention_from_row,
    mention_to_row,
)
from escalada.store.schema import (
    ActorRow,
    ContradictionRow,
    DocumentRow,
    FusedEventRow,
    MentionRow,
)

__all__ = [
    "add_document",
    "add_fused_events",
    "add_mentions",
    "count_documents",
    "get_documents",
    "get_mentions",
    "iter_events",
    "list_contradictions",
    "query_events",
    "stored_document_id",
]


_NO_SYNC = {"synchronize_session": False}
"""Bulk updates skip matching the identity map: callers expire the session afterwards."""


def stored_document_id(*, session: Session, document: Document) -> str | None:
    """Id of the stored document that is ``document``: same id, same normalised content
    hash or same canonical URL; ``None`` if it is new."""
    conditions = [DocumentRow.id == document.id,
                  DocumentRow.content_hash == document.content_hash]
    if url := canonical_url(document.url):
        conditions.append(DocumentRow.canonical_url == url)
    return session.scalar(select(DocumentRow.id).where(or_(*conditions)).limit(1))


def add_document(*, session: Session, document: Document, duplicate_of: str | None = None,
                 signature: bytes | None = None) -> bool:
    """Store ``document``; ``False`` (and nothing written) when it is already stored.

    ``duplicate_of`` names the stored document it is a near-duplicate of; ``signature`` is
    its near-duplicate (MinHash) signature, kept to rebuild the duplicate index later.
    """
    if stored_document_id(session=session, document=document) is not None:
        return False
    row = document_to_row(document)
    row.duplicate_of, row.signature = duplicate_of, signature
    try:
        with session.begin_nested():  # a concurrent writer may have stored it meanwhile
            session.add(row)
    except IntegrityError:
        return False
    return True


def add_mentions(*, session: Session, mentions: Iterable[EventMention]) -> int:
    """Store event mentions (of stored documents) and the canonical actors they name;
    returns how many were added (mentions already stored are left as they are)."""
    mentions = list(mentions)
    stored = set(session.scalars(select(MentionRow.id).where(
        MentionRow.id.in_([m.id for m in mentions]))))
    added, refs = 0, []
    for mention in mentions:
        if mention.id in stored:
            continue
        stored.add(mention.id)
        session.add(mention_to_row(mention))
        refs.extend([*mention.actor, *mention.recipient])
        added += 1
    session.flush()
    _remember_actors(session, refs)
    return added


def _actor_key(ref: ActorRef) -> str:
    return "|".join(part or "" for part in (ref.name, ref.country, ref.sector, ref.code))


def _remember_actors(session: Session, refs: list[ActorRef]) -> None:
    rows = {_actor_key(r): {"key": _actor_key(r), "name": r.name, "country": r.country,
                            "sector": r.sector, "code": r.code,
                            "first_seen": dt.datetime.now(dt.UTC)}
            for r in refs if r.resolved}
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # one cached statement, executed for many rows
    session.execute(insert(ActorRow.__table__).on_conflict_do_nothing(), list(rows.values()))


def add_fused_events(*, session: Session, events: Iterable[FusedEvent]) -> int:
    """Store fused events (replacing any with the same id) with their sources and
    contradictions, and point their mentions at them; returns how many."""
    events = list(events)
    ids = [event.id for event in events]
    session.execute(update(MentionRow).where(MentionRow.fused_id.in_(ids)).values(fused_id=None),
                    execution_options=_NO_SYNC)
    session.execute(delete(FusedEventRow).where(FusedEventRow.id.in_(ids)),
                    execution_options=_NO_SYNC)
    for event in events:
        session.add(fused_to_row(event))
    session.flush()
    for event in events:
        session.execute(update(MentionRow).where(MentionRow.id.in_(
            [m.id for m in event.mentions])).values(fused_id=event.id),
            execution_options=_NO_SYNC)
    session.expire_all()
    return len(events)


def count_documents(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def get_documents(*, session: Session, ids: Iterable[str] | None = None) -> list[Document]:
    """Stored documents (all, or those with ``ids``), by id."""
    query = select(DocumentRow).order_by(DocumentRow.id)
    if ids is not None:
        query = query.where(DocumentRow.id.in_(list(ids)))
    return [document_from_row(row) for row in session.scalars(query)]


def get_mentions(*, session: Session, doc_id: str | None = None) -> list[EventMention]:
    """Stored event mentions (all, or one document's), in document and sentence order."""
    query = select(MentionRow).order_by(MentionRow.doc_id, MentionRow.sentence_index,
                                        MentionRow.id)
    if doc_id is not None:
        query = query.where(MentionRow.doc_id == doc_id)
    return [mention_from_row(row) for row in session.scalars(query)]


def _event_filters(query: Select, *, actor: str | None, recipient: str | None,
                   event_type: str | None, since: dt.date | None, until: dt.date | None,
                   min_sources: int | None) -> Select:
    if actor:
        query = query.where(FusedEventRow.actor_country == actor.upper())
    if recipient:
        query = query.where(FusedEventRow.recipient_country == recipient.upper())
    if event_type:
        query = query.where(FusedEventRow.event_type == event_type.upper())
    if since:
        query = query.where(FusedEventRow.date >= since)
    if until:
        query = query.where(FusedEventRow.date <= until)
    if min_sources:
        query = query.where(FusedEventRow.n_sources >= min_sources)
    return query


def query_events(*, session: Session, actor: str | None = None, recipient: str | None = None,
                 event_type: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, min_sources: int | None = None,
                 limit: int | None = None, after_id: str | None = None) -> list[FusedEvent]:
    """Fused events matching every given filter, ordered by id.

    ``actor``/``recipient`` are ISO3 countries of the first actor/recipient; ``since`` and
    ``until`` bound the event date (inclusive; undated events never match a date bound);
    ``after_id`` continues a previous page (keyset pagination).
    """
    query = _event_filters(select(FusedEventRow), actor=actor, recipient=recipient,
                           event_type=event_type, since=since, until=until,
                           min_sources=min_sources)
    if after_id:
        query = query.where(FusedEventRow.id > after_id)
    query = query.order_by(FusedEventRow.id).options(
        selectinload(FusedEventRow.sources), selectinload(FusedEventRow.mentions),
        selectinload(FusedEventRow.contradictions))
    if limit:
        query = query.limit(limit)
    return [fused_from_row(row) for row in session.scalars(query)]


def iter_events(*, session: Session, page_size: int = 500, **filters: Any
                ) -> Iterator[FusedEvent]:
    """Every fused event matching ``filters`` (those of :func:`query_events`), fetched a page
    at a time so memory stays flat."""
    after_id = filters.pop("after_id", None)
    while True:
        page = query_events(session=session, limit=page_size, after_id=after_id, **filters)
        yield from page
        if len(page) < page_size:
            return
        after_id = page[-1].id
        session.expunge_all()


def list_contradictions(*, session: Session, fused_id: str | None = None,
                        limit: int | None = None) -> list[Contradiction]:
    """Stored contradictions (all, or one fused event's), in fused-event order."""
    query = select(ContradictionRow).order_by(ContradictionRow.fused_id, ContradictionRow.id)
    if fused_id is not None:
        query = query.where(ContradictionRow.fused_id == fused_id)
    if limit:
        query = query.limit(limit)
    return [contradiction_from_row(row) for row in session.scalars(query)]
