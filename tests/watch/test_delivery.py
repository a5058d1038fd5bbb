"""Delivery that loses nothing: a webhook that is down first, a watcher killed with SIGKILL
and restarted, e-mail through a local SMTP server."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

import pytest
from sqlalchemy import select

from escalada.escalation import Alert, AlertEvent
from escalada.store import open_store
from escalada.store.database import write_session
from escalada.store.watch_schema import WatchOutboxRow
from escalada.watch import Deliverer, JsonLog, RetryPolicy, SmtpConfig, record_alerts

from .servers import FeedServer, WebhookReceiver, force_items, free_port, quiet_items

START = dt.date(2026, 10, 1)
SECRET = "s3cret"


def _outbox(session_factory) -> list[WatchOutboxRow]:
    with session_factory() as session:
        return list(session.scalars(select(WatchOutboxRow).order_by(WatchOutboxRow.id)))


def _wait(predicate, timeout: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def _watch(db: Path, feeds: list[str], hook: str, log: Path, *extra: str) -> subprocess.Popen:
    args = [sys.executable, "-m", "escalada.watch", "--db", str(db), "--webhook", hook,
            "--webhook-secret", SECRET, "--allow-private", "--rules-only", "--interval", "0.5",
            "--retry-base", "0.2", "--retry-max", "1", *extra]
    for url in feeds:
        args += ["--feed", url]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log.open("ab"), env=env)


def test_alert_reaches_a_late_webhook_exactly_once_across_sigkill_and_restart(tmp_path):
    feed = FeedServer(quiet_items(START, 14) + force_items(START + dt.timedelta(days=14)))
    port = free_port()  # the receiver is down: nothing listens here yet
    hook = f"http://127.0.0.1:{port}/hook"
    db, log = tmp_path / "w.sqlite", tmp_path / "watch.log"
    session_factory = open_store(f"sqlite:///{db}")
    receiver = None
    procs: list[subprocess.Popen] = []
    try:
        # 1. the watcher raises the alert; the webhook is down, so it is retried ...
        procs.append(_watch(db, feed.feed_urls(), hook, log))
        assert _wait(lambda: any(r.attempts >= 2 for r in _outbox(session_factory)), 30), \
            log.read_text()
        # ... until the watcher is killed by a real signal, mid-retry
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=10)
        assert [r.status for r in _outbox(session_factory)] == ["pending"]

        # 2. the receiver comes up; a restarted watcher delivers the alert from the outbox
        receiver = WebhookReceiver(port)
        procs.append(_watch(db, feed.feed_urls(), hook, log))
        assert _wait(lambda: len(receiver.received) >= 1, 30), log.read_text()
        assert _wait(lambda: _outbox(session_factory)[0].status == "delivered", 10)
        time.sleep(1.5)  # several more polls (304s) and deliverer passes
        procs[1].send_signal(signal.SIGTERM)  # graceful stop
        assert procs[1].wait(timeout=20) == 0

        # 3. run again: nothing is sent twice
        procs.append(_watch(db, feed.feed_urls(), hook, log, "--once"))
        assert procs[2].wait(timeout=60) == 0, log.read_text()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        feed.stop()
        if receiver is not None:
            receiver.stop()
    per_key = Counter(receiver.keys())
    assert len(per_key) == 1  # distinct idempotency keys
    assert list(per_key.values()) == [1]  # deliveries per key
    got = receiver.received[0]
    assert got["json"]["idempotency_key"] == got["key"] and got["json"]["dyad"] == "COL-VEN"
    expected = hmac.new(SECRET.encode(), got["body"], hashlib.sha256).hexdigest()
    assert got["signature"] == f"sha256={expected}"
    assert {"id", "idempotency_key", "dyad", "date", "rule", "change", "events",
            "created_at"} <= set(got["json"])
    text = log.read_text()
    assert '"event": "deliver"' in text and '"event": "stop"' in text


def _alert(day: int) -> Alert:
    date = START + dt.timedelta(days=day)
    key = hashlib.sha256(f"k{day}".encode()).hexdigest()[:32]
    event = AlertEvent("e1", "ASSAULT", None, "Venezuelan troops attacked.",
                       ({"outlet": "wire", "url": None, "title": None},), 1, -20.0)
    return Alert(key[:16], key, "COL-VEN", date, "cusum_drop(k=0.5,h=4)", -20.0, -20.0,
                 (event,), dt.datetime(2026, 11, 26, tzinfo=dt.UTC))


def test_outbox_is_delivered_in_order_after_the_webhook_comes_back(tmp_path):
    port = free_port()
    hook = f"http://127.0.0.1:{port}/hook"
    session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    with write_session(session_factory) as session:
        assert len(record_alerts(session, [_alert(1), _alert(2), _alert(3)], [hook])) == 3
    with write_session(session_factory) as session:  # recorded once per key
        assert record_alerts(session, [_alert(2)], [hook]) == []
    deliverer = Deliverer(session_factory, retry=RetryPolicy(base=0.05, cap=0.2),
                          log=JsonLog(quiet=True))
    assert deliverer.run_once() == 0  # down: only the first row is tried, order is kept
    rows = _outbox(session_factory)
    assert [r.attempts for r in rows] == [1, 0, 0] and rows[0].next_attempt_at is not None
    receiver = WebhookReceiver(port)
    try:
        assert _wait(lambda: deliverer.run_once() > 0 or deliverer.pending() == 0, 5, 0.05)
        assert _wait(lambda: deliverer.pending() == 0 or deliverer.run_once() < 0, 5, 0.05)
        assert deliverer.run_once() == 0
    finally:
        receiver.stop()
        deliverer.close()
    dates = [r["json"]["date"] for r in receiver.received]
    assert dates == ["2026-10-02", "2026-10-03", "2026-10-04"]
    assert Counter(receiver.keys()).most_common(1)[0][1] == 1


def test_email_delivery_through_a_local_smtp_server(tmp_path):
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Sink

    class Collect(Sink):
        def __init__(self) -> None:
            self.messages: list[bytes] = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001
            self.messages.append(envelope.content)
            return "250 OK"

    handler = Collect()
    controller = aiosmtpd.Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
        with write_session(session_factory) as session:
            record_alerts(session, [_alert(1)], ["mailto:analyst@example.org"])
        smtp = SmtpConfig.parse(f"smtp://127.0.0.1:{controller.port}?from=watch@example.org")
        deliverer = Deliverer(session_factory, smtp=smtp, log=JsonLog(quiet=True))
        assert deliverer.run_once() == 1
        assert deliverer.run_once() == 0  # delivered rows are not sent again
        deliverer.close()
    finally:
        controller.stop()
    assert len(handler.messages) == 1
    mail = message_from_bytes(handler.messages[0])
    assert mail["To"] == "analyst@example.org" and mail["From"] == "watch@example.org"
    assert "COL-VEN" in mail["Subject"]
    assert mail["Idempotency-Key"] == _alert(1).idempotency_key
    assert [r.status for r in _outbox(session_factory)] == ["delivered"]
