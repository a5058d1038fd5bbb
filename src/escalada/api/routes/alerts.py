"""``/api/alerts``: escalation alerts (empty, with a notice, until the stage exists)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from escalada.api.deps import PageDep, SessionDep
from escalada.api.errors import ApiError
from escalada.api.escalation_bridge import ESCALATION_MISSING, recent_alerts

router = APIRouter(prefix="/api/alerts", tags=["alerts"])


@router.get("", summary="Latest alerts (needs escalada.escalation)")
def list_alerts(session: SessionDep, page: PageDep) -> dict[str, Any]:
    """The latest alerts, newest first. INTEGRATION POINT: cursor paging and CSV/JSONL
    formats once the escalation stage exposes a keyset query."""
    if page.cursor:
        raise ApiError(422, "invalid cursor: alerts have a single page for now")
    alerts = recent_alerts(session=session, limit=page.limit)
    if alerts is None:
        return {"items": [], "next_cursor": None, "limit": page.limit,
                "notice": ESCALATION_MISSING}
    return {"items": alerts, "next_cursor": None, "limit": page.limit, "notice": None}
