"""Store functions for signals: each takes the session as a keyword argument, never commits.

* :func:`add_signals` stores signal records (re-importing a file updates its rows);
* :func:`add_sanction_events` stores the SANCTION mentions of list additions under their
  pseudo-document and fuses them like news mentions;
* :func:`relink_signals` recomputes the corroboration/contradiction links between stored
  signals and fused events (:mod:`escalada.fusion.corroboration`) and stores them;
* :func:`query_signals`, :func:`signal_links` and :func:`attach_links` read them back.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from escalada.models import EventMention
from escalada.models.fusion import FusedEvent
from escalada.signals.records import Signal
from escalada.signals.stored import StoredSignal, stored_signal
from escalada.store.repository import add_document, add_mentions
from escalada.store.schema import FusedEventRow
from escalada.store.signal_schema import SignalLinkRow, SignalRow

__all__ = [
    "SignalLink",
    "add_sanction_events",
    "add_signals",
    "attach_links",
    "query_signals",
    "relink_signals",
    "signal_links",
]


@dataclass(slots=True)
class SignalLink:
    """A stored signal that corroborates or contradicts a fused event."""

    fused_id: str
    signal_id: str
    relation: str  # corroborates | contradicts
    rule: str
    detail: str | None = None


def _from_row(row: SignalRow) -> StoredSignal:
    return StoredSignal(id=row.id, kind=row.kind, date=row.date, fir=row.fir,
                        country=row.country, key=row.key or "", summary=row.summary or "",
                        payload=dict(row.payload or {}), source_file=row.source_file,
                        ingested_at=row.ingested_at)


def add_signals(*, session: Session, signals: Iterable[Signal | StoredSignal]) -> tuple[int, int]:
    """Store signals; returns ``(added, updated)``. A signal already stored (same kind, key
    and date) gets the new payload, source file and ingest time."""
    rows: dict[str, StoredSignal] = {}
    for signal in signals:
        stored = signal if isinstance(signal, StoredSignal) else stored_signal(signal)
        rows[stored.id] = stored
    existing = {row.id: row for row in session.scalars(
        select(SignalRow).where(SignalRow.id.in_(list(rows))))} if rows else {}
    now = dt.datetime.now(dt.UTC)
    added = updated = 0
    for sid, s in rows.items():
        row = existing.get(sid)
        if row is None:
            session.add(SignalRow(id=sid, kind=s.kind, date=s.date, fir=s.fir,
                                  country=s.country, key=s.key, summary=s.summary,
                                  payload=s.payload, source_file=s.source_file,
                                  ingested_at=now))
            added += 1
        else:
            row.date, row.fir, row.country, row.key = s.date, s.fir, s.country, s.key
            row.summary, row.payload, row.source_file = s.summary, s.payload, s.source_file
            row.ingested_at = now
            updated += 1
    session.flush()
    return added, updated


def add_sanction_events(*, session: Session, mentions: list[EventMention],
                        origin: str | None = None, window_days: int = 3) -> int:
    """Store signal-derived SANCTION mentions (with their ``ofac:<date>`` pseudo-document)
    and fuse their blocks; returns how many mentions were new."""
    from escalada.signals.events import sanction_document
    from escalada.store.fusing import lock_fusion, refuse

    if not mentions:
        return 0
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    added = 0
    for doc_mentions in by_doc.values():
        add_document(session=session, document=sanction_document(
            doc_mentions, doc_mentions[0].date, origin))
        added += add_mentions(session=session, mentions=doc_mentions)
    session.flush()
    lock_fusion(session)
    refuse(session=session, mention_ids=[m.id for m in mentions], window_days=window_days)
    session.expire_all()
    return added


def query_signals(*, session: Session, kind: str | None = None,
                  start: dt.date | None = None, end: dt.date | None = None,
                  country: str | None = None, fir: str | None = None) -> list[StoredSignal]:
    """Stored signals, by date then kind and key; each filter is optional."""
    query = select(SignalRow)
    if kind:
        query = query.where(SignalRow.kind == kind)
    if start:
        query = query.where(SignalRow.date >= start)
    if end:
        query = query.where(SignalRow.date <= end)
    if country:
        query = query.where(SignalRow.country == country)
    if fir:
        query = query.where(SignalRow.fir == fir)
    query = query.order_by(SignalRow.date, SignalRow.kind, SignalRow.key)
    return [_from_row(row) for row in session.scalars(query)]


def signal_links(*, session: Session, fused_ids: Iterable[str] | None = None
                 ) -> list[SignalLink]:
    """Stored links, for some fused events or all."""
    query = select(SignalLinkRow).order_by(SignalLinkRow.fused_id, SignalLinkRow.signal_id)
    if fused_ids is not None:
        query = query.where(SignalLinkRow.fused_id.in_(list(fused_ids)))
    return [SignalLink(row.fused_id, row.signal_id, row.relation, row.rule, row.detail)
            for row in session.scalars(query)]


def attach_links(*, session: Session, events: list[FusedEvent]) -> list[FusedEvent]:
    """Fill ``corroborated_by`` and ``contradicted_by`` of ``events`` from the stored links;
    returns the events."""
    by_event: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in signal_links(session=session, fused_ids=[e.id for e in events]):
        by_event[link.fused_id, link.relation].add(link.signal_id)
    for event in events:
        event.corroborated_by = sorted(by_event.get((event.id, "corroborates"), ()))
        event.contradicted_by = sorted(by_event.get((event.id, "contradicts"), ()))
    return events


def relink_signals(*, session: Session, window_days: int = 3) -> tuple[int, int]:
    """Recompute every signal link and store them; returns ``(corroborations,
    contradictions)``. Fused events are loaded only for the types the rules look at."""
    from escalada.fusion.corroboration import CANDIDATE_TYPES, link_signals
    from escalada.store.convert import fused_from_row

    signals = query_signals(session=session)
    rows = session.scalars(select(FusedEventRow).where(
        FusedEventRow.event_type.in_(sorted(CANDIDATE_TYPES))))
    events = [fused_from_row(row) for row in rows]
    links, contradictions = link_signals(events, signals, window_days=window_days)
    session.execute(delete(SignalLinkRow))
    now = dt.datetime.now(dt.UTC)
    for link in links:
        session.add(SignalLinkRow(fused_id=link.fused_id, signal_id=link.signal_id,
                                  relation="corroborates", rule=link.rule, detail=link.detail,
                                  created_at=now))
    for contradiction in contradictions:
        session.add(SignalLinkRow(fused_id=contradiction.fused_id,
                                  signal_id=contradiction.source_b, relation="contradicts",
                                  rule=contradiction.field, detail=contradiction.claim_b,
                                  created_at=now))
    session.flush()
    return len(links), len(contradictions)
