"""``/api/actors``: canonical actors seen in the store; country aliases (token needed)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from escalada.api.aliases import DEFAULT_ALIASES_FILE, country_name, set_country_aliases
from escalada.api.deps import PageDep, SessionDep, country_code, require_token
from escalada.api.errors import ApiError
from escalada.api.formats import render_page
from escalada.api.pagination import decode_cursor, encode_cursor
from escalada.api.queries import find_actor, list_actors
from escalada.api.schemas import ActorOut, AliasesIn, AliasesOut, Page

router = APIRouter(prefix="/api/actors", tags=["actors"])


def _flatten(item: ActorOut) -> dict[str, Any]:
    return item.model_dump()


@router.get("", response_model=Page[ActorOut], summary="List actors")
def list_all(
    session: SessionDep, page: PageDep,
    country: Annotated[str | None, Query(description="ISO3 country")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the name")] = None,
) -> Response:
    after = decode_cursor(page.cursor)
    rows = list_actors(session=session, limit=page.limit + 1,
                       after_key=str(after) if after is not None else None,
                       country=country_code(country, "country"), q=q)
    more = len(rows) > page.limit
    rows = rows[:page.limit]
    items = [ActorOut(id=a.id, name=a.name, country=a.country, sector=a.sector, code=a.code)
             for _key, a in rows]
    next_cursor = encode_cursor(rows[-1][0]) if more and rows else None
    return render_page(items, page, next_cursor, name="actors", flatten=_flatten)


def _is_country_id(ident: str) -> bool:
    return len(ident) == 3 and ident.isalpha()


@router.get("/{actor_id}", response_model=ActorOut, summary="One actor (id or ISO3 code)")
def read_actor(actor_id: str, session: SessionDep) -> ActorOut:
    if _is_country_id(actor_id):
        code = country_code(actor_id, "actor_id")
        assert code
        return ActorOut(id=code, name=country_name(code), country=code, sector=None,
                        code=None)
    actor = find_actor(session=session, ident=actor_id)
    if actor is None:
        raise ApiError(404, f"no actor {actor_id!r}")
    return ActorOut(id=actor.id, name=actor.name, country=actor.country, sector=actor.sector,
                    code=actor.code)


@router.put("/{actor_id}/aliases", response_model=AliasesOut,
            dependencies=[Depends(require_token)], summary="Replace a country's aliases",
            responses={401: {"description": "missing or wrong bearer token"}})
def put_aliases(actor_id: str, body: AliasesIn, request: Request) -> AliasesOut:
    """Write the aliases of a country actor (ISO3 id) to the operator's aliases file.

    INTEGRATION POINT: aliases of people and organisations need the resolver's record
    format for them (terms, roles); only countries are editable for now."""
    if not _is_country_id(actor_id):
        raise ApiError(422, "aliases can be edited for country actors (ISO3 ids) only")
    code = country_code(actor_id, "actor_id")
    assert code
    settings = request.app.state.api_settings
    path = settings.aliases_file or DEFAULT_ALIASES_FILE
    aliases = set_country_aliases(path, code, body.aliases)
    return AliasesOut(id=code, name=country_name(code), aliases=aliases, file=str(path),
                      notice="applies to documents coded after the file is listed in "
                             "ESCALADA_ACTOR_FILES")
