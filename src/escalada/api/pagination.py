"""Opaque cursors: every list endpoint pages the same way (``limit`` + ``cursor``)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from escalada.api.errors import ApiError

__all__ = ["decode_cursor", "encode_cursor"]


def encode_cursor(value: Any) -> str:
    """An opaque, URL-safe token for "continue after ``value``"."""
    raw = json.dumps({"after": value}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Any:
    """The value :func:`encode_cursor` encoded; 422 for anything that is not a cursor."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        return data["after"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise ApiError(422, "invalid cursor: pass the next_cursor of a previous page",
                       details=[{"location": ["query", "cursor"], "message": "not a cursor",
                                 "type": "value_error"}]) from exc
