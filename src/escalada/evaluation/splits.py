"""The fixed development/validation split of the PLV gold data.

The split is a pure function of the sentence ids and labels, so it is the same on every machine
and every run, and it needs no file of its own:

* rows are grouped by ``sentence_id`` (the same sentence with a different span pair never
  straddles the split), and a group takes the label of its first row;
* within each label, groups are ordered by ``sha256("escalada-plv-split-v1:" + sentence_id)``
  and the first ``round(20 % × n)`` (at least one when a label has two or more groups) go to
  validation.

Changing :data:`SPLIT_SALT` or :data:`VALIDATION_FRACTION` changes the split: do not, or numbers
measured before and after stop being comparable. Validation ids must never reach training.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol, TypeVar

__all__ = [
    "SPLIT_SALT",
    "VALIDATION_FRACTION",
    "plv_split",
    "split_key",
    "validation_ids",
]

SPLIT_SALT = "escalada-plv-split-v1"
VALIDATION_FRACTION = 0.2


class _Labelled(Protocol):
    @property
    def sentence_id(self) -> str: ...

    @property
    def label(self) -> str: ...


T = TypeVar("T", bound=_Labelled)


def split_key(sentence_id: str, salt: str = SPLIT_SALT) -> str:
    """The stable hash that orders sentence ids inside a label."""
    return hashlib.sha256(f"{salt}:{sentence_id}".encode()).hexdigest()


def validation_ids(
    items: Sequence[_Labelled],
    fraction: float = VALIDATION_FRACTION,
    salt: str = SPLIT_SALT,
) -> frozenset[str]:
    """The sentence ids that belong to the validation side, stratified by label."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be in (0, 1), got {fraction}")
    group_label: dict[str, str] = {}
    for item in items:
        group_label.setdefault(item.sentence_id, item.label)
    by_label: dict[str, list[str]] = defaultdict(list)
    for sentence_id, label in group_label.items():
        by_label[label].append(sentence_id)
    chosen: set[str] = set()
    for ids in by_label.values():
        ids.sort(key=lambda sid: (split_key(sid, salt), sid))
        n_val = round(fraction * len(ids))
        if n_val == 0 and len(ids) >= 2:
            n_val = 1
        chosen.update(ids[:n_val])
    return frozenset(chosen)


def plv_split(
    items: Sequence[T],
    fraction: float = VALIDATION_FRACTION,
    salt: str = SPLIT_SALT,
) -> tuple[list[T], list[T]]:
    """Split PLV items into ``(train, validation)``; input order is kept on both sides."""
    val_ids = validation_ids(items, fraction, salt)
    train = [item for item in items if item.sentence_id not in val_ids]
    validation = [item for item in items if item.sentence_id in val_ids]
    return train, validation
