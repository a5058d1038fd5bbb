"""The watch loop: poll feeds, ingest new items, raise alerts into the outbox, deliver.

It orchestrates existing stages and owns none of their logic: fetching is
:func:`escalada.ingest.fetch_url` (behind :func:`.fetcher.conditional_fetch`), parsing
:func:`escalada.ingest.feeds.parse_feed`, coding :class:`escalada.pipeline.EventCoder`, storing
and fusing :mod:`escalada.store.ingest`, alerts :func:`escalada.escalation.alerts_for_events`.

Threads: fetches run on a small pool (at most one in flight per host, see
:class:`.fetcher.HostGate`); everything that writes (coding, storing, fusing, alerts) runs on
the loop's own thread, one feed at a time; the :class:`.outbox.Deliverer` has its own thread.

Alerts follow a watermark (``watch_state.alerts_watermark``): every cycle looks at the documents
stored after it, re-computes the alerts of the dyads their fused events belong to, records the
new ones with their outbox rows and moves the watermark, all in one transaction. A watcher
killed after storing documents but before raising their alerts raises them on restart. On the
first start the watermark is "now": documents already in the store do not raise alerts.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from escalada.errors import EscaladaError
from escalada.escalation import CusumRule, alerts_for_events, attribute, present_dyads
from escalada.ingest.feeds import parse_feed
from escalada.settings import Settings
from escalada.store import fuse_pending, query_events, stored_document_id
from escalada.store.database import write_session
from escalada.store.ingest import (
    IngestSummary,
    _Duplicates,
    _finish_run,
    _start_run,
    _store_one,
)
from escalada.store.schema import DocumentRow, FusedEventRow, MentionRow
from escalada.store.watch_schema import WatchFeedRow, WatchStateRow
from escalada.watch.fetcher import (
    RETRY_STATUSES,
    FetchOutcome,
    HostGate,
    conditional_fetch,
    host_of,
)
from escalada.watch.log import JsonLog
from escalada.watch.outbox import Deliverer, RetryPolicy, SmtpConfig, record_alerts

__all__ = ["WatchConfig", "Watcher", "read_feeds_file"]

WATERMARK = "alerts_watermark"
MAX_FEED_BACKOFF = 3600.0


def read_feeds_file(path: str) -> list[str]:
    """URLs of a feeds file: one per line, blank lines and ``#`` comments ignored."""
    with open(path, encoding="utf-8") as handle:
        return [line.split("#", 1)[0].strip() for line in handle
                if line.split("#", 1)[0].strip()]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@dataclass(slots=True)
class WatchConfig:
    feeds: list[str]
    interval: float = 60.0
    webhooks: list[str] = field(default_factory=list)
    mail_to: list[str] = field(default_factory=list)
    smtp: SmtpConfig | None = None
    secret: str | None = None
    once: bool = False
    rules: tuple[Any, ...] = (CusumRule(),)
    retry: RetryPolicy = RetryPolicy()
    workers: int = 8
    history_days: int = 60
    """Days of events before the earliest changed one loaded to re-compute a dyad's alerts."""

    @property
    def destinations(self) -> list[str]:
        return list(self.webhooks) + [f"mailto:{to}" for to in self.mail_to]


