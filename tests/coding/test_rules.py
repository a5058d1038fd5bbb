"""The rule coder on sentences written for these tests."""

from __future__ import annotations

import pytest

from escalada.coding.arguments import verb_frame
from escalada.coding.rules import JOINT_FAILURE, RECODED, RuleCoder


@pytest.fixture(scope="module")
def coder():
    return RuleCoder()


def code(nlp, coder, text):
    sentence = next(nlp(text).sents)
    return coder.code_sentence(sentence)


def only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert found, f"no {event_type} in {[(e.event_type, e.trigger_text) for e in events]}"
    return found[0]


def test_troop_deployment_is_mobilize_with_actor(nlp, coder):
    event = only(code(nlp, coder, "Russia deployed troops along its border with Ukraine."),
                 "MOBILIZE")
    assert event.frame.actors[0].text == "Russia"
    assert event.mode == "troops"


def test_verb_plus_object_pattern_beats_bare_verb(nlp, coder):
    event = only(code(nlp, coder, "The European Union imposed sanctions on Belarus."),
                 "SANCTION")
    assert event.matched == "impose +sanction"
    assert "Belarus" in [span.text for span in event.frame.recipients]


def test_passive_agent_becomes_actor(nlp, coder):
    event = only(code(nlp, coder, "Two journalists were arrested by police in Minsk."),
                 "COERCE")
    assert event.frame.actors[0].root.lower_ == "police"
    assert event.mode == "arrest"


def test_complement_of_threat_is_one_event(nlp, coder):
    events = code(nlp, coder, "Egypt threatened to strike the dam if talks failed.")
    assert [e.event_type for e in events] == ["THREATEN"]


def test_order_passes_on_to_its_complement(nlp, coder):
    events = code(nlp, coder, "The president ordered the border closed.")
    assert [e.event_type for e in events] == ["COERCE"]
    assert events[0].frame.actors[0].root.lower_ == "president"


def test_nominal_trigger_needs_an_actor(nlp, coder):
    assert code(nlp, coder, "Formal Investigation Into Airspace Violations") == []
    event = only(code(nlp, coder, "The Turkish military buildup worried Athens."), "MOBILIZE")
    assert event.frame.actors[0].text == "Turkish"


def test_nominal_request_addressed_to_the_rejecting_subject(nlp, coder):
    events = code(nlp, coder, "Moldova rejected an appeal from Transnistrian leaders.")
    reject = only(events, "REJECT")
    request = only(events, "REQUEST")
    assert reject.frame.actors[0].text == "Moldova"
    assert request.frame.recipients[0].text == "Moldova"


def test_reported_accusation_is_coded_from_speech_content(nlp, coder):
    event = only(code(nlp, coder, "Ottawa claims the militia is funded by drug smuggling."),
                 "ACCUSE")
    assert event.frame.actors[0].text == "Ottawa"
    assert event.frame.recipients[0].text == "the militia"  # not "drug smuggling"


@pytest.mark.parametrize("sentence", [
    "Washington claims the Cartel de los Soles is led by Maduro.",
    "The designation, which US officials claim is led by Maduro himself, adds sanctions.",
])
def test_a_passive_reported_clause_speaks_of_its_agent(nlp, coder, sentence):
    event = only(code(nlp, coder, sentence), "ACCUSE")
    assert [r.text for r in event.frame.recipients] == ["Maduro"]


def test_seizing_upon_a_chance_is_no_seizure(nlp, coder):
    events = code(nlp, coder, "The president seized upon the crisis to demand new powers.")
    assert "COERCE" not in [e.event_type for e in events]
    only(code(nlp, coder, "Rebels seized the town."), "COERCE")
    only(code(nlp, coder, "The town was seized by rebels on Monday."), "COERCE")


def test_speech_verb_without_cue_is_not_an_event(nlp, coder):
    assert code(nlp, coder, "The minister said the weather was fine.") == []


def test_contexts_come_from_cues(nlp, coder):
    event = only(code(nlp, coder, "Colombia seized a cocaine shipment from a cartel."),
                 "COERCE")
    assert "illegal_drugs" in event.context


def test_expressed_willingness_is_one_agree_event(nlp, coder):
    events = code(nlp, coder, "Chile is willing to withdraw its troops from the border zone.")
    assert [e.event_type for e in events] == ["AGREE"]
    assert events[0].frame.actors[0].text == "Chile"


def test_light_verb_subject_performs_the_nominal_event(nlp, coder):
    event = only(code(nlp, coder, "The Peruvian police launched an investigation into "
                                  "the mayor of Lima."), "ACCUSE")
    assert event.frame.actors[0].text == "The Peruvian police"


def test_of_phrase_names_the_declared_state(nlp, coder):
    event = only(code(nlp, coder, "Ecuador declared a state of emergency in Guayas."), "COERCE")
    assert event.mode == "martial-law"
    assert event.frame.actors[0].text == "Ecuador"


def test_a_rebuffed_appeal_still_has_its_addressee_as_recipient(nlp, coder):
    event = only(code(nlp, coder, "Lima rejected an appeal from Quito."), "REQUEST")
    assert [s.text for s in event.frame.recipients] == ["Lima"]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Japan and the United States signed a trade deal.", "SUPPORT"),
    ("Japan and the United States will sign a trade deal next week.", "AGREE"),
    ("Maduro will meet Trump on Friday.", "AGREE"),
    ("Maduro met Trump on Friday.", "CONSULT"),
])
def test_signing_is_support_and_future_cooperation_is_a_commitment(nlp, text, event_type):
    events = RuleCoder().code_sentence(next(nlp(text).sents))
    assert events and events[0].event_type == event_type


@pytest.mark.parametrize("text", [
    "Obama said he will not lift the embargo until Cuba undertakes reforms.",
    "The union said it will not end the strike until its demands are met.",
])
def test_refusing_to_yield_is_a_factual_rejection(nlp, text):
    event = RuleCoder().code_sentence(next(nlp(text).sents))[0]
    assert (event.event_type, event.mode) == ("REJECT", "yield")
    assert "negation" not in event.modality.aux


