"""Auxiliary-mode detection (negation, hypothetical, future, historical) on our own set.

The sentences in ``evaluation/data/aux_modes.yaml`` were written for escalada, 15 or more per
mode plus factual controls. Each reports one event; the coder's first event in the sentence is
scored. Per mode it is a binary decision over all sentences: precision, recall and F1; a
sentence where no event is found counts as a miss for the modes it should have had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from importlib import resources

import yaml

from escalada.evaluation.metrics import precision_recall_f1
from escalada.models import AUX_MODES, Document
from escalada.pipeline import EventCoder

__all__ = ["AuxItem", "AuxModeReport", "evaluate_aux_modes", "load_aux_items"]

#: every sentence is read as if published on this day (for "historical")
PUBLISHED = dt.date(2025, 6, 1)


@dataclass(frozen=True, slots=True)
class AuxItem:
    text: str
    aux: frozenset[str]


@dataclass(slots=True)
class ModeScore:
    mode: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(slots=True)
class AuxModeReport:
    n: int
    no_event: int
    scores: list[ModeScore]
    misses: list[tuple[str, list[str], list[str]]]
    """(sentence, gold modes, predicted modes or ["<no event>"]) for every error."""

    def to_text(self) -> str:
        lines = [f"Aux modes on escalada's own set: n={self.n}, no event found: {self.no_event}",
                 f"{'mode':<14}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}"]
        lines += [f"{s.mode:<14}{s.precision:7.3f}{s.recall:8.3f}{s.f1:7.3f}{s.support:9d}"
                  for s in self.scores]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"n": self.n, "no_event": self.no_event,
                "scores": [asdict(s) for s in self.scores], "misses": self.misses}


def load_aux_items() -> list[AuxItem]:
    """The packaged aux-mode sentences."""
    text = resources.files("escalada.evaluation").joinpath("data/aux_modes.yaml").read_text(
        "utf-8")
    return [AuxItem(i["text"], frozenset(i["aux"])) for i in yaml.safe_load(text)["items"]]


def evaluate_aux_modes(coder: EventCoder, items: list[AuxItem] | None = None) -> AuxModeReport:
    """Score the coder's auxiliary modes on ``items`` (default: the packaged set)."""
    items = items if items is not None else load_aux_items()
    documents = [Document(id=f"aux-{n}", text=i.text, published=PUBLISHED)
                 for n, i in enumerate(items)]
    predicted: list[frozenset[str] | None] = [
        frozenset(events[0].aux) if events else None
        for _, events in coder.code_documents(documents)]
    scores = []
    for mode in AUX_MODES:
        tp = sum(1 for i, p in zip(items, predicted, strict=True)
                 if mode in i.aux and p is not None and mode in p)
        fp = sum(1 for i, p in zip(items, predicted, strict=True)
                 if mode not in i.aux and p is not None and mode in p)
        fn = sum(1 for i, p in zip(items, predicted, strict=True)
                 if mode in i.aux and (p is None or mode not in p))
        precision, recall, f1 = precision_recall_f1(tp, fp, fn)
        scores.append(ModeScore(mode, round(precision, 3), round(recall, 3), round(f1, 3),
                                sum(1 for i in items if mode in i.aux)))
    misses = [(i.text, sorted(i.aux), sorted(p) if p is not None else ["<no event>"])
              for i, p in zip(items, predicted, strict=True) if p != i.aux]
    return AuxModeReport(n=len(items), no_event=sum(p is None for p in predicted),
                         scores=scores, misses=misses)
