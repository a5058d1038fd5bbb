"""Event and fused-event records as Arrow rows, and back.

Batch fusion keeps mentions as Arrow tables between stages (compact, and they cross process
boundaries cheaply) and turns them into :class:`EventMention` / :class:`FusedEvent` objects
only inside one block, where the fusion and escalation functions need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from escalada.batch.run import EVENT_SCHEMA
from escalada.fusion import DocumentInfo
from escalada.models import ActorRef, EventMention, FusedEvent
from escalada.models.fusion import Contradiction, SourceRef
from escalada.models.records import SourceInfo

__all__ = ["FUSED_SCHEMA", "document_infos", "fused_from_row", "fused_row",
           "mention_from_row", "read_rows"]

_ACTOR = EVENT_SCHEMA.field("actor").type
_SOURCE = pa.struct([("doc_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
                     ("title", pa.string()), ("published", pa.date32()),
                     ("duplicate_of", pa.string())])
_CONTRADICTION = pa.struct([(name, pa.string()) for name in
                            ("fused_id", "field", "claim_a", "source_a", "claim_b",
                             "source_b")])
FUSED_SCHEMA = pa.schema([
    ("id", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("actor", _ACTOR), ("recipient", _ACTOR), ("date", pa.date32()),
    ("date_precision", pa.string()), ("first_reported", pa.date32()),
    ("n_sources", pa.int32()), ("sources", pa.list_(_SOURCE)),
    ("mentions", pa.list_(pa.struct(list(EVENT_SCHEMA)))), ("aux", pa.list_(pa.string())),
    ("certainty", pa.float64()), ("score", pa.float64()),
    ("contradictions", pa.list_(_CONTRADICTION)), ("coder_version", pa.string()),
])
"""One fused event per row; ``mentions`` holds the member event records in full."""


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _refs(rows: Iterable[Mapping[str, Any]] | None) -> list[ActorRef]:
    return [ActorRef(**row) for row in rows or ()]


def mention_from_row(row: Mapping[str, Any]) -> EventMention:
    """The :class:`EventMention` of one batch event record (``EventMention.to_record``)."""
    source = row.get("source") or {}
    return EventMention(
        id=row["id"], doc_id=row["doc_id"], event_type=row["event_type"], mode=row["mode"],
        context=list(row["context"] or ()), aux=list(row["aux"] or ()),
        actor=_refs(row["actor"]), recipient=_refs(row["recipient"]), date=_day(row["date"]),
        date_precision=row["date_precision"], date_inferred=bool(row["inferred"]),
        location=row["location"], sentence=row["sentence"],
        sentence_index=row["sentence_index"], trigger=row["trigger"],
        attribution=row["attribution"], certainty=row["certainty"], score=row["score"],
        source=SourceInfo(**source), coder_version=row["coder_version"])


def document_infos(rows: Iterable[Mapping[str, Any]]) -> dict[str, DocumentInfo]:
    """What fusion knows of each document, from the records of its mentions."""
    infos: dict[str, DocumentInfo] = {}
    for row in rows:
        if row["doc_id"] not in infos:
            source = row.get("source") or {}
            infos[row["doc_id"]] = DocumentInfo(
                doc_id=row["doc_id"], outlet=source.get("outlet"), url=source.get("url"),
                title=source.get("title"), published=_day(row.get("published")))
    return infos


def fused_row(event: FusedEvent, documents: Mapping[str, DocumentInfo]) -> dict[str, Any]:
    """The :data:`FUSED_SCHEMA` row of a fused event."""
    def mention_record(mention: EventMention) -> dict[str, Any]:
        info = documents.get(mention.doc_id)
        published = info.published.isoformat() if info and info.published else None
        return _mention_record(mention) | {"published": published}

    return {
        "id": event.id, "event_type": event.event_type, "mode": event.mode,
        "actor": [_ref_record(r) for r in event.actor],
        "recipient": [_ref_record(r) for r in event.recipient],
        "date": event.date, "date_precision": event.date_precision,
        "first_reported": event.first_reported, "n_sources": event.n_sources,
        "sources": [_source_record(s) for s in event.sources],
        "mentions": [mention_record(m) for m in event.mentions], "aux": list(event.aux),
        "certainty": event.certainty, "score": event.score,
        "contradictions": [_contradiction_record(c) for c in event.contradictions],
        "coder_version": event.coder_version,
    }


def _mention_record(m: EventMention) -> dict[str, Any]:
    """``EventMention.to_record()`` without ``dataclasses.asdict`` (the same values)."""
    source = m.source
    return {
        "id": m.id, "doc_id": m.doc_id, "event_type": m.event_type, "mode": m.mode,
        "context": list(m.context), "aux": list(m.aux),
        "actor": [_ref_record(r) for r in m.actor],
        "recipient": [_ref_record(r) for r in m.recipient],
        "date": m.date.isoformat() if m.date else None, "date_precision": m.date_precision,
        "location": m.location, "sentence": m.sentence, "sentence_index": m.sentence_index,
        "trigger": m.trigger, "attribution": m.attribution, "certainty": m.certainty,
        "score": m.score,
        "source": {"title": source.title, "outlet": source.outlet, "url": source.url},
        "coder_version": m.coder_version, "inferred": m.date_inferred,
    }


def _ref_record(ref: ActorRef) -> dict[str, Any]:
    return {"text": ref.text, "name": ref.name, "country": ref.country, "sector": ref.sector,
            "code": ref.code}


def _source_record(source: SourceRef) -> dict[str, Any]:
    return {"doc_id": source.doc_id, "outlet": source.outlet, "url": source.url,
            "title": source.title, "published": source.published,
            "duplicate_of": source.duplicate_of}


def _contradiction_record(c: Contradiction) -> dict[str, Any]:
    return {"fused_id": c.fused_id, "field": c.field, "claim_a": c.claim_a,
            "source_a": c.source_a, "claim_b": c.claim_b, "source_b": c.source_b}


def fused_from_row(row: Mapping[str, Any]) -> FusedEvent:
    """The :class:`FusedEvent` of one :data:`FUSED_SCHEMA` row."""
    return FusedEvent(
        id=row["id"], event_type=row["event_type"], mode=row["mode"],
        actor=_refs(row["actor"]), recipient=_refs(row["recipient"]), date=row["date"],
        date_precision=row["date_precision"], first_reported=row["first_reported"],
        n_sources=row["n_sources"], sources=[SourceRef(**s) for s in row["sources"]],
        mentions=[mention_from_row(m) for m in row["mentions"]], aux=list(row["aux"] or ()),
        certainty=row["certainty"], score=row["score"],
        contradictions=[Contradiction(**c) for c in row["contradictions"] or ()],
        coder_version=row["coder_version"] or "")


def read_rows(paths: Iterable[Path], schema: pa.Schema | None = None
              ) -> Iterator[dict[str, Any]]:
    """Rows of Parquet files, one record batch at a time (columns missing from older files,
    such as ``published``, read as None)."""
    for path in paths:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=2048):
            names = batch.schema.names
            missing = [f.name for f in schema if f.name not in names] if schema else []
            for row in batch.to_pylist():
                yield row | dict.fromkeys(missing) if missing else row
