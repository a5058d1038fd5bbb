"""ORM models of the watcher (:mod:`escalada.watch`): feed state, recorded alerts, the outbox
of deliveries and a small key/value state (the alert watermark).

Registered on the store's declarative :class:`~escalada.store.schema.Base`; the tables are
created by migration ``0003_watch``.

* ``watch_feeds``: one row per polled URL: the validators of its last 200 (``ETag``,
  ``Last-Modified``) sent back as ``If-None-Match`` / ``If-Modified-Since``, the last status,
  counters and the earliest time of the next poll (backoff, ``Retry-After``).
* ``watch_alerts``: every alert raised, once per ``idempotency_key`` (dyad + day + rule), with
  its JSON record as delivered.
* ``watch_outbox``: one row per alert and destination (``https://...`` webhook or
  ``mailto:...``), written in the transaction that records the alert; the deliverer marks it
  ``delivered`` (or schedules the next attempt).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from escalada.store.schema import Base, utcnow

__all__ = ["WatchAlertRow", "WatchFeedRow", "WatchOutboxRow", "WatchStateRow"]

PENDING = "pending"
DELIVERED = "delivered"


class WatchFeedRow(Base):
    """The polling state of one feed URL."""

    __tablename__ = "watch_feeds"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(1024))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_ok_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    polls: Mapped[int] = mapped_column(Integer, default=0)
    not_modified: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    consecutive_errors: Mapped[int] = mapped_column(Integer, default=0)
    items_last: Mapped[int] = mapped_column(Integer, default=0)
    """Entries in the feed at the last 200."""
    items_new: Mapped[int] = mapped_column(Integer, default=0)
    """New documents stored from this feed, in total."""


class WatchAlertRow(Base):
    """An alert the watcher raised (at most once per dyad, day and rule)."""

    __tablename__ = "watch_alerts"

    idempotency_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), index=True)
    dyad: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    rule: Mapped[str] = mapped_column(String(128))
    change: Mapped[float] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                    index=True)


class WatchOutboxRow(Base):
    """One delivery to do: an alert to one destination; sent in ``id`` order."""

    __tablename__ = "watch_outbox"
    __table_args__ = (
        UniqueConstraint("alert_key", "destination"),
        Index("ix_watch_outbox_destination_status", "destination", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_key: Mapped[str] = mapped_column(
        String(64), ForeignKey("watch_alerts.idempotency_key", ondelete="CASCADE"))
    destination: Mapped[str] = mapped_column(String(2048))
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WatchStateRow(Base):
    """Small persistent state of the watcher (``alerts_watermark``: ISO time)."""

    __tablename__ = "watch_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
