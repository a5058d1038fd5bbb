"""Cutting batch input into partitions that workers code independently.

A partition is a small JSONL file of documents. Inputs that are already partitioned (a
directory of ``.jsonl``/``.parquet`` files, as a cluster job would have) are used as they are;
a single large JSONL or CSV is streamed once and written out in chunks, so the driver never
holds the corpus in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from escalada.errors import InputError
from escalada.ingest import iter_documents
from escalada.ingest.batch import record_to_document
from escalada.models import Document
from escalada.settings import Settings

__all__ = ["Partition", "split_input", "read_partition"]

DOCUMENT_FIELDS = ("id", "text", "title", "url", "outlet", "author", "published",
                   "actor_text", "recipient_text")


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    path: Path

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def _document_record(document: Document) -> dict:
    record = {name: getattr(document, name) for name in DOCUMENT_FIELDS}
    record["published"] = document.published.isoformat() if document.published else None
    return record


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def split_input(inputs: list[str], workdir: Path, *, settings: Settings,
                partition_size: int = 200, errors: list[str] | None = None
                ) -> list[Partition]:
    """Partitions for ``inputs``: existing partition files, or chunks written to ``workdir``."""
    paths = [Path(i) for i in inputs]
    files = sorted(p for path in paths for p in (path.rglob("*") if path.is_dir() else [path])
                   if p.suffix in {".jsonl", ".parquet"} and p.is_file())
    if len(files) > 1 and all(p.suffix in {".jsonl", ".parquet"} for p in files):
        return [Partition(n, p) for n, p in enumerate(files)]
    workdir.mkdir(parents=True, exist_ok=True)
    partitions = []

    def documents() -> Iterator[Document]:
        for result in iter_documents(inputs, settings):
            if result.document is not None:
                yield result.document
            elif errors is not None and result.error is not None:
                errors.append(str(result.error))

    for index, chunk in enumerate(_chunks(documents(), partition_size)):
        path = workdir / f"part-{index:05d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for document in chunk:
                handle.write(json.dumps(_document_record(document), ensure_ascii=False) + "\n")
        partitions.append(Partition(index, path))
    return partitions


def read_partition(partition: Partition, settings: Settings) -> Iterator[Document]:
    """The documents of one partition (JSONL through ingest, Parquet by its columns)."""
    if partition.path.suffix == ".parquet":
        table = pq.read_table(partition.path)
        columns = [c for c in DOCUMENT_FIELDS if c in table.column_names]
        for row in table.select(columns).to_pylist():
            yield from _records_to_documents([row], settings, str(partition.path))
        return
    for result in iter_documents([str(partition.path)], settings):
        if result.document is not None:
            yield result.document


def _records_to_documents(rows: list[dict], settings: Settings, origin: str
                          ) -> Iterator[Document]:
    for n, row in enumerate(rows):
        try:
            yield record_to_document(row, origin=f"{origin}:{n}",
                                     max_bytes=settings.max_document_bytes)
        except InputError:
            continue
