"""One page of records as JSON, CSV or JSONL (``format=``), the same for every list."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel

from escalada.api.deps import Format, PageParams
from escalada.api.schemas import Page

__all__ = ["render_page"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """CSV cells that a spreadsheet would run as a formula get a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def render_page(items: Sequence[BaseModel], params: PageParams, next_cursor: str | None, *,
                name: str, flatten: Callable[[Any], dict[str, Any]],
                notice: str | None = None) -> Response:
    """A :class:`Page` as JSON, or the items as a CSV/JSONL download; downloads carry the
    next cursor in the ``X-Next-Cursor`` header."""
    if params.format is Format.json:
        page = Page[Any](items=list(items), next_cursor=next_cursor, limit=params.limit,
                         notice=notice)
        return Response(page.model_dump_json(), media_type="application/json")
    headers = {"Content-Disposition": f'attachment; filename="{name}.{params.format.value}"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    if params.format is Format.jsonl:
        body = "".join(item.model_dump_json() + "\n" for item in items)
        return Response(body, media_type="application/x-ndjson", headers=headers)
    body = _csv([flatten(item) for item in items])
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
