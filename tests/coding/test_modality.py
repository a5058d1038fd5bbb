"""Auxiliary modes, attribution and certainty on sentences written for these tests."""

from __future__ import annotations

import pytest

from escalada.coding.rules import RuleCoder


@pytest.fixture(scope="module")
def coder():
    return RuleCoder()


def first_event(nlp, coder, text):
    events = coder.code_sentence(next(nlp(text).sents))
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize("text", [
    "Germany has not closed its embassy in Minsk.",
    "Kenya never deployed troops to the border.",
    "Peru did not expel the ambassador.",
])
def test_negation(nlp, coder, text):
    assert "negation" in first_event(nlp, coder, text).modality.aux


@pytest.mark.parametrize("text", [
    "The African Union could send observers to Sudan.",
    "Ghana might impose sanctions on the junta.",
    "If China blockades Taiwan, Japan would deploy warships.",
    "The Security Council can demand explanations from both governments.",
])
def test_hypothetical(nlp, coder, text):
    assert "hypothetical" in first_event(nlp, coder, text).modality.aux


@pytest.mark.parametrize("text", [
    "Japan will host talks with South Korea.",
    "Brazil is going to withdraw its ambassador from Caracas.",
    "Nigeria plans to deploy troops to the north.",
])
def test_future(nlp, coder, text):
    assert "future" in first_event(nlp, coder, text).modality.aux


@pytest.mark.parametrize(("text", "aim", "event_type"), [
    ("The United States sent warships to pressure Caracas.", "pressure", "REQUEST"),
    ("Russia deployed troops to the border to attack Ukraine.", "attack", "ASSAULT"),
    ("In order to end the war, the two sides met in Geneva.", "end", "RETREAT"),
])
def test_the_aim_of_an_act_is_intended_not_done(nlp, coder, text, aim, event_type):
    events = coder.code_sentence(next(nlp(text).sents))
    aimed = next(e for e in events if e.trigger.lower_ == aim)
    assert "future" in aimed.modality.aux
    assert aimed.event_type == event_type  # an aim is no commitment (AGREE)
    assert all(e.modality.aux == [] for e in events if e is not aimed)


@pytest.mark.parametrize("text", [
    "Chile recalled its ambassador from Lima.",
    "Police arrested two protest leaders in Dhaka.",
])
def test_factual_controls_have_no_aux(nlp, coder, text):
    event = first_event(nlp, coder, text)
    assert event.modality.aux == []
    assert event.modality.certainty == pytest.approx(0.9)


def test_hedge_lowers_certainty_and_is_attributed(nlp, coder):
    plain = first_event(nlp, coder, "Turkish police arrested two journalists.")
    hedged = first_event(nlp, coder, "Turkish police reportedly arrested two journalists.")
    assert hedged.modality.attribution == "reportedly"
    assert hedged.modality.certainty < plain.modality.certainty


def test_named_speaker_is_the_attribution(nlp, coder):
    event = first_event(nlp, coder,
                        "Iranian officials said the navy seized a tanker in the Gulf.")
    assert event.event_type == "COERCE"
    assert event.modality.attribution == "Iranian officials"
    assert event.modality.certainty < 0.9


def test_according_to_is_an_attribution(nlp, coder):
    event = first_event(nlp, coder, "According to state media, Iran seized a tanker.")
    assert event.modality.attribution == "state media"


def test_a_text_cut_off_after_according_is_coded(nlp, coder):
    # a truncated story: "according" is the document's last token, with nothing after it
    event = first_event(nlp, coder, "Iran seized a tanker in the Gulf, according")
    assert event.event_type == "COERCE"
    assert event.modality.attribution is None


def test_historical_flag_is_passed_through(nlp, coder):
    sentence = next(nlp("Angolan forces attacked the garrison.").sents)
    events = coder.code_sentence(sentence, historical=True)
    assert "historical" in events[0].modality.aux


@pytest.mark.parametrize(("text", "aux"), [
    # after a past speech verb, "would" is the future of then
    ("Russia announced it would withdraw its troops from the border.", ["future"]),
    ("Maduro said he would meet Trump.", ["future"]),
    # with a condition it stays hypothetical
    ("Maduro said he would meet Trump if the strikes stopped.", ["hypothetical"]),
    ("Washington would impose tariffs on Mexican steel if the deal collapses.",
     ["hypothetical"]),
])
def test_reported_would_is_future_unless_conditional(nlp, coder, text, aux):
    assert first_event(nlp, coder, text).modality.aux == aux
