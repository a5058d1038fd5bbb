"""Disagreements inside a fused event: titles, recipients, numbers, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from escalada.fusion import find_contradictions, fuse
from escalada.fusion.contradictions import extract_counts, title_status

from .helpers import DAY, doc, docs, mention, ref

TWO = docs(doc("a", "Wire Agency"), doc("b", "Evening Post"))


def fused_pair(a, b, **kwargs):
    result = fuse([a, b], TWO, **kwargs)
    assert len(result.fused) == 1, "a contradiction must not split the event"
    assert result.contradictions == result.fused[0].contradictions
    return result.fused[0]


def test_president_vs_former_president_is_a_title_contradiction():
    current = ref("President John Doe", "John Doe", "USA")
    former = ref("former U.S. President John Doe", "John Doe", "USA", "ELI")
    event = fused_pair(mention("a", actor=current), mention("b", actor=former))
    [contradiction] = event.contradictions
    assert contradiction.field == "actor_title"
    assert contradiction.fused_id == event.id
    assert {(contradiction.claim_a, contradiction.source_a),
            (contradiction.claim_b, contradiction.source_b)} == {
        ("President John Doe", "a"), ("former U.S. President John Doe", "b")}


@pytest.mark.parametrize("other", ["John Doe", "Doe", "US leader John Doe",
                                   "President Doe"])
def test_no_title_contradiction_without_a_clash(other):
    a = mention("a", actor=ref("President John Doe", "John Doe", "USA"))
    b = mention("b", actor=ref(other, "John Doe", "USA"))
    assert fused_pair(a, b).contradictions == []


def test_title_status_words():
    assert title_status("President Donald J. Trump") == "current"
    assert title_status("former U.S. President Donald Trump") == "former"
    assert title_status("ex-president Smith") == "former"
    assert title_status("President-elect Smith") == "elect"
    assert title_status("interim leader Smith") == "acting"
    assert title_status("Smith") is None


def test_death_toll_12_vs_15_is_a_number_contradiction():
    a = mention("a", sentence="The strike killed at least 12 people in the town.")
    b = mention("b", sentence="Fifteen people were killed when missiles hit the town.")
    event = fused_pair(a, b)
    [contradiction] = event.contradictions
    assert contradiction.field == "number"
    assert {contradiction.claim_a, contradiction.claim_b} == {"12 dead", "15 dead"}
    assert {contradiction.source_a, contradiction.source_b} == {"a", "b"}


def test_same_numbers_or_different_quantities_do_not_clash():
    a = mention("a", sentence="The strike killed 12 people and wounded 30.")
    b = mention("b", sentence="Officials said 12 were killed; 3 ships were damaged.")
    assert fused_pair(a, b).contradictions == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The strike killed at least 12 people.", {"dead": {12}}),
    ("The death toll rose to 15 on Monday.", {"dead": {15}}),
    ("Some 3,000 troops and 4 warships were deployed.", {"troops": {3000}, "vessels": {4}}),
    ("Twenty people were injured.", {"injured": {20}}),
    ("In 2024, police arrested 40 protesters.", {"protesters": {40}}),
    ("One of the boats sank.", {}),
    ("He spoke for 20 minutes.", {}),
])
def test_extract_counts(sentence, expected):
    assert extract_counts(sentence) == expected


def test_different_named_targets_in_the_same_country_are_a_recipient_contradiction():
    cartel = ref("the Cartel de Ejemplo", "Cartel de Ejemplo", "VEN", "CRM")
    leader = ref("Maduro", "Nicolás Maduro", "VEN", "GOV")
    usa = ref("the U.S.", "United States", "USA", None)
    kw = {"event_type": "SANCTION", "mode": None, "actor": usa, "trigger": "designated"}
    event = fused_pair(mention("a", recipient=cartel, **kw), mention("b", recipient=leader, **kw))
    [contradiction] = event.contradictions
    assert contradiction.field == "recipient"
    assert {contradiction.claim_a, contradiction.claim_b} == {"the Cartel de Ejemplo", "Maduro"}
    # country-level recipients are granularity, not disagreement
    state = ref("Venezuela", "Venezuela", "VEN", None)
    government = ref("Caracas", "Venezuela government", "VEN", "GOV")
    assert fused_pair(mention("a", recipient=state, **kw),
                      mention("b", recipient=government, **kw)).contradictions == []
    assert fused_pair(mention("a", recipient=leader, **kw),
                      mention("b", recipient=government, **kw)).contradictions == []


def test_stated_day_dates_that_differ_clash_but_inferred_ones_do_not():
    later = DAY + dt.timedelta(days=2)
    event = fused_pair(mention("a"), mention("b", date=later))
    [contradiction] = event.contradictions
    assert contradiction.field == "date"
    assert {contradiction.claim_a, contradiction.claim_b} == {DAY.isoformat(),
                                                              later.isoformat()}
    assert fused_pair(mention("a"), mention("b", date=later, inferred=True)).contradictions == []


def test_copies_and_same_document_do_not_contradict():
    a = mention("a", sentence="The strike killed 12 people.")
    b = mention("b", sentence="The strike killed 15 people.")
    assert fused_pair(a, b, duplicates={"b": "a"}).contradictions == []
    same_doc = [a, mention("a", sentence="The strike killed 15 people.", index=4)]
    assert find_contradictions("x", same_doc) == []


def test_contradictions_are_deduplicated_across_many_sources():
    mentions = [mention(f"d{i}", sentence=f"The strike killed {12 if i % 2 else 15} people.")
                for i in range(10)]
    infos = docs(*(doc(f"d{i}", f"Outlet {i}") for i in range(10)))
    result = fuse(mentions, infos)
    assert len(result.fused) == 1 and result.fused[0].n_sources == 10
    assert [c.field for c in result.contradictions] == ["number"]


def test_title_clash_across_a_story_is_recorded_on_a_shared_event():
    current = ref("President John Doe", "John Doe", "USA")
    former = ref("former President John Doe", "John Doe", "USA")
    plain = ref("Doe", "John Doe", "USA")
    other = ref("Caracas", "Venezuela government", "VEN")
    mentions = [
        # the shared event: both documents, no titles in it
        mention("a", actor=plain), mention("b", actor=plain),
        # the titles appear in events that only one document codes
        mention("a", event_type="CONSULT", mode=None, actor=current, recipient=other,
                index=3, trigger="met", sentence="President John Doe met envoys."),
        mention("b", event_type="REQUEST", mode=None, actor=other, recipient=former,
                index=4, trigger="asked", sentence="Caracas asked former President John Doe."),
    ]
    result = fuse(mentions, TWO)
    assert len(result.fused) == 3
    [contradiction] = result.contradictions
    shared = next(e for e in result.fused if e.n_sources == 2)
    assert contradiction.field == "actor_title" and contradiction.fused_id == shared.id
    assert contradiction in shared.contradictions
    assert {contradiction.claim_a, contradiction.claim_b} == {
        "President John Doe", "former President John Doe"}
