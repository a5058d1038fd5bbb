"""The unit every ingest iterator yields: a document or the reason there is none."""

from __future__ import annotations

from dataclasses import dataclass

from escalada.errors import EscaladaError
from escalada.models.records import Document

__all__ = ["IngestResult"]


@dataclass(slots=True)
class IngestResult:
    """One input item: ``document`` when it was read, ``error`` when it was refused.

    ``source`` names the item precisely: a path, ``path:line`` for batch records, a URL, or
    ``feed#n`` for feed entries. Exactly one of ``document`` and ``error`` is set.
    """

    source: str
    document: Document | None = None
    error: EscaladaError | None = None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.error is None):
            raise ValueError("IngestResult needs exactly one of document and error")

    @property
    def ok(self) -> bool:
        """True when a document was produced."""
        return self.document is not None

    @property
    def reason(self) -> str | None:
        """The error's short machine-readable reason (``"empty"``, ``"binary"``, ...)."""
        return self.error.reason if self.error is not None else None