@pytest.mark.parametrize(("text", "mode"), [
    ("Serbia and Kosovo failed to reach an agreement on the border after two days of talks.",
     "meet"),
    ("The two parties failed to agree on a ceasefire.", "yield"),
])
def test_a_failed_agreement_is_a_rejection(nlp, coder, text, mode):
    events = code(nlp, coder, text)
    assert all(e.event_type not in {"AGREE", "SUPPORT", "RETREAT"} for e in events)
    assert (only(events, "REJECT").mode) == mode


def test_reaching_an_agreement_stays_support(nlp, coder):
    events = code(nlp, coder, "Serbia and Kosovo reached an agreement on the border.")
    assert only(events, "SUPPORT").matched == "reach +agreement"


@pytest.mark.parametrize(("text", "target"), [
    ("Senator Rubio called for sanctions against the Venezuelan oil company.",
     "the Venezuelan oil company"),
    ("Amnesty International demanded an independent inquiry into the killings by police.",
     None),
    ("The prime minister said he had requested an official inquiry.", None),
])
def test_calling_for_punishment_condemns_its_target(nlp, coder, text, target):
    event = only(code(nlp, coder, text), "ACCUSE")
    assert event.mode == "disapprove"
    if target:
        assert event.frame.recipients[0].text == target
    # the demanded measure is what is asked for, never the one condemned
    assert all(r.root.lemma_ not in {"sanction", "inquiry"} for r in event.frame.recipients)


@pytest.mark.parametrize("text", [
    "Venezuela called for talks with the United States.",
    "Colombia urged the United Nations to impose sanctions on the regime.",
])
def test_other_calls_stay_requests(nlp, coder, text):
    events = code(nlp, coder, text)
    assert only(events, "REQUEST")
    assert all(e.event_type != "ACCUSE" for e in events)


def test_an_intensified_bombardment_is_the_subjects_assault(nlp, coder):
    text = "The Syrian army on Thursday intensified its bombardment of the rebel-held suburbs."
    event = only(code(nlp, coder, text), "ASSAULT")
    assert event.frame.actors[0].text == "The Syrian army"
    assert event.frame.recipients[0].text == "the rebel-held suburbs"


def test_the_place_a_withdrawal_leaves_is_not_its_actor(nlp, coder):
    event = only(code(nlp, coder, "Israel announced a withdrawal from Gaza."), "RETREAT")
    assert [span.text for span in event.frame.actors] == ["Israel"]


@pytest.mark.parametrize("text", [
    "Poland opened its borders to refugees from Ukraine.",
    "Canada accepted 25,000 Syrian refugees last year.",
    "Ecuador granted asylum to the journalist.",
])
def test_taking_refugees_in_is_aid(nlp, coder, text):
    assert only(code(nlp, coder, text), "AID").mode is None


def test_an_opened_border_without_refugees_is_access(nlp, coder):
    event = only(code(nlp, coder, "Colombia opened its border with Venezuela."), "RETREAT")
    assert event.mode == "access"


@pytest.mark.parametrize("text", [
    "Hungary says it will not accept any more refugees.",
    "The United States will not send aid to the regime.",
])
def test_refusing_to_assist_is_a_factual_rejection(nlp, coder, text):
    event = only(code(nlp, coder, text), "REJECT")
    assert event.mode == "assist"
    assert not {"future", "negation"} & set(event.modality.aux)


@pytest.mark.parametrize(("text", "event_type", "recipient"), [
    ("Japan gave medical equipment to Nicaragua.", "AID", "Nicaragua"),
    ("Kosovo awarded its highest order to the former US president.", "SUPPORT",
     "the former US president"),
])
def test_a_to_phrase_after_the_object_is_a_recipient(nlp, coder, text, event_type, recipient):
    event = only(code(nlp, coder, text), event_type)
    assert recipient in [span.text for span in event.frame.recipients]


@pytest.mark.parametrize(("text", "event_type", "mode"), [
    ("The court accepted the demands of the striking miners.", "CONCEDE", None),
    ("Washington reduced tariffs on Chinese steel.", "CONCEDE", None),
    ("The government said it will never stop its war on the rebels.", "REJECT", "yield"),
    ("The European Union prolonged sanctions against the regime.", "SANCTION", None),
    ("The mediator ended the talks between the two parties.", "SANCTION", "discontinue"),
])
def test_verb_object_patterns_from_the_manual(nlp, coder, text, event_type, mode):
    assert only(code(nlp, coder, text), event_type).mode == mode


def test_a_permission_not_given_is_a_refusal(nlp, coder):
    text = "The state government did not give permission for the opposition rally."
    events = code(nlp, coder, text)
    assert only(events, "REJECT").mode == "yield"
    assert all(e.event_type != "CONCEDE" for e in events)


def test_the_other_party_of_an_agreed_ceasefire_is_a_recipient(nlp, coder):
    text = "The army agreed to a ceasefire with the Rapid Support Forces."
    event = only(code(nlp, coder, text), "AGREE")
    assert "the Rapid Support Forces" in [span.text for span in event.frame.recipients]


def test_the_aim_of_a_meeting_is_the_same_meeting(nlp, coder):
    events = code(nlp, coder, "Colombia met with Venezuela on Thursday to discuss security.")
    assert [e.event_type for e in events] == ["CONSULT"]


def test_an_aim_with_its_own_party_is_kept(nlp, coder):
    events = code(nlp, coder, "The UN sent an envoy to hold talks with the rebels.")
    talks = next(e for e in events if e.trigger.lower_ == "hold")
    assert "the rebels" in [span.text for span in talks.frame.recipients]
    assert "future" in talks.modality.aux


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    ("Hundreds of workers went on strike in Lagos on Monday.", "PROTEST", "workers"),
    ("Tens of thousands of people marched in Caracas.", "PROTEST", "people"),
    ("The United States sent 5,000 troops to the region.", "MOBILIZE", "The United States"),
])
def test_the_group_a_number_counts_can_act(nlp, coder, text, event_type, actor):
    event = only(code(nlp, coder, text), event_type)
    assert event.frame.actors[0].text == actor


