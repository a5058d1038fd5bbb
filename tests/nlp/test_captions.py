"""Photo captions place people with ", left," - a position, not the verb "left"."""

from __future__ import annotations

import pytest

from escalada.nlp import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def subject_and_conjuncts(doc):
    [subject] = [t for t in doc if t.dep_ == "nsubj"]
    return subject.text, [c.text for c in subject.conjuncts], subject.head.text


@pytest.mark.parametrize(("text", "expected"), [
    ("President Maduro, left, and Foreign Minister Yvan Gil, right, hold a press conference "
     "in Caracas.", ("Maduro", ["Gil"], "hold")),
    ("Russian President Vladimir Putin, second left, and Russian Prime Minister Dmitry "
     "Medvedev, left, attended a cabinet meeting in Moscow.", ("Putin", ["Medvedev"],
                                                               "attended")),
])
def test_people_placed_in_a_caption_are_the_subject_of_its_verb(nlp, text, expected):
    doc = nlp(text)
    assert subject_and_conjuncts(doc) == expected
    assert [t.text for t in doc if t.text in {"left", "right"} and t.pos_ == "VERB"] == []
    assert doc.text == text  # the text itself is untouched


def test_a_verb_left_outside_a_caption_is_still_a_verb(nlp):
    doc = nlp("The troops left, and the rebels moved in.")
    assert [t.pos_ for t in doc if t.text == "left"] == ["VERB"]