class Watcher:
    """Runs the watch loop over ``config.feeds`` against the store of ``session_factory``."""

    def __init__(self, config: WatchConfig, *, session_factory: sessionmaker[Session],
                 settings: Settings, coder: Any, log: Callable[..., None] | None = None
                 ) -> None:
        self.config = config
        self.session_factory = session_factory
        self.settings = settings
        self.coder = coder
        self.log = log or JsonLog()
        self.stopping = threading.Event()
        self.wake_deliverer = threading.Event()
        self.gate = HostGate()
        self.duplicates = _Duplicates(session_factory)
        self.deliverer = Deliverer(session_factory, secret=config.secret, smtp=config.smtp,
                                   retry=config.retry, log=self.log)
        self.due: dict[str, float] = {}
        self.backing_off: set[str] = set()
        """Feeds in an error backoff at start (``--once`` skips them)."""
        self._init_state()

    # -- state ---------------------------------------------------------------------------
    def _init_state(self) -> None:
        now, mono = _now(), time.monotonic()
        with write_session(self.session_factory) as session:
            if session.get(WatchStateRow, WATERMARK) is None:
                session.add(WatchStateRow(key=WATERMARK, value=now.isoformat()))
            for url in dict.fromkeys(self.config.feeds):
                row = session.get(WatchFeedRow, url)
                if row is None:
                    session.add(WatchFeedRow(url=url, polls=0, not_modified=0, errors=0,
                                             consecutive_errors=0, items_last=0, items_new=0))
                    self.due[url] = mono
                    continue
                next_at = _aware(row.next_poll_at)
                wait_s = max(0.0, (next_at - now).total_seconds() if next_at else 0.0)
                if row.consecutive_errors and wait_s > 0:
                    self.backing_off.add(url)
                # a cron run (--once) polls every feed now, except those backing off
                self.due[url] = mono + (0.0 if self.config.once else wait_s)

    def stop(self, *_args: object) -> None:
        """Ask the loop to stop after the current item (signal-handler compatible)."""
        self.stopping.set()
        self.wake_deliverer.set()

    # -- the loop ------------------------------------------------------------------------
    def run(self) -> None:
        """Poll until :meth:`stop` (or one pass with ``config.once``)."""
        self.log("start", feeds=len(self.due), interval=self.config.interval,
                 destinations=len(self.config.destinations), once=self.config.once)
        self.raise_alerts()  # repair: documents stored by a run killed before its alerts
        deliver_thread = None
        if not self.config.once and self.config.destinations:
            deliver_thread = threading.Thread(target=self._deliver_loop, name="deliverer",
                                              daemon=True)
            deliver_thread.start()
        pool = ThreadPoolExecutor(max_workers=self.config.workers,
                                  thread_name_prefix="fetch")
        running: dict[Future[FetchOutcome], str] = {}
        pending_once = set(self.due) - self.backing_off if self.config.once else set()
        try:
            while not self.stopping.is_set():
                self._submit_due(pool, running, pending_once)
                if self.config.once and not running and not pending_once:
                    break
                timeout = self._sleep_time() if not running else min(0.5, self._sleep_time())
                if running:
                    done, _ = wait(list(running), timeout=timeout, return_when=FIRST_COMPLETED)
                else:
                    self.stopping.wait(timeout)
                    done = set()
                changed = False
                for future in done:
                    url = running.pop(future)
                    changed |= self._handle(url, future.result())
                    if self.stopping.is_set():
                        break
                if changed and not self.stopping.is_set():
                    self.raise_alerts()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if self.config.once and self.config.destinations:
                self.deliverer.run_once(self.stopping.is_set)
            self.stopping.set()
            self.wake_deliverer.set()
            if deliver_thread is not None:
                deliver_thread.join(timeout=30)
            self.deliverer.close()
            self.log("stop", pending=self.deliverer.pending()
                     if self.config.destinations else 0)

    def _sleep_time(self) -> float:
        if not self.due:
            return 1.0
        return max(0.05, min(1.0, min(self.due.values()) - time.monotonic()))

    def _submit_due(self, pool: ThreadPoolExecutor, running: dict[Future[FetchOutcome], str],
                    pending_once: set[str]) -> None:
        now = time.monotonic()
        busy = set(running.values())
        for url, due in sorted(self.due.items(), key=lambda item: item[1]):
            if due > now or url in busy or (self.config.once and url not in pending_once):
                continue
            host = host_of(url)
            if not self.gate.try_acquire(host, now):
                continue
            etag, modified = self._validators(url)
            pending_once.discard(url)
            running[pool.submit(self._fetch, url, host, etag, modified)] = url
            busy.add(url)

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        with self.session_factory() as session:
            row = session.get(WatchFeedRow, url)
            return (row.etag, row.last_modified) if row else (None, None)

    def _fetch(self, url: str, host: str, etag: str | None, modified: str | None
               ) -> FetchOutcome:
        outcome = FetchOutcome(url, None, error="not fetched")
        try:
            outcome = conditional_fetch(url, self.settings, etag=etag, last_modified=modified)
        except Exception as exc:  # never kill the pool thread
            outcome = FetchOutcome(url, None, error=f"{type(exc).__name__}: {exc}")
        finally:
            wait_s = 0.0
            if outcome.status in RETRY_STATUSES:
                wait_s = max(outcome.retry_after or 0.0, self.config.interval)
            self.gate.release(host, wait=wait_s)
        return outcome

    # -- one poll's result ---------------------------------------------------------------
    def _handle(self, url: str, outcome: FetchOutcome) -> bool:
        """Record the poll, ingest new items; True when documents were stored."""
        started = time.monotonic()
        new_docs, entries, error = 0, 0, outcome.error
        if outcome.ok:
            try:
                new_docs, entries = self._ingest(url, outcome)
            except EscaladaError as exc:
                error = str(exc)
        self._record_poll(url, outcome, error, new_docs, entries)
        self.log("poll", url=url, status=outcome.status, unchanged=outcome.unchanged,
                 entries=entries, new=new_docs, error=error,
                 fetch_seconds=round(outcome.seconds, 4),
                 ingest_seconds=round(time.monotonic() - started, 4))
        return new_docs > 0

    def _ingest(self, url: str, outcome: FetchOutcome) -> tuple[int, int]:
        results = parse_feed(outcome.body, url, fetched_at=outcome.fetched_at,
                             max_bytes=self.settings.max_document_bytes)
        documents = [r.document for r in results if r.document is not None]
        with self.session_factory() as session:
            fresh = [d for d in documents
                     if stored_document_id(session=session, document=d) is None]
        unique = list({d.id: d for d in fresh}.values())
        if not unique:
            return 0, len(results)
        started = time.monotonic()
        summary = IngestSummary(run_id=_start_run(self.session_factory, [url], self.coder))
        try:
            for document, mentions in self.coder.code_documents(unique):
                _store_one(self.session_factory, document, mentions, summary, self.duplicates)
            summary.fused_events = fuse_pending(session_factory=self.session_factory)
        except BaseException as exc:
            _finish_run(self.session_factory, summary, status="failed", error=repr(exc))
            raise
        _finish_run(self.session_factory, summary, status="done")
        self.log("ingest", url=url, new=summary.new_documents, mentions=summary.mentions,
                 already_stored=summary.already_stored, fused=summary.fused_events,
                 seconds=round(time.monotonic() - started, 4))
        return summary.new_documents, len(results)

    def _record_poll(self, url: str, outcome: FetchOutcome, error: str | None, new_docs: int,
                     entries: int) -> None:
        interval = self.config.interval
        now = _now()
        with write_session(self.session_factory) as session:
            row = session.get(WatchFeedRow, url)
            if row is None:
                row = WatchFeedRow(url=url, polls=0, not_modified=0, errors=0,
                                   consecutive_errors=0, items_last=0, items_new=0)
                session.add(row)
            row.polls += 1
            row.last_polled_at, row.last_status = now, outcome.status
            delay = interval
            if error is None:
                row.last_ok_at, row.last_error, row.consecutive_errors = now, None, 0
                if outcome.unchanged:
                    row.not_modified += 1
                else:
                    row.etag, row.last_modified = outcome.etag, outcome.last_modified
                    row.items_last = entries
                    row.items_new += new_docs
            else:
                row.errors += 1
                row.consecutive_errors += 1
                row.last_error = error[:2000]
                delay = min(MAX_FEED_BACKOFF, max(interval, interval * 2 ** min(
                    row.consecutive_errors - 1, 10)))
                if outcome.retry_after is not None:
                    delay = max(delay, outcome.retry_after)
            row.next_poll_at = now + dt.timedelta(seconds=delay)
        self.due[url] = time.monotonic() + delay

    # -- alerts --------------------------------------------------------------------------
    def raise_alerts(self) -> int:
        """Alerts for the documents stored after the watermark; returns the new ones."""
        started = time.monotonic()
        with self.session_factory() as session:
            mark = session.get(WatchStateRow, WATERMARK)
            since = dt.datetime.fromisoformat(mark.value) if mark else _now()
            latest = session.scalar(select(func.max(DocumentRow.ingested_at))
                                    .where(DocumentRow.ingested_at > since))
            if latest is None:
                return 0
            fused_ids = set(session.scalars(
                select(MentionRow.fused_id).join(DocumentRow, DocumentRow.id == MentionRow.doc_id)
                .where(DocumentRow.ingested_at > since, MentionRow.fused_id.is_not(None))))
            first = session.scalar(select(func.min(FusedEventRow.date))
                                   .where(FusedEventRow.id.in_(fused_ids))) if fused_ids else None
            alerts: list[Any] = []
            if first is not None:
                events = query_events(session=session,
                                      since=first - dt.timedelta(days=self.config.history_days))
                attributed = attribute(events)
                dyads = present_dyads(a for a in attributed if a.event.id in fused_ids)
                alerts = [a for a in alerts_for_events(events, dyads, self.config.rules)
                          if a.date >= first]
        with write_session(self.session_factory) as session:
            new = record_alerts(session, alerts, self.config.destinations)
            mark = session.get(WatchStateRow, WATERMARK)
            value = _aware(latest).isoformat()
            if mark is None:
                session.add(WatchStateRow(key=WATERMARK, value=value))
            else:
                mark.value = value
        for record in new:
            self.log("alert", key=record["idempotency_key"], dyad=record["dyad"],
                     date=record["date"], rule=record["rule"], change=record["change"],
                     events=len(record["events"]))
        self.log("alerts", candidates=len(alerts), new=len(new),
                 seconds=round(time.monotonic() - started, 4))
        if new:
            self.wake_deliverer.set()
        return len(new)

    # -- delivery ------------------------------------------------------------------------
    def _deliver_loop(self) -> None:
        tick = max(0.05, min(1.0, self.config.retry.base))
        while not self.stopping.is_set():
            try:
                self.deliverer.run_once(self.stopping.is_set)
            except Exception as exc:  # a database hiccup must not end delivery
                self.log("deliver_error", error=f"{type(exc).__name__}: {exc}")
            self.wake_deliverer.wait(tick)
            self.wake_deliverer.clear()


