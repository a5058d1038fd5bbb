"""Context scoring: multi-label, with PLOVER 0.5 names mapped to today's list."""

from __future__ import annotations

import pytest

from escalada.coding.contexts import load_context_classifier
from escalada.evaluation.contexts import gold_contexts, score_contexts
from escalada.evaluation.gold import GsrItem


def test_old_context_names_accept_any_of_their_new_names():
    item = GsrItem(id="x", text="t", event="AGREE", actors=(), targets=(),
                   context=("government", "Military"))
    assert gold_contexts(item) == [
        ("government", ("executive", "legislative", "political_institutions")),
        ("military", ("military",))]


def test_scores_count_found_missed_and_extra_contexts():
    gold = [gold_contexts(GsrItem(id=str(n), text="t", event="AGREE", actors=(),
                                  targets=(), context=names))
            for n, names in enumerate([("military", "economic"), ("government",), ("legal",)])]
    predicted = [{"military", "cbrn"}, {"legislative"}, set()]
    report = score_contexts(gold, predicted)
    by_name = {s.context: s for s in report.scores}
    assert (by_name["military"].recall, by_name["economic"].recall) == (1.0, 0.0)
    assert by_name["government"].precision == 1.0 and by_name["cbrn"].precision == 0.0
    assert report.micro_precision == pytest.approx(2 / 3)
    assert report.micro_recall == pytest.approx(2 / 4)
    assert report.any_found == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        score_contexts(gold, predicted[:2])


def test_a_routine_mention_of_a_president_is_no_executive_context():
    classify = load_context_classifier().classify
    assert "executive" not in classify("President Lula met the Chilean president in Brasilia.")
    assert "executive" in classify("The president announced a cabinet reshuffle on Monday.")
    assert "military" in classify("Government forces broke the ceasefire near the border.")
