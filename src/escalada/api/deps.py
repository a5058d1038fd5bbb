"""Dependencies shared by the routes: the session, the write token, the common filters and
the page parameters (the same on every list endpoint)."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from escalada.api.config import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ApiSettings
from escalada.api.errors import ApiError
from escalada.api.queries import EventFilters

__all__ = [
    "EventFiltersDep",
    "Format",
    "PageParams",
    "SessionDep",
    "country_code",
    "event_filters",
    "get_session",
    "parse_dyad",
    "quad_of",
    "require_token",
]


class Format(StrEnum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


def get_session(request: Request) -> Iterator[Session]:
    """A read session per request."""
    with request.app.state.session_factory() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def api_settings(request: Request) -> ApiSettings:
    return request.app.state.api_settings


def require_token(request: Request) -> None:
    """401 unless ``Authorization: Bearer <token>`` matches the operator's token."""
    token = api_settings(request).token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if not token:
        raise ApiError(401, "write endpoints are disabled: the operator has configured no "
                            "token (ESCALADA_API_TOKEN or --token)", headers=challenge)
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "missing bearer token", headers=challenge)
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "invalid bearer token", headers=challenge)


def _invalid(name: str, message: str) -> ApiError:
    return ApiError(422, message, details=[{"location": ["query", name], "message": message,
                                            "type": "value_error"}])


def country_code(value: str | None, name: str) -> str | None:
    """An ISO 3166-1 alpha-3 code (upper case), or 422."""
    if value is None or value == "":
        return None
    import pycountry

    code = value.strip().upper()
    if code != "XKX" and (len(code) != 3 or pycountry.countries.get(alpha_3=code) is None):
        raise _invalid(name, f"{value!r} is not an ISO 3166-1 alpha-3 country code")
    return code


@lru_cache(maxsize=1)
def _quads() -> dict[str, str]:
    from escalada.coding.ontology import load_ontology

    return {name: cat.quad for name, cat in load_ontology().categories.items()}


def quad_of(event_type: str) -> str | None:
    return _quads().get(event_type)


def quads() -> dict[str, str]:
    """PLOVER category -> quad class."""
    return dict(_quads())


def _event_types(event_type: str | None, quad: str | None) -> tuple[str, ...] | None:
    types: set[str] | None = None
    if event_type:
        name = event_type.strip().upper()
        if name not in _quads():
            raise _invalid("type", f"{event_type!r} is not a PLOVER category "
                                   f"({', '.join(sorted(_quads()))})")
        types = {name}
    if quad:
        key = quad.strip().lower()
        known = sorted(set(_quads().values()))
        if key not in known:
            raise _invalid("quad", f"{quad!r} is not a quad class ({', '.join(known)})")
        in_quad = {name for name, q in _quads().items() if q == key}
        types = in_quad if types is None else types & in_quad
    return None if types is None else tuple(sorted(types))


def parse_dyad(value: str, name: str = "dyad") -> tuple[str, str, bool]:
    """``USA-VEN`` (both directions) or ``USA>VEN`` (one direction), or 422."""
    directed = ">" in value
    parts = value.split(">" if directed else "-")
    if len(parts) != 2:
        raise _invalid(name, f"{value!r} is not a dyad (USA-VEN or USA>VEN)")
    a, b = (country_code(part, name) for part in parts)
    assert a and b
    return a, b, directed


def event_filters(
    actor: Annotated[str | None, Query(description="ISO3 country of the actor")] = None,
    recipient: Annotated[str | None, Query(description="ISO3 country of the recipient")]
        = None,
    dyad: Annotated[str | None, Query(description="USA-VEN (both ways) or USA>VEN")] = None,
    type: Annotated[str | None, Query(description="PLOVER category, e.g. THREATEN")] = None,  # noqa: A002
    quad: Annotated[str | None, Query(description="quad class, e.g. material_conflict")]
        = None,
    since: Annotated[dt.date | None, Query(description="first event day (YYYY-MM-DD)")]
        = None,
    until: Annotated[dt.date | None, Query(description="last event day (YYYY-MM-DD)")]
        = None,
    min_sources: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in sentences/titles")]
        = None,
) -> EventFilters:
    """The event filters, validated (422 with the common shape otherwise)."""
    if since and until and since > until:
        raise _invalid("since", f"since ({since}) is after until ({until})")
    return EventFilters(
        actor=country_code(actor, "actor"), recipient=country_code(recipient, "recipient"),
        dyad=parse_dyad(dyad) if dyad else None, event_types=_event_types(type, quad),
        since=since, until=until, min_sources=min_sources, q=(q or "").strip() or None)


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    cursor: str | None
    format: Format


def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE,
                                description=f"page size (max {MAX_PAGE_SIZE})")]
        = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, Query(max_length=512,
                                        description="next_cursor of the previous page")]
        = None,
    format: Annotated[Format, Query(description="json, csv or jsonl")] = Format.json,  # noqa: A002
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor, format=format)


PageDep = Annotated[PageParams, Depends(page_params)]
