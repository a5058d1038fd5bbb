"""Re-fusion of the blocks that new mentions touch.

The store does not decide what is the same happening: it loads the mentions of the affected
blocks (dyad x time window, both directions), hands them to :func:`escalada.fusion.fuse` and
replaces the fused rows those mentions belonged to. Until the fusion stage is installed, each
mention stands alone as a one-source fused event so that queries work the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import and_, delete, or_, select, text, true, update
from sqlalchemy.orm import Session

from escalada.models import EventMention
from escalada.models.fusion import Contradiction, FusedEvent, SourceRef
from escalada.store.convert import UNRESOLVED, mention_from_row
from escalada.store.repository import add_fused_events
from escalada.store.schema import DocumentRow, FusedEventRow, MentionRow

__all__ = ["fusion_available", "lock_fusion", "refuse"]

_MAX_CLOSURE_ROUNDS = 20
_NO_SYNC = {"synchronize_session": False}  # the session is expired afterwards


def fusion_available() -> bool:
    """Whether the fusion stage (``escalada.fusion.fuse``) is installed."""
    return _fusion_api() is not None


def _fusion_api() -> tuple[Callable[..., Any], Any] | None:
    try:
        from escalada.fusion import DocumentInfo, fuse
    except ImportError:
        return None
    return fuse, DocumentInfo


FUSION_LOCK = 0x65736361  # "esca": PostgreSQL advisory lock key of fusion


def lock_fusion(session: Session) -> None:
    """Serialise fusion between processes for the rest of the transaction (PostgreSQL: an
    advisory lock; SQLite write transactions are serialised already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FUSION_LOCK})


def refuse(*, session: Session, mention_ids: Iterable[str] | None = None,
           window_days: int = 3) -> int:
    """Fuse again the blocks of ``mention_ids`` (every mention when ``None``) and replace
    their fused rows; returns the number of fused events written."""
    rows = _block_rows(session, mention_ids, window_days)
    if not rows:
        return 0
    old_ids = {row.fused_id for row in rows if row.fused_id}
    mentions = [mention_from_row(row) for row in rows]
    documents = _documents(session, {m.doc_id for m in mentions})
    fused = _fuse(mentions, documents, window_days)
    ids = [row.id for row in rows]
    session.execute(update(MentionRow).where(MentionRow.id.in_(ids)).values(fused_id=None),
                    execution_options=_NO_SYNC)
    session.execute(delete(FusedEventRow).where(FusedEventRow.id.in_(old_ids)),
                    execution_options=_NO_SYNC)
    add_fused_events(session=session, events=fused)
    return len(fused)


def _block_rows(session: Session, mention_ids: Iterable[str] | None,
                window_days: int) -> list[MentionRow]:
    """The mentions of every block a seed mention falls in, closed over the fused events
    they already belong to (so no fused event is left half re-fused)."""
    if mention_ids is None:
        return list(session.scalars(select(MentionRow).order_by(MentionRow.id)))
    seeds = list(session.scalars(select(MentionRow).where(MentionRow.id.in_(list(mention_ids)))))
    if not seeds:
        return []
    conditions = [and_(_dyad(actor, recipient), _period(span, window_days))
                  for (actor, recipient), span in _blocks(seeds).items()]
    rows = {row.id: row for row in session.scalars(select(MentionRow).where(or_(*conditions)))}
    for _ in range(_MAX_CLOSURE_ROUNDS):
        fused_ids = {row.fused_id for row in rows.values() if row.fused_id}
        extra = [row for row in session.scalars(select(MentionRow).where(
            MentionRow.fused_id.in_(fused_ids), MentionRow.id.not_in(list(rows))))]
        if not extra:
            break
        rows.update((row.id, row) for row in extra)
    return sorted(rows.values(), key=lambda row: row.id)


Period = tuple[dt.date, dt.date] | None
"""First and last day a block's seeds may fall on; ``None`` for no bound (undated seeds)."""
_EXTENT = {"week": 6, "month": 31, "year": 366}
_LOOKBACK = 7  # fusion's INFERRED_LOOKBACK_DAYS: an inferred or undated day looks back a week


def _blocks(seeds: list[MentionRow]) -> dict[tuple[str | None, str | None], Period]:
    """The seeds' dyads (party keys) with the period their events may fall in."""
    blocks: dict[tuple[str | None, str | None], Period] = {}
    for row in seeds:
        key = (row.actor_party, row.recipient_party)
        if row.date is None or row.date_precision == "none":
            blocks[key] = None
            continue
        first = row.date - dt.timedelta(days=_LOOKBACK)
        last = row.date + dt.timedelta(days=_EXTENT.get(row.date_precision, 0))
        if key not in blocks:
            blocks[key] = (first, last)
        elif (period := blocks[key]) is not None:
            blocks[key] = (min(period[0], first), max(period[1], last))
    return blocks


