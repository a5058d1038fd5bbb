"""What the classifier's training adds beyond PLV: trigger cues, weak spans, sample weights."""

from __future__ import annotations

import numpy as np
import pytest

from escalada.coding.learned.cues import default_lexicon, load_lexicon
from escalada.coding.learned.features import extract_features, weak_spans
from escalada.coding.learned.model import EventClassifier, ModelConfig


def test_lexicon_snapshots_the_rule_triggers() -> None:
    lexicon = default_lexicon()
    assert lexicon.triggers["meet"] == "CONSULT"
    assert lexicon.triggers["impose +sanction"] == "SANCTION"
    assert load_lexicon(with_triggers=False).triggers == {}


def test_trigger_features_prefer_the_most_specific_pattern(nlp) -> None:
    sentence = "Brazil imposed sanctions on Paraguay."
    record = extract_features(nlp(sentence), (0, 6), (28, 36))
    assert record.symbols.get("trig0=SANCTION") == 1.0
    plain = extract_features(nlp(sentence), (0, 6), (28, 36), load_lexicon(with_triggers=False))
    assert not any(k.startswith("trig") for k in plain.symbols)


def test_sentence_cues_are_shared_by_the_pairs_of_one_sentence(nlp) -> None:
    """Every pair of a sentence reuses its sentence-wide cue features; a pair scored on a
    reused doc has exactly the features of one scored on a fresh parse, per lexicon."""
    sentence = "Brazil condemned the raid and demanded talks with Paraguay."
    shared = nlp(sentence)
    pairs = [((0, 6), (51, 59)), ((0, 6), (17, 25)), ((51, 59), None)]
    for lexicon in (default_lexicon(), load_lexicon(with_triggers=False)):
        for source, target in pairs:
            reused = extract_features(shared, source, target, lexicon)
            fresh = extract_features(nlp(sentence), source, target, lexicon)
            assert reused.symbols == fresh.symbols
    cues = extract_features(shared, (0, 6), (51, 59)).symbols
    assert {"cue_sent=ACCUSE", "cue_sent=REQUEST"} <= set(cues)


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("Russia condemned the attack on Kyiv.", "Russia", "the attack on Kyiv"),
        ("Teachers in Haiti went on strike.", "Teachers in Haiti", "strike"),
        ("The army was deployed to the border.", "The army", "the border"),
    ],
)
def test_weak_spans_are_subject_and_object_of_the_main_verb(nlp, sentence, source, target):
    spans = weak_spans(nlp(sentence))
    assert spans is not None
    (s0, s1), (t0, t1) = spans
    assert (sentence[s0:s1], sentence[t0:t1]) == (source, target)


def test_weak_spans_need_both_roles(nlp) -> None:
    assert weak_spans(nlp("Protests continued.")) is None


def test_sample_weights_are_checked_and_used(nlp) -> None:
    examples = [
        ("Rebels attacked a police post.", (0, 6), (16, 29), "ASSAULT"),
        ("Militants attacked the army base.", (0, 9), (19, 32), "ASSAULT"),
        ("The president met the prime minister.", (0, 13), (18, 36), "CONSULT"),
        ("The envoy met Taliban leaders.", (0, 9), (14, 29), "CONSULT"),
    ]
    model = EventClassifier(ModelConfig(C=10.0), nlp=nlp)
    records = model.featurize((s, a, b) for s, a, b, _ in examples)
    labels = [label for *_, label in examples]
    with pytest.raises(ValueError):
        model.fit_records(records, labels, [1.0])
    model.fit_records(records, labels, [1.0, 1.0, 1.0, 1e-6])
    probe = records[3]
    weak = model.predict_records([probe])[0]["CONSULT"]
    model.fit_records(records, labels)
    assert model.predict_records([probe])[0]["CONSULT"] > weak


@pytest.mark.parametrize(
    "config",
    [ModelConfig(C=10.0), ModelConfig(C=1.0, symbol_weight=0.5), ModelConfig(text_weight=0.0)],
)
def test_fast_path_equals_the_pipeline_for_any_config(nlp, config) -> None:
    examples = [
        ("Rebels attacked a police post.", (0, 6), (16, 29), "ASSAULT"),
        ("Militants attacked the army base.", (0, 9), (19, 32), "ASSAULT"),
        ("The president met the prime minister.", (0, 13), (18, 36), "CONSULT"),
        ("The envoy met Taliban leaders.", (0, 9), (14, 29), "CONSULT"),
        ("Amnesty accused the police of torture.", (0, 7), (16, 26), "ACCUSE"),
        ("Critics condemned the minister.", (0, 7), (18, 30), "ACCUSE"),
    ]
    model = EventClassifier(config, nlp=nlp)
    records = model.featurize((s, a, b) for s, a, b, _ in examples)
    model.fit_records(records, [label for *_, label in examples])
    probe = model.featurize([
        ("Gunmen attacked a hotel in the capital.", (0, 6), (16, 23)),
        ("The king met the delegation.", (0, 8), (13, 27)),
        ("", None, None),
    ])
    assert np.allclose(model._feature_view(probe), model.pipeline.predict_proba(probe),
                       atol=1e-6)  # fmt: skip


def test_phrase_hits_find_overlapping_and_repeated_phrases() -> None:
    lexicon = load_lexicon(with_triggers=False)
    text = "they go on strike and call for talk then call for a deal and go on strike"
    lemmas = text.split(" ")
    hits = [(" ".join(lemmas[h.start : h.end]), h.start, h.classes)
            for h in lexicon.phrase_hits(lemmas)]  # fmt: skip
    assert ("call for", 5, ("REQUEST",)) in hits
    assert ("call for", 9, ("REQUEST",)) in hits
    assert [h[1] for h in hits if h[0] == "go on strike"] == [1, 14]
    assert not lexicon.phrase_hits([])
    assert not lexicon.phrase_hits(["call"])  # a phrase cut off at the end is no hit
