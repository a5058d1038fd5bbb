"""A drop-in, faster front end for spaCy's rule lemmatizer.

spaCy's ``Lemmatizer.__call__`` builds a Python ``Token`` for every word and re-derives the
lemma of base forms (singular nouns, infinitives…) on every occurrence: its own cache skips
them. Lemmas depend only on (word, part of speech, morphology), so this component reads those
three columns as one array, finds the distinct triples with numpy (Python works per distinct
triple, not per token), asks the wrapped lemmatizer once per triple it has not seen before and
writes the lemma column back in one call. It asks a twin of the lemmatizer whose word index
holds sets: spaCy's rule lemmatizer checks each candidate form with ``form in index``, a scan
of a list of up to 57,000 words (about 0.1 ms a new word), where a set answers the same at
once. Its output is the wrapped component's (a test compares both on whole documents) but
for one repair: spaCy's rules strip "ed" or "ing" before "d" or "e", so "staged", "waged" and
"hoped" became "stag", "wag" and "hop" (see :func:`restore_silent_e`).
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Table
from spacy.tokens import Doc

__all__ = ["CachedLemmatizer", "restore_silent_e", "use_cached_lemmatizer"]

COMPONENT = "escalada_lemmatizer"
#: distinct (word, POS, morphology) triples remembered; cleared when full, so that memory
#: stays flat on a stream of any length
MEMO_LIMIT = 300_000


class CachedLemmatizer:
    """Applies ``lemmatizer`` (a spaCy rule lemmatizer) through a per-process memo."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        twin = _with_index_sets(lemmatizer)
        self.lemmatize = twin.lemmatize
        index = twin.lookups.get_table("lemma_index") if "lemma_index" in twin.lookups \
            else {}
        self.verbs: frozenset[str] = frozenset(index.get("verb", ()))
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        # lemmas set upstream (the attribute ruler's exceptions) are kept, as spaCy keeps them
        todo = numpy.arange(len(doc)) if self.lemmatizer.overwrite \
            else numpy.flatnonzero(lemmas == 0)
        if not len(todo):
            return doc
        triples, first, inverse = numpy.unique(columns[todo, :3], axis=0, return_index=True,
                                               return_inverse=True)
        found = [self._lemma(tuple(triple), doc, i)
                 for triple, i in zip(triples.tolist(), todo[first].tolist(), strict=True)]
        lemmas[todo] = numpy.array(found, dtype=numpy.uint64)[inverse.reshape(-1)]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _lemma(self, triple: tuple[int, int, int], doc: Doc, i: int) -> int:
        """The lemma of ``triple`` (word, POS, morphology), that of the token ``doc[i]``."""
        value = self.memo.get(triple)
        if value is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            token = doc[i]
            lemma = self.lemmatize(token)[0]
            if token.pos_ == "VERB":
                lemma = restore_silent_e(token.text, lemma, self.verbs)
            value = doc.vocab.strings.add(lemma)
            self.memo[triple] = value
        return value


#: a stem of one syllable ending in one vowel and one consonant that doubles before a suffix
_DOUBLING_STEM = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")


def restore_silent_e(word: str, lemma: str, verbs: frozenset[str]) -> str:
    """The verb lemma with the silent e spaCy's suffix rules dropped: "staged" is "stage",
    not "stag", because the verb "stag" would be "stagged" (a one-syllable stem of one vowel
    and one consonant doubles the consonant), so the suffix took an e. Other lemmas are
    returned unchanged; so is a stem with no such verb in ``verbs`` (spaCy's verb index)."""
    lower, lemma_lower = word.lower(), lemma.lower()
    if lower not in {lemma_lower + "ed", lemma_lower + "ing"} \
            or not _DOUBLING_STEM.fullmatch(lemma_lower):
        return lemma
    return lemma + "e" if lemma_lower + "e" in verbs else lemma


def _with_index_sets(lemmatizer: Any) -> Any:
    """A twin of ``lemmatizer`` with the same tables but for the word index, whose word lists
    become sets; the pipeline's own component keeps its tables as they are (it may be
    saved, and sets do not serialise)."""
    if "lemma_index" not in lemmatizer.lookups:
        return lemmatizer
    twin = type(lemmatizer)(lemmatizer.vocab, lemmatizer.model, lemmatizer.name,
                            mode=lemmatizer.mode, overwrite=lemmatizer.overwrite)
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict({pos: frozenset(words) for pos, words in table.items()},
                                    name=name)
        twin.lookups.set_table(name, table)
    return twin


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
