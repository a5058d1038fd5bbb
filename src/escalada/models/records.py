"""The records stages exchange: documents in, event mentions out.

They are plain dataclasses so that they pickle cheaply across processes and serialise with
:func:`dataclasses.asdict`; the JSON contract for :class:`EventMention` lives in
``escalada/schemas/event.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is only needed by the stages that parse
    from spacy.tokens import Span

AUX_MODES = ("historical", "future", "hypothetical", "negation")
DATE_PRECISIONS = ("day", "week", "month", "year", "none")


def content_hash(text: str) -> str:
    """Hash of whitespace-normalised, case-folded text: the identity of an article's content."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """One article as ingest hands it on: clean text plus provenance, no HTML, no bytes."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    origin: str | None = None
    """Where it came from: a file path, URL or ``feed-url#item``."""
    fetched_at: dt.datetime | None = None
    actor_text: str | None = None
    """Gold-style input: the actor span to code (JSONL ``actor_text``)."""
    recipient_text: str | None = None
    removed_lines: int = 0
    """How many boilerplate lines ingest removed."""

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class ParsedSentence:
    """A sentence of a parsed document; ``span`` is the spaCy span it came from."""

    doc_id: str
    index: int
    text: str
    start_char: int
    span: Span | None = field(default=None, repr=False, compare=False)


@dataclass(slots=True)
class ParsedDocument:
    document: Document
    sentences: list[ParsedSentence]


@dataclass(slots=True)
class ActorRef:
    """A resolved actor or recipient: the text as written and the canonical entity."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    """Organisation code for non-state actors such as IGOs (PLOVER's ``UNO``, ``NATO``)."""

    @property
    def resolved(self) -> bool:
        return bool(self.country or self.code or self.sector)


@dataclass(slots=True)
class SourceInfo:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(slots=True)
class EventMention:
    """One PLOVER event as reported in one sentence of one document."""

    id: str
    doc_id: str
    event_type: str
    mode: str | None
    context: list[str]
    aux: list[str]
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: dt.date | None
    date_precision: str
    date_inferred: bool
    location: str | None
    sentence: str
    sentence_index: int
    trigger: str
    attribution: str | None
    certainty: float
    score: float
    source: SourceInfo
    coder_version: str

    @property
    def is_factual(self) -> bool:
        """Reported as having happened: no negation, future or hypothetical mode."""
        return not {"negation", "future", "hypothetical"} & set(self.aux)

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready record of the output contract."""
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        record["inferred"] = record.pop("date_inferred")
        return record


def event_id(doc_id: str, sentence_index: int, event_index: int) -> str:
    """Deterministic event id from document id, sentence index and event index."""
    key = f"{doc_id}\x1f{sentence_index}\x1f{event_index}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
