"""``/api/contradictions``: details on which sources of a fused event disagree."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from escalada.api.deps import PageDep, SessionDep
from escalada.api.errors import ApiError
from escalada.api.formats import render_page
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import page_contradictions
from escalada.api.schemas import ContradictionOut, Page

router = APIRouter(prefix="/api/contradictions", tags=["contradictions"])


def _flatten(item: ContradictionOut) -> dict[str, Any]:
    return item.model_dump()


@router.get("", response_model=Page[ContradictionOut], summary="List contradictions")
def list_contradictions(
    session: SessionDep, page: PageDep,
    event: Annotated[str | None, Query(max_length=64, description="fused event id")] = None,
    field: Annotated[str | None, Query(max_length=64, description="e.g. number, date")]
        = None,
) -> Response:
    after = decode_cursor(page.cursor)
    if after is not None and not isinstance(after, int):
        raise ApiError(422, "invalid cursor: pass the next_cursor of a previous page")
    rows = page_contradictions(session=session, limit=page.limit + 1, after_id=after,
                               fused_id=event, field=field)
    more = len(rows) > page.limit
    rows = rows[:page.limit]
    items = [ContradictionOut(id=row_id, fused_id=c.fused_id, field=c.field, claim_a=c.claim_a,
                              source_a=c.source_a, claim_b=c.claim_b, source_b=c.source_b)
             for row_id, c in rows]
    next_cursor = encode_cursor(rows[-1][0]) if more and rows else None
    return render_page(items, page, next_cursor, name="contradictions", flatten=_flatten)
