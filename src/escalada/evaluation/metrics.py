"""Classification metrics for event coding: accuracy, macro-F1, per-class table, confusion.

Macro-F1 is averaged over the labels that occur in the *gold* labels (``y_true``), so a
prediction-only label such as ``NONE`` (no event found) costs recall on the gold classes but
is not itself averaged in as a zero. The bootstrap interval resamples items with a fixed seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.metrics import confusion_matrix as _sk_confusion
from sklearn.metrics import f1_score, precision_recall_fscore_support

__all__ = [
    "ClassRow",
    "accuracy",
    "bootstrap_ci",
    "confusion",
    "gold_labels",
    "macro_f1",
    "per_class",
    "precision_recall_f1",
]


@dataclass(frozen=True, slots=True)
class ClassRow:
    """Precision, recall, F1 and gold support of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int

    def to_dict(self) -> dict[str, float | int | str]:
        """A JSON-ready dict."""
        return asdict(self)


def _check(y_true: Sequence[str], y_pred: Sequence[str]) -> None:
    if len(y_true) != len(y_pred):
        raise ValueError(f"{len(y_true)} gold labels but {len(y_pred)} predictions")


def gold_labels(y_true: Sequence[str]) -> list[str]:
    """The sorted distinct gold labels."""
    return sorted(set(y_true))


def accuracy(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Share of items whose prediction equals the gold label (0.0 for no items)."""
    _check(y_true, y_pred)
    if not y_true:
        return 0.0
    return sum(t == p for t, p in zip(y_true, y_pred, strict=True)) / len(y_true)


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where a ratio is undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> float:
    """Unweighted mean F1 over ``labels`` (default: the gold labels)."""
    _check(y_true, y_pred)
    if not y_true:
        return 0.0
    labels = list(labels) if labels is not None else gold_labels(y_true)
    return float(
        f1_score(list(y_true), list(y_pred), labels=labels, average="macro", zero_division=0)
    )


def per_class(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> list[ClassRow]:
    """One :class:`ClassRow` per label (default: gold labels, then prediction-only labels)."""
    _check(y_true, y_pred)
    if labels is None:
        labels = gold_labels(y_true) + sorted(set(y_pred) - set(y_true))
    labels = list(labels)
    if not y_true or not labels:
        return []
    prec, rec, f1, support = precision_recall_fscore_support(
        list(y_true), list(y_pred), labels=labels, zero_division=0
    )
    predicted = [sum(p == label for p in y_pred) for label in labels]
    return [
        ClassRow(label, float(p), float(r), float(f), int(s), int(n))
        for label, p, r, f, s, n in zip(labels, prec, rec, f1, support, predicted, strict=True)
    ]


def confusion(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> tuple[list[str], list[list[int]]]:
    """Confusion matrix ``(labels, rows)``: ``rows[i][j]`` counts gold ``i`` predicted ``j``."""
    _check(y_true, y_pred)
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred))
    labels = list(labels)
    if not y_true or not labels:
        return labels, [[0] * len(labels) for _ in labels]
    matrix = _sk_confusion(list(y_true), list(y_pred), labels=labels)
    return labels, matrix.astype(int).tolist()


def bootstrap_ci(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    metric: Callable[[Sequence[str], Sequence[str]], float] | None = None,
    *,
    n_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``metric`` (default macro-F1) over items, seeded.

    Each resample scores only the labels present in its own gold sample (as :func:`macro_f1`
    does), so a small class that drops out of a resample is not counted as F1 = 0.
    """
    _check(y_true, y_pred)
    n = len(y_true)
    if n == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    if metric is None:
        scores = _bootstrap_macro_f1(y_true, y_pred, rng, n_resamples)
    else:
        true = np.asarray(y_true, dtype=object)
        pred = np.asarray(y_pred, dtype=object)
        scores = np.empty(n_resamples)
        for i in range(n_resamples):
            idx = rng.integers(0, n, size=n)
            scores[i] = metric(true[idx].tolist(), pred[idx].tolist())
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(scores, [alpha, 1.0 - alpha])
    return float(low), float(high)


def _bootstrap_macro_f1(
    y_true: Sequence[str], y_pred: Sequence[str], rng: np.random.Generator, n_resamples: int
) -> np.ndarray:
    """Vectorised macro-F1 of ``n_resamples`` resamples (same definition as :func:`macro_f1`)."""
    labels = sorted(set(y_true) | set(y_pred))
    index = {label: i for i, label in enumerate(labels)}
    true = np.array([index[t] for t in y_true])
    pred = np.array([index[p] for p in y_pred])
    k, n = len(labels), len(true)
    scores = np.empty(n_resamples)
    for i in range(n_resamples):
        idx = rng.integers(0, n, size=n)
        t, p = true[idx], pred[idx]
        tp = np.bincount(t[t == p], minlength=k)
        support = np.bincount(t, minlength=k)
        predicted = np.bincount(p, minlength=k)
        denom = support + predicted
        f1 = np.divide(2 * tp, denom, out=np.zeros(k), where=denom > 0)
        scores[i] = f1[support > 0].mean()
    return scores
