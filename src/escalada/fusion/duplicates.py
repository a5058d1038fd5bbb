"""Near-duplicate documents: syndicated copies and lightly edited rewrites.

Forty outlets running the same wire story are one source, not forty. Documents are compared by
MinHash signatures of their word shingles and candidate pairs come from locality-sensitive hashing
(datasketch's :class:`~datasketch.MinHashLSH`), so a new document is checked against the bucket
mates its signature falls in, never against every stored document. A candidate counts as a
duplicate when the Jaccard similarity estimated from the two signatures reaches ``threshold``
(LSH alone lets some false positives through; its bands are tuned a little below the threshold
so that it misses few true pairs).

Each duplicate maps to a *canonical* document: the first one seen (callers pass documents oldest
first), and a copy of a copy maps to the original, so the map is flat.

Signatures are plain bytes (:meth:`DuplicateIndex.signature`), so a store can persist them next to
the document and rebuild the index later with :meth:`DuplicateIndex.add_signature`, without the
text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["DuplicateIndex", "find_duplicates", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 1
LSH_SLACK = 0.1
"""How far below ``threshold`` the LSH bands are tuned (fewer missed pairs, more checks)."""
_SCHEME = "affine32"
_DTYPE = np.dtype("<u4")
"""Signature bytes: ``num_perm`` little-endian uint32 values of the ``affine32`` scheme."""


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Word ``size``-grams of the case-folded text (a text shorter than ``size`` words is one
    shingle); punctuation and whitespace differences do not matter."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class DuplicateIndex:
    """An incremental near-duplicate index for a store that ingests documents one at a time.

    >>> index = DuplicateIndex(threshold=0.8)
    >>> index.add("a", text) is None         # first of its kind: canonical itself
    >>> index.add("b", same_text_reworded)   # -> "a"
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        # The LSH bands are tuned below the threshold and weighted against false negatives:
        # candidates are verified with the signature Jaccard estimate anyway.
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - LSH_SLACK), num_perm=num_perm,
                               weights=(0.3, 0.7))
        self._hashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._canonical: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._order

    # -- signatures --------------------------------------------------------------------------

    def minhash(self, text: str) -> MinHash | None:
        """The MinHash of ``text``'s shingles, or None for a text without words."""
        grams = shingles(text, self.shingle)
        if not grams:
            return None
        minhash = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME)
        minhash.update_batch(sorted(grams))
        return minhash

    def signature(self, text: str) -> bytes | None:
        """The persistable signature of ``text``: ``num_perm`` little-endian uint32 values."""
        minhash = self.minhash(text)
        return None if minhash is None else _to_bytes(minhash)

    def signature_of(self, doc_id: str) -> bytes | None:
        """The stored signature of an indexed document (None if unknown or empty)."""
        minhash = self._hashes.get(doc_id)
        return None if minhash is None else _to_bytes(minhash)

    def _from_bytes(self, signature: bytes) -> MinHash:
        values = np.frombuffer(signature, dtype=_DTYPE)
        if values.size != self.num_perm:
            raise ValueError(f"signature has {values.size} values, index uses {self.num_perm}")
        return MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME,
                       hashvalues=values.astype(np.uint32))

    # -- indexing ----------------------------------------------------------------------------

    def add(self, doc_id: str, text: str) -> str | None:
        """Index a document; return the canonical id it duplicates, or None if it is new.

        Adding an id twice returns its first answer and changes nothing.
        """
        if doc_id in self._order:
            return self._canonical.get(doc_id)
        return self._add(doc_id, self.minhash(text))

    def add_signature(self, doc_id: str, signature: bytes | None) -> str | None:
        """Like :meth:`add` for a signature persisted earlier (None: a text without words)."""
        if doc_id in self._order:
            return self._canonical.get(doc_id)
        return self._add(doc_id, None if signature is None else self._from_bytes(signature))

    def canonical(self, doc_id: str) -> str:
        """The canonical id of an indexed document (itself when it is not a duplicate)."""
        return self._canonical.get(doc_id, doc_id)

    def duplicates(self) -> dict[str, str]:
        """Every duplicate id mapped to its canonical id."""
        return dict(self._canonical)

    def query(self, text: str) -> str | None:
        """The canonical id ``text`` would duplicate, without indexing it."""
        minhash = self.minhash(text)
        return None if minhash is None else self._best_match(minhash)

    def _best_match(self, minhash: MinHash) -> str | None:
        matches = [key for key in self._lsh.query(minhash)
                   if self._hashes[key].jaccard(minhash) >= self.threshold]
        if not matches:
            return None
        earliest = min(matches, key=self._order.__getitem__)
        return self._canonical.get(earliest, earliest)

    def _add(self, doc_id: str, minhash: MinHash | None) -> str | None:
        self._order[doc_id] = len(self._order)
        if minhash is None:
            return None
        canonical = self._best_match(minhash)
        self._hashes[doc_id] = minhash
        self._lsh.insert(doc_id, minhash)
        if canonical is not None:
            self._canonical[doc_id] = canonical
        return canonical


def _to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues).astype(_DTYPE).tobytes()


def find_duplicates(docs: Iterable[tuple[str, str]], *, threshold: float = 0.8,
                    num_perm: int = 128, shingle: int = 5) -> dict[str, str]:
    """Map each near-duplicate document id to its canonical (first seen) document id.

    ``docs`` are ``(doc_id, text)`` pairs, oldest first: the first of a group of copies is its
    canonical document and does not appear as a key. Documents without words never match.
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm, shingle=shingle)
    for doc_id, text in docs:
        index.add(doc_id, text)
    return index.duplicates()
