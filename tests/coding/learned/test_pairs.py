"""The (actor, recipient) pair ranker on hand-written sentences (none from the gold files)."""

from __future__ import annotations

import numpy as np
import pytest

from escalada.coding.learned.pairs import (
    DEFAULT_RANKER_PATH,
    PairRanker,
    candidate_heads,
    code_sentence_with_pairs,
    labels_for,
)
from escalada.errors import ModelError


@pytest.fixture(scope="module")
def ranker():
    if not DEFAULT_RANKER_PATH.is_file():
        pytest.skip("pair_ranker.joblib not built (scripts/train_pair_ranker.py)")
    return PairRanker.load()


def _sentence(nlp, text):
    return nlp(text)[:]


def _top(ranker, nlp, text):
    ranked = ranker.rank(_sentence(nlp, text))
    assert ranked, text
    best = ranked[0]
    return best.actor.text, best.recipient.text if best.recipient is not None else None


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Rebel fighters attacked a police station near the river.", "Rebel fighters",
     "a police station"),
    ("The foreign minister criticized the neighbouring government on Monday.",
     "The foreign minister", "the neighbouring government"),
    ("Brazil signed a trade agreement with Argentina.", "Brazil", "Argentina"),
])
def test_subject_and_object_come_first(ranker, nlp, text, actor, recipient):
    assert _top(ranker, nlp, text) == (actor, recipient)


def test_passive_agent_is_the_actor(ranker, nlp):
    actor, recipient = _top(ranker, nlp, "The aid convoy was attacked by armed militiamen.")
    assert actor == "armed militiamen"
    assert recipient == "The aid convoy"


def test_scores_are_sorted_and_bounded(ranker, nlp):
    ranked = ranker.rank(_sentence(nlp, "Police arrested two activists in the capital."))
    scores = [pair.score for pair in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_no_noun_phrase_no_pair(ranker, nlp):
    sentence = _sentence(nlp, "Very quickly, and then again!")
    assert candidate_heads(sentence) == []
    assert ranker.rank(sentence) == []


def test_rules_and_no_cue_give_no_new_event(ranker, nlp):
    sentence = _sentence(nlp, "The weather in the capital was mild on Tuesday.")
    assert code_sentence_with_pairs(sentence, [], ranker, refiner=None, rules=None) == []


def _tiny_ranker(nlp) -> PairRanker:
    texts = [("Soldiers shelled the village.", "Soldiers", "village"),
             ("The court fined the company.", "court", "company"),
             ("Protesters blocked the road.", "Protesters", "road")]
    features, labels = [], []
    model = PairRanker(C=1.0)
    for text, actor, recipient in texts:
        sentence = _sentence(nlp, text)
        pairs = model.pairs(sentence)
        gold_a = {t.i for t in sentence if t.text == actor}
        gold_r = {t.i for t in sentence if t.text == recipient}
        features += model.featurize(sentence, pairs)
        labels += labels_for(pairs, gold_a, gold_r)
    return model.fit(features, labels)


def test_save_load_round_trip(nlp, tmp_path):
    model = _tiny_ranker(nlp)
    path = model.save(tmp_path / "ranker.joblib")
    loaded = PairRanker.load(path)
    sentence = _sentence(nlp, "Troops shelled the town.")
    features = model.featurize(sentence, model.pairs(sentence))
    assert np.allclose(model.score(features), loaded.score(features))
    assert [(p.actor.text, p.score) for p in loaded.rank(sentence)] == \
        [(p.actor.text, p.score) for p in model.rank(sentence)]


def test_unusable_files_raise_model_error(tmp_path):
    with pytest.raises(ModelError):
        PairRanker.load(tmp_path / "missing.joblib")
    junk = tmp_path / "junk.joblib"
    junk.write_text("not a model")
    with pytest.raises(ModelError):
        PairRanker.load(junk)
    with pytest.raises(ModelError):
        PairRanker().score([{"bias": 1.0}])


def test_open_verbs_need_a_political_subject_and_no_copula(nlp):
    from escalada.coding.learned.cues import default_lexicon
    from escalada.coding.learned.pairs import _open_verb

    lexicon = default_lexicon()
    doc = nlp("Chilean marines boarded the vessel while the weather was calm.")
    assert [t.text for t in doc if _open_verb(t, lexicon)] == ["boarded"]
    doc = nlp("The storm flooded the valley.")
    assert not any(_open_verb(t, lexicon) for t in doc)


def test_subject_inside_a_quantity_phrase_counts_as_subject(nlp):
    from escalada.coding.learned.pairs import _subject_like

    doc = nlp("Tens of thousands of farmers blocked the highway near Lima.")
    farmers = next(t for t in doc if t.text == "farmers")
    assert _subject_like(farmers)
    highway = next(t for t in doc if t.text == "highway")
    assert not _subject_like(highway)
