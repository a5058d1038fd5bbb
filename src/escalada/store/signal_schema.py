"""ORM models of stored signals and of their links to fused events.

``signals`` holds one row per signal record (a flight day over a FIR, an OFAC list change, a
NOTAM) with its kind, date, FIR and country, the record itself as JSON, the file it came from
and when it was stored. The id is a hash of the kind and the record's natural key, so importing
the same file again updates rows instead of adding copies. ``signal_links`` says which fused
event a signal corroborates or contradicts (see :mod:`escalada.fusion.corroboration`).
Migration: ``0002_signals``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from escalada.store.schema import ID, Base, utcnow

__all__ = ["SignalRow", "SignalLinkRow"]


class SignalRow(Base):
    """One stored signal record; ``kind`` is ``flights``, ``sanctions`` or ``notam``."""

    __tablename__ = "signals"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    fir: Mapped[str | None] = mapped_column(String(16), index=True)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    key: Mapped[str | None] = mapped_column(String(512))
    """Natural key inside its kind: ``FIR`` (flights), ``ent_num`` (sanctions), NOTAM id."""
    summary: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column()
    source_file: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignalLinkRow(Base):
    """A signal that corroborates (``corroborates``) or contradicts (``contradicts``) a fused
    event, with the rule that made the link."""

    __tablename__ = "signal_links"
    __table_args__ = (UniqueConstraint("fused_id", "signal_id", "relation"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fused_id: Mapped[str] = mapped_column(
        ID, ForeignKey("fused_events.id", ondelete="CASCADE"), index=True)
    signal_id: Mapped[str] = mapped_column(
        ID, ForeignKey("signals.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