def test_a_labour_strike_that_will_go_on_is_no_threat(nlp):
    text = "The teachers said they will continue the strike next week."
    events = RuleCoder().code_sentence(next(nlp(text).sents))
    assert all(e.event_type != "THREATEN" for e in events)


@pytest.mark.parametrize("text", [
    "Germany gave 352.5 million euros to Ethiopia.",
    "Germany contributed $46 million to the Iraq Humanitarian Fund.",
    "Australia lent $1 billion to Indonesia.",
])
def test_handing_over_money_is_aid(nlp, text):
    events = RuleCoder().code_sentence(next(nlp(text).sents))
    assert [e.event_type for e in events] == ["AID"]


def test_a_weekday_after_call_is_no_call_on(nlp):
    text = "Netanyahu called Morrison on Wednesday to congratulate him."
    events = RuleCoder().code_sentence(next(nlp(text).sents))
    assert "REQUEST" not in [e.event_type for e in events]
    text = "The EU called on Iran to release the prisoners."
    assert [e.event_type for e in RuleCoder().code_sentence(next(nlp(text).sents))][0] \
        == "REQUEST"


def test_a_scathing_attack_is_an_accusation_and_a_deadly_one_an_assault(nlp):
    coder = RuleCoder()
    words = "The minister launched a scathing attack on the opposition party."
    deeds = "Rebels launched a deadly attack on the army base."
    assert coder.code_sentence(next(nlp(words).sents))[0].event_type == "ACCUSE"
    assert coder.code_sentence(next(nlp(deeds).sents))[0].event_type == "ASSAULT"


def test_every_pattern_names_its_nouns_by_lemma(nlp):
    """The lexicon matches objects and nominal triggers by lemma: "send +troops" or a noun
    key "talks" would never fire."""
    from escalada.coding.lexicon import load_lexicon

    lexicon = load_lexicon()
    objects = {key.rsplit("+", 1)[1] for key in lexicon.verbs if "+" in key}
    objects |= {key.split()[-1] for key in lexicon.nouns}
    wrong = {}
    for obj in sorted(objects):
        doc = nlp(f"They saw the {obj} yesterday.")
        lemma = doc[3].lemma_.lower()
        if lemma != obj:
            wrong[obj] = lemma
    assert not wrong



@pytest.mark.parametrize("text", [
    "The president announced a weeklong cease-fire with the Taliban.",
    "The president announced a weeklong Cease-Fire with the Taliban.",
])
def test_a_hyphenated_ceasefire_is_a_ceasefire_not_fire(nlp, coder, text):
    events = code(nlp, coder, text)
    event = only(events, "RETREAT")
    assert event.mode == "ceasefire"
    assert "the Taliban" in [span.text for span in event.frame.recipients]
    assert all(e.event_type != "ASSAULT" for e in events)


@pytest.mark.parametrize("text", [
    "Egypt brokered a ceasefire between Israel and Hamas.",
    "Turkey and Russia brokered cease-fires in Idlib.",
    "Qatar brokered a deal between the Taliban and Washington.",
])
def test_brokering_is_mediation(nlp, coder, text):
    events = code(nlp, coder, text)
    assert only(events, "CONSULT").mode == "third-party"
    assert all(e.event_type not in {"ASSAULT", "RETREAT"} for e in events)


def test_the_object_a_pattern_names_is_no_recipient(nlp, coder):
    event = only(code(nlp, coder, "Soldiers opened fire on the protesters."), "ASSAULT")
    assert [span.text for span in event.frame.recipients] == ["the protesters"]
    aid = only(code(nlp, coder, "Germany accepted 1,500 refugees."), "AID")
    assert "1,500 refugees" in [span.text for span in aid.frame.recipients]


def test_defying_a_curfew_is_a_refusal_to_yield(nlp, coder):
    event = only(code(nlp, coder, "Thousands of protesters defied the curfew."), "REJECT")
    assert event.mode == "yield"


def test_a_hunger_strike_is_a_protest(nlp, coder):
    events = code(nlp, coder, "A Kansas woman has started a hunger strike.")
    assert only(events, "PROTEST").mode == "hunger"
    assert all(e.event_type != "ASSAULT" for e in events)


def test_the_strike_workers_go_on_is_no_recipient(nlp, coder):
    event = only(code(nlp, coder, "Two thousand dock workers went on strike."), "PROTEST")
    assert event.frame.recipients == []


def test_violating_a_ban_is_a_refusal_to_yield(nlp, coder):
    event = only(code(nlp, coder, "Pyongyang violated the ban on missile tests."), "REJECT")
    assert event.mode == "yield"


def test_the_country_people_are_expelled_from_expels_them(nlp, coder):
    event = only(code(nlp, coder, "Two US diplomats were expelled from Russia on Monday."),
                 "SANCTION")
    assert [span.text for span in event.frame.actors] == ["Russia"]
    assert "Two US diplomats" in [span.text for span in event.frame.recipients]


@pytest.mark.parametrize("text", [
    "With the regime labeled a terrorist enterprise, the noose is tightening.",
    "With flights suspended and the regime labeled a terrorist enterprise, pressure grows.",
])
def test_a_with_clause_participle_is_passive(nlp, coder, text):
    for event in code(nlp, coder, text):
        assert all(span.text != "the regime" for span in event.frame.actors)


def test_a_with_phrase_before_an_active_clause_keeps_its_subject(nlp, coder):
    event = only(code(nlp, coder, "With the support of the UN, France deployed troops to Mali."),
                 "MOBILIZE")
    assert [span.text for span in event.frame.actors] == ["France"]


