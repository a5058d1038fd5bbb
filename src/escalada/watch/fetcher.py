"""Conditional, polite feed fetching on top of :func:`escalada.ingest.fetch_url`.

The SSRF guard, size and time limits stay those of ``fetch_url``; this module only wraps its
transport so that each request carries ``If-None-Match`` / ``If-Modified-Since`` and so that
the status and headers of an error response (429/5xx, ``Retry-After``) can be read.

:class:`HostGate` keeps at most one request in flight per host and the per-host backoff.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import ssl
import threading
import time
from dataclasses import dataclass, field

import httpx

from escalada.errors import FetchError
from escalada.ingest import fetch_url
from escalada.settings import Settings

__all__ = ["FetchOutcome", "HostGate", "conditional_fetch", "host_of", "retry_after_seconds"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def host_of(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return url
    return f"{parsed.host}:{parsed.port or ''}"


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every poll (loading the CA bundle costs ~30 ms)."""
    return httpx.create_ssl_context()


class _ConditionalTransport(httpx.BaseTransport):
    """Adds the validators to every request and remembers the last response's head."""

    def __init__(self, etag: str | None, last_modified: str | None) -> None:
        self.inner = httpx.HTTPTransport(verify=_ssl_context())
        self.etag, self.last_modified = etag, last_modified
        self.status: int | None = None
        self.headers: dict[str, str] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.etag:
            request.headers["If-None-Match"] = self.etag
        if self.last_modified:
            request.headers["If-Modified-Since"] = self.last_modified
        response = self.inner.handle_request(request)
        self.status = response.status_code
        self.headers = {k.lower(): v for k, v in response.headers.items()}
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass(slots=True)
class FetchOutcome:
    """What one poll got: ``status`` 200 with ``body``, 304, or an error."""

    url: str
    status: int | None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    error: str | None = None
    seconds: float = 0.0
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def unchanged(self) -> bool:
        return self.status == 304


def conditional_fetch(url: str, settings: Settings, *, etag: str | None = None,
                      last_modified: str | None = None) -> FetchOutcome:
    """GET ``url`` with its validators; never raises for network or HTTP errors."""
    transport = _ConditionalTransport(etag, last_modified)
    started = time.monotonic()
    try:
        resource = fetch_url(url, settings, transport=transport)
    except FetchError as exc:
        return FetchOutcome(url, transport.status, error=str(exc),
                            retry_after=retry_after_seconds(transport.headers.get("retry-after")),
                            seconds=time.monotonic() - started)
    kept = resource.status_code == 304  # a 304 may omit the validators: keep ours
    return FetchOutcome(url, resource.status_code, body=resource.body,
                        etag=resource.headers.get("etag") or (etag if kept else None),
                        last_modified=resource.headers.get("last-modified")
                        or (last_modified if kept else None),
                        seconds=time.monotonic() - started, fetched_at=resource.fetched_at)


class HostGate:
    """At most one request in flight per host, and a per-host "not before" time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._busy: set[str] = set()
        self._not_before: dict[str, float] = {}

    def try_acquire(self, host: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if host in self._busy or self._not_before.get(host, 0.0) > now:
                return False
            self._busy.add(host)
            return True

    def release(self, host: str, *, wait: float = 0.0) -> None:
        with self._lock:
            self._busy.discard(host)
            if wait > 0:
                self._not_before[host] = max(self._not_before.get(host, 0.0),
                                             time.monotonic() + wait)

    def in_flight(self) -> int:
        with self._lock:
            return len(self._busy)
