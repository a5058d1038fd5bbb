"""Fingerprints of trained parameters.

A model's version string names its recipe (features, encoder, lexicon), not one training run:
a model retrained on other features or with another chosen setting keeps it. Caches of what a
model answers (the distillation's taught pairs) are keyed by these fingerprints instead, so a
rebuilt model never reads answers a previous build cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

from escalada.coding.learned.cues import CueLexicon


def parameters_fingerprint(arrays: Iterable[np.ndarray | None]) -> str:
    """A short hex digest of ``arrays`` (dtype, shape and values, in order; ``None`` counts as
    an absent part): equal for the same trained parameters, in any process."""
    digest = hashlib.sha256()
    for array in arrays:
        if array is None:
            digest.update(b"absent;")
            continue
        array = np.ascontiguousarray(array)
        digest.update(f"{array.dtype.str}{array.shape};".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()[:12]


def lexicon_fingerprint(lexicon: CueLexicon) -> str:
    """A short hex digest of a cue lexicon as a model sees it: its cue words and phrases and
    the snapshot of the rules' trigger table. Two lexicons with the same fingerprint give the
    same features; a trigger added to the rules changes it, though the trained parameters
    (:func:`parameters_fingerprint`) may not change."""
    parts = (lexicon.version, sorted(lexicon.words.items()), sorted(lexicon.phrases.items()),
             sorted(lexicon.triggers.items()))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]