def test_the_noun_a_past_participle_describes_undergoes_it(nlp, coder):
    arrest = only(code(nlp, coder, "The journalist arrested last week was released."),
                  "COERCE")
    assert arrest.frame.actors == []
    assert [span.text for span in arrest.frame.recipients] == ["The journalist"]
    moved = only(code(nlp, coder, "US warships deployed to the Caribbean fired on a boat."),
                 "MOBILIZE")
    assert [span.text for span in moved.frame.actors] == ["US warships"]


@pytest.mark.parametrize("text", [
    "The ministry released a statement condemning the attack.",
    "A report released by the watchdog showed an improvement.",
])
def test_publishing_is_no_release(nlp, coder, text):
    assert all(e.event_type != "RETREAT" for e in code(nlp, coder, text))


def test_setting_free_is_a_release(nlp, coder):
    event = only(code(nlp, coder, "Iran released the British tanker on Friday."), "RETREAT")
    assert event.mode == "release"


def test_released_documents_are_not_set_free(nlp, coder):
    text = "Venezuela has not released any documents on the deal."
    assert all(e.event_type != "RETREAT" for e in code(nlp, coder, text))


@pytest.mark.parametrize(("text", "recipient"), [
    # no comma: the name is the noun's own ("the journalist Moussa Tchangari")
    ("Police arrested the journalist Moussa Tchangari in Niamey.",
     "the journalist Moussa Tchangari"),
    # with commas, a person's name too
    ("Police arrested the publisher, Omoyele Sowore, in Lagos.",
     "the publisher, Omoyele Sowore"),
    # but not a description of a name ("Maduro, the president,")
    ("Police arrested Sowore, the publisher, in Lagos.", "Sowore"),
])
def test_a_name_in_apposition_belongs_to_the_phrase(nlp, coder, text, recipient):
    event = only(code(nlp, coder, text), "COERCE")
    assert event.frame.recipients[0].text == recipient


def test_who_condemns_an_act_is_not_its_target(nlp, coder):
    strikes = only(code(nlp, coder, "Iran condemned the Israeli strikes on Gaza."), "ASSAULT")
    assert "Iran" not in [span.text for span in strikes.frame.recipients]
    # a request answered by the subject was addressed to it
    appeal = only(code(nlp, coder, "Trump rebuffed an appeal from Maduro."), "REQUEST")
    assert [span.text for span in appeal.frame.recipients] == ["Trump"]


@pytest.mark.parametrize("text", [
    "Powerful nations sometimes act first and seek justification later.",
    "Governments often impose sanctions on their rivals.",
    "Protesters often clash with police.",
])
def test_a_habit_of_a_kind_of_actor_is_no_event(nlp, coder, text):
    assert code(nlp, coder, text) == []


@pytest.mark.parametrize(("text", "event_type"), [
    ("The government often imposes sanctions on its rivals.", "SANCTION"),
    ("Russian troops often shelled the town.", "ASSAULT"),
    ("Protesters clashed with police on Monday.", "ASSAULT"),
])
def test_particular_actors_still_act_however_often(nlp, coder, text, event_type):
    assert event_type in [e.event_type for e in code(nlp, coder, text)]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Brazil and Argentina have agreed to a new trade deal.", "SUPPORT"),
    ("Brazil and Argentina have agreed a landmark trade agreement.", "SUPPORT"),
    ("Brazil and Argentina agreed on the final text of a customs treaty.", "SUPPORT"),
    ("Chile and Peru agreed to a ceasefire.", "AGREE"),
])
def test_agreeing_a_deal_finalizes_it_and_agreeing_to_a_ceasefire_commits(
        nlp, coder, text, event_type):
    events = code(nlp, coder, text)
    assert [e.event_type for e in events] == [event_type]
    assert [c.text for c in events[0].frame.counterparts] == [text.split()[2]]


@pytest.mark.parametrize(("text", "parties"), [
    ("British and EU negotiators have failed to reach a deal on the border.",
     ["British", "EU negotiators"]),
    ("US and Colombian forces launched joint exercises near the border.",
     ["US", "Colombian forces"]),
])
def test_parties_named_as_modifiers_of_one_noun_are_each_a_party(nlp, coder, text, parties):
    [event] = code(nlp, coder, text)
    assert [a.text for a in event.frame.actors] == parties
    assert [c.text for c in event.frame.counterparts] == parties[1:]


@pytest.mark.parametrize("text", [
    "Germany and France welcomed the ceasefire.",
    "Ghana and Nigeria praised the new trade deal.",
    "Germany and France criticized the Turkish offensive.",
])
def test_parties_welcoming_or_condemning_together_are_no_counterparts(nlp, coder, text):
    [event] = [e for e in code(nlp, coder, text) if e.trigger.i == 3]
    assert [a.text for a in event.frame.actors] == text.split()[:3:2]
    assert event.frame.counterparts == []


def test_signing_together_keeps_the_counterpart(nlp, coder):
    [event] = code(nlp, coder, "Ghana and Nigeria signed a trade deal.")
    assert (event.event_type, [c.text for c in event.frame.counterparts]) == (
        "SUPPORT", ["Nigeria"])


def test_a_failed_joint_agreement_is_marked_so_its_parties_reject_each_other(nlp, coder):
    [failed] = code(nlp, coder, "The House and the Senate failed to reach agreement.")
    assert (failed.event_type, failed.mode) == ("REJECT", "meet")
    assert JOINT_FAILURE in failed.notes and RECODED in failed.notes
    [refused] = code(nlp, coder, "Venezuela failed to release the prisoners.")
    assert refused.event_type == "REJECT" and JOINT_FAILURE not in refused.notes


@pytest.mark.parametrize(("text", "recipient"), [
    ("Trump threatened to strike Venezuela.", "Venezuela"),
    ("Maduro refused to meet the American envoy.", "the American envoy"),
    ("Colombia agreed to help Venezuela.", "Venezuela"),
])
def test_the_complements_recipient_is_the_whole_events(nlp, coder, text, recipient):
    [event] = code(nlp, coder, text)
    assert event.frame.recipients[0].text == recipient