def _unknown(column: Any) -> Any:
    return or_(column.is_(None), column == UNRESOLVED)


def _dyad(actor: str | None, recipient: str | None) -> Any:
    """Mentions that may share a block with an ``actor``-``recipient`` mention (generously,
    so that fusion's own blocking, :mod:`escalada.fusion.blocking`, decides): the same
    unordered dyad, or one of its parties with an unknown other side; for a mention with one
    known party, every dyad of that party; mentions without any known party always."""
    parties = [p for p in (actor, recipient) if p not in (None, UNRESOLVED)]
    a, r = MentionRow.actor_party, MentionRow.recipient_party
    nobody = and_(_unknown(a), _unknown(r))
    if not parties:
        return or_(_unknown(a), _unknown(r))
    if len(parties) == 1:
        return or_(a == parties[0], r == parties[0], nobody)
    first, second = parties
    return or_(and_(a == first, r == second), and_(a == second, r == first),
               and_(a.in_(parties), _unknown(r)), and_(r.in_(parties), _unknown(a)), nobody)


def _period(period: Period, window_days: int) -> Any:
    """Mentions whose date span may come within ``window_days`` of ``period`` (generous:
    undated mentions always may; fusion itself decides)."""
    if period is None:
        return true()
    margin = dt.timedelta(days=2 * window_days + 1)
    first, last = period[0] - margin, period[1] + margin + dt.timedelta(days=_LOOKBACK)
    return or_(
        MentionRow.date.is_(None), MentionRow.date_precision == "none",
        and_(MentionRow.date_precision == "year", MentionRow.date.between(
            first - dt.timedelta(days=_EXTENT["year"]), last)),
        MentionRow.date.between(first - dt.timedelta(days=_EXTENT["month"]), last))


def _documents(session: Session, ids: set[str]) -> dict[str, DocumentRow]:
    rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(list(ids))))
    return {row.id: row for row in rows}


def _fuse(mentions: list[EventMention], documents: Mapping[str, DocumentRow],
          window_days: int) -> list[FusedEvent]:
    api = _fusion_api()
    if api is None:
        return [_alone(m, documents.get(m.doc_id)) for m in mentions]
    fuse, document_info = api
    infos = {doc_id: _info(document_info, row) for doc_id, row in documents.items()}
    duplicates = {doc_id: row.duplicate_of for doc_id, row in documents.items()
                  if row.duplicate_of}
    result = fuse(mentions, infos, duplicates=duplicates, window_days=window_days)
    fused = list(result.fused)
    _attach(fused, list(getattr(result, "contradictions", [])))
    return fused


def _info(document_info: Any, row: DocumentRow) -> Any:
    """A fusion ``DocumentInfo`` built from the fields it declares."""
    values = {"id": row.id, "doc_id": row.id, "outlet": row.outlet, "url": row.url,
              "title": row.title, "published": row.published, "text": row.text,
              "duplicate_of": row.duplicate_of, "content_hash": row.content_hash}
    if dataclasses.is_dataclass(document_info):
        names = {f.name for f in dataclasses.fields(document_info)}
    else:  # pydantic or a plain class
        names = set(getattr(document_info, "model_fields", None) or values)
    return document_info(**{k: v for k, v in values.items() if k in names})


def _attach(fused: list[FusedEvent], contradictions: list[Contradiction]) -> None:
    by_id = {event.id: event for event in fused}
    for c in contradictions:
        event = by_id.get(c.fused_id)
        if event is not None and c not in event.contradictions:
            event.contradictions.append(c)


def _alone(mention: EventMention, document: DocumentRow | None) -> FusedEvent:
    """A mention as its own fused event (used until the fusion stage is installed)."""
    source = SourceRef(doc_id=mention.doc_id, outlet=mention.source.outlet,
                       url=mention.source.url, title=mention.source.title,
                       published=document.published if document else None,
                       duplicate_of=document.duplicate_of if document else None)
    return FusedEvent(
        id=mention.id, event_type=mention.event_type, mode=mention.mode,
        actor=mention.actor, recipient=mention.recipient, date=mention.date,
        date_precision=mention.date_precision, first_reported=source.published,
        n_sources=1, sources=[source], mentions=[mention], aux=list(mention.aux),
        certainty=mention.certainty, score=mention.score,
        coder_version=mention.coder_version)
