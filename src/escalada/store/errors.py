"""Errors of the store."""

from __future__ import annotations

from escalada.errors import EscaladaError

__all__ = ["StoreError"]


class StoreError(EscaladaError):
    """A database that cannot be opened, migrated or queried as asked."""

    reason = "store"