def test_an_object_of_the_governing_verb_stays_the_recipient(nlp, coder):
    [event] = code(nlp, coder, "The US urged Venezuela to release the prisoners.")
    assert [r.text for r in event.frame.recipients] == ["Venezuela"]


@pytest.mark.parametrize(("text", "mode"), [
    ("Maduro will not meet Trump.", "meet"),
    ("The rebels will not begin talks with the government.", "meet"),
    ("Venezuela will not cooperate with the investigation.", "assist"),
])
def test_an_announced_refusal_to_meet_or_cooperate_is_a_rejection(nlp, coder, text, mode):
    [event] = code(nlp, coder, text)
    assert (event.event_type, event.mode) == ("REJECT", mode)
    assert RECODED in event.notes


def test_a_meeting_that_did_not_happen_is_no_refusal(nlp, coder):
    [event] = code(nlp, coder, "Maduro did not meet Trump.")
    assert event.event_type == "CONSULT" and "negation" in event.modality.aux
    assert RECODED not in event.notes


@pytest.mark.parametrize(("text", "recipients"), [
    ("The UN condemned the attack on a church in Quetta.", ["the attack"]),
    ("Maduro denounced the attack on Venezuelan fishermen.", ["the attack"]),
    ("Iran condemned the Israeli strikes on Syria.", ["the Israeli strikes", "Israeli"]),
    # blaming an act on someone names who is blamed
    ("Maduro blamed the attack on Colombian paramilitaries.",
     ["the attack", "Colombian paramilitaries"]),
])
def test_whom_a_condemned_act_was_aimed_at_is_not_accused(nlp, coder, text, recipients):
    accusation = only(code(nlp, coder, text), "ACCUSE")
    assert [r.text for r in accusation.frame.recipients] == recipients


def test_an_announced_retreat_is_a_concession(nlp, coder):
    [announced] = code(nlp, coder, "Russia will withdraw its troops from the border.")
    assert (announced.event_type, announced.mode) == ("CONCEDE", None)
    [done] = code(nlp, coder, "Russia withdrew its troops from the border.")
    assert (done.event_type, done.mode) == ("RETREAT", "withdraw")


def test_an_announced_withdrawal_is_no_threat_but_announced_strikes_are(nlp, coder):
    withdrawal = code(nlp, coder, "Russia said it will withdraw its troops from the border.")
    assert [e.event_type for e in withdrawal] == ["CONCEDE"]
    strikes = code(nlp, coder, "Trump said US troops will strike Venezuela very soon.")
    assert "THREATEN" in [e.event_type for e in strikes]


def test_a_pronoun_in_a_purpose_clause_is_the_person_the_main_clause_names(nlp, coder):
    text = "Netanyahu called Prime Minister Scott Morrison to congratulate him on his victory."
    support = only(code(nlp, coder, text), "SUPPORT")
    assert support.frame.recipients[0].text == "Prime Minister Scott Morrison"


@pytest.mark.parametrize("text", [
    "The Supreme Court quashed the orders passed by the police commissioner.",
    "The Supreme Court struck down the decree issued by the president.",
    "Maduro said that talks with the opposition were out of the question.",
])
def test_voiding_an_order_or_ruling_a_step_out_is_a_rejection(nlp, coder, text):
    assert "REJECT" in [e.event_type for e in code(nlp, coder, text)]


def test_attending_a_meeting_is_a_consultation(nlp, coder):
    events = code(nlp, coder, "The foreign ministers attended a meeting in Brussels.")
    assert [e.event_type for e in events] == ["CONSULT"]


@pytest.mark.parametrize(("text", "actor"), [
    ("The rebels said they will accept state rule.", "The rebels"),
    ("Ssangyong union workers said they will not end the strike.", "Ssangyong union workers"),
    ("The minister said he will meet the envoy.", "The minister"),
    ("Officials said he will meet the envoy.", "he"),
    ("The government said it would lift the curfew.", "The government"),
    ("The minister said they will meet the envoy.", "they"),
])
def test_a_pronoun_in_reported_words_is_the_speaker_when_it_fits(nlp, coder, text, actor):
    events = code(nlp, coder, text)
    assert events and events[0].frame.actors[0].text == actor


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    ("Ethiopia is committed to opening up its economy.", "AGREE", "Ethiopia"),
    ("India is prepared to resume dialogue with Pakistan.", "AGREE", "India"),
    ("The rebels laid down their weapons.", "RETREAT", "The rebels"),
    ("The rebels ceased fire at midnight.", "RETREAT", "The rebels"),
    ("Russia withdrew its troops from Syria.", "RETREAT", "Russia"),
    ("The military council handed power to a civilian government.", "RETREAT",
     "The military council"),
    ("The army handed over power to the transitional council.", "RETREAT", "The army"),
])
def test_stated_commitments_and_military_retreats(nlp, coder, text, event_type, actor):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.actors[0].text) for e in events] == [(event_type, actor)]


def test_an_expressed_willingness_is_a_commitment(nlp, coder):
    events = code(nlp, coder, "Japan expressed its willingness to host the talks.")
    assert ("AGREE", "Japan") in [(e.event_type, e.frame.actors[0].text) for e in events]


@pytest.mark.parametrize("text", [
    "Atrocities were committed by the militia against civilians.",
    "The militia committed atrocities against civilians.",
    "The meals are prepared in the kitchen.",
])
def test_committing_a_crime_or_being_prepared_is_no_commitment(nlp, coder, text):
    assert "AGREE" not in [e.event_type for e in code(nlp, coder, text)]


