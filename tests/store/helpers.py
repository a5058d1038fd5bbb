"""Records written for the store tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from escalada.models import ActorRef, Document, EventMention, SourceInfo
from escalada.models.fusion import Contradiction, FusedEvent, SourceRef
from escalada.models.records import event_id

COUNTRY_NAMES = {"USA": "United States", "VEN": "Venezuela", "COL": "Colombia",
                 "BRA": "Brazil"}


def document(doc_id: str, text: str | None = None, *, url: str | None = None,
             outlet: str = "Wire", published: dt.date | None = dt.date(2025, 11, 28)
             ) -> Document:
    return Document(id=doc_id, text=text or f"Article {doc_id} about the crisis.",
                    title=f"Title {doc_id}", outlet=outlet, url=url, published=published,
                    language="en", origin=f"{doc_id}.txt")


def actor(country: str | None) -> list[ActorRef]:
    if country is None:
        return [ActorRef(text="someone")]
    return [ActorRef(text=COUNTRY_NAMES[country], name=COUNTRY_NAMES[country],
                     country=country)]


def mention(doc: Document, index: int = 0, *, event_type: str = "THREATEN",
            actor_country: str | None = "USA", recipient_country: str | None = "VEN",
            date: dt.date | None = dt.date(2025, 11, 27)) -> EventMention:
    return EventMention(
        id=event_id(doc.id, index, 0), doc_id=doc.id, event_type=event_type, mode=None,
        context=["military"], aux=[], actor=actor(actor_country),
        recipient=actor(recipient_country) if recipient_country else [], date=date,
        date_precision="day" if date else "none", date_inferred=False, location=None,
        sentence=f"Sentence {index} of {doc.id}.", sentence_index=index, trigger="warned",
        attribution=None, certainty=0.9, score=-4.0,
        source=SourceInfo(title=doc.title, outlet=doc.outlet, url=doc.url),
        coder_version="test-1")


def fused(fused_id: str, mentions: list[EventMention], documents: list[Document], *,
          contradictions: tuple[Contradiction, ...] = ()) -> FusedEvent:
    first = mentions[0]
    return FusedEvent(
        id=fused_id, event_type=first.event_type, mode=first.mode, actor=first.actor,
        recipient=first.recipient, date=first.date, date_precision=first.date_precision,
        first_reported=min(d.published for d in documents if d.published),
        n_sources=len({d.outlet for d in documents}),
        sources=[SourceRef(doc_id=d.id, outlet=d.outlet, url=d.url, title=d.title,
                           published=d.published) for d in documents],
        mentions=mentions, certainty=first.certainty, score=first.score,
        contradictions=list(contradictions), coder_version="test-1")
