"""Scale benchmark: coder speed against bare spaCy, Dask 1 vs 2 workers, time and peak
memory versus input size (1x, 2x, 4x of the synthetic stories).

    python benchmarks/scale.py [--limit 4500] [--sizes 1,2,4] [--partition-size 100]
                               [--parts dask,local] [--rules-only]

Reads ../shared/corpora/ngec_synthetic_stories.csv.zip at run time. Each size runs in a
fresh subprocess so its peak RSS is its own. A full run (4,500 stories, 4x) takes about an
hour on two cores; use --limit for a quick look.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import DEFAULT_CORPUS, read_corpus

CHILD = """
import json, resource, sys, time
from pathlib import Path
from escalada.batch import run_batch
inputs, out, engine, workers, size, rules = sys.argv[1:7]
start = time.perf_counter()
summary = run_batch([inputs], Path(out), engine=engine, workers=int(workers),
                    partition_size=int(size), rules_only=rules == "1")
print(json.dumps({"seconds": time.perf_counter() - start, "documents": summary.documents,
                  "events": summary.events, "words": summary.words,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_jsonl(texts: list[str], path: Path, copies: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for n, text in enumerate(texts):
                handle.write(json.dumps({"id": f"{copy}-{n}", "text": text}) + "\n")


def run_child(inputs: Path, out: Path, engine: str, workers: int, size: int,
              rules_only: bool) -> dict:
    args = [sys.executable, "-c", CHILD, str(inputs), str(out), engine, str(workers),
            str(size), "1" if rules_only else "0"]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=4500)
    parser.add_argument("--sizes", default="1,2,4")
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--parts", default="dask,local",
                        help="which measurements: dask (1 vs 2 workers), local (streaming sizes)")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.jsonl"
        write_jsonl(texts, base, 1)
        print(f"input: {len(texts)} stories")
        parts = set(args.parts.split(","))
        for workers in (1, 2) if "dask" in parts else ():
            result = run_child(base, Path(tmp) / f"dask{workers}", "dask", workers,
                               args.partition_size, args.rules_only)
            print(f"dask {workers} worker(s): {result['seconds']:.1f} s, "
                  f"{result['words'] / result['seconds']:.0f} words/s, "
                  f"{result['events']} events, peak RSS {result['peak_rss_mb']:.0f} MB",
                  flush=True)
        for copies in (int(s) for s in args.sizes.split(",")) if "local" in parts else ():
            path = Path(tmp) / f"x{copies}.jsonl"
            write_jsonl(texts, path, copies)
            start = time.perf_counter()
            result = run_child(path, Path(tmp) / f"local{copies}", "local", 1,
                               args.partition_size, args.rules_only)
            elapsed = time.perf_counter() - start
            print(f"local streaming {copies}x: {result['documents']} docs, {elapsed:.1f} s, "
                  f"{result['words'] / result['seconds']:.0f} words/s, "
                  f"peak RSS {result['peak_rss_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
