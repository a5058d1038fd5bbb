"""Hyphenated event nouns stay one word, lemmatized as the lexicon spells them."""

from __future__ import annotations

import pytest

from escalada.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.mark.parametrize(("text", "word", "lemma"), [
    ("They broke the cease-fire.", "cease-fire", "ceasefire"),
    ("Two Cease-Fires collapsed.", "Cease-Fires", "ceasefire"),
    ("A CEASE-FIRE now!", "CEASE-FIRE", "ceasefire"),
    ("The naval build-up continued.", "build-up", "buildup"),
])
def test_a_hyphenated_event_noun_is_one_token(nlp, text, word, lemma):
    tokens = {t.text: t for t in nlp(text)}
    assert word in tokens, [t.text for t in nlp(text)]
    assert tokens[word].lemma_ == lemma


def test_other_hyphenated_words_split_as_before(nlp):
    assert "fire" in [t.text for t in nlp("The well-known cross-fire hit them.")]
