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
    assert loaded.fingerprint == model.fingerprint
    assert [(p.actor.text, p.score) for p in loaded.rank(sentence)] == \
        [(p.actor.text, p.score) for p in model.rank(sentence)]


def test_a_retrained_ranker_keeps_its_version_but_not_its_fingerprint(nlp):
    model = _tiny_ranker(nlp)
    sentence = _sentence(nlp, "Rebels burned the depot.")
    pairs = model.pairs(sentence)
    actor = {t.i for t in sentence if t.text == "Rebels"}
    recipient = {t.i for t in sentence if t.text == "depot"}
    more = PairRanker(C=1.0).fit(model.featurize(sentence, pairs),
                                 labels_for(pairs, actor, recipient))
    assert more.version == model.version
    assert more.fingerprint != model.fingerprint


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


def test_actors_restrict_the_pairs_ranked(ranker, nlp):
    sentence = _sentence(nlp, "Rebel fighters attacked a police station near the river.")
    fighters = next(t.i for t in sentence if t.text == "fighters")
    ranked = ranker.rank(sentence, actors={fighters})
    assert ranked and {pair.actor.root.i for pair in ranked} == {fighters}
    assert len(ranker.rank(sentence)) > len(ranked)


def test_pair_features_name_the_predicate_and_the_heads(nlp):
    from escalada.coding.learned.cues import default_lexicon
    from escalada.coding.learned.pairs import pair_features

    doc = nlp("Rebel fighters attacked a police station.")
    fighters, station = (next(c for c in candidate_heads(doc[:]) if c.head.text == word)
                         for word in ("fighters", "station"))
    feats = pair_features(fighters, station, default_lexicon())
    assert feats["lex_a_path=attack|nsubj"] == 1.0
    assert feats["lex_r_path=attack|dobj"] == 1.0
    assert feats["a_lemma=fighter"] == 1.0 and feats["r_lemma=station"] == 1.0
    assert feats["lex_paths=attack|nsubj|dobj"] == 1.0
    assert not any(name.startswith("speech_") for name in feats)


def test_pair_features_mark_a_reporting_predicate(nlp):
    from escalada.coding.learned.cues import default_lexicon
    from escalada.coding.learned.pairs import pair_features

    doc = nlp("The minister said the talks failed.")
    minister = next(c for c in candidate_heads(doc[:]) if c.head.text == "minister")
    feats = pair_features(minister, None, default_lexicon())
    assert feats["speech_a_path=nsubj"] == 1.0


def test_shared_cache_gives_the_same_features_as_none(nlp):
    from escalada.coding.learned.cues import default_lexicon
    from escalada.coding.learned.pairs import pair_features

    doc = nlp("Police in the capital arrested two activists and questioned their lawyers.")
    cands = candidate_heads(doc[:])
    lexicon, cache = default_lexicon(), {}
    for a in cands:
        for r in [None, *cands]:
            if r is not None and r.head.i == a.head.i:
                continue
            shared = pair_features(a, r, lexicon, cache=cache)
            assert shared == pair_features(a, r, lexicon)


def test_any_verb_step_ranks_verbs_with_a_political_subject(nlp):
    from escalada.coding.learned.pairs import _any_verbs

    doc = nlp("Germany sent medicine to Iraq, and the weather improved.")
    verbs, _ = _any_verbs(doc[:])
    assert [doc[i].text for i in sorted(verbs)] == ["sent"]


@pytest.mark.parametrize(("text", "phrase", "plural", "expected"), [
    ("Afghanistan has been rocked by violence.", "violence", True, False),
    ("The president of Iraq met protesters.", "The president of Iraq", False, True),
    ("The president of Iraq met protesters.", "protesters", True, True),
    ("The president of Iraq met protesters.", "protesters", False, False),
    ("Iranian officials met Ahmed.", "Ahmed", False, True),
])
def test_names_party(nlp, text, phrase, plural, expected):
    from escalada.coding.arguments import names_party

    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert names_party(span, plural=plural) is expected


