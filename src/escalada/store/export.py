"""Fused events and contradictions as records: JSON Lines, CSV or Parquet.

:func:`fused_record` is the JSON-ready record of the output contract (the event fields plus
``n_sources``, ``sources[]``, ``mentions[]``, ``first_reported``, ``contradictions[]``); CSV
flattens it to one row per fused event, Parquet keeps the nesting with a fixed schema.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from escalada.models.fusion import Contradiction, FusedEvent

__all__ = [
    "CONTRADICTION_COLUMNS",
    "EVENT_CSV_COLUMNS",
    "contradiction_record",
    "fused_record",
    "write_contradictions",
    "write_events",
    "write_events_parquet",
]

EVENT_CSV_COLUMNS = [
    "id", "event_type", "mode", "actor_name", "actor_country", "actor_sector",
    "recipient_name", "recipient_country", "recipient_sector", "date", "date_precision",
    "first_reported", "n_sources", "source_doc_ids", "source_outlets", "mention_ids",
    "n_contradictions", "aux", "certainty", "score", "sentence", "coder_version",
]
CONTRADICTION_COLUMNS = ["fused_id", "field", "claim_a", "source_a", "claim_b", "source_b"]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def contradiction_record(contradiction: Contradiction) -> dict[str, Any]:
    return dataclasses.asdict(contradiction)


def fused_record(event: FusedEvent) -> dict[str, Any]:
    """The JSON-ready record of one fused event."""
    return {
        "id": event.id, "event_type": event.event_type, "mode": event.mode,
        "actor": [dataclasses.asdict(a) for a in event.actor],
        "recipient": [dataclasses.asdict(r) for r in event.recipient],
        "date": _iso(event.date), "date_precision": event.date_precision,
        "first_reported": _iso(event.first_reported), "n_sources": event.n_sources,
        "sources": [{**dataclasses.asdict(s), "published": _iso(s.published)}
                    for s in event.sources],
        "mentions": [m.to_record() for m in event.mentions],
        "contradictions": [contradiction_record(c) for c in event.contradictions],
        "aux": list(event.aux), "certainty": event.certainty, "score": event.score,
        "coder_version": event.coder_version,
        "corroborated_by": list(event.corroborated_by),
        "contradicted_by": list(event.contradicted_by),
    }


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row = {key: record.get(key) for key in EVENT_CSV_COLUMNS}
    for role in ("actor", "recipient"):
        first = record[role][0] if record[role] else {}
        for part in ("name", "country", "sector"):
            row[f"{role}_{part}"] = first.get(part) or (first.get("text") if part == "name"
                                                        else None)
    row["source_doc_ids"] = ";".join(s["doc_id"] for s in record["sources"])
    row["source_outlets"] = ";".join(s["outlet"] or "" for s in record["sources"])
    row["mention_ids"] = ";".join(m["id"] for m in record["mentions"])
    row["n_contradictions"] = len(record["contradictions"])
    row["aux"] = ";".join(record["aux"])
    row["sentence"] = record["mentions"][0]["sentence"] if record["mentions"] else None
    return row


def write_events(events: Iterable[FusedEvent], stream: TextIO, fmt: str) -> int:
    """Write fused events as ``jsonl`` or ``csv``; returns how many."""
    writer = csv.DictWriter(stream, fieldnames=EVENT_CSV_COLUMNS) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    count = 0
    for event in events:
        record = fused_record(event)
        if writer is not None:
            writer.writerow(_flat(record))
        else:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    stream.flush()
    return count


def write_contradictions(contradictions: Iterable[Contradiction], stream: TextIO,
                         fmt: str) -> int:
    """Write contradictions as ``jsonl`` or ``csv``; returns how many."""
    writer = csv.DictWriter(stream, fieldnames=CONTRADICTION_COLUMNS) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    count = 0
    for contradiction in contradictions:
        record = contradiction_record(contradiction)
        if writer is not None:
            writer.writerow(record)
        else:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    stream.flush()
    return count


def _parquet_schema():  # noqa: ANN202 - pyarrow is imported lazily
    import pyarrow as pa

    string = pa.string()
    actor = pa.list_(pa.struct([(n, string) for n in ("text", "name", "country", "sector",
                                                      "code")]))
    source = pa.list_(pa.struct([(n, string) for n in ("doc_id", "outlet", "url", "title",
                                                       "published", "duplicate_of")]))
    contradiction = pa.list_(pa.struct([(n, string) for n in CONTRADICTION_COLUMNS]))
    mention = pa.list_(pa.struct([
        ("id", string), ("doc_id", string), ("event_type", string), ("mode", string),
        ("date", string), ("date_precision", string), ("sentence", string),
        ("trigger", string), ("attribution", string), ("certainty", pa.float64()),
        ("score", pa.float64()), ("aux", pa.list_(string)), ("coder_version", string)]))
    return pa.schema([
        ("id", string), ("event_type", string), ("mode", string), ("actor", actor),
        ("recipient", actor), ("date", string), ("date_precision", string),
        ("first_reported", string), ("n_sources", pa.int64()), ("sources", source),
        ("mentions", mention), ("contradictions", contradiction), ("aux", pa.list_(string)),
        ("certainty", pa.float64()), ("score", pa.float64()), ("coder_version", string),
        ("corroborated_by", pa.list_(string)), ("contradicted_by", pa.list_(string))])


def write_events_parquet(events: Iterable[FusedEvent], path: Path,
                         batch_size: int = 1000) -> int:
    """Write fused events to a Parquet file (nested columns), in row groups of
    ``batch_size``; returns how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    mention_fields = {f.name for f in schema.field("mentions").type.value_type}
    count, batch = 0, []
    with pq.ParquetWriter(str(path), schema) as writer:
        for event in events:
            record = fused_record(event)
            record["mentions"] = [{k: v for k, v in m.items() if k in mention_fields}
                                  for m in record["mentions"]]
            batch.append(record)
            count += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count
