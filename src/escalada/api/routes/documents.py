"""``/api/documents``: the stored articles (text on the single-document endpoint)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from escalada.api.deps import PageDep, SessionDep
from escalada.api.errors import ApiError
from escalada.api.formats import render_page
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import get_document, page_documents
from escalada.api.schemas import DocumentOut, MentionOut, Page

router = APIRouter(prefix="/api/documents", tags=["documents"])


def _flatten(doc: DocumentOut) -> dict[str, Any]:
    return doc.model_dump(exclude={"text", "mentions"})


@router.get("", response_model=Page[DocumentOut], summary="List documents")
def list_documents(
    session: SessionDep, page: PageDep,
    outlet: Annotated[str | None, Query(max_length=512)] = None,
    since: Annotated[dt.date | None, Query(description="first publication day")] = None,
    until: Annotated[dt.date | None, Query(description="last publication day")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in title or body")]
        = None,
) -> Response:
    after = decode_cursor(page.cursor)
    docs = page_documents(session=session, limit=page.limit + 1,
                          after_id=str(after) if after is not None else None,
                          outlet=outlet, since=since, until=until, q=q)
    more = len(docs) > page.limit
    docs = docs[:page.limit]
    items = [DocumentOut(id=d.id, title=d.title, outlet=d.outlet, author=d.author, url=d.url,
                         published=d.published, language=d.language) for d in docs]
    next_cursor = encode_cursor(docs[-1].id) if more and docs else None
    return render_page(items, page, next_cursor, name="documents", flatten=_flatten)


@router.get("/{doc_id}", response_model=DocumentOut, summary="One document with its mentions")
def read_document(doc_id: str, session: SessionDep) -> DocumentOut:
    found = get_document(session=session, doc_id=doc_id)
    if found is None:
        raise ApiError(404, f"no document {doc_id!r}")
    d, mentions = found
    return DocumentOut(id=d.id, title=d.title, outlet=d.outlet, author=d.author, url=d.url,
                       published=d.published, language=d.language, text=d.text,
                       mentions=[MentionOut.of(m) for m in mentions])
