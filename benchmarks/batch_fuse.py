"""Batch fusion and escalation throughput (mentions/s): local, Dask with 1 and 2 workers.

    python benchmarks/batch_fuse.py [--limit 300] [--copies 3] [--window-days 7]

Codes ``--limit`` stories of ../shared/corpora/ngec_synthetic_stories.csv.zip once with
``escalada batch --rules-only`` (each story published by ``--copies`` outlets on neighbouring
days, spread over two months, so fusion has work to do), then times only
``escalada batch-fuse`` on the event files (best of ``--repeat`` runs). Dask times include
starting the local cluster. For comparison it also times the in-memory
:func:`escalada.fusion.fuse` (and :func:`escalada.escalation.alerts_for_events`) on the same
mentions.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path

from escalada.batch import run_batch, run_batch_fuse
from escalada.batch.fuse import event_files
from escalada.batch.tables import EVENT_SCHEMA, document_infos, mention_from_row, read_rows
from escalada.escalation import alerts_for_events
from escalada.fusion import fuse

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/ngec_synthetic_stories.csv.zip"
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera")


def write_stories(corpus: Path, limit: int, copies: int, path: Path) -> None:
    with zipfile.ZipFile(corpus) as archive:
        member = archive.namelist()[0]
        rows = csv.DictReader(io.TextIOWrapper(archive.open(member), encoding="utf-8"))
        with path.open("w", encoding="utf-8") as handle:
            for n, row in zip(range(limit), rows, strict=False):
                day = dt.date(2025, 10, 1) + dt.timedelta(days=n % 60)
                for copy in range(copies):
                    handle.write(json.dumps({
                        "id": f"{n}-{copy}", "text": row["text"], "title": row["title"],
                        "outlet": OUTLETS[copy % len(OUTLETS)],
                        "published": (day + dt.timedelta(days=copy)).isoformat()}) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--window-days", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2, help="runs per engine (best kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_stories(args.corpus, args.limit, args.copies, root / "stories.jsonl")
        coded = run_batch([str(root / "stories.jsonl")], root / "events", rules_only=True,
                          partition_size=100)
        print(f"coded {coded.documents} documents into {coded.events} mentions "
              f"in {coded.seconds:.1f} s (not counted below)")
        rows = list(read_rows(event_files([root / "events"]), EVENT_SCHEMA))
        mentions, documents = [mention_from_row(r) for r in rows], document_infos(rows)
        start = time.perf_counter()
        fused = fuse(mentions, documents, window_days=3).fused
        fuse_seconds = time.perf_counter() - start
        alerts_for_events(fused)
        alert_seconds = time.perf_counter() - start - fuse_seconds
        print(f"in-memory: fuse {len(mentions)} mentions in {fuse_seconds:.2f} s "
              f"({len(mentions) / fuse_seconds:.0f} mentions/s), alerts {alert_seconds:.2f} s")
        for engine, workers in (("local", 1), ("dask", 1), ("dask", 2)):
            best = None
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                summary = run_batch_fuse([root / "events"], root / f"fused-{engine}-{workers}",
                                         engine=engine, workers=workers,
                                         window_days=args.window_days)
                seconds = time.perf_counter() - start
                if best is None or seconds < best[0]:
                    best = (seconds, summary)
            seconds, summary = best
            print(f"{engine:5} workers={workers}: {summary.fusion.mentions / seconds:7.0f} "
                  f"mentions/s ({seconds:.1f} s, fusion {summary.fusion.seconds:.1f} s = "
                  f"{summary.fusion.seconds / fuse_seconds:.1f}x in-memory) | {summary.line()}")


if __name__ == "__main__":
    main()
