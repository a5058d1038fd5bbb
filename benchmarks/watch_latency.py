"""Watcher benchmark: item-appears -> webhook-receives latency, and the idle cost of polling.

1. Latency: a local feed server and webhook receiver on 127.0.0.1; a watcher subprocess
   (``python -m escalada.watch --rules-only``) polls ``--interval`` seconds. Once the quiet
   history is ingested, four items of force are published at t0; the time until the webhook
   receives the alert is measured (``--trials`` times, each on a fresh store).
2. Idle: a watcher subprocess polls ``--feeds`` unchanged local feeds (all 304 after the first
   poll) every ``--idle-interval`` seconds for ``--idle-seconds``; its CPU time and RSS are read
   with psutil, and scaled to the production rate of one poll per feed per minute
   (CPU per poll x feeds per minute).

    python benchmarks/watch_latency.py                 # full run (about 2 minutes)
    python benchmarks/watch_latency.py --smoke         # seconds, for CI
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from watch.servers import (  # noqa: E402
    FeedServer,
    WebhookReceiver,
    force_items,
    quiet_items,
)

START = dt.date(2026, 10, 1)


def _watch(db: Path, feeds: list[str], interval: float, hook: str | None,
           log: Path) -> subprocess.Popen:
    args = [sys.executable, "-m", "escalada.watch", "--db", str(db), "--allow-private",
            "--rules-only", "--interval", str(interval), "--retry-base", "0.2",
            "--retry-max", "1"]
    if hook:
        args += ["--webhook", hook]
    for url in feeds:
        args += ["--feed", url]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log.open("ab"),
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait(predicate, timeout: float, step: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def latency(trials: int, interval: float, workdir: Path) -> dict:
    results = []
    for trial in range(trials):
        feed = FeedServer(quiet_items(START, 14))
        hook = WebhookReceiver()
        db, log = workdir / f"lat{trial}.sqlite", workdir / f"lat{trial}.log"
        all_feeds = [feed.feed_url] + [feed.url(f"/wire{j}.xml") for j in range(4)]
        proc = _watch(db, all_feeds, interval, hook.url("/hook"), log)
        try:
            ok = _wait(lambda log=log: log.exists() and '"new": 14' in log.read_text(),
                       120, 0.1)
            if not ok:
                raise RuntimeError(f"watcher did not ingest the history: {log.read_text()}")
            time.sleep(interval * (0.5 + trial / max(1, trials)))  # vary the phase
            t0 = time.monotonic()
            feed.set_items(quiet_items(START, 14) + force_items(START + dt.timedelta(days=14)))
            if not _wait(lambda hook=hook: bool(hook.received), 60 + 4 * interval):
                raise RuntimeError(f"no alert delivered: {log.read_text()[-2000:]}")
            results.append(time.monotonic() - t0)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            feed.stop()
            hook.stop()
    return {"interval_s": interval, "trials": trials,
            "latency_s": {"median": round(statistics.median(results), 3),
                          "min": round(min(results), 3), "max": round(max(results), 3),
                          "all": [round(r, 3) for r in results]}}


def idle(n_feeds: int, interval: float, seconds: float, workdir: Path) -> dict:
    items = [dict(item, outlet=f"f{n}", link=f"{item['link']}/{n}", text=f"{item['text']} {n}")
             for n in range(n_feeds) for item in quiet_items(START, 1)]
    feed = FeedServer(items)
    db, log = workdir / "idle.sqlite", workdir / "idle.log"
    proc = _watch(db, feed.feed_urls(), interval, None, log)
    try:
        if not _wait(lambda: log.exists() and log.read_text().count('"status": 200')
                     >= n_feeds, 180, 0.2):
            raise RuntimeError(f"first polls did not finish: {log.read_text()[-2000:]}")
        time.sleep(interval)  # settle
        ps = psutil.Process(proc.pid)
        cpu0, polls0, t0 = sum(ps.cpu_times()[:2]), len(feed.requests), time.monotonic()
        time.sleep(seconds)
        cpu1, polls1, t1 = sum(ps.cpu_times()[:2]), len(feed.requests), time.monotonic()
        rss = ps.memory_info().rss
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        feed.stop()
    polls = polls1 - polls0
    cpu_per_poll = (cpu1 - cpu0) / max(1, polls)
    statuses = feed.statuses()[-polls:] if polls else []
    per_minute_cpu = cpu_per_poll * n_feeds  # one poll per feed per minute
    return {"feeds": n_feeds, "interval_s": interval, "measured_s": round(t1 - t0, 1),
            "polls": polls, "polls_304_share": round(statuses.count(304) / max(1, polls), 3),
            "cpu_s": round(cpu1 - cpu0, 3),
            "cpu_ms_per_poll": round(cpu_per_poll * 1000, 3),
            "cpu_percent_at_50_feeds_per_minute": round(per_minute_cpu / 60 * 100, 3),
            "cpu_s_per_minute_at_50_feeds_per_minute": round(per_minute_cpu, 3),
            "rss_mb": round(rss / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--idle-interval", type=float, default=2.0,
                        help="seconds between polls of a feed in the idle run (60 in production)")
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI")
    args = parser.parse_args()
    if args.smoke:
        args.trials, args.interval, args.feeds = 1, 0.5, 5
        args.idle_interval, args.idle_seconds = 0.5, 3.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = {"latency": latency(args.trials, args.interval, work),
                  "idle": idle(args.feeds, args.idle_interval, args.idle_seconds, work)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
