"""Hand-made fused events for the escalation tests."""

from __future__ import annotations

import datetime as dt
import hashlib

from escalada.models import ActorRef, EventMention, FusedEvent, SourceInfo, SourceRef

DAY = dt.date(2026, 3, 1)


def country(code: str) -> ActorRef:
    return ActorRef(text=code, name=code, country=code, sector="GOV")


def event(event_type: str = "ACCUSE", *, actor: str | None = "USA",
          recipient: str | None = "VEN", day: dt.date | None = DAY, score: float = -3.0,
          mode: str | None = None, aux: tuple[str, ...] = (), certainty: float = 1.0,
          n_sources: int = 1, sentence: str = "", context: tuple[str, ...] = (),
          docs: tuple[str, ...] = ("d1",), key: str = "") -> FusedEvent:
    ident = hashlib.sha1(f"{event_type}{actor}{recipient}{day}{sentence}{key}{docs}"
                         .encode()).hexdigest()[:16]
    mentions = [EventMention(
        id=f"{ident}-{i}", doc_id=doc_id, event_type=event_type, mode=mode,
        context=list(context), aux=list(aux),
        actor=[country(actor)] if actor else [], recipient=[country(recipient)] if recipient
        else [], date=day, date_precision="day", date_inferred=False, location=None,
        sentence=sentence or f"{actor} {event_type.lower()} {recipient}.", sentence_index=0,
        trigger=event_type.lower(), attribution=None, certainty=certainty, score=score,
        source=SourceInfo(outlet=f"outlet-{doc_id}"), coder_version="test")
        for i, doc_id in enumerate(docs)]
    sources = [SourceRef(doc_id=d, outlet=f"outlet-{d}", url=f"https://example.org/{d}",
                         title=None, published=day) for d in docs]
    return FusedEvent(id=ident, event_type=event_type, mode=mode,
                      actor=[country(actor)] if actor else [],
                      recipient=[country(recipient)] if recipient else [], date=day,
                      date_precision="day", first_reported=day, n_sources=n_sources,
                      sources=sources, mentions=mentions, aux=list(aux), certainty=certainty,
                      score=score)


def days(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)
