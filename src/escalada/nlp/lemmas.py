"""A drop-in, faster front end for spaCy's rule lemmatizer.

spaCy's ``Lemmatizer.__call__`` builds a Python ``Token`` for every word and re-derives the
lemma of base forms (singular nouns, infinitives…) on every occurrence: its own cache skips
them. Lemmas depend only on (word, part of speech, morphology), so this component reads those
three columns as one array, asks the wrapped lemmatizer once per distinct triple and writes
the lemma column back in one call. Its output is identical to the wrapped component's (a test
compares both on whole documents).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CachedLemmatizer", "use_cached_lemmatizer"]

COMPONENT = "escalada_lemmatizer"
#: distinct (word, POS, morphology) triples remembered; cleared when full, so that memory
#: stays flat on a stream of any length
MEMO_LIMIT = 300_000


class CachedLemmatizer:
    """Applies ``lemmatizer`` (a spaCy rule lemmatizer) through a per-process memo."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        memo, strings = self.memo, doc.vocab.strings
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue  # set upstream (the attribute ruler's exceptions), as spaCy keeps it
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                value = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                memo[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1))
        return doc


@Language.factory(COMPONENT)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Factory: wraps the pipeline's own (then disabled) ``lemmatizer`` component."""
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))


def use_cached_lemmatizer(nlp: Language) -> None:
    """Put :class:`CachedLemmatizer` in place of ``nlp``'s lemmatizer (same lemmas, faster)."""
    if "lemmatizer" not in nlp.pipe_names or COMPONENT in nlp.pipe_names:
        return
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
        return  # lookup lemmatizers are already a plain table lookup
    nlp.add_pipe(COMPONENT, after="lemmatizer")
    nlp.disable_pipe("lemmatizer")
