"""Ingest into the store: read sources, code new documents, store each with its mentions in
one transaction, then fuse the blocks the new mentions touch.

Idempotent (a document already stored, by id, content hash or canonical URL, is neither
coded nor written again), transactional per document (a crash leaves whole documents only)
and streaming (documents flow from :func:`escalada.ingest.iter_documents` through the coder
to the database one at a time). A run killed before fusion is repaired by the next one:
fusion always picks up every mention that has no fused event yet.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from escalada.ingest import IngestResult, iter_documents
from escalada.models import Document, EventMention
from escalada.settings import Settings
from escalada.store.database import write_session
from escalada.store.fusing import fusion_available, lock_fusion, refuse
from escalada.store.repository import add_document, add_mentions, stored_document_id
from escalada.store.schema import DocumentRow, IngestRunRow, MentionRow

__all__ = ["Coder", "IngestSummary", "fuse_pending", "ingest_sources"]

FUSION_CHUNK = 500
#: the ``skipped`` reason of documents the coder left out because coding them raised
CODING_FAILED = "coding failed"


class Coder(Protocol):
    """What ingest needs of :class:`escalada.pipeline.EventCoder`."""

    def code_documents(self, documents: Iterable[Document]
                       ) -> Iterator[tuple[Document, list[EventMention]]]: ...


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    new_documents: int = 0
    already_stored: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    fused_events: int = 0
    run_id: int | None = None

    def line(self) -> str:
        """``2 new documents, 0 already stored, 1 skipped: 1 empty``."""
        noun = "document" if self.new_documents == 1 else "documents"
        text = f"{self.new_documents} new {noun}, {self.already_stored} already stored"
        total = sum(self.skipped.values())
        text += f", {total} skipped"
        if total:
            text += ": " + ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
        return text


def ingest_sources(
    sources: Iterable[str],
    *,
    session_factory: sessionmaker[Session],
    settings: Settings,
    coder: Coder,
    published: dt.date | None = None,
    outlet: str | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_skip: Callable[[IngestResult], None] | None = None,
    window_days: int = 3,
) -> IngestSummary:
    """Ingest ``sources`` into the store; see the module docstring for the guarantees.

    ``progress`` is called after every document read; ``on_skip`` with every refused input.
    An exception from the coder or the database ends the run (marked ``failed``) after the
    documents before it were stored. A document the coder leaves out (its coding raised; the
    coder logs it) is counted under ``skipped`` as ``coding failed`` and is not stored, so a
    later run tries it again.
    """
    sources = [str(s) for s in sources]
    summary = IngestSummary(run_id=_start_run(session_factory, sources, coder))
    duplicates = _Duplicates(session_factory)
    coding_failures = _CodingFailures(coder, summary)

    def new_documents() -> Iterator[Document]:
        for result in iter_documents(sources, settings, published=published, outlet=outlet):
            if result.document is None:
                summary.skipped[result.reason or "error"] += 1
                if on_skip is not None:
                    on_skip(result)
            elif _is_stored(session_factory, result.document):
                summary.already_stored += 1
            else:
                yield result.document
                continue
            if progress is not None:
                progress(summary)

    try:
        for document, mentions in coder.code_documents(new_documents()):
            _store_one(session_factory, document, mentions, summary, duplicates)
            coding_failures.count()
            if progress is not None:
                progress(summary)
        coding_failures.count()
        summary.fused_events = fuse_pending(session_factory=session_factory,
                                            window_days=window_days)
    except BaseException as exc:
        coding_failures.count()
        _finish_run(session_factory, summary, status="failed", error=repr(exc))
        raise
    _finish_run(session_factory, summary, status="done")
    return summary


class _CodingFailures:
    """The documents the coder left out during this run, from its ``stats.failed`` (a coder
    without one leaves none out), kept in the summary's ``skipped``."""

    def __init__(self, coder: Coder, summary: IngestSummary) -> None:
        self.stats, self.summary = getattr(coder, "stats", None), summary
        self.before = self._failed()

    def _failed(self) -> int:
        return int(getattr(self.stats, "failed", 0))

    def count(self) -> None:
        failed = self._failed() - self.before
        if failed:
            self.summary.skipped[CODING_FAILED] = failed


class _Duplicates:
    """Fusion's near-duplicate index over the stored documents, built on first use from
    their persisted signatures (about 1 kB per document); inactive without fusion."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory
        self.index: Any = None
        self.active = fusion_available()

    def check(self, document: Document) -> tuple[str | None, bytes | None]:
        """``(canonical id or None, signature)`` of a new document."""
        if not self.active:
            return None, None
        if self.index is None:
            self.index = self._load()
        canonical = self.index.add(document.id, document.text)
        return canonical, self.index.signature_of(document.id)

    def _load(self) -> Any:
        from escalada.fusion import DuplicateIndex

        index = DuplicateIndex()
        with self.session_factory() as session:
            rows = session.execute(select(DocumentRow.id, DocumentRow.signature).order_by(
                DocumentRow.ingested_at, DocumentRow.id).execution_options(yield_per=1000))
            for doc_id, signature in rows:
                index.add_signature(doc_id, signature)
        return index


def _is_stored(session_factory: sessionmaker[Session], document: Document) -> bool:
    with session_factory() as session:
        return stored_document_id(session=session, document=document) is not None


def _store_one(session_factory: sessionmaker[Session], document: Document,
               mentions: list[EventMention], summary: IngestSummary,
               duplicates: _Duplicates) -> None:
    """The document, its mentions and the run's progress: one transaction."""
    canonical, signature = duplicates.check(document)
    with write_session(session_factory) as session:
        if not add_document(session=session, document=document, duplicate_of=canonical,
                            signature=signature):
            summary.already_stored += 1
            return
        added = add_mentions(session=session, mentions=mentions)
        run = session.get(IngestRunRow, summary.run_id)
        if run is not None:
            run.new_documents += 1
            run.last_source = document.origin
    summary.new_documents += 1
    summary.mentions += added


def fuse_pending(*, session_factory: sessionmaker[Session], window_days: int = 3) -> int:
    """Fuse the blocks of every mention without a fused event, a chunk per transaction;
    returns the number of fused events written."""
    written, after = 0, ""
    while True:
        with write_session(session_factory) as session:
            lock_fusion(session)
            ids = list(session.scalars(
                select(MentionRow.id).where(MentionRow.fused_id.is_(None), MentionRow.id > after)
                .order_by(MentionRow.id).limit(FUSION_CHUNK)))
            if not ids:
                return written
            written += refuse(session=session, mention_ids=ids, window_days=window_days)
        after = ids[-1]


def _start_run(session_factory: sessionmaker[Session], sources: list[str],
               coder: Coder) -> int:
    with write_session(session_factory) as session:
        run = IngestRunRow(sources=sources, coder_version=getattr(coder, "version", None),
                           skipped={})
        session.add(run)
        session.flush()
        return run.id


def _finish_run(session_factory: sessionmaker[Session], summary: IngestSummary, *,
                status: str, error: str | None = None) -> None:
    with write_session(session_factory) as session:
        run = session.get(IngestRunRow, summary.run_id)
        if run is None:
            return
        run.status, run.error = status, error
        run.finished_at = dt.datetime.now(dt.UTC)
        run.new_documents = summary.new_documents
        run.already_stored = summary.already_stored
        run.skipped = dict(summary.skipped)
