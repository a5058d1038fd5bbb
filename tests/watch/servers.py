"""Local test servers on 127.0.0.1: a feed whose items change, a webhook receiver."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss(items: list[dict], title: str = "Border Wire") -> bytes:
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
             f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
             "<description>test feed</description>"]
    for item in items:
        date = email.utils.format_datetime(dt.datetime.combine(
            item["date"], dt.time(12), tzinfo=dt.UTC))
        parts.append(f"<item><title>{escape(item['title'])}</title>"
                     f"<link>{escape(item['link'])}</link><guid>{escape(item['link'])}</guid>"
                     f"<pubDate>{date}</pubDate>"
                     f"<description>{escape(item['text'])}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


class Server:
    """A ThreadingHTTPServer in a daemon thread; ``stop()`` frees the port."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], port: int = 0) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.owner = self  # type: ignore[attr-defined]
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        feed: FeedServer = self.server.owner  # type: ignore[attr-defined]
        with feed.lock:
            feed.in_flight += 1
            feed.max_in_flight = max(feed.max_in_flight, feed.in_flight)
        try:
            time.sleep(feed.delay)
            self._answer(feed)
        finally:
            with feed.lock:
                feed.in_flight -= 1

    def _answer(self, feed: FeedServer) -> None:
        with feed.lock:
            name = self.path.strip("/").removesuffix(".xml")
            body, etag, modified = feed.bodies.get(  # unknown feeds are valid and empty
                name, (rss([], f"{name} news"), '"empty"', "Thu, 01 Jan 2026 00:00:00 GMT"))
            status = feed.next_statuses.pop(0) if feed.next_statuses else None
            request = {"path": self.path, "if_none_match": self.headers.get("If-None-Match"),
                       "if_modified_since": self.headers.get("If-Modified-Since"),
                       "at": dt.datetime.now(dt.UTC)}
        if status is not None:
            self.send_response(status)
            self.send_header("Retry-After", str(feed.retry_after))
            self.send_header("Content-Length", "0")
            self.end_headers()
            request["status"] = status
        elif (request["if_none_match"] == etag
              or (request["if_none_match"] is None
                  and request["if_modified_since"] == modified)):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            request["status"] = 304
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            request["status"] = 200
        with feed.lock:
            feed.requests.append(request)


class FeedServer(Server):
    """Serves ``/NAME.xml`` (one feed per item ``outlet``, default ``feed``) from ``items``;
    ETag and Last-Modified change with a feed's items."""

    def __init__(self, items: list[dict] | None = None) -> None:
        self.lock = threading.Lock()
        self.requests: list[dict] = []
        self.next_statuses: list[int] = []
        self.in_flight = self.max_in_flight = 0
        self.delay = 0.0
        self.retry_after = 1
        self.version = 0
        self.set_items(items or [])
        super().__init__(_FeedHandler)

    def set_items(self, items: list[dict]) -> None:
        names = list(dict.fromkeys(item.get("outlet", "feed") for item in items))
        with self.lock:
            self.version += 1
            for name in names or ["feed"]:
                body = rss([i for i in items if i.get("outlet", "feed") == name],
                           f"{name} news")
                old = self.bodies.get(name) if hasattr(self, "bodies") else None
                if old and old[0] == body:
                    continue
                modified = email.utils.format_datetime(
                    dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
                    + dt.timedelta(minutes=self.version), usegmt=True)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if not hasattr(self, "bodies"):
                    self.bodies: dict[str, tuple[bytes, str, str]] = {}
                self.bodies[name] = (body, etag, modified)

    @property
    def feed_url(self) -> str:
        return self.url("/feed.xml")

    def feed_urls(self) -> list[str]:
        with self.lock:
            return [self.url(f"/{name}.xml") for name in sorted(self.bodies)]

    def statuses(self) -> list[int]:
        with self.lock:
            return [r["status"] for r in self.requests]


class _HookHandler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        hook: WebhookReceiver = self.server.owner  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with hook.lock:
            hook.received.append({"key": self.headers.get("Idempotency-Key"),
                                  "signature": self.headers.get("X-Escalada-Signature"),
                                  "body": body, "json": json.loads(body),
                                  "at": dt.datetime.now(dt.UTC)})
        self.send_response(204)
        self.end_headers()


class WebhookReceiver(Server):
    def __init__(self, port: int = 0) -> None:
        self.lock = threading.Lock()
        self.received: list[dict] = []
        super().__init__(_HookHandler, port)

    def keys(self) -> list[str]:
        with self.lock:
            return [r["key"] for r in self.received]


def quiet_items(start: dt.date, days: int = 14) -> list[dict]:
    """Two weeks of cooperative Colombia–Venezuela news, one item a day."""
    return [{"title": f"Trade talks {i}", "link": f"http://news.test/quiet/{i}",
             "outlet": "feed",
             "date": start + dt.timedelta(days=i),
             "text": f"Colombia and Venezuela agreed to expand border trade cooperation, "
                     f"officials said in Bogota. The ministers met in Caracas to sign accord "
                     f"number {i}."} for i in range(days)]


FORCE_TEXTS = [
    "Venezuelan troops attacked Colombian soldiers near the border on Tuesday.",
    "Venezuela launched airstrikes against Colombia on Tuesday, killing twelve soldiers.",
    "Colombian forces fired artillery at Venezuelan positions on Tuesday.",
    "Venezuela bombed a Colombian military base on Tuesday, officials said.",
]


def force_items(day: dt.date) -> list[dict]:
    """Several items of force between the same pair on one day, from four outlets (each
    with its own feed, so that they count as independent sources)."""
    return [{"title": f"Clash {j}", "link": f"http://news.test/force/{j}", "date": day,
             "outlet": f"wire{j}", "text": text} for j, text in enumerate(FORCE_TEXTS)]