@pytest.mark.parametrize(("text", "owner_kept"), [
    ("The rebels laid down their weapons.", False),
    ("Russia withdrew its troops from Syria.", False),
    ("The Syrian government must withdraw its armed forces.", False),
    # the owners are the manuscript's, not the agency's: another party
    ("The agency returned the manuscript to its owners.", True),
])
def test_the_owner_of_what_the_actor_gives_up_is_the_actor(nlp, coder, text, owner_kept):
    [event] = code(nlp, coder, text)
    [owner] = [w for w in text.split() if w in {"their", "its"}]
    assert (owner in [r.text for r in event.frame.recipients]) == owner_kept


@pytest.mark.parametrize(("text", "coded", "actor"), [
    ("Farmers blocked highways across France.", ("PROTEST", "obstruct"), "Farmers"),
    ("Police blocked the road to the airport.", ("COERCE", "restrict"), "Police"),
    ("Hundreds of Venezuelans took to the streets of Caracas.", ("PROTEST", "demo"),
     "Venezuelans"),
    ("Miners in Chile walked off the job.", ("PROTEST", "strike"), "Miners in Chile"),
    ("Dock workers downed tools at the port.", ("PROTEST", "strike"), "Dock workers"),
    ("Thousands protested against the new labour law.", ("PROTEST", "demo"), "Thousands"),
    ("China protested the visit.", ("ACCUSE", "disapprove"), "China"),
])
def test_civilians_blocking_or_protesting_take_to_the_street(nlp, coder, text, coded, actor):
    events = [e for e in code(nlp, coder, text) if e.trigger.pos_ == "VERB"]
    assert [(e.event_type, e.mode, e.frame.actors[0].text) for e in events] == [(*coded, actor)]


@pytest.mark.parametrize(("text", "actor"), [
    ("Blinken visited Kyiv to meet Zelensky.", "Blinken"),
    ("Pakistan summoned the French ambassador to complain about the cartoons.", "Pakistan"),
    # the object of an asking verb does what is asked
    ("Germany urged Russia to withdraw its troops.", "Russia"),
    # parsed as an adverbial clause of "petitioned", still the court's act
    ("The families petitioned the court to release the detainees.", "the court"),
])
def test_who_does_what_follows_a_visit_or_a_request(nlp, text, actor):
    last_verb = [t for t in nlp(text) if t.pos_ == "VERB"][-1]
    assert verb_frame(last_verb).actors[0].text == actor


@pytest.mark.parametrize(("text", "event_type", "recipient"), [
    ("Washington sent a stern warning to Moscow.", "THREATEN", "Moscow"),
    ("The United States sent an ultimatum to Caracas.", "THREATEN", "Caracas"),
    # what is sent is aid: the verb's own category stands
    ("The government sent aid to the flood victims.", "AID", "the flood victims"),
])
def test_what_is_sent_or_handed_is_the_act(nlp, coder, text, event_type, recipient):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.actors[0].text, e.frame.recipients[0].text)
            for e in events] == [(event_type, text.split(" sent")[0], recipient)]


@pytest.mark.parametrize(("text", "actor", "victims"), [
    ("A car bombing by the Islamic State group killed at least 75 displaced people.",
     "the Islamic State group", "at least 75 displaced people"),
    ("An attack by gunmen wounded five soldiers.", "gunmen", "five soldiers"),
    # what the attack was aimed at before whom it killed
    ("A Saudi-led strike on a school bus killed 40 children.", "Saudi", "a school bus"),
])
def test_an_attack_that_killed_is_one_event_of_its_attacker(nlp, coder, text, actor, victims):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.actors[0].text, e.frame.recipients[0].text)
            for e in events] == [("ASSAULT", actor, victims)]


def test_the_leader_of_a_led_operation_is_its_actor(nlp, coder):
    event = only(code(nlp, coder, "The Saudi-led offensive on Hodeidah began on Wednesday."),
                 "ASSAULT")
    assert (event.frame.actors[0].text, event.frame.recipients[0].text) == ("Saudi",
                                                                            "Hodeidah")


@pytest.mark.parametrize(("text", "event_type", "recipient"), [
    # what a petition asks for is no event of its own
    ("The families petitioned the court to release the detainees.", "REQUEST", "the court"),
    # the act an accusation names is not coded again
    ("Sudan's army accused the Rapid Support Forces of shelling a hospital in El Fasher.",
     "ACCUSE", "the Rapid Support Forces"),
    # a claim about another party stays an accusation (control)
    ("US officials claim the cartel is led by Maduro.", "ACCUSE", "Maduro"),
])
def test_one_event_for_an_act_and_what_it_reports(nlp, coder, text, event_type, recipient):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.recipients[0].text) for e in events] == [
        (event_type, recipient)]


@pytest.mark.parametrize(("text", "target"), [
    ("The Houthis fired a ballistic missile at a tanker in the Red Sea.", "a tanker"),
    ("Hamas launched rockets at Tel Aviv.", "Tel Aviv"),
])
def test_the_weapon_fired_is_not_the_target(nlp, coder, text, target):
    event = only(code(nlp, coder, text), "ASSAULT")
    assert [span.text for span in event.frame.recipients] == [target]


def test_a_lodged_protest_is_a_formal_complaint_coded_once(nlp, coder):
    events = code(nlp, coder, "The Philippines lodged a diplomatic protest with China over "
                              "the water cannon incident.")
    assert [(e.event_type, e.mode, e.frame.recipients[0].text) for e in events] == [
        ("ACCUSE", "disapprove", "China")]


def test_a_speaker_announcing_its_own_act_accuses_no_one(nlp, coder):
    events = code(nlp, coder, "The Pentagon said it had carried out a strike on a vessel "
                              "operated by a drug cartel.")
    assert [(e.event_type, e.frame.actors[0].text) for e in events] == [
        ("ASSAULT", "The Pentagon")]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Russia and China expressed concern about the US military buildup.", "ACCUSE"),
    ("The United Nations could convene an emergency session on the crisis.", "CONSULT"),
    ("The Security Council held an emergency session on Venezuela.", "CONSULT"),
])
def test_concern_voiced_and_sessions_convened(nlp, coder, text, event_type):
    assert event_type in [e.event_type for e in code(nlp, coder, text)]