def status_lines(session_factory: sessionmaker[Session]) -> list[str]:
    """A human view of the feeds and the outbox (``escalada watch --status``)."""
    from escalada.store.watch_schema import WatchAlertRow, WatchOutboxRow

    lines: list[str] = []
    with session_factory() as session:
        feeds = session.scalars(select(WatchFeedRow).order_by(WatchFeedRow.url)).all()
        lines.append(f"feeds: {len(feeds)}")
        for row in feeds:
            lines.append(
                f"  {row.url}\n    last poll {row.last_polled_at or 'never'}, status "
                f"{row.last_status}, polls {row.polls} ({row.not_modified} unchanged, "
                f"{row.errors} errors), items {row.items_last}, new {row.items_new}"
                + (f", error: {row.last_error}" if row.last_error else ""))
        counts = session.execute(
            select(WatchOutboxRow.destination, WatchOutboxRow.status, func.count())
            .group_by(WatchOutboxRow.destination, WatchOutboxRow.status)
            .order_by(WatchOutboxRow.destination)).all()
        alerts = session.scalar(select(func.count()).select_from(WatchAlertRow)) or 0
        lines.append(f"alerts: {alerts}")
        lines.append("outbox:" if counts else "outbox: empty")
        for destination, state, count in counts:
            lines.append(f"  {destination}: {count} {state}")
        stuck = session.scalars(select(WatchOutboxRow).where(
            WatchOutboxRow.last_error.is_not(None), WatchOutboxRow.status == "pending")
            .order_by(WatchOutboxRow.id).limit(5)).all()
        for row in stuck:
            lines.append(f"  retrying #{row.id} -> {row.destination}: {row.attempts} attempts,"
                         f" next {row.next_attempt_at}, last error {row.last_error}")
    return lines


def feeds_of(feeds: Sequence[str] | None, feeds_file: str | None) -> list[str]:
    urls = list(feeds or [])
    if feeds_file:
        urls += read_feeds_file(feeds_file)
    return list(dict.fromkeys(urls))
