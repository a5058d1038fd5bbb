"""The learned event classifier on a tiny hand-written data set of three classes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from escalada.coding.learned.cues import default_lexicon
from escalada.coding.learned.features import extract_features
from escalada.coding.learned.model import EventClassifier, ModelConfig
from escalada.errors import ModelError

# One example per line: sentence | source | target | label (spans are substrings).
TRAIN_TEXT = """
Rebels attacked a police post in Kandahar. | Rebels | a police post | ASSAULT
Government troops shelled the rebel town overnight. | Government troops | the rebel town | ASSAULT
Militants killed four soldiers near the border. | Militants | four soldiers | ASSAULT
The air force bombed insurgent positions. | The air force | insurgent positions | ASSAULT
Gunmen stormed a hotel in the capital. | Gunmen | a hotel | ASSAULT
Israeli jets struck targets in Gaza. | Israeli jets | targets | ASSAULT
A suicide bomber attacked a market in Kabul. | A suicide bomber | a market | ASSAULT
Police fired on protesters in the square. | Police | protesters | ASSAULT
Pirates attacked a tanker off Somalia. | Pirates | a tanker | ASSAULT
The army killed a rebel commander. | The army | a rebel commander | ASSAULT
The president met the prime minister in Paris. | The president | the prime minister | CONSULT
The envoy held talks with Taliban leaders. | The envoy | Taliban leaders | CONSULT
Merkel visited Warsaw on Monday. | Merkel | Warsaw | CONSULT
The foreign minister met his counterpart. | The foreign minister | his counterpart | CONSULT
Negotiators from Iran held talks with EU officials. | Negotiators from Iran | EU officials | CONSULT
The king hosted the Japanese delegation. | The king | the Japanese delegation | CONSULT
Putin discussed trade with Erdogan by phone. | Putin | Erdogan | CONSULT
The mediator met both parties in Geneva. | The mediator | both parties | CONSULT
The delegation visited Moscow for consultations. | The delegation | Moscow | CONSULT
Modi met Biden at the summit. | Modi | Biden | CONSULT
The opposition condemned the government over the arrests. | The opposition | the government | ACCUSE
Amnesty accused the police of torture. | Amnesty | the police | ACCUSE
The ministry criticized Washington for its remarks. | The ministry | Washington | ACCUSE
The union sued the company in federal court. | The union | the company | ACCUSE
Rights groups denounced the junta. | Rights groups | the junta | ACCUSE
The prosecutor charged the former mayor with fraud. | The prosecutor | the former mayor | ACCUSE
Beijing blamed Tokyo for the incident. | Beijing | Tokyo | ACCUSE
The court convicted the general of war crimes. | The court | the general | ACCUSE
Critics condemned the minister for the decision. | Critics | the minister | ACCUSE
The senator accused the agency of negligence. | The senator | the agency | ACCUSE
"""

HELD_OUT_TEXT = """
Insurgents attacked an army convoy near Mosul. | Insurgents | an army convoy | ASSAULT
The chancellor met the French president in Berlin. | The chancellor | the French president | CONSULT
The opposition accused the government of fraud. | The opposition | the government | ACCUSE
"""


def _rows(text: str) -> list[tuple[str, str, str, str]]:
    rows = [tuple(part.strip() for part in line.split("|")) for line in text.strip().splitlines()]
    assert all(len(row) == 4 for row in rows)
    return rows  # type: ignore[return-value]


TRAIN = _rows(TRAIN_TEXT)
HELD_OUT = _rows(HELD_OUT_TEXT)


def _example(sentence: str, source: str, target: str) -> tuple[str, tuple, tuple]:
    s, t = sentence.index(source), sentence.index(target)
    return sentence, (s, s + len(source)), (t, t + len(target))


class Item:
    def __init__(self, sentence: str, source: str, target: str, label: str) -> None:
        self.sentence, self.source_span, self.target_span = _example(sentence, source, target)
        self.label = label


@pytest.fixture(scope="module")
def trained(nlp) -> EventClassifier:
    model = EventClassifier(ModelConfig(C=10.0), nlp=nlp)
    return model.fit([Item(*row) for row in TRAIN])


@pytest.fixture(scope="module")
def with_encoder(nlp) -> EventClassifier:
    config = ModelConfig(C=10.0, embedding_weight=0.5, embedding_C=3.0, embedding_gate=1.01)
    return EventClassifier(config, nlp=nlp).fit([Item(*row) for row in TRAIN])


def test_predicts_obvious_held_out_cases(trained: EventClassifier) -> None:
    examples = [_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT]
    probs = trained.predict_many(examples)
    assert [max(p, key=p.get) for p in probs] == [label for *_, label in HELD_OUT]


def test_probabilities_sum_to_one(trained: EventClassifier) -> None:
    probs = trained.predict_proba(*_example(*HELD_OUT[0][:3]))
    assert set(probs) == {"ACCUSE", "ASSAULT", "CONSULT"}
    assert sum(probs.values()) == pytest.approx(1.0)
    assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_missing_spans_are_accepted(trained: EventClassifier) -> None:
    probs = trained.predict_proba("Rebels attacked the town.", None, None)
    assert sum(probs.values()) == pytest.approx(1.0)
    for sentence in ("", "   "):  # nothing to parse: still a distribution, not a crash
        assert sum(trained.predict_proba(sentence, None, (0, 99)).values()) == pytest.approx(1.0)


def test_save_load_round_trip(trained: EventClassifier, tmp_path: Path, nlp) -> None:
    path = trained.save(tmp_path / "model.joblib")
    loaded = EventClassifier.load(path, nlp=nlp)
    assert loaded.labels == trained.labels
    assert loaded.version == trained.version
    assert loaded.views_fingerprint == trained.views_fingerprint
    example = _example(*HELD_OUT[1][:3])
    assert loaded.predict_proba(*example) == pytest.approx(trained.predict_proba(*example))
    assert path.stat().st_size < 5_000_000


def test_a_differently_trained_model_keeps_its_version_but_not_its_fingerprint(
        trained: EventClassifier, nlp) -> None:
    other = EventClassifier(ModelConfig(C=1.0), nlp=nlp).fit([Item(*row) for row in TRAIN])
    assert other.views_version == trained.views_version
    assert other.views_fingerprint != trained.views_fingerprint


def test_load_refuses_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        EventClassifier.load(tmp_path / "missing.joblib")
    bogus = tmp_path / "bogus.joblib"
    bogus.write_text("not a model")
    with pytest.raises(ModelError):
        EventClassifier.load(bogus)


def test_unfitted_model_raises() -> None:
    with pytest.raises(ModelError):
        EventClassifier().predict_records([])


def test_features_read_predicate_particle_and_negation(nlp) -> None:
    sentence = "Russia said it will not pull out its troops from Syria."
    doc = nlp(sentence)
    record = extract_features(doc, (0, 6), (49, 54))
    assert "pull_out" in record.predicate_keys
    assert record.symbols.get("negated") == 1.0
    assert record.future
    assert "SRC" in record.text and "TGT" in record.text and "russia" not in record.text


def test_yield_split_to_plover_categories(nlp) -> None:
    lexicon = default_lexicon()
    assert lexicon.split_yield(["release"]) == "RETREAT"
    assert lexicon.split_yield(["ease"]) == "CONCEDE"
    assert lexicon.split_yield(["withdraw"], future=True) == "CONCEDE"
    assert lexicon.split_yield(["unknownverb"]) == "CONCEDE"
    model = EventClassifier(nlp=nlp)
    doc = nlp("The army released the journalists.")
    record = extract_features(doc, (0, 8), (18, 33))
    probs = model.to_plover({"YIELD": 0.7, "ASSAULT": 0.3}, record)
    assert probs == pytest.approx({"RETREAT": 0.7, "CONCEDE": 0.0, "ASSAULT": 0.3})


def test_fast_prediction_path_equals_the_sklearn_pipeline():
    from escalada.coding.learned import EventClassifier

    classifier = EventClassifier.load()
    records = classifier.featurize([
        ("Brazil imposed sanctions on Paraguay.", (0, 6), (28, 36)),
        ("Police in Lima arrested two students.", (0, 14), (24, 36)),
        ("Japan and India agreed to hold exercises.", (0, 5), (10, 15)),
    ])
    expected = classifier.pipeline.predict_proba(records)
    assert np.allclose(classifier._feature_view(records), expected, atol=1e-6)


def test_encoder_view_is_trained_and_combined(with_encoder: EventClassifier) -> None:
    examples = [_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT]
    assert with_encoder.uses_encoder
    probs = with_encoder.predict_many(examples)
    assert [max(p, key=p.get) for p in probs] == [label for *_, label in HELD_OUT]
    records = with_encoder.featurize(examples)
    features_only = with_encoder._feature_view(records)
    combined = with_encoder.predict_matrix(records)
    assert np.allclose(combined.sum(axis=1), 1.0)
    assert not np.allclose(combined, features_only, atol=1e-3)  # the encoder moved them


def test_gate_keeps_confident_feature_answers(with_encoder: EventClassifier, nlp) -> None:
    from dataclasses import replace

    records = with_encoder.featurize([_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT])
    gated = EventClassifier(replace(with_encoder.config, embedding_gate=0.0), nlp=nlp)
    gated.pipeline, gated.embedding_head = with_encoder.pipeline, with_encoder.embedding_head
    assert np.allclose(gated.predict_matrix(records), with_encoder._feature_view(records))


def test_encoder_view_survives_save_and_load(with_encoder, tmp_path: Path, nlp) -> None:
    loaded = EventClassifier.load(with_encoder.save(tmp_path / "model.joblib"), nlp=nlp)
    assert loaded.uses_encoder
    example = _example(*HELD_OUT[0][:3])
    assert loaded.predict_proba(*example) == pytest.approx(with_encoder.predict_proba(*example))


def test_a_tuned_layer_head_is_used_and_saved(trained: EventClassifier, tmp_path: Path,
                                              nlp) -> None:
    from dataclasses import replace

    from test_tuned_layer import _random_head

    model = EventClassifier(replace(trained.config, encoder_head="tuned-layer",
                                    embedding_weight=0.5, embedding_gate=1.01), nlp=nlp)
    model.pipeline = trained.pipeline
    assert not model.uses_encoder  # no head yet: the feature view alone
    model.set_tuned_head(_random_head(classes=len(trained.labels), head_scale=1.0))
    assert model.uses_encoder and model.version.startswith("event-classifier-3+minilm-int8-tuned")
    records = model.featurize([_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT])
    combined = model.predict_matrix(records)
    assert np.allclose(combined.sum(axis=1), 1.0)
    assert not np.allclose(combined, model._feature_view(records), atol=1e-3)
    loaded = EventClassifier.load(model.save(tmp_path / "tuned.joblib"), nlp=nlp)
    assert np.allclose(loaded.predict_matrix(records), combined)
    with pytest.raises(ValueError):
        model.set_tuned_head(_random_head(classes=len(trained.labels) + 1))


def test_the_int8_tuned_layer_answers_like_the_float_one_and_once_per_input(
        trained: EventClassifier, nlp, monkeypatch) -> None:
    from dataclasses import replace

    from test_tuned_layer import _random_head

    from escalada.coding.learned.tuned_layer import TunedLayerHead

    model = EventClassifier(replace(trained.config, encoder_head="tuned-layer",
                                    embedding_weight=0.5, embedding_gate=1.01), nlp=nlp)
    model.pipeline = trained.pipeline
    head = _random_head(classes=len(trained.labels), head_scale=0.2)
    head.weights = model.encoder.last_layer()
    model.set_tuned_head(head)
    records = model.featurize([_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT])
    exact = model.predict_matrix(records)
    asked: list[int] = []
    encoded = TunedLayerHead.predict_encoded

    def counted(self, encoder, inputs):
        asked.append(len(inputs))
        return encoded(self, encoder, inputs)

    monkeypatch.setattr(TunedLayerHead, "predict_encoded", counted)
    int8 = model.predict_matrix(records, int8_encoder=True)
    assert np.allclose(int8.sum(axis=1), 1.0)
    assert np.abs(int8 - exact).max() < 0.05 and not np.array_equal(int8, exact)
    assert asked == [len({r.encoder_input for r in records})]
    again = model.predict_matrix(records[:2] + records[:1], int8_encoder=True)
    assert asked == [len({r.encoder_input for r in records})]  # all remembered
    assert np.array_equal(again, int8[[0, 1, 0]])


def test_a_distilled_view_answers_only_where_the_encoder_is_kept_out(
        with_encoder: EventClassifier, tmp_path: Path, nlp) -> None:
    model = EventClassifier(with_encoder.config, nlp=nlp)
    model.pipeline, model.embedding_head = with_encoder.pipeline, with_encoder.embedding_head
    records = model.featurize([_example(s, src, tgt) for s, src, tgt, _ in HELD_OUT])
    both_views = model.predict_matrix(records)
    plain = model.predict_matrix(records, consult_encoder=[False] * len(records))
    # the distilled view: the same training data with every ASSAULT example weighing 20x
    rows = [Item(*row) for row in TRAIN]
    model.fit_solo(model.featurize((i.sentence, i.source_span, i.target_span) for i in rows),
                   [i.label for i in rows],
                   sample_weight=[20.0 if i.label == "ASSAULT" else 1.0 for i in rows])
    assert model.version == with_encoder.version + "+distilled"
    assert model.views_version == with_encoder.version
    # the views are untouched, the build is another one
    assert model.views_fingerprint == with_encoder.views_fingerprint
    assert model.fingerprint != with_encoder.fingerprint
    assert np.allclose(model.predict_matrix(records), both_views)  # encoder asked: unchanged
    solo = model.predict_matrix(records, consult_encoder=[False, True, False])
    assert np.allclose(solo[1], both_views[1])
    assert not np.allclose(solo[[0, 2]], plain[[0, 2]], atol=1e-3)
    assert np.allclose(solo[[0, 2]], model._feature_view([records[0], records[2]],
                                                         model.solo_pipeline))
    loaded = EventClassifier.load(model.save(tmp_path / "distilled.joblib"), nlp=nlp)
    assert loaded.version.endswith("+distilled")
    assert loaded.fingerprint == model.fingerprint
    # a distillation that names its recipe names it in the version too
    model.metadata["distillation"] = {"recipe": "soft1"}
    assert model.version == with_encoder.version + "+distilled-soft1"
    assert np.allclose(loaded.predict_matrix(records, consult_encoder=[False] * 3),
                       model.predict_matrix(records, consult_encoder=[False] * 3))


def test_a_distilled_view_must_know_the_models_classes(trained: EventClassifier) -> None:
    rows = [Item(*row) for row in TRAIN if row[3] != "CONSULT"]
    records = trained.featurize((i.sentence, i.source_span, i.target_span) for i in rows)
    with pytest.raises(ValueError):
        trained.fit_solo(records, [i.label for i in rows])


def test_the_lexicon_fingerprint_follows_the_trigger_snapshot():
    from dataclasses import replace

    from escalada.coding.learned.fingerprint import lexicon_fingerprint

    lexicon = default_lexicon()
    assert lexicon_fingerprint(lexicon) == lexicon_fingerprint(replace(lexicon))
    more = replace(lexicon, triggers={**lexicon.triggers, "pledge +fealty": "AGREE"})
    fewer = replace(lexicon, triggers={k: v for k, v in lexicon.triggers.items()
                                       if k != "be +committed"})
    assert len({lexicon_fingerprint(x) for x in (lexicon, more, fewer)}) == 3
