"""The evaluation suite behind ``escalada eval``: the full coder on the gold files.

Spans given: each gold sentence goes through :meth:`EventCoder.code_pair` with the gold actor
and recipient texts, exactly as a JSONL line with ``actor_text``/``recipient_text`` would.
End to end: the sentence alone goes through the coder, which must find the event and its
actor and recipient.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from escalada.evaluation.gold import GsrItem, PlvItem, read_gsr, read_plv
from escalada.evaluation.runner import NONE_LABEL, EvalReport, evaluate_end_to_end, make_report
from escalada.evaluation.splits import plv_split
from escalada.models import Document, EventMention
from escalada.pipeline import EventCoder

__all__ = ["EvaluationSuite", "Prediction"]

YIELD_PARTS = {"CONCEDE", "RETREAT"}


@dataclass(slots=True)
class Prediction:
    event_type: str
    actor_text: str | None
    recipient_text: str | None

    @classmethod
    def from_event(cls, event: EventMention) -> Prediction:
        return cls(event.event_type,
                   event.actor[0].text if event.actor else None,
                   event.recipient[0].text if event.recipient else None)


@dataclass(slots=True)
class EvaluationSuite:
    coder: EventCoder
    gold_dir: Path | None = None

    def plv_items(self, split: str) -> list[PlvItem]:
        """PLV rows of one split: ``validation`` (default), ``train`` or ``all``."""
        items = read_plv(gold_dir=self.gold_dir)
        if split == "all":
            return items
        train, validation = plv_split(items)
        return validation if split == "validation" else train

    def gsr_items(self) -> list[GsrItem]:
        return read_gsr(gold_dir=self.gold_dir)

    def spans_given(self, items: Sequence[PlvItem | GsrItem], *, name: str,
                    collapse_yield: bool) -> EvalReport:
        """Category accuracy when the actor and recipient texts are given."""
        documents = [Document(id=f"gold-{n}", text=_text(item), actor_text=_source(item),
                              recipient_text=_target(item)) for n, item in enumerate(items)]
        predicted = []
        for _, events in self.coder.code_documents(documents):
            label = events[0].event_type if events else NONE_LABEL
            predicted.append("YIELD" if collapse_yield and label in YIELD_PARTS else label)
        gold = [item.label if isinstance(item, PlvItem) else item.event for item in items]
        return make_report(name, gold, predicted)

    def end_to_end(self, items: Sequence[PlvItem | GsrItem], *, name: str) -> EvalReport:
        """Accuracy when the coder must find the event, its actor and its recipient."""
        return evaluate_end_to_end(self.code_sentences, items, name=name)

    def code_sentences(self, sentences: list[str]) -> list[list[Prediction]]:
        documents = (Document(id=f"sentence-{n}", text=text) for n, text in enumerate(sentences))
        return [[Prediction.from_event(e) for e in events]
                for _, events in self.coder.code_documents(documents)]

    def run(self, split: str = "validation") -> list[EvalReport]:
        """All four reports: PLV and GSR, spans given and end to end."""
        plv = self.plv_items(split)
        gsr = self.gsr_items()
        return [
            self.spans_given(plv, name=f"PLV {split} (n={len(plv)}), spans given",
                             collapse_yield=True),
            self.end_to_end(plv, name=f"PLV {split} (n={len(plv)}), end to end"),
            self.spans_given(gsr, name=f"PLOVER GSR (n={len(gsr)}), spans given",
                             collapse_yield=False),
            self.end_to_end(gsr, name=f"PLOVER GSR (n={len(gsr)}), end to end"),
        ]


def _text(item: PlvItem | GsrItem) -> str:
    return item.sentence if isinstance(item, PlvItem) else item.text


def _source(item: PlvItem | GsrItem) -> str | None:
    if isinstance(item, PlvItem):
        return item.source_text
    return item.actor_texts[0] if item.actor_texts else None


def _target(item: PlvItem | GsrItem) -> str | None:
    if isinstance(item, PlvItem):
        return item.target_text
    return item.target_texts[0] if item.target_texts else None
