"""Live monitoring: ``escalada watch`` polls feeds with conditional requests, ingests new
items, raises alerts into an outbox and delivers them to webhooks and by e-mail.

* :class:`Watcher` / :class:`WatchConfig`: the loop (:mod:`.watcher`);
* :func:`conditional_fetch`, :class:`HostGate`: polite fetching (:mod:`.fetcher`);
* :func:`record_alerts`, :class:`Deliverer`: the outbox (:mod:`.outbox`);
* :class:`JsonLog`: one JSON line per poll/ingest/alert/delivery on stderr (:mod:`.log`).
"""

from escalada.store import watch_schema  # noqa: F401 - registers the tables on Base
from escalada.watch.fetcher import FetchOutcome, HostGate, conditional_fetch
from escalada.watch.log import JsonLog
from escalada.watch.outbox import Deliverer, RetryPolicy, SmtpConfig, record_alerts, sign
from escalada.watch.watcher import WatchConfig, Watcher, read_feeds_file, status_lines

__all__ = [
    "Deliverer",
    "FetchOutcome",
    "HostGate",
    "JsonLog",
    "RetryPolicy",
    "SmtpConfig",
    "WatchConfig",
    "Watcher",
    "conditional_fetch",
    "read_feeds_file",
    "record_alerts",
    "sign",
    "status_lines",
]
