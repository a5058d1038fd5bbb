"""Scoring coders against gold data: spans given (classifier only) and end to end.

* :func:`evaluate_plv_spans_given` — PLV rows, source and target spans given, 15 root classes.
* :func:`evaluate_gsr_spans_given` — GSR records, spans located from the actor/target texts,
  16 current categories (the classifier's YIELD split into CONCEDE/RETREAT).
* :func:`evaluate_end_to_end` — a caller-supplied coder finds events in raw sentences; a hit
  needs the right event type (gold YIELD accepts CONCEDE or RETREAT) *and* a predicted actor
  text that shares a content word with the gold source *and* a predicted recipient text that
  shares one with the gold target (a role with no gold span is not checked). A sentence
  without a hit scores ``NONE``, or the predicted type when an event had the right actor
  and recipient but the wrong type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from escalada.evaluation.gold import GsrItem, PlvItem
from escalada.evaluation.metrics import (
    ClassRow,
    accuracy,
    bootstrap_ci,
    confusion,
    macro_f1,
    per_class,
)

__all__ = [
    "NONE_LABEL",
    "EvalReport",
    "Prediction",
    "SpanClassifier",
    "evaluate_end_to_end",
    "evaluate_gsr_spans_given",
    "evaluate_plv_spans_given",
    "make_report",
]

NONE_LABEL = "NONE"
_YIELD_PARTS = frozenset({"YIELD", "CONCEDE", "RETREAT"})
_STOP = frozenset({"the", "a", "an", "of", "and", "s", "its", "his", "her", "their", "in", "on"})

Span = tuple[int, int]


class SpanClassifier(Protocol):
    """What the spans-given evaluations need from a classifier (``EventClassifier`` fits)."""

    def predict_many(
        self, examples: Iterable[tuple[str, Span | None, Span | None]], batch_size: int = ...
    ) -> list[dict[str, float]]: ...

    def predict_plover(
        self, examples: Iterable[tuple[str, Span | None, Span | None]], batch_size: int = ...
    ) -> list[dict[str, float]]: ...


class Prediction(Protocol):
    """An event predicted end to end: its type and the actor and recipient as written."""

    event_type: str
    actor_text: str | None
    recipient_text: str | None


@dataclass(slots=True)
class EvalReport:
    """Scores of one evaluation run."""

    name: str
    n: int
    accuracy: float
    macro_f1: float
    ci: tuple[float, float]
    per_class: list[ClassRow]
    labels: list[str]
    confusion: list[list[int]]
    notes: dict[str, Any] = field(default_factory=dict)
    y_true: list[str] = field(default_factory=list, repr=False)
    y_pred: list[str] = field(default_factory=list, repr=False)

    def to_dict(self, *, with_predictions: bool = False) -> dict[str, Any]:
        """JSON-ready summary (``with_predictions`` adds the gold and predicted label lists)."""
        data: dict[str, Any] = {
            "name": self.name,
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "macro_f1_ci95": list(self.ci),
            "per_class": [row.to_dict() for row in self.per_class],
            "confusion": {"labels": self.labels, "matrix": self.confusion},
            "notes": dict(self.notes),
        }
        if with_predictions:
            data["y_true"], data["y_pred"] = list(self.y_true), list(self.y_pred)
        return data

    def to_text(self, *, with_confusion: bool = True) -> str:
        """A readable plain-text report: headline, per-class table, confusion matrix."""
        # the count and four decimals: at n=213, 149 hits are 0.6995, which three decimals
        # would show as 0.700, over a 0.70 bar they miss
        hits = sum(t == p for t, p in zip(self.y_true, self.y_pred, strict=True))
        lines = [
            f"{self.name}: n={self.n}  accuracy={self.accuracy:.4f} ({hits}/{self.n})  "
            f"macro-F1={self.macro_f1:.3f} (95% CI {self.ci[0]:.3f}-{self.ci[1]:.3f})",
            "",
            f"{'label':<12}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}{'predicted':>11}",
        ]
        for row in self.per_class:
            lines.append(
                f"{row.label:<12}{row.precision:>7.3f}{row.recall:>8.3f}{row.f1:>7.3f}"
                f"{row.support:>9d}{row.predicted:>11d}"
            )
        if self.notes.get("outcomes"):
            outcomes = ", ".join(f"{k}={v}" for k, v in sorted(self.notes["outcomes"].items()))
            lines += ["", f"outcomes: {outcomes}"]
        if with_confusion and self.labels:
            lines += ["", "confusion (rows gold, columns predicted):", *self._confusion_lines()]
        return "\n".join(lines)

    def _confusion_lines(self) -> list[str]:
        short = [label[:4] for label in self.labels]
        lines = [" " * 10 + "".join(f"{s:>5}" for s in short)]
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{label[:9]:<10}" + "".join(f"{v or '.':>5}" for v in row))
        return lines


def make_report(
    name: str,
    y_true: Sequence[str],
    y_pred: Sequence[str],
    *,
    notes: dict[str, Any] | None = None,
    n_resamples: int = 1000,
    seed: int = 0,
) -> EvalReport:
    """Compute every metric of an :class:`EvalReport` from gold and predicted labels."""
    labels, matrix = confusion(y_true, y_pred)
    return EvalReport(
        name=name,
        n=len(y_true),
        accuracy=accuracy(y_true, y_pred),
        macro_f1=macro_f1(y_true, y_pred),
        ci=bootstrap_ci(y_true, y_pred, n_resamples=n_resamples, seed=seed),
        per_class=per_class(y_true, y_pred),
        labels=labels,
        confusion=matrix,
        notes=dict(notes or {}),
        y_true=list(y_true),
        y_pred=list(y_pred),
    )


def _argmax(probs: dict[str, float]) -> str:
    return max(probs, key=probs.__getitem__) if probs else NONE_LABEL


def evaluate_plv_spans_given(
    classifier: SpanClassifier, items: Sequence[PlvItem], *, name: str = "plv-spans-given"
) -> EvalReport:
    """Accuracy of the classifier on PLV items with their gold spans (15 root classes)."""
    probs = classifier.predict_many([(i.sentence, i.source_span, i.target_span) for i in items])
    return make_report(name, [i.label for i in items], [_argmax(p) for p in probs])


def evaluate_gsr_spans_given(
    classifier: SpanClassifier,
    items: Sequence[GsrItem],
    *,
    collapse_yield: bool = False,
    name: str = "gsr-spans-given",
) -> EvalReport:
    """Accuracy on GSR records, spans located from their actor and target texts.

    Scored on the 16 current categories, or on the 15 PLV classes with ``collapse_yield``.
    """
    examples = [(i.text, i.source_span, i.target_span) for i in items]
    if collapse_yield:
        predicted = [_argmax(p) for p in classifier.predict_many(examples)]
        gold = ["YIELD" if i.event in _YIELD_PARTS else i.event for i in items]
    else:
        predicted = [_argmax(p) for p in classifier.predict_plover(examples)]
        gold = [i.event for i in items]
    return make_report(name, gold, predicted)


@dataclass(frozen=True, slots=True)
class _GoldEvent:
    text: str
    label: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def _gold_event(item: PlvItem | GsrItem) -> _GoldEvent:
    if isinstance(item, PlvItem):
        return _GoldEvent(
            item.sentence,
            item.label,
            (item.source_text,) if item.source_text else (),
            (item.target_text,) if item.target_text else (),
        )
    return _GoldEvent(item.text, item.event, tuple(item.actor_texts), tuple(item.target_texts))


def content_words(text: str | None) -> set[str]:
    """Lower-cased word tokens of ``text`` without articles and similar function words."""
    return {w for w in re.findall(r"\w+", (text or "").lower()) if w not in _STOP}


def _overlaps(predicted: str | None, gold: tuple[str, ...]) -> bool:
    if not gold:
        return True
    words = content_words(predicted)
    return any(words & content_words(g) for g in gold)


def _role_text(prediction: Any, role: str) -> str | None:
    """``actor_text``/``recipient_text`` of a prediction object or dict (or its ActorRef list)."""
    key = f"{role}_text"
    if isinstance(prediction, dict):
        return prediction.get(key)
    value = getattr(prediction, key, None)
    if value is None and isinstance(getattr(prediction, role, None), list):
        value = " ".join(str(getattr(ref, "text", "")) for ref in getattr(prediction, role))
    return value


def _event_type(prediction: Any) -> str:
    value = prediction.get("event_type") if isinstance(prediction, dict) else None
    return str(value or getattr(prediction, "event_type", NONE_LABEL)).upper()


def _normalise(label: str, gold: str) -> str:
    """Predicted CONCEDE/RETREAT count as gold YIELD; other labels stay as they are."""
    return gold if gold == "YIELD" and label in _YIELD_PARTS else label


def _score_sentence(gold: _GoldEvent, predictions: Sequence[Any]) -> tuple[str, str]:
    """``(predicted label, outcome)`` for one gold event and the sentence's predictions."""
    right_args: list[str] = []
    right_type = False
    for pred in predictions:
        label = _normalise(_event_type(pred), gold.label)
        args_ok = _overlaps(_role_text(pred, "actor"), gold.sources) and _overlaps(
            _role_text(pred, "recipient"), gold.targets
        )
        if label == gold.label and args_ok:
            return gold.label, "hit"
        right_type = right_type or label == gold.label
        if args_ok:
            right_args.append(label)
    if right_args:
        return right_args[0], "wrong_type"
    return NONE_LABEL, "wrong_arguments" if right_type else "no_event"


def evaluate_end_to_end(
    code_sentences: Callable[[list[str]], list[list[Any]]],
    items: Sequence[PlvItem | GsrItem],
    *,
    name: str = "end-to-end",
) -> EvalReport:
    """Score a full coder: ``code_sentences`` maps sentences to their predicted events.

    Each distinct sentence is coded once; items sharing a sentence are scored against the same
    predictions. Outcome counts (``hit``, ``wrong_type``, ``wrong_arguments``, ``no_event``)
    are in ``report.notes``.
    """
    golds = [_gold_event(item) for item in items]
    sentences = list(dict.fromkeys(g.text for g in golds))
    coded = code_sentences(sentences) if sentences else []
    if len(coded) != len(sentences):
        raise ValueError(f"coder returned {len(coded)} results for {len(sentences)} sentences")
    by_sentence = dict(zip(sentences, coded, strict=True))
    outcomes: Counter[str] = Counter()
    predicted: list[str] = []
    for gold in golds:
        label, outcome = _score_sentence(gold, by_sentence[gold.text] or [])
        predicted.append(label)
        outcomes[outcome] += 1
    notes = {"outcomes": dict(outcomes), "sentences": len(sentences)}
    return make_report(name, [g.label for g in golds], predicted, notes=notes)