def test_any_verb_event_for_a_confident_pair_the_rules_missed(ranker, nlp):
    """No rule event and no cue verb: the ranker's best pair of a verb with a named subject
    becomes an event when the classifier is confident enough, and only then."""
    from escalada.coding.learned.pairs import PAIR_MATCH, PairPolicy

    class Confident:
        def __init__(self, probability):
            self.probability = probability

        def probabilities(self, sentence, actor, recipient, use_encoder=False, int8_encoder=False):
            self.asked_encoder, self.asked_int8 = use_encoder, int8_encoder
            rest = (1.0 - self.probability) / 4
            return {"AID": self.probability, "CONSULT": rest, "ASSAULT": rest, "YIELD": rest,
                    "AGREE": rest}

    class Contexts:
        @staticmethod
        def classify(text, label=None, paragraph=None):
            return []

    class Rules:
        contexts = Contexts()

    sentence = _sentence(nlp, "The Red Cross flew ten tonnes of medicine into Yemen.")
    only_any_verb = PairPolicy(open_verbs=False, encoder_types_new_events=False)
    confident = Confident(0.9)
    coded = code_sentence_with_pairs(sentence, [], ranker, confident, Rules(),
                                     policy=only_any_verb)
    assert confident.asked_encoder is False  # the encoder view only when the policy says
    assert len(coded) == 1
    event = coded[0]
    assert event.event_type == "AID" and PAIR_MATCH in event.notes
    assert event.trigger.text == "flew"
    assert "Red Cross" in event.frame.actors[0].text
    unsure = code_sentence_with_pairs(sentence, [], ranker, Confident(0.2), Rules(),
                                      policy=only_any_verb)
    assert unsure == []
    off = code_sentence_with_pairs(sentence, [], ranker, Confident(0.9), Rules(),
                                   policy=PairPolicy(open_verbs=False, any_verb_score=None))
    assert off == []
    thorough = PairPolicy(open_verbs=False, encoder_for_pairs=True)
    assert code_sentence_with_pairs(sentence, [], ranker, confident, Rules(), policy=thorough)
    assert confident.asked_encoder is True
    assert confident.asked_int8 is True  # the coder's pairs go to the int8 graph


@pytest.mark.parametrize(("text", "actor", "recipient", "plausible"), [
    ("Workers in centers in Germany went on strike.", "Workers", "centers", False),
    ("Troops loyal to Laurent Gbagbo blockaded the headquarters.", "Troops", "Laurent Gbagbo",
     False),
    ("Iran and Iraq signed the accord.", "Iran", "Iraq", True),
    ("Troops loyal to Laurent Gbagbo blockaded the headquarters.", "Troops", "the headquarters",
     True),
])
def test_no_recipient_from_the_actors_own_phrase(nlp, text, actor, recipient, plausible):
    from escalada.coding.learned.pairs import RankedPair, _plausible

    doc = nlp(text)

    def phrase(words):
        start = next(t.i for t in doc if doc[t.i:t.i + len(words.split())].text == words)
        return doc[start:start + len(words.split())]

    pair = RankedPair(phrase(actor), phrase(recipient), 0.9, next(t for t in doc
                                                                   if t.pos_ == "VERB"))
    assert _plausible(pair, strict=False) is plausible


def test_the_feature_view_decides_whether_to_add_an_event_and_both_views_type_it(ranker, nlp):
    from escalada.coding.learned.pairs import PairPolicy

    class TwoViews:
        """The feature view is sure of AID; both views together prefer COERCE, less surely."""

        def __init__(self):
            self.asked = []

        def probabilities(self, sentence, actor, recipient, use_encoder=False, int8_encoder=False):
            self.asked.append(use_encoder)
            if use_encoder:
                return {"AID": 0.25, "COERCE": 0.35, "CONSULT": 0.2, "ASSAULT": 0.2}
            return {"AID": 0.9, "COERCE": 0.05, "CONSULT": 0.03, "ASSAULT": 0.02}

    class Rules:
        class contexts:  # noqa: N801
            @staticmethod
            def classify(text, label=None, paragraph=None):
                return []

    sentence = _sentence(nlp, "The Red Cross flew ten tonnes of medicine into Yemen.")
    views = TwoViews()
    [event] = code_sentence_with_pairs(sentence, [], ranker, views, Rules(),
                                       policy=PairPolicy(open_verbs=False))
    assert views.asked == [False, True]
    assert event.event_type == "COERCE" and event.confidence == 0.35
    single = TwoViews()
    [event] = code_sentence_with_pairs(
        sentence, [], ranker, single, Rules(),
        policy=PairPolicy(open_verbs=False, encoder_types_new_events=False))
    assert single.asked == [False] and event.event_type == "AID"
