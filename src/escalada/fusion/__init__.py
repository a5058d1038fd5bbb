"""Fusion: which event mentions are the same happening, and where their sources disagree.

* :func:`find_duplicates` / :class:`DuplicateIndex` link syndicated copies and near-duplicate
  documents (MinHash + LSH), so that they count as one source.
* :func:`fuse` groups mentions into :class:`~escalada.models.fusion.FusedEvent` records, working
  on blocks (dyad x time window, :mod:`escalada.fusion.blocking`), never all pairs.
* :func:`find_contradictions` records disagreements on details (titles, targets, numbers, dates)
  inside a fused event instead of splitting it.
"""

from escalada.fusion.contradictions import find_contradictions
from escalada.fusion.duplicates import DuplicateIndex, find_duplicates
from escalada.fusion.events import DocumentInfo, FusionResult, fuse, fused_id

__all__ = [
    "DocumentInfo",
    "DuplicateIndex",
    "FusionResult",
    "find_contradictions",
    "find_duplicates",
    "fuse",
    "fused_id",
]
