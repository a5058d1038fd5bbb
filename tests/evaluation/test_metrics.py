"""Metrics on small label lists whose values are worked out by hand."""

from __future__ import annotations

import pytest

from escalada.evaluation.metrics import (
    accuracy,
    bootstrap_ci,
    confusion,
    macro_f1,
    per_class,
)

GOLD = ["A", "A", "A", "B", "B", "C"]
PRED = ["A", "A", "B", "B", "C", "C"]
# A: P=2/2 R=2/3 F1=0.8; B: P=1/2 R=1/2 F1=0.5; C: P=1/2 R=1 F1=2/3


def test_accuracy() -> None:
    assert accuracy(GOLD, PRED) == pytest.approx(4 / 6)
    assert accuracy([], []) == 0.0


def test_macro_f1_by_hand() -> None:
    assert macro_f1(GOLD, PRED) == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_macro_f1_ignores_prediction_only_labels() -> None:
    # "NONE" never occurs in gold: it costs recall of A but is not averaged in as F1 = 0.
    assert macro_f1(["A", "B"], ["NONE", "B"]) == pytest.approx((0.0 + 1.0) / 2)


def test_length_mismatch_raises() -> None:
    with pytest.raises(ValueError):
        accuracy(["A"], ["A", "B"])


def test_per_class_rows() -> None:
    rows = {row.label: row for row in per_class(GOLD, PRED)}
    assert rows["A"].precision == pytest.approx(1.0)
    assert rows["A"].recall == pytest.approx(2 / 3)
    assert rows["A"].support == 3
    assert rows["C"].predicted == 2
    assert rows["B"].f1 == pytest.approx(0.5)


def test_per_class_lists_prediction_only_labels_last() -> None:
    rows = per_class(["A", "B"], ["A", "NONE"])
    assert [row.label for row in rows] == ["A", "B", "NONE"]
    assert rows[-1].support == 0 and rows[-1].predicted == 1


def test_confusion_matrix() -> None:
    labels, matrix = confusion(GOLD, PRED)
    assert labels == ["A", "B", "C"]
    assert matrix == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    gold = ["A", "B", "C", "D"] * 25
    pred = gold[:70] + ["A"] * 30
    low, high = bootstrap_ci(gold, pred, seed=7)
    assert (low, high) == bootstrap_ci(gold, pred, seed=7)
    assert low < macro_f1(gold, pred) < high
    assert 0.0 <= low < high <= 1.0


def test_fast_bootstrap_matches_generic_path() -> None:
    gold = ["A", "B", "C"] * 20
    pred = ["A", "B", "B"] * 15 + ["C", "A", "C"] * 5
    fast = bootstrap_ci(gold, pred, n_resamples=200, seed=3)
    generic = bootstrap_ci(gold, pred, macro_f1, n_resamples=200, seed=3)
    assert fast == pytest.approx(generic)


def test_perfect_predictions_have_a_degenerate_interval() -> None:
    gold = ["A", "B"] * 10
    assert bootstrap_ci(gold, gold) == (1.0, 1.0)
