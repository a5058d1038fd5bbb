"""Alerts into the outbox, and the deliverer that empties it.

:func:`record_alerts` writes each new alert (new by ``idempotency_key``) and one outbox row
per destination in one transaction. :class:`Deliverer` sends pending rows, per destination
in ``id`` order (a destination whose oldest pending row waits for its retry holds back the
rows behind it), and marks each ``delivered`` after a success: at-least-once on the wire,
exactly-once by key (CONVENTIONS "Alerts and delivery").

Destinations are ``http(s)://`` webhooks (POST of the alert JSON, ``Idempotency-Key`` header,
``X-Escalada-Signature: sha256=<hex HMAC of the body>`` with a secret) and ``mailto:ADDR``
(through the configured SMTP server).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import smtplib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from escalada.store.database import write_session
from escalada.store.watch_schema import (
    DELIVERED,
    PENDING,
    WatchAlertRow,
    WatchOutboxRow,
)

__all__ = ["Deliverer", "RetryPolicy", "SmtpConfig", "record_alerts", "sign"]

SIGNATURE_HEADER = "X-Escalada-Signature"


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:  # SQLite hands back naive UTC
        return value.replace(tzinfo=dt.UTC)
    return value


def record_alerts(session: Session, alerts: Iterable[Any], destinations: Sequence[str]
                  ) -> list[dict[str, Any]]:
    """Insert the alerts not recorded yet and their outbox rows (in the caller's
    transaction); returns the records of the new ones."""
    new: list[dict[str, Any]] = []
    for alert in alerts:
        key = alert.idempotency_key
        if session.get(WatchAlertRow, key) is not None:
            continue
        record = alert.to_record()
        session.add(WatchAlertRow(idempotency_key=key, id=alert.id, dyad=alert.dyad,
                                  date=alert.date, rule=alert.rule, change=alert.change,
                                  record=record, created_at=alert.created_at))
        session.flush()
        for destination in destinations:
            session.add(WatchOutboxRow(alert_key=key, destination=destination, status=PENDING,
                                       attempts=0, created_at=_now()))
        session.flush()
        new.append(record)
    return new


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff: ``base * 2**(attempts-1)``, capped at ``cap`` seconds."""

    base: float = 1.0
    cap: float = 60.0

    def delay(self, attempts: int) -> float:
        return min(self.cap, self.base * 2 ** max(0, attempts - 1))


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """``smtp://[user:pass@]host[:port][?starttls=1]`` (``smtps://`` for TLS)."""

    host: str
    port: int
    user: str | None = None
    password: str | None = None
    tls: bool = False
    starttls: bool = False
    sender: str = "escalada@localhost"

    @classmethod
    def parse(cls, url: str, sender: str | None = None) -> SmtpConfig:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"{url!r} is not an smtp://host:port URL")
        query = parse_qs(parts.query)
        return cls(parts.hostname, parts.port or (465 if parts.scheme == "smtps" else 25),
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None,
                   tls=parts.scheme == "smtps",
                   starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
                   sender=sender or query.get("from", ["escalada@localhost"])[0])


def _mail(record: dict[str, Any], sender: str, to: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = sender, to
    message["Subject"] = (f"[escalada] {record['dyad']} {record['date']}: {record['rule']} "
                          f"(change {record['change']:+.1f})")
    message["Message-ID"] = f"<{record['idempotency_key']}@escalada>"
    message["Idempotency-Key"] = record["idempotency_key"]
    lines = [f"{record['dyad']} on {record['date']}: {record['rule']}, "
             f"change {record['change']:+.1f}", ""]
    for event in record.get("events", []):
        lines.append(f"- {event['event_type']} {event['value']:+.1f}: {event['sentence']}")
    lines += ["", json.dumps(record, ensure_ascii=False, indent=1)]
    message.set_content("\n".join(lines))
    return message


class Deliverer:
    """Sends pending outbox rows; call :meth:`run_once` repeatedly (or :meth:`run`)."""

    def __init__(self, session_factory: sessionmaker[Session], *, secret: str | None = None,
                 smtp: SmtpConfig | None = None, retry: RetryPolicy = RetryPolicy(),
                 timeout: float = 10.0, log: Callable[..., None] | None = None) -> None:
        self.session_factory = session_factory
        self.secret = secret
        self.smtp = smtp
        self.retry = retry
        self.log = log or (lambda *_a, **_k: None)
        self.client = httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    def pending(self) -> int:
        with self.session_factory() as session:
            return len(session.scalars(select(WatchOutboxRow.id).where(
                WatchOutboxRow.status == PENDING)).all())

    def run_once(self, stop: Callable[[], bool] = lambda: False) -> int:
        """One pass over the destinations; returns the number of rows delivered."""
        with self.session_factory() as session:
            rows = session.execute(
                select(WatchOutboxRow.id, WatchOutboxRow.destination,
                       WatchOutboxRow.next_attempt_at, WatchAlertRow.record)
                .join(WatchAlertRow, WatchAlertRow.idempotency_key == WatchOutboxRow.alert_key)
                .where(WatchOutboxRow.status == PENDING).order_by(WatchOutboxRow.id)).all()
        now, delivered, blocked = _now(), 0, set()
        for row_id, destination, next_at, record in rows:
            if stop():
                break
            if destination in blocked:
                continue
            next_at = _aware(next_at)
            if next_at is not None and next_at > now:
                blocked.add(destination)  # keep order: nothing overtakes a waiting row
                continue
            if self._deliver(row_id, destination, record):
                delivered += 1
            else:
                blocked.add(destination)
        return delivered

    def _deliver(self, row_id: int, destination: str, record: dict[str, Any]) -> bool:
        started = time.monotonic()
        error: str | None = None
        try:
            if destination.startswith("mailto:"):
                self._send_mail(destination[len("mailto:"):], record)
            else:
                self._post(destination, record)
        except Exception as exc:  # any failure is retried later
            error = f"{type(exc).__name__}: {exc}"
        seconds = round(time.monotonic() - started, 4)
        with write_session(self.session_factory) as session:
            row = session.get(WatchOutboxRow, row_id)
            if row is None or row.status == DELIVERED:
                return True
            row.attempts += 1
            if error is None:
                row.status, row.delivered_at, row.last_error = DELIVERED, _now(), None
            else:
                delay = self.retry.delay(row.attempts)
                row.last_error = error[:2000]
                row.next_attempt_at = _now() + dt.timedelta(seconds=delay)
            attempts = row.attempts
        self.log("deliver", destination=_redact(destination), key=record["idempotency_key"],
                 ok=error is None, attempts=attempts, error=error, seconds=seconds)
        return error is None

    def _post(self, url: str, record: dict[str, Any]) -> None:
        body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json",
                   "Idempotency-Key": record["idempotency_key"],
                   "User-Agent": "escalada-watch"}
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret)
        response = self.client.post(url, content=body, headers=headers)
        if response.status_code >= 300:
            raise RuntimeError(f"HTTP {response.status_code}")

    def _send_mail(self, to: str, record: dict[str, Any]) -> None:
        if self.smtp is None:
            raise RuntimeError("no --smtp server configured")
        config = self.smtp
        kind = smtplib.SMTP_SSL if config.tls else smtplib.SMTP
        with kind(config.host, config.port, timeout=10) as server:
            if config.starttls:
                server.starttls()
            if config.user:
                server.login(config.user, config.password or "")
            server.send_message(_mail(record, config.sender, to))


def _redact(destination: str) -> str:
    parts = urlsplit(destination)
    if parts.password:
        return destination.replace(parts.password, "***")
    return destination
