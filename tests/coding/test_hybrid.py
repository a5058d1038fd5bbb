"""The learned refiner's choice between a rule's category and the model's."""

from __future__ import annotations

from escalada.coding.hybrid import LearnedRefiner
from escalada.coding.rules import RuleCoder


def rule_event(nlp, text):
    [event] = RuleCoder().code_sentence(next(nlp(text).sents))
    return event


def test_a_confident_model_re_judges_a_bare_verb(nlp):
    event = rule_event(nlp, "Putin met Erdogan.")
    LearnedRefiner(classifier=None).decide(event, {"CONSULT": 0.05, "AGREE": 0.9})
    assert event.event_type == "AGREE"


def test_a_category_the_grammar_set_is_not_re_judged(nlp):
    # "will meet" is AGREE by the sentence's tense, which the model's bag of cues misses
    event = rule_event(nlp, "Putin will meet Erdogan.")
    assert event.event_type == "AGREE"
    LearnedRefiner(classifier=None).decide(event, {"CONSULT": 0.9, "AGREE": 0.05})
    assert event.event_type == "AGREE"
