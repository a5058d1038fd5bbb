"""The store: documents, event mentions, fused events and contradictions in SQLite or
PostgreSQL.

Open it with :func:`open_store` (which migrates it to the newest schema), write with
:func:`ingest_sources` or the repository functions, read with :func:`query_events` and
:func:`list_contradictions`. Every function takes the session as a keyword argument.
"""

from escalada.errors import StoreError
from escalada.store.database import DEFAULT_DB, default_url, init_db, make_engine, open_store
from escalada.store.fusing import fusion_available, refuse
from escalada.store.ingest import IngestSummary, fuse_pending, ingest_sources
from escalada.store.repository import (
    add_document,
    add_fused_events,
    add_mentions,
    count_documents,
    get_documents,
    get_mentions,
    iter_events,
    list_contradictions,
    query_events,
    stored_document_id,
)

__all__ = [
    "DEFAULT_DB",
    "IngestSummary",
    "StoreError",
    "add_document",
    "add_fused_events",
    "add_mentions",
    "count_documents",
    "default_url",
    "fuse_pending",
    "fusion_available",
    "get_documents",
    "get_mentions",
    "ingest_sources",
    "init_db",
    "list_contradictions",
    "make_engine",
    "open_store",
    "query_events",
    "refuse",
    "iter_events",
    "stored_document_id",
]
