"""One error tree for escalada.

Batch work catches :class:`EscaladaError` per item, records the reason and goes on; anything
else is a bug and is allowed to crash.
"""

from __future__ import annotations

__all__ = [
    "EscaladaError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "TooLargeError",
    "EncodingError",
    "NotEnglishError",
    "FeedError",
    "FetchError",
    "BlockedAddressError",
    "ModelError",
    "StoreError",
]


class EscaladaError(Exception):
    """Base class of every error escalada raises on purpose."""

    #: short machine-readable reason used in batch summaries ("empty", "binary", ...)
    reason: str = "error"


class InputError(EscaladaError):
    """An input (file, URL, feed, record) that cannot be turned into a document."""

    reason = "bad input"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class TooLargeError(InputError):
    reason = "too large"


class EncodingError(InputError):
    reason = "bad encoding"


class NotEnglishError(InputError):
    reason = "not English"


class FeedError(InputError):
    reason = "broken feed"


class FetchError(InputError):
    reason = "fetch failed"


class BlockedAddressError(FetchError):
    """A URL resolving to a private, loopback or otherwise non-public address."""

    reason = "blocked address"


class ModelError(EscaladaError):
    """A model or data file that is missing or does not load."""

    reason = "model"


class StoreError(EscaladaError):
    """A database that cannot be opened, migrated or queried as asked."""

    reason = "store"
