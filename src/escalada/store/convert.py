"""Records <-> rows: the only place that knows how a record is laid out in the tables."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from escalada.models import ActorRef, Document, EventMention, SourceInfo
from escalada.models.fusion import Contradiction, FusedEvent, SourceRef
from escalada.store.schema import (
    ContradictionRow,
    DocumentRow,
    FusedEventRow,
    FusedSourceRow,
    MentionRow,
)

__all__ = [
    "canonical_url",
    "contradiction_from_row",
    "document_from_row",
    "document_to_row",
    "fused_from_row",
    "fused_to_row",
    "mention_from_row",
    "mention_to_row",
    "party",
    "UNRESOLVED",
]

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The URL that identifies an article: lower-case scheme and host, no default port, no
    fragment, no tracking parameters, sorted query, no trailing slash."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port and parts.port != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not k.lower().startswith(_TRACKING))
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("https", host, path, urlencode(query), ""))


def document_to_row(document: Document) -> DocumentRow:
    return DocumentRow(
        id=document.id, content_hash=document.content_hash,
        canonical_url=canonical_url(document.url), outlet=document.outlet, url=document.url,
        title=document.title, author=document.author, published=document.published,
        fetched_at=document.fetched_at, language=document.language, text=document.text,
        origin=document.origin, removed_lines=document.removed_lines)


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        id=row.id, text=row.text, title=row.title, outlet=row.outlet, author=row.author,
        url=row.url, published=row.published, language=row.language, origin=row.origin,
        fetched_at=row.fetched_at, removed_lines=row.removed_lines)


def _refs(refs: list[ActorRef]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(ref) for ref in refs]


def _actor_refs(data: list[Any]) -> list[ActorRef]:
    return [ActorRef(**item) for item in data]


def _country(refs: list[ActorRef]) -> str | None:
    return refs[0].country if refs else None


UNRESOLVED = "?"


def party(refs: list[ActorRef]) -> str | None:
    """Block key of one side of a mention: the first country, else the first organisation
    code, else ``"?"`` for an unresolved entity, else ``None`` (no such side). Re-fusion
    treats ``"?"`` and ``None`` alike, so fusion may refine its own keys freely."""
    for attribute in ("country", "code"):
        for ref in refs:
            if value := getattr(ref, attribute):
                return value
    return UNRESOLVED if refs else None


def mention_to_row(mention: EventMention) -> MentionRow:
    return MentionRow(
        id=mention.id, doc_id=mention.doc_id, event_type=mention.event_type,
        mode=mention.mode, context=list(mention.context), aux=list(mention.aux),
        actor=_refs(mention.actor), recipient=_refs(mention.recipient),
        actor_country=_country(mention.actor), recipient_country=_country(mention.recipient),
        actor_party=party(mention.actor), recipient_party=party(mention.recipient),
        date=mention.date, date_precision=mention.date_precision,
        date_inferred=mention.date_inferred, location=mention.location,
        sentence=mention.sentence, sentence_index=mention.sentence_index,
        trigger=mention.trigger, attribution=mention.attribution,
        certainty=mention.certainty, score=mention.score, source_title=mention.source.title,
        source_outlet=mention.source.outlet, source_url=mention.source.url,
        coder_version=mention.coder_version)


def mention_from_row(row: MentionRow) -> EventMention:
    return EventMention(
        id=row.id, doc_id=row.doc_id, event_type=row.event_type, mode=row.mode,
        context=list(row.context), aux=list(row.aux), actor=_actor_refs(row.actor),
        recipient=_actor_refs(row.recipient), date=row.date,
        date_precision=row.date_precision, date_inferred=row.date_inferred,
        location=row.location, sentence=row.sentence, sentence_index=row.sentence_index,
        trigger=row.trigger, attribution=row.attribution, certainty=row.certainty,
        score=row.score, source=SourceInfo(title=row.source_title, outlet=row.source_outlet,
                                           url=row.source_url),
        coder_version=row.coder_version)


def fused_to_row(event: FusedEvent) -> FusedEventRow:
    """The fused event's row with its source and contradiction rows (mentions are linked
    separately by ``fused_id``)."""
    row = FusedEventRow(
        id=event.id, event_type=event.event_type, mode=event.mode, actor=_refs(event.actor),
        recipient=_refs(event.recipient), actor_country=_country(event.actor),
        recipient_country=_country(event.recipient), date=event.date,
        date_precision=event.date_precision, first_reported=event.first_reported,
        n_sources=event.n_sources, aux=list(event.aux), certainty=event.certainty,
        score=event.score, coder_version=event.coder_version)
    seen: set[str] = set()
    for position, source in enumerate(event.sources):
        if source.doc_id in seen:
            continue
        seen.add(source.doc_id)
        row.sources.append(FusedSourceRow(
            doc_id=source.doc_id, position=position, outlet=source.outlet, url=source.url,
            title=source.title, published=source.published, duplicate_of=source.duplicate_of))
    row.contradictions = [ContradictionRow(
        fused_id=event.id, field=c.field, claim_a=c.claim_a, source_a=c.source_a,
        claim_b=c.claim_b, source_b=c.source_b) for c in event.contradictions]
    return row


def contradiction_from_row(row: ContradictionRow) -> Contradiction:
    return Contradiction(fused_id=row.fused_id, field=row.field, claim_a=row.claim_a,
                         source_a=row.source_a, claim_b=row.claim_b, source_b=row.source_b)


def fused_from_row(row: FusedEventRow) -> FusedEvent:
    return FusedEvent(
        id=row.id, event_type=row.event_type, mode=row.mode, actor=_actor_refs(row.actor),
        recipient=_actor_refs(row.recipient), date=row.date,
        date_precision=row.date_precision, first_reported=row.first_reported,
        n_sources=row.n_sources,
        sources=[SourceRef(doc_id=s.doc_id, outlet=s.outlet, url=s.url, title=s.title,
                           published=s.published, duplicate_of=s.duplicate_of)
                 for s in row.sources],
        mentions=[mention_from_row(m) for m in row.mentions], aux=list(row.aux),
        certainty=row.certainty, score=row.score,
        contradictions=[contradiction_from_row(c) for c in row.contradictions],
        coder_version=row.coder_version)
