"""Hand-made mentions and documents for the fusion tests (no article text)."""

from __future__ import annotations

import datetime as dt

from escalada.fusion import DocumentInfo
from escalada.models.records import ActorRef, EventMention, SourceInfo, event_id

DAY = dt.date(2025, 3, 10)


def ref(text: str, name: str | None = None, country: str | None = None,
        sector: str | None = "GOV") -> ActorRef:
    return ActorRef(text=text, name=name, country=country, sector=sector)


RUSSIA = ref("Russian forces", "Russia military", "RUS", "MIL")
UKRAINE = ref("a Ukrainian town", "Ukraine", "UKR", None)
POLAND = ref("a Polish village", "Poland", "POL", None)


def mention(doc_id: str, *, event_type: str = "ASSAULT", mode: str | None = "aerial",
            actor: ActorRef | None = RUSSIA, recipient: ActorRef | None = UKRAINE,
            date: dt.date | None = DAY, precision: str = "day", inferred: bool = False,
            sentence: str = "Russian forces struck a Ukrainian town with missiles.",
            trigger: str = "struck", aux: tuple[str, ...] = (), certainty: float = 0.6,
            score: float = -9.0, index: int = 0, event_index: int = 0) -> EventMention:
    return EventMention(
        id=event_id(doc_id, index, event_index), doc_id=doc_id, event_type=event_type,
        mode=mode, context=["military"], aux=list(aux),
        actor=[actor] if actor else [], recipient=[recipient] if recipient else [],
        date=date, date_precision=precision if date else "none", date_inferred=inferred,
        location=None, sentence=sentence, sentence_index=index, trigger=trigger,
        attribution=None, certainty=certainty, score=score, source=SourceInfo(),
        coder_version="test")


def doc(doc_id: str, outlet: str | None, published: dt.date | None = DAY) -> DocumentInfo:
    return DocumentInfo(doc_id=doc_id, outlet=outlet, url=f"https://example.org/{doc_id}",
                        title=None, published=published)


def docs(*infos: DocumentInfo) -> dict[str, DocumentInfo]:
    return {info.doc_id: info for info in infos}
