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


@pytest.fixture(scope="module")
def distillation():
    import sys
    from pathlib import Path

    scripts = str(Path(__file__).resolve().parents[3] / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import distill_feature_view

    return distill_feature_view


def test_ranker_pairs_are_spans_of_their_own_sentence(nlp, distillation) -> None:
    from escalada.coding.learned.pairs import load_pair_ranker

    texts = ["Brazil imposed sanctions on Paraguay on Monday. The weather was mild.\n\n"
             "Protesters in Lima clashed with riot police near the parliament building."]
    triples = distillation.ranker_pairs(texts, nlp, load_pair_ranker())
    assert [t[0].split()[0] for t in triples] == ["Brazil", "Protesters"]
    for sentence, source, target in triples:
        assert 0 <= source[0] < source[1] <= len(sentence)
        assert target is None or 0 <= target[0] < target[1] <= len(sentence)
    first = triples[0]
    assert first[0][slice(*first[1])] == "Brazil" and first[0][slice(*first[2])] == "Paraguay"


def test_the_teacher_types_pairs_and_the_floor_keeps_the_confident_ones(distillation) -> None:
    teacher = EventClassifier.load()
    triples = [("Brazil accused Paraguay of spying on its embassy.", (0, 6), (15, 23)),
               ("Brazil said the weather in Paraguay was mild.", (0, 6), (27, 35))]
    taught = distillation.teach(teacher, triples)
    assert taught.labels[0] == "ACCUSE"
    assert all(label in teacher.labels for label in taught.labels)
    assert all(0.0 < c <= 1.0 for c in taught.confidences)
    floor = taught.confidences[0]
    kept = taught.above(floor)
    assert kept.triples[0] == triples[0] and min(kept.confidences) >= floor
    assert len(taught.above(1.01).labels) == 0


def test_soft_labels_split_each_pairs_weight_over_the_plausible_classes(distillation) -> None:
    taught = distillation.Taught(
        [("a", (0, 1), None), ("b", (0, 1), None)], ["ACCUSE", "AGREE", "AID"],
        np.array([[0.6, 0.3, 0.1], [0.05, 0.04, 0.03]]))
    pairs, labels, weights = taught.soft_labels(0.5, min_share=0.2)
    assert pairs == [0, 0, 1]
    assert labels == ["ACCUSE", "AGREE", "ACCUSE"]
    assert weights[0] == pytest.approx(0.5 * 0.6 / 0.9)
    assert weights[1] == pytest.approx(0.5 * 0.3 / 0.9)
    # a pair no class reaches the share for is still taught, as its most probable class
    assert weights[2] == pytest.approx(0.5)
    assert taught.labels == ["ACCUSE", "ACCUSE"]
    assert taught.above(0.5).triples == [("a", (0, 1), None)]

