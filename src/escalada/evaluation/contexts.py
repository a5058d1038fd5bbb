"""PLOVER context classification, scored on the GSR records that name their contexts.

The GSR file was coded with PLOVER 0.5, whose context names partly differ from today's list;
``GSR_CONTEXTS`` maps them (``government`` is any of the three political-institution
contexts). Contexts are multi-label: per context, precision, recall and F1 over the records,
plus micro-averaged figures and how often at least one gold context was found. The coder sees
each record's sentence with its actor and target given, so the score is the context stage's,
not the event finder's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from escalada.evaluation.gold import GsrItem
from escalada.evaluation.metrics import precision_recall_f1
from escalada.models import Document
from escalada.pipeline import EventCoder

__all__ = ["ContextReport", "ContextScore", "evaluate_contexts", "gold_contexts"]

#: PLOVER 0.5 context name -> today's names (a record matches when it finds any of them)
GSR_CONTEXTS: dict[str, tuple[str, ...]] = {
    "government": ("executive", "legislative", "political_institutions"),
    "political": ("political_institutions",),
    "politics": ("political_institutions",),
    "resource": ("natural_resource",),
    "refugee": ("migration", "asylum"),
    "discrimination": ("human_rights", "religion_ethnicity", "inequality"),
}


GoldContext = tuple[str, tuple[str, ...]]
"""A gold context: its name in the gold file and today's names that satisfy it."""


def gold_contexts(item: GsrItem) -> list[GoldContext]:
    """The record's contexts with the names of today's list that satisfy each."""
    return [(name.lower(), GSR_CONTEXTS.get(name.lower(), (name.lower(),)))
            for name in item.context]


@dataclass(slots=True)
class ContextScore:
    context: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(slots=True)
class ContextReport:
    n: int
    micro_precision: float
    micro_recall: float
    micro_f1: float
    any_found: float
    """Share of records where at least one gold context was predicted."""
    scores: list[ContextScore]

    def to_text(self) -> str:
        lines = [f"Contexts on PLOVER GSR (n={self.n}, actor and target given): "
                 f"micro P={self.micro_precision:.3f} R={self.micro_recall:.3f} "
                 f"F1={self.micro_f1:.3f}; at least one gold context found in "
                 f"{self.any_found:.0%} of records",
                 f"{'context':<24}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}"
                 f"{'predicted':>11}"]
        lines += [f"{s.context:<24}{s.precision:7.3f}{s.recall:8.3f}{s.f1:7.3f}"
                  f"{s.support:9d}{s.predicted:11d}" for s in self.scores]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"n": self.n, "micro_precision": self.micro_precision,
                "micro_recall": self.micro_recall, "micro_f1": self.micro_f1,
                "any_found": self.any_found, "scores": [asdict(s) for s in self.scores]}


def score_contexts(gold: Sequence[list[GoldContext]],
                   predicted: Sequence[set[str]]) -> ContextReport:
    """Score predicted context sets against gold. A gold context is found when any of its
    accepted names is predicted; a predicted context that satisfies no gold context is a false
    positive (counted under its own name)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    any_found = 0
    for wanted, found in zip(gold, predicted, strict=True):
        accepted = {name for _, names in wanted for name in names}
        hit = False
        for label, names in wanted:
            if found & set(names):
                tp[label] += 1
                hit = True
            else:
                fn[label] += 1
        any_found += hit
        for name in found - accepted:
            fp[name] += 1
    labels = sorted(set(tp) | set(fn) | set(fp))
    scores = []
    for label in labels:
        precision, recall, f1 = precision_recall_f1(tp[label], fp[label], fn[label])
        scores.append(ContextScore(label, precision, recall, f1, tp[label] + fn[label],
                                   tp[label] + fp[label]))
    micro = precision_recall_f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return ContextReport(len(gold), *micro, any_found / len(gold) if gold else 0.0, scores)


def evaluate_contexts(coder: EventCoder, items: Sequence[GsrItem]) -> ContextReport:
    """Contexts of the event the coder finds for each GSR record that names contexts (the
    record's actor and target given); a record with no event predicts no context."""
    items = [item for item in items if item.context]
    documents = [Document(id=f"gsr-context-{n}", text=item.text,
                          actor_text=item.actor_texts[0] if item.actor_texts else None,
                          recipient_text=item.target_texts[0] if item.target_texts else None)
                 for n, item in enumerate(items)]
    predicted = [set(events[0].context) if events else set()
                 for _, events in coder.code_documents(documents)]
    return score_contexts([gold_contexts(item) for item in items], predicted)
