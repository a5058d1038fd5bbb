"""Typed records that cross stage boundaries (see ARCHITECTURE.md)."""

from escalada.models.fusion import Contradiction, FusedEvent, SourceRef
from escalada.models.records import (
    AUX_MODES,
    DATE_PRECISIONS,
    ActorRef,
    Document,
    EventMention,
    ParsedDocument,
    ParsedSentence,
    SourceInfo,
)

__all__ = [
    "AUX_MODES",
    "DATE_PRECISIONS",
    "ActorRef",
    "Contradiction",
    "FusedEvent",
    "SourceRef",
    "Document",
    "EventMention",
    "ParsedDocument",
    "ParsedSentence",
    "SourceInfo",
]
