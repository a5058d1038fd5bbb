"""Coding partitions to Parquet, in this process or on Dask workers.

Each worker loads the coder once (spaCy model, classifier, dictionaries) and codes whole
partitions; records are the same as ``escalada code`` prints, with nested fields (actors,
source) kept as Arrow structs. Event ids are deterministic, so a local run and a Dask run of
the same input give the same events.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from escalada.batch.partitions import Partition, read_partition, split_input
from escalada.models import EventMention
from escalada.settings import Settings

__all__ = ["BatchSummary", "code_partition", "run_batch", "EVENT_SCHEMA"]

_ACTOR = pa.struct([("text", pa.string()), ("name", pa.string()), ("country", pa.string()),
                    ("sector", pa.string()), ("code", pa.string())])
EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("context", pa.list_(pa.string())), ("aux", pa.list_(pa.string())),
    ("actor", pa.list_(_ACTOR)), ("recipient", pa.list_(_ACTOR)), ("date", pa.string()),
    ("date_precision", pa.string()), ("inferred", pa.bool_()), ("location", pa.string()),
    ("sentence", pa.string()), ("sentence_index", pa.int32()), ("trigger", pa.string()),
    ("attribution", pa.string()), ("certainty", pa.float64()), ("score", pa.float64()),
    ("source", pa.struct([("title", pa.string()), ("outlet", pa.string()),
                          ("url", pa.string())])),
    ("coder_version", pa.string()),
    ("published", pa.string()),  # the document's publication day: fusion orders reports by it
])


@dataclass(slots=True)
class BatchSummary:
    partitions: int = 0
    documents: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@lru_cache(maxsize=2)
def _coder(rules_only: bool):
    from escalada.pipeline import EventCoder  # imported in the worker, loaded once per process

    return EventCoder(Settings(), rules_only=rules_only)


def code_partition(partition: Partition, output_dir: str, rules_only: bool = False,
                   chunk_events: int = 5000) -> tuple[str, int, int, int]:
    """Code one partition into ``output_dir/<part>.parquet``; returns (path, docs, events,
    words). Runs unchanged in a Dask worker."""
    coder = _coder(rules_only)
    out = Path(output_dir) / f"{partition.name}.parquet"
    documents = events = words = 0
    buffer: list[dict] = []
    with pq.ParquetWriter(out, EVENT_SCHEMA) as writer:
        for document, mentions in coder.code_documents(read_partition(partition,
                                                                      coder.settings)):
            documents += 1
            words += len(document.text.split())
            published = document.published.isoformat() if document.published else None
            buffer.extend(_record(m) | {"published": published} for m in mentions)
            events += len(mentions)
            if len(buffer) >= chunk_events:
                writer.write_table(pa.Table.from_pylist(buffer, schema=EVENT_SCHEMA))
                buffer = []
        writer.write_table(pa.Table.from_pylist(buffer, schema=EVENT_SCHEMA))
    return str(out), documents, events, words


def _record(mention: EventMention) -> dict:
    return mention.to_record()


def run_batch(inputs: list[str], output_dir: Path, *, engine: str = "local",
              workers: int = 2, scheduler: str | None = None, partition_size: int = 200,
              rules_only: bool = False, settings: Settings | None = None) -> BatchSummary:
    """Code ``inputs`` into Parquet files under ``output_dir`` with the chosen engine."""
    settings = settings or Settings()
    output_dir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    start = time.perf_counter()
    partitions = split_input(inputs, output_dir / "_partitions", settings=settings,
                             partition_size=partition_size, errors=summary.errors)
    summary.partitions = len(partitions)
    if engine == "dask":
        results = _run_dask(partitions, output_dir, workers, scheduler, rules_only)
    elif engine == "local":
        results = [code_partition(p, str(output_dir), rules_only) for p in partitions]
    else:
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    for path, documents, events, words in results:
        summary.outputs.append(Path(path))
        summary.documents += documents
        summary.events += events
        summary.words += words
    summary.seconds = time.perf_counter() - start
    return summary


def _run_dask(partitions: list[Partition], output_dir: Path, workers: int,
              scheduler: str | None, rules_only: bool) -> list[tuple[str, int, int, int]]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    try:
        futures = client.map(code_partition, partitions, output_dir=str(output_dir),
                             rules_only=rules_only, pure=False)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
