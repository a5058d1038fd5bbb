"""Load on ``GET /api/events``: 10 concurrent clients, loopback only, bounded.

    python benchmarks/api_load.py [--db URL] [--events 2000] [--requests 2000]
                                  [--seconds 30] [--clients 10] [--limit 50]

Without ``--db`` a temporary SQLite store is filled with ``--events`` synthetic fused events
(written with the store's own functions: one document, mention and fused event each, spread
over 8 dyads and a year). The app is served by uvicorn in a child process on a free
127.0.0.1 port; ``--clients`` asyncio workers with keep-alive connections then send requests
until ``--requests`` are done or ``--seconds`` have passed, whichever comes first. A quarter
of the requests follow the ``next_cursor`` of the previous page, a quarter filter by dyad, a
quarter by quad and date range. Prints requests/s, latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

DYADS = [("USA", "VEN"), ("VEN", "USA"), ("COL", "VEN"), ("RUS", "UKR"), ("UKR", "RUS"),
         ("ISR", "IRN"), ("CHN", "TWN"), ("IND", "PAK")]
TYPES = [("THREATEN", -4.0), ("ACCUSE", -3.5), ("CONSULT", 2.5), ("ASSAULT", -9.0),
         ("AID", 7.0), ("SANCTION", -5.0)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fill_store(url: str, n: int) -> None:
    """``n`` synthetic documents, each with one mention fused into one event."""
    from escalada.models import ActorRef, Document, EventMention, SourceInfo
    from escalada.models.fusion import FusedEvent, SourceRef
    from escalada.models.records import event_id
    from escalada.store import add_document, add_fused_events, add_mentions, open_store

    rng = random.Random(7)
    session_factory = open_store(url)
    start = dt.date(2025, 1, 1)
    with session_factory.begin() as session:
        fused = []
        for i in range(n):
            a, b = DYADS[i % len(DYADS)]
            event_type, score = TYPES[rng.randrange(len(TYPES))]
            day = start + dt.timedelta(days=rng.randrange(365))
            doc = Document(id=f"d{i:06d}", text=f"Synthetic article {i}: {a} and {b}.",
                           title=f"Story {i}", outlet=f"Outlet {i % 17}",
                           url=f"https://news.example/{i}", published=day, language="en")
            mention = EventMention(
                id=event_id(doc.id, 0, 0), doc_id=doc.id, event_type=event_type, mode=None,
                context=[], aux=[], actor=[ActorRef(text=a, name=a, country=a)],
                recipient=[ActorRef(text=b, name=b, country=b)], date=day,
                date_precision="day", date_inferred=False, location=None,
                sentence=f"{a} acted towards {b} in story {i}.", sentence_index=0,
                trigger="acted", attribution=None, certainty=0.9, score=score,
                source=SourceInfo(title=doc.title, outlet=doc.outlet, url=doc.url),
                coder_version="load-test")
            add_document(session=session, document=doc)
            add_mentions(session=session, mentions=[mention])
            fused.append(FusedEvent(
                id=f"f{i:06d}", event_type=event_type, mode=None, actor=mention.actor,
                recipient=mention.recipient, date=day, date_precision="day",
                first_reported=day, n_sources=1 + i % 4,
                sources=[SourceRef(doc_id=doc.id, outlet=doc.outlet, url=doc.url,
                                   title=doc.title, published=day)],
                mentions=[mention], certainty=0.9, score=score, coder_version="load-test"))
        add_fused_events(session=session, events=fused)
    session_factory.kw["bind"].dispose()


def start_server(db_url: str, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; from escalada.api import ApiSettings, create_app; "
            f"uvicorn.run(create_app(ApiSettings(db_url={db_url!r})), host='127.0.0.1', "
            f"port={port}, log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code])


def wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if httpx.get(f"{base}/api/events?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not answer in time")


def _query(rng: random.Random, limit: int, cursor: str | None) -> dict[str, str | int]:
    kind = rng.randrange(4)
    if kind == 0 and cursor:
        return {"limit": limit, "cursor": cursor}
    if kind == 1:
        a, b = DYADS[rng.randrange(len(DYADS))]
        return {"limit": limit, "dyad": f"{a}-{b}"}
    if kind == 2:
        return {"limit": limit, "quad": "material_conflict", "since": "2025-03-01",
                "until": "2025-09-30"}
    return {"limit": limit}


async def worker(client: httpx.AsyncClient, seed: int, limit: int, budget: list[int],
                 deadline: float, latencies: list[float], errors: list[str]) -> None:
    rng, cursor = random.Random(seed), None
    while budget[0] > 0 and time.monotonic() < deadline:
        budget[0] -= 1
        params = _query(rng, limit, cursor)
        began = time.perf_counter()
        try:
            response = await client.get("/api/events", params=params)
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
            continue
        latencies.append(time.perf_counter() - began)
        if response.status_code != 200:
            errors.append(str(response.status_code))
            continue
        cursor = response.json().get("next_cursor")


async def run_load(base: str, clients: int, requests: int, seconds: float, limit: int
                   ) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    budget = [requests]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits,
                                 trust_env=False) as client:
        began = time.perf_counter()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(worker(client, i, limit, budget, deadline, latencies, errors)
                               for i in range(clients)))
        elapsed = time.perf_counter() - began
    return latencies, errors, elapsed


def report(latencies: list[float], errors: list[str], elapsed: float, clients: int) -> None:
    done = len(latencies)
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))] if ms else float("nan")

    print(f"clients: {clients}  requests: {done}  errors: {len(errors)}  time: {elapsed:.2f} s")
    print(f"requests/s: {done / elapsed:.1f}")
    print(f"latency ms: p50 {pct(50):.1f}  p95 {pct(95):.1f}  p99 {pct(99):.1f}  "
          f"max {ms[-1] if ms else float('nan'):.1f}  mean "
          f"{statistics.fmean(ms) if ms else float('nan'):.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="existing store URL (default: a synthetic temp store)")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 64 and 1 <= args.requests <= 100_000
            and 0 < args.seconds <= 300):
        parser.error("bounded: 1-64 clients, 1-100000 requests, at most 300 seconds")
    with tempfile.TemporaryDirectory(prefix="escalada-load-") as tmp:
        db_url = args.db
        if db_url is None:
            db_url = f"sqlite:///{Path(tmp) / 'load.sqlite'}"
            began = time.perf_counter()
            fill_store(db_url, args.events)
            print(f"store: {args.events} synthetic fused events "
                  f"({time.perf_counter() - began:.1f} s)", file=sys.stderr)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db_url, port)
        try:
            wait_ready(base, server)
            latencies, errors, elapsed = asyncio.run(
                run_load(base, args.clients, args.requests, args.seconds, args.limit))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"GET /api/events (limit={args.limit}) on {base}, cpu count {os.cpu_count()}")
    report(latencies, errors, elapsed, args.clients)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
