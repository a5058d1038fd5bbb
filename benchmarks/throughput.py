"""Throughput of the coder against the bare spaCy pipeline on the synthetic corpus.

    python benchmarks/throughput.py [--limit N] [--corpus PATH]

Prints documents/s and words/s for (1) the bare spaCy pipeline and (2) the full coder
(spaCy + rules + actors + dates) on the same texts in the same process. The corpus is
read at run time from ../shared/corpora/ngec_synthetic_stories.csv.zip.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
import zipfile
from pathlib import Path

from escalada.models import Document
from escalada.nlp import load_model
from escalada.pipeline import EventCoder

DEFAULT_CORPUS = (Path(__file__).resolve().parents[2]
                  / "shared/corpora/ngec_synthetic_stories.csv.zip")


def read_corpus(path: Path, limit: int | None) -> list[str]:
    """Story texts (the ``text`` column) from the zipped CSV."""
    csv.field_size_limit(sys.maxsize)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            texts = []
            for row in reader:
                if row.get("text"):
                    texts.append(row["text"])
                if limit and len(texts) >= limit:
                    break
    return texts


def measure(label: str, run, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    run(texts)
    elapsed = time.perf_counter() - start
    print(f"{label:<22} {len(texts) / elapsed:8.1f} docs/s {words / elapsed:10.0f} words/s "
          f"({len(texts)} docs, {words} words, {elapsed:.1f} s)")
    return words / elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, args.limit)
    nlp = load_model()
    rules_coder = EventCoder(rules_only=True)
    full_coder = EventCoder()
    list(nlp.pipe(texts[:20]))  # warm-up

    def bare(batch: list[str]) -> None:
        for _ in nlp.pipe(batch, batch_size=args.batch_size):
            pass

    def coder_run(coder: EventCoder):
        def run(batch: list[str]) -> None:
            documents = (Document(id=str(i), text=t) for i, t in enumerate(batch))
            for _ in coder.code_documents(documents):
                pass
        return run

    bare_rate = measure("bare spaCy pipeline", bare, texts)
    rules_rate = measure("escalada rules coder", coder_run(rules_coder), texts)
    full_rate = measure("escalada full coder", coder_run(full_coder), texts)
    print(f"rules / bare = {rules_rate / bare_rate:.2f}; full / bare = {full_rate / bare_rate:.2f}"
          f"; events: rules {rules_coder.stats.events}, full {full_coder.stats.events}")


if __name__ == "__main__":
    main()
