"""Throughput of the coder against the bare spaCy pipeline on the synthetic corpus.

    python benchmarks/throughput.py [--limit N] [--repeat R] [--corpus PATH]

Prints documents/s and words/s on the same texts in the same process for: the bare, stock
spaCy pipeline (``spacy.load`` of the model package, nothing changed); escalada's NLP stage
(the same model with escalada's sentence-break component and its faster, identical
attribute ruler and lemmatizer); the rules-only coder; and the full coder (rules + learned
classifier + pair ranker + actors + dates). Every variant is warmed up on 20 texts first. The
corpus is read at run time from ../shared/corpora/ngec_synthetic_stories.csv.zip.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
import zipfile
from pathlib import Path

import spacy

from escalada.models import Document
from escalada.nlp import load_model
from escalada.nlp.pipeline import DEFAULT_MODEL
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


def measure(label: str, run, texts: list[str], repeat: int) -> float:
    """Best words/s of ``repeat`` runs (the machine may be shared: the best run is the one
    least disturbed)."""
    words = sum(len(t.split()) for t in texts)
    elapsed = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(texts)
        elapsed = min(elapsed, time.perf_counter() - start)
    print(f"{label:<26} {len(texts) / elapsed:8.1f} docs/s {words / elapsed:10.0f} words/s "
          f"({len(texts)} docs, {words} words, {elapsed:.1f} s)")
    return words / elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant; best kept")
    args = parser.parse_args(argv)
    texts = read_corpus(args.corpus, args.limit)
    stock = spacy.load(DEFAULT_MODEL)
    nlp = load_model()
    rules_coder = EventCoder(rules_only=True)
    full_coder = EventCoder()

    def pipe(model):
        def run(batch: list[str]) -> None:
            for _ in model.pipe(batch, batch_size=args.batch_size):
                pass
        return run

    def coder_run(coder: EventCoder):
        def run(batch: list[str]) -> None:
            documents = (Document(id=str(i), text=t) for i, t in enumerate(batch))
            for _ in coder.code_documents(documents):
                pass
        return run

    variants = [("bare spaCy (stock)", pipe(stock)), ("escalada NLP stage", pipe(nlp)),
                ("escalada rules coder", coder_run(rules_coder)),
                ("escalada full coder", coder_run(full_coder))]
    for _, run in variants:
        run(texts[:20])  # warm-up: lazy loading and first-call costs are not throughput
    rates = {label: measure(label, run, texts, args.repeat) for label, run in variants}
    bare, stage = rates["bare spaCy (stock)"], rates["escalada NLP stage"]
    rules, full = rates["escalada rules coder"], rates["escalada full coder"]
    print(f"full / bare = {full / bare:.2f}; rules / bare = {rules / bare:.2f}; "
          f"full / NLP stage = {full / stage:.2f}; full coder time / rules = {rules / full:.2f}"
          f"; events: rules {rules_coder.stats.events // (args.repeat + 1)}, "
          f"full {full_coder.stats.events // (args.repeat + 1)} (per run, approx.)")


if __name__ == "__main__":
    main()
