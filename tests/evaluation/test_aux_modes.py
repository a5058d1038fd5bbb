"""Quality gate: auxiliary-mode detection on escalada's own sentence set."""

from __future__ import annotations

import pytest

from escalada.evaluation.aux_modes import AuxItem, evaluate_aux_modes, load_aux_items
from escalada.pipeline import EventCoder


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


def test_the_set_has_fifteen_sentences_per_mode_and_controls():
    items = load_aux_items()
    for mode in ("historical", "future", "hypothetical", "negation"):
        assert sum(mode in i.aux for i in items) >= 15
    assert sum(not i.aux for i in items) >= 15


def test_each_mode_keeps_f1_of_at_least_085(coder):
    report = evaluate_aux_modes(coder)
    for score in report.scores:
        assert score.f1 >= 0.85, (score, report.misses)


def test_a_wrong_prediction_counts_against_the_mode(coder):
    items = [AuxItem("Chile recalled its ambassador from Lima.", frozenset({"negation"}))]
    report = evaluate_aux_modes(coder, items)
    negation = next(s for s in report.scores if s.mode == "negation")
    assert negation.recall == 0.0 and report.misses
