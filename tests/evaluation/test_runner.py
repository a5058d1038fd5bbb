"""Evaluation runners with stand-in classifiers and coders (no model, no parsing)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from escalada.evaluation.gold import GsrActor, GsrItem, PlvItem
from escalada.evaluation.runner import (
    NONE_LABEL,
    evaluate_end_to_end,
    evaluate_gsr_spans_given,
    evaluate_plv_spans_given,
)


def _plv(sid: str, sentence: str, src: str | None, tgt: str | None, label: str) -> PlvItem:
    def span(text: str | None) -> tuple[int, int] | None:
        return (sentence.index(text), sentence.index(text) + len(text)) if text else None

    return PlvItem(sid, sentence, src, tgt, span(src), span(tgt), label)


ITEMS = [
    _plv("1", "Rebels shelled Marib.", "Rebels", "Marib", "ASSAULT"),
    _plv("2", "Iran condemned the strike on Syria.", "Iran", "the strike", "ACCUSE"),
    _plv("3", "The army released the journalists.", "The army", "the journalists", "YIELD"),
    _plv("4", "The minister resigned.", "The minister", None, "YIELD"),
]


class KeywordClassifier:
    """Predicts from one keyword per sentence; YIELD splits to RETREAT in predict_plover."""

    def predict_many(self, examples, batch_size=64):
        out = []
        for sentence, _, _ in examples:
            label = "ASSAULT" if "shell" in sentence else "YIELD"
            out.append({label: 0.9, "ACCUSE": 0.1} if label != "ACCUSE" else {"ACCUSE": 1.0})
        return out

    def predict_plover(self, examples, batch_size=64):
        return [
            {("RETREAT" if k == "YIELD" else k): v for k, v in p.items()}
            for p in self.predict_many(examples)
        ]


def test_plv_spans_given_report() -> None:
    report = evaluate_plv_spans_given(KeywordClassifier(), ITEMS)
    assert report.n == 4
    assert report.accuracy == pytest.approx(0.75)  # ACCUSE row predicted YIELD
    assert report.y_pred == ["ASSAULT", "YIELD", "YIELD", "YIELD"]
    data = report.to_dict()
    assert data["confusion"]["labels"] == ["ACCUSE", "ASSAULT", "YIELD"]
    assert {row["label"] for row in data["per_class"]} == {"ACCUSE", "ASSAULT", "YIELD"}
    text = report.to_text()
    assert "accuracy=0.7500 (3/4)" in text and "ACCUSE" in text


def test_gsr_spans_given_uses_16_categories() -> None:
    items = [
        GsrItem("a", "Serbs shelled Kosovo.", "ASSAULT", (GsrActor("Serbs"),), ()),
        GsrItem("b", "Serbia freed them.", "RETREAT", (GsrActor("Serbia"),), ()),
        GsrItem("c", "Serbia eased curfews.", "CONCEDE", (GsrActor("Serbia"),), ()),
    ]
    report = evaluate_gsr_spans_given(KeywordClassifier(), items)
    assert report.y_pred == ["ASSAULT", "RETREAT", "RETREAT"]
    assert report.accuracy == pytest.approx(2 / 3)
    collapsed = evaluate_gsr_spans_given(KeywordClassifier(), items, collapse_yield=True)
    assert collapsed.accuracy == 1.0


@dataclass
class Pred:
    event_type: str
    actor_text: str | None
    recipient_text: str | None


def test_end_to_end_requires_type_and_both_arguments() -> None:
    coded = {
        "Rebels shelled Marib.": [Pred("ASSAULT", "rebels", "Marib city")],  # hit
        "Iran condemned the strike on Syria.": [Pred("ACCUSE", "Iran", "Syria")],  # wrong tgt
        "The army released the journalists.": [Pred("RETREAT", "army", "journalists")],  # hit
        "The minister resigned.": [{"event_type": "SANCTION", "actor_text": "minister"}],
    }
    calls: list[list[str]] = []

    def code_sentences(sentences: list[str]) -> list[list[object]]:
        calls.append(sentences)
        return [coded[s] for s in sentences]

    report = evaluate_end_to_end(code_sentences, ITEMS)
    assert len(calls) == 1 and len(calls[0]) == 4
    assert report.y_pred == ["ASSAULT", NONE_LABEL, "YIELD", "SANCTION"]
    assert report.accuracy == pytest.approx(0.5)
    assert report.notes["outcomes"] == {"hit": 2, "wrong_arguments": 1, "wrong_type": 1}
    assert NONE_LABEL in report.labels


def test_end_to_end_no_events_and_bad_coder() -> None:
    report = evaluate_end_to_end(lambda s: [[] for _ in s], ITEMS[:2])
    assert report.accuracy == 0.0 and report.y_pred == [NONE_LABEL, NONE_LABEL]
    with pytest.raises(ValueError):
        evaluate_end_to_end(lambda s: [], ITEMS[:2])