def test_a_lifted_boycott_is_a_concession_not_a_protest(nlp, coder):
    events = code(nlp, coder, "The Palestinian Authority lifted its boycott of Israeli "
                              "ranchers.")
    assert [(e.event_type, e.frame.actors[0].text) for e in events] == [
        ("CONCEDE", "The Palestinian Authority")]


def test_the_party_a_performed_act_is_aimed_at_on_the_verb_is_its_recipient(nlp, coder):
    event = only(code(nlp, coder, "The United States will resume military aid to Egypt."),
                 "AGREE")
    assert [span.text for span in event.frame.recipients] == ["Egypt"]


@pytest.mark.parametrize(("text", "actor"), [
    ("Egypt is expected to host the next round of talks.", "Egypt"),
    ("Iran is said to have supplied drones to Russia.", "Iran"),
])
def test_the_subject_of_a_raising_passive_does_the_complement(nlp, coder, text, actor):
    events = code(nlp, coder, text)
    assert events and events[0].frame.actors[0].text == actor


def test_whoever_was_ordered_to_act_is_not_the_doer_of_the_order(nlp, coder):
    events = code(nlp, coder, "Two conservative newspapers were ordered to suspend "
                              "publication.")
    assert all(e.frame.actors[0].text != "Two conservative newspapers" for e in events)


@pytest.mark.parametrize(("text", "event_type"), [
    ("Ankara backed down on its threat to expel the ambassadors.", "CONCEDE"),
    ("The regime lifted the siege of the city.", "RETREAT"),
    ("The militia handed over its weapons to the peacekeepers.", "RETREAT"),
])
def test_what_is_given_up_is_no_new_event(nlp, coder, text, event_type):
    assert [e.event_type for e in code(nlp, coder, text)] == [event_type]


@pytest.mark.parametrize(("text", "event_type", "recipients"), [
    ("Police fired tear gas at protesters in Nairobi.", "ASSAULT", ["protesters in Nairobi"]),
    ("The authorities placed the former president under house arrest.", "COERCE",
     ["the former president"]),
    ("The World Bank approved a 500 million dollar loan to Kenya.", "AID", ["Kenya"]),
    # the parties between whom mediated talks take place
    ("Norway mediated the talks between the government and the rebels.", "CONSULT",
     ["the talks", "the government", "the rebels"]),
])
def test_crowd_control_arrests_loans_and_mediation(nlp, coder, text, event_type, recipients):
    event = only(code(nlp, coder, text), event_type)
    assert [span.text for span in event.frame.recipients] == recipients


def test_observers_deployed_are_assistance_like_peacekeepers(nlp, coder):
    events = code(nlp, coder, "The European Union has deployed election observers in "
                              "Zimbabwe.")
    assert [e.event_type for e in events] == ["AID"]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Students occupied the university campus.", "PROTEST"),
    # the army occupying a town seizes it (control)
    ("The army occupied the northern town.", "COERCE"),
])
def test_civilians_occupying_a_building_protest(nlp, coder, text, event_type):
    assert [e.event_type for e in code(nlp, coder, text)] == [event_type]


@pytest.mark.parametrize(("text", "recipients"), [
    ("Hamas fired a barrage of rockets at Tel Aviv on Sunday.", ["Tel Aviv"]),
    ("Hezbollah launched a salvo of missiles into northern Israel.", ["northern Israel"]),
])
def test_the_weapons_a_volley_is_made_of_are_not_the_target(nlp, coder, text, recipients):
    event = only(code(nlp, coder, text), "ASSAULT")
    assert [span.text for span in event.frame.recipients] == recipients


@pytest.mark.parametrize(("text", "event_type", "recipients"), [
    ("Egypt condemned the attack carried out by the Islamic State on a church in Minya.",
     "ASSAULT", ["a church in Minya"]),
    ("The EU denounced the threats made by the Belarusian government.", "THREATEN", []),
])
def test_the_act_a_participle_performs_is_not_its_recipient(nlp, coder, text, event_type,
                                                             recipients):
    event = only(code(nlp, coder, text), event_type)
    assert [span.text for span in event.frame.recipients] == recipients


@pytest.mark.parametrize(("text", "accused"), [
    ("Egypt condemned the attack carried out by the Islamic State on a church in Minya.",
     "the Islamic State"),
    ("The EU denounced the arrests ordered by the Belarusian authorities.",
     "the Belarusian authorities"),
])
def test_whoever_performed_a_condemned_act_is_among_the_accused(nlp, coder, text, accused):
    event = only(code(nlp, coder, text), "ACCUSE")
    assert accused in [span.text for span in event.frame.recipients]


@pytest.mark.parametrize(("text", "first"), [
    ("British military police have launched an investigation into claims that two "
     "servicemen abused children in Afghanistan.", "two servicemen"),
    ("The ministry is investigating reports that Venezuelan soldiers fired on fishermen.",
     "Venezuelan soldiers"),
])
def test_an_investigation_into_claims_accuses_whom_they_are_about(nlp, coder, text, first):
    event = only(code(nlp, coder, text), "ACCUSE")
    assert event.frame.recipients[0].text == first


@pytest.mark.parametrize("text", [
    # the claimed act is the denier's own, or the clause's subject is its own army
    "Russia denied claims that it shelled the nuclear plant.",
    "Kyiv rejected reports that its army had withdrawn from Bakhmut.",
])
def test_a_denied_claim_is_not_replaced_by_its_subject(nlp, coder, text):
    event = only(code(nlp, coder, text), "REJECT")
    assert event.frame.recipients[0].root.lemma_ in {"claim", "report"}


@pytest.mark.parametrize(("text", "recipient"), [
    ("Iberia announced a suspension of flights to Venezuela.", "Venezuela"),
    ("Rabat announced a suspension of air links with 21 countries in Europe.",
     "21 countries"),
])
def test_the_party_a_suspended_thing_is_aimed_at_is_a_recipient(nlp, coder, text, recipient):
    event = only(code(nlp, coder, text), "SANCTION")
    assert recipient in [span.text for span in event.frame.recipients]


