"""SQLAlchemy 2 typed ORM models of the store.

The tables mirror the records of :mod:`escalada.models`: documents, the event mentions coded
from them, the fused events fusion makes of those mentions (with their sources and
contradictions), the canonical actors seen, and the ingest runs that fed the store. Actor and
recipient lists are JSON columns; the first actor's and recipient's country are copied into
indexed columns so that dyad queries never scan JSON. Every change to these models ships as an
Alembic migration in ``escalada/store/migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "ActorRow",
    "ContradictionRow",
    "DocumentRow",
    "FusedEventRow",
    "FusedSourceRow",
    "IngestRunRow",
    "MentionRow",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ID = String(64)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    """One stored article; ``content_hash`` and ``canonical_url`` make it unique."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    canonical_url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    outlet: Mapped[str | None] = mapped_column(String(512), index=True)
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    removed_lines: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_of: Mapped[str | None] = mapped_column(
        ID, ForeignKey("documents.id", ondelete="SET NULL"))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    """Near-duplicate (MinHash) signature from fusion's ``DuplicateIndex``, when computed."""

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MentionRow.sentence_index")


class MentionRow(Base):
    """One :class:`~escalada.models.EventMention`."""

    __tablename__ = "event_mentions"
    __table_args__ = (
        Index("ix_event_mentions_dyad_date", "actor_country", "recipient_country", "date"),
        Index("ix_event_mentions_parties", "actor_party", "recipient_party", "date"),
        Index("ix_event_mentions_recipient_party", "recipient_party", "date"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    doc_id: Mapped[str] = mapped_column(
        ID, ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    context: Mapped[list[Any]] = mapped_column(JSON)
    aux: Mapped[list[Any]] = mapped_column(JSON)
    actor: Mapped[list[Any]] = mapped_column(JSON)
    recipient: Mapped[list[Any]] = mapped_column(JSON)
    actor_country: Mapped[str | None] = mapped_column(String(8), index=True)
    recipient_country: Mapped[str | None] = mapped_column(String(8), index=True)
    actor_party: Mapped[str | None] = mapped_column(String(32))
    """Block key of the actor side: country, else organisation code, else "?" (unresolved)."""
    recipient_party: Mapped[str | None] = mapped_column(String(32))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(8))
    date_inferred: Mapped[bool] = mapped_column(Boolean)
    location: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_index: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    certainty: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    source_title: Mapped[str | None] = mapped_column(Text)
    source_outlet: Mapped[str | None] = mapped_column(String(512))
    source_url: Mapped[str | None] = mapped_column(String(2048))
    coder_version: Mapped[str] = mapped_column(String(512))
    fused_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("fused_events.id", ondelete="SET NULL"), index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="mentions")


class FusedEventRow(Base):
    """One :class:`~escalada.models.FusedEvent`; its mentions point at it by ``fused_id``."""

    __tablename__ = "fused_events"
    __table_args__ = (
        Index("ix_fused_events_dyad_date", "actor_country", "recipient_country", "date"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[list[Any]] = mapped_column(JSON)
    recipient: Mapped[list[Any]] = mapped_column(JSON)
    actor_country: Mapped[str | None] = mapped_column(String(8), index=True)
    recipient_country: Mapped[str | None] = mapped_column(String(8), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str] = mapped_column(String(8))
    first_reported: Mapped[dt.date | None] = mapped_column(Date)
    n_sources: Mapped[int] = mapped_column(Integer, index=True)
    aux: Mapped[list[Any]] = mapped_column(JSON)
    certainty: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    coder_version: Mapped[str] = mapped_column(String(512))

    sources: Mapped[list[FusedSourceRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="FusedSourceRow.position")
    mentions: Mapped[list[MentionRow]] = relationship(
        order_by=lambda: [MentionRow.doc_id, MentionRow.sentence_index, MentionRow.id],
        passive_deletes=True)
    contradictions: Mapped[list[ContradictionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ContradictionRow.id")


class FusedSourceRow(Base):
    """Link table: one document that reports a fused event (a :class:`SourceRef`)."""

    __tablename__ = "fused_event_sources"

    fused_id: Mapped[str] = mapped_column(
        ID, ForeignKey("fused_events.id", ondelete="CASCADE"), primary_key=True)
    doc_id: Mapped[str] = mapped_column(
        ID, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    outlet: Mapped[str | None] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    duplicate_of: Mapped[str | None] = mapped_column(ID)


class ContradictionRow(Base):
    """Two sources disagreeing on one detail of a fused event."""

    __tablename__ = "contradictions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fused_id: Mapped[str] = mapped_column(
        ID, ForeignKey("fused_events.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    claim_a: Mapped[str] = mapped_column(Text)
    source_a: Mapped[str] = mapped_column(ID)
    claim_b: Mapped[str] = mapped_column(Text)
    source_b: Mapped[str] = mapped_column(ID)


class ActorRow(Base):
    """A canonical actor seen in at least one mention (unresolved text-only actors are not
    kept)."""

    __tablename__ = "actors"

    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    sector: Mapped[str | None] = mapped_column(String(64))
    code: Mapped[str | None] = mapped_column(String(32))
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IngestRunRow(Base):
    """Bookkeeping of one ``ingest`` run: what it read, how far it got, how it ended."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")
    """``running`` (or killed while running), ``done`` or ``failed``."""
    sources: Mapped[list[Any]] = mapped_column(JSON)
    coder_version: Mapped[str | None] = mapped_column(String(512))
    new_documents: Mapped[int] = mapped_column(Integer, default=0)
    already_stored: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_source: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
