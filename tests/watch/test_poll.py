"""The poll loop against a local feed that changes while the watcher runs."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time

import pytest
from sqlalchemy import func, select

from escalada.settings import Settings
from escalada.store import open_store
from escalada.store.schema import DocumentRow
from escalada.store.watch_schema import WatchAlertRow, WatchFeedRow, WatchOutboxRow
from escalada.watch import HostGate, JsonLog, WatchConfig, Watcher, conditional_fetch
from escalada.watch.fetcher import retry_after_seconds

from .servers import FeedServer, force_items, quiet_items

START = dt.date(2026, 10, 1)
SETTINGS = Settings(allow_private_addresses=True, use_learned_model=False,
                    fetch_timeout_seconds=5)


def _documents(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(DocumentRow))


def _wait(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@pytest.fixture
def feed():
    server = FeedServer(quiet_items(START, 3))
    yield server
    server.stop()


def test_new_items_are_ingested_within_two_intervals_and_unchanged_polls_are_304(
        tmp_path, feed, rules_coder):
    interval = 1.0
    session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    stream = io.StringIO()
    watcher = Watcher(WatchConfig(feeds=[feed.feed_url], interval=interval),
                      session_factory=session_factory, settings=SETTINGS, coder=rules_coder,
                      log=JsonLog(stream))
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        assert _wait(lambda: _documents(session_factory) == 3, 10)
        # several unchanged polls
        assert _wait(lambda: feed.statuses().count(304) >= 2, 4 * interval + 2)
        for extra in (5, 8):  # the feed changes twice while the watcher runs
            feed.set_items(quiet_items(START, extra))
            changed = time.monotonic()
            ok = _wait(lambda n=extra: _documents(session_factory) >= n, 2 * interval)
            assert ok, (stream.getvalue(), _documents(session_factory))
            assert time.monotonic() - changed <= 2 * interval  # within two intervals
        assert _wait(lambda: feed.statuses()[-2:] == [304, 304], 4 * interval + 2)
    finally:
        watcher.stop()
        thread.join(timeout=15)
    assert not thread.is_alive()
    statuses = feed.statuses()
    assert statuses.count(200) == 3  # one full download per version of the feed
    assert statuses.count(304) >= 4
    conditional = feed.requests[1:]
    assert all(r["if_none_match"] and r["if_modified_since"] for r in conditional)
    assert _documents(session_factory) == 8  # nothing ingested twice
    with session_factory() as session:
        row = session.get(WatchFeedRow, feed.feed_url)
        assert row.items_new == 8 and row.items_last == 8
        assert row.not_modified == statuses.count(304) and row.errors == 0
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    kinds = {line["event"] for line in lines}
    assert {"start", "poll", "ingest", "stop"} <= kinds
    poll = next(line for line in lines if line["event"] == "poll")
    assert {"ts", "url", "status", "fetch_seconds", "ingest_seconds"} <= set(poll)


def test_escalating_storyline_raises_one_alert_into_the_outbox(tmp_path, rules_coder):
    feed = FeedServer(quiet_items(START, 14))
    try:
        session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
        config = WatchConfig(feeds=[feed.feed_url], interval=0.3, once=True,
                             webhooks=["http://127.0.0.1:9/none"])
        run = Watcher(config, session_factory=session_factory, settings=SETTINGS,
                      coder=rules_coder, log=JsonLog(quiet=True))
        run.deliverer.run_once = lambda *_a, **_k: 0  # delivery is tested elsewhere
        run.run()
        with session_factory() as session:
            assert session.scalar(select(func.count()).select_from(WatchAlertRow)) == 0
        feed.set_items(quiet_items(START, 14) + force_items(START + dt.timedelta(days=14)))
        config.feeds = feed.feed_urls()
        feed.delay = 0.05  # slow answers: would overlap if polls of one host ran together
        for _ in range(2):  # the second pass is a 304 and changes nothing
            again = Watcher(config, session_factory=session_factory, settings=SETTINGS,
                            coder=rules_coder, log=JsonLog(quiet=True))
            again.deliverer.run_once = lambda *_a, **_k: 0
            again.run()
        with session_factory() as session:
            alerts = session.scalars(select(WatchAlertRow)).all()
            outbox = session.scalars(select(WatchOutboxRow)).all()
        assert [a.dyad for a in alerts] == ["COL-VEN"]
        assert [(o.alert_key, o.status) for o in outbox] == [
            (alerts[0].idempotency_key, "pending")]
        record = alerts[0].record
        assert {"id", "idempotency_key", "dyad", "date", "rule", "change", "events",
                "created_at"} <= set(record)
        assert any(e["event_type"] == "ASSAULT" for e in record["events"])
        assert feed.max_in_flight == 1  # five feeds, one host: one request at a time
        assert feed.statuses().count(200) == 1 + 4 and feed.statuses().count(304) == 1 + 5
    finally:
        feed.stop()


def test_429_with_retry_after_backs_the_host_off(feed):
    feed.next_statuses = [429]
    feed.retry_after = 7
    outcome = conditional_fetch(feed.feed_url, SETTINGS)
    assert outcome.status == 429 and outcome.retry_after == 7 and not outcome.ok
    assert conditional_fetch(feed.feed_url, SETTINGS).status == 200


def test_503_poll_is_recorded_and_rescheduled_after_retry_after(tmp_path, feed, rules_coder):
    feed.next_statuses = [503]
    feed.retry_after = 30
    session_factory = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    watcher = Watcher(WatchConfig(feeds=[feed.feed_url], interval=0.2, once=True),
                      session_factory=session_factory, settings=SETTINGS, coder=rules_coder,
                      log=JsonLog(quiet=True))
    watcher.run()
    with session_factory() as session:
        row = session.get(WatchFeedRow, feed.feed_url)
        assert row.last_status == 503 and row.errors == 1 and row.consecutive_errors == 1
        wait_s = (row.next_poll_at.replace(tzinfo=dt.UTC) - row.last_polled_at.replace(
            tzinfo=dt.UTC)).total_seconds()
    assert 29 <= wait_s <= 31
    assert watcher.due[feed.feed_url] - time.monotonic() > 25  # honoured by the loop too
    again = Watcher(WatchConfig(feeds=[feed.feed_url], interval=0.2, once=True),
                    session_factory=session_factory, settings=SETTINGS, coder=rules_coder,
                    log=JsonLog(quiet=True))
    again.run()  # a cron run during the backoff leaves the feed alone
    assert len(feed.requests) == 1


def test_private_addresses_are_refused_without_allow_private(feed):
    outcome = conditional_fetch(feed.feed_url, Settings())
    assert not outcome.ok and "allow-private" in outcome.error
    assert feed.requests == []


def test_host_gate_allows_one_request_in_flight_per_host():
    gate = HostGate()
    assert gate.try_acquire("a:1", 0.0)
    assert not gate.try_acquire("a:1", 0.0)
    assert gate.try_acquire("b:1", 0.0)
    gate.release("a:1", wait=100)
    assert not gate.try_acquire("a:1")
    gate.release("b:1")
    assert gate.try_acquire("b:1")


def test_retry_after_accepts_seconds_and_http_dates():
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Thu, 01 Jan 2026 00:01:00 GMT", now) == 60
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