@pytest.mark.parametrize(("text", "event_type", "recipients"), [
    ("In a statement, the Egyptian Foreign Ministry expressed Egypt's solidarity with the "
     "government of Saudi Arabia.", "SUPPORT", ["the government of Saudi Arabia"]),
    ("The minister expressed Turkey's concern about the Russian buildup.", "ACCUSE",
     ["the Russian buildup"]),
])
def test_the_owner_of_an_expressed_stance_is_the_speaker_side(nlp, coder, text, event_type,
                                                              recipients):
    event = only(code(nlp, coder, text), event_type)
    assert [span.text for span in event.frame.recipients] == recipients


@pytest.mark.parametrize(("text", "first"), [
    ("Venezuela returned the seized aircraft to Argentina on Monday.", "Argentina"),
    # people handed over stay first (control)
    ("The rebels returned the hostages to the Red Cross.", "the hostages"),
])
def test_whom_a_thing_is_returned_to_is_its_recipient(nlp, coder, text, first):
    event = only(code(nlp, coder, text), "RETREAT")
    assert event.frame.recipients[0].text == first


@pytest.mark.parametrize(("text", "actor"), [
    ("USAID announced a suspension of aid in Yemen.", "USAID"),
    ("On a visit to Zimbabwe, South African President Cyril Ramaphosa voiced his strong "
     "support of President Emmerson Mnangagwa.", "South African President Cyril Ramaphosa"),
])
def test_a_subject_the_parser_misattached_is_found(nlp, coder, text, actor):
    events = code(nlp, coder, text)
    assert events and events[0].frame.actors[0].text == actor


def test_a_fronted_phrase_is_no_recipient(nlp, coder):
    event = only(code(nlp, coder, "On a visit to Kyiv, German Chancellor Olaf Scholz pledged "
                                  "new military aid to Ukraine."), "AGREE")
    assert "a visit" not in [span.text for span in event.frame.recipients]
    assert "Ukraine" in [span.text for span in event.frame.recipients]


def test_a_person_named_in_apposition_is_part_of_the_mention(nlp, coder):
    event = only(code(nlp, coder, "The Belarusian defense minister, Leonid Maltsev, agreed "
                                  "with his Iranian counterpart, Mostafa Najjar, to exchange "
                                  "military technology."), "AGREE")
    assert event.frame.actors[0].text == "The Belarusian defense minister, Leonid Maltsev"


@pytest.mark.parametrize(("text", "asked"), [
    ("The families of the hostages pleaded with Hamas to free their relatives.", "Hamas"),
    # (control: the parser already makes this "to" clause a complement)
    ("The UN appealed to Russia to stop the shelling.", "Russia"),
])
def test_what_an_appeal_asks_for_is_part_of_it(nlp, coder, text, asked):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.recipients[0].text) for e in events] == [
        ("REQUEST", asked)]


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    ("The UN opened an inquiry into the killings in Tigray.", "ACCUSE", "The UN"),
    ("The rebels waged war on the government.", "ASSAULT", "The rebels"),
    # "staged" is "stage" (spaCy's rules had "stag")
    ("Hundreds of students staged a protest outside parliament.", "PROTEST", "students"),
    ("Maduro sent a letter to Trump.", "CONSULT", "Maduro"),
])
def test_inquiries_wars_staged_protests_and_letters(nlp, coder, text, event_type, actor):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.actors[0].text) for e in events] == [(event_type, actor)]


@pytest.mark.parametrize(("text", "events_coded"), [
    ("Truckers paralysed the ports in protest against fuel prices.",
     [("PROTEST", "Truckers", "fuel prices")]),
    ("Opposition lawmakers walked out of parliament in protest.",
     [("PROTEST", "Opposition lawmakers", None)]),
    # the blocking is the protest: one event
    ("Taxi drivers blocked the ports in protest.", [("PROTEST", "Taxi drivers", "the ports")]),
])
def test_what_is_done_in_protest_is_a_protest_by_its_doer(nlp, coder, text, events_coded):
    events = code(nlp, coder, text)
    assert [(e.event_type, e.frame.actors[0].text,
             e.frame.recipients[0].text if e.frame.recipients else None)
            for e in events] == events_coded


@pytest.mark.parametrize(("text", "event_type", "mode"), [
    ("Ethiopia allowed aid convoys into Tigray.", "RETREAT", "access"),
    # the parser makes the object of "allowed" the subject of "to enter"
    ("Syria allowed UN aid trucks to enter Idlib.", "RETREAT", "access"),
    ("Iran vowed revenge for the killing of its general.", "THREATEN", None),
    # a vow to act stays a commitment (control)
    ("The junta vowed to hold elections.", "AGREE", None),
])
def test_aid_let_in_and_revenge_vowed(nlp, coder, text, event_type, mode):
    [event] = code(nlp, coder, text)
    assert (event.event_type, event.mode) == (event_type, mode)


@pytest.mark.parametrize(("text", "first"), [
    # the parser hangs the act's "by" on the verb
    ("The UN human rights chief condemned the killings of fishermen by US forces.",
     "US forces"),
    ("Russia condemned the attack by Ukraine on the bridge.", "Ukraine"),
])
def test_who_did_a_condemned_act_is_accused_first(nlp, coder, text, first):
    event = only(code(nlp, coder, text), "ACCUSE")
    assert event.frame.recipients[0].text == first


def test_the_parties_among_whom_talks_are_held_are_inside_them(nlp, coder):
    event = only(code(nlp, coder, "Qatar hosted talks among the Sudanese factions in Doha."),
                 "CONSULT")
    # "in Doha" places the talks; it is no part of their mention, unlike "Police in Lagos"
    assert [span.text for span in event.frame.recipients] == ["talks", "the Sudanese factions"]
