"""Batch fusion and escalation throughput (mentions/s): local, Dask with 1 and 2 workers.

    python benchmarks/batch_fuse.py [--limit 300] [--copies 3] [--window-days 7]

Codes ``--limit`` stories of ../shared/corpora/ngec_synthetic_stories.csv.zip once with
``escalada batch --rules-only`` (each story published by ``--copies`` outlets on neighbouring
days, spread over two months, so fusion has work to do), then times only
``escalada batch-fuse`` on the event files. Dask times include starting the local cluster.
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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_stories(args.corpus, args.limit, args.copies, root / "stories.jsonl")
        coded = run_batch([str(root / "stories.jsonl")], root / "events", rules_only=True,
                          partition_size=100)
        print(f"coded {coded.documents} documents into {coded.events} mentions "
              f"in {coded.seconds:.1f} s (not counted below)")
        for engine, workers in (("local", 1), ("dask", 1), ("dask", 2)):
            start = time.perf_counter()
            summary = run_batch_fuse([root / "events"], root / f"fused-{engine}-{workers}",
                                     engine=engine, workers=workers,
                                     window_days=args.window_days)
            seconds = time.perf_counter() - start
            print(f"{engine:5} workers={workers}: {summary.fusion.mentions / seconds:7.0f} "
                  f"mentions/s ({seconds:.1f} s) | {summary.line()}")


if __name__ == "__main__":
    main()
