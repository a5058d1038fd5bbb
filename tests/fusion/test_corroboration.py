"""Signals that corroborate or contradict fused events (in memory, no store)."""

from __future__ import annotations

import datetime as dt

from escalada.fusion.corroboration import is_closure, is_designation, link_signals, name_score
from escalada.models.fusion import FusedEvent, SourceRef
from escalada.models.records import ActorRef, EventMention, SourceInfo, event_id
from escalada.signals.records import FlightDay, SanctionChange, as_signal
from escalada.signals.stored import stored_signal

DAY = dt.date(2025, 11, 29)
USA = ActorRef(text="the United States", name="United States", country="USA", sector="GOV")
VEN = ActorRef(text="Venezuelan airspace", name="Venezuela", country="VEN")


def mention(sentence, *, event_type="COERCE", mode="restrict", recipient=VEN, day=DAY,
            coder="test", doc="d1"):
    return EventMention(
        id=event_id(doc, 0, 0), doc_id=doc, event_type=event_type, mode=mode, context=[],
        aux=[], actor=[USA], recipient=[recipient], date=day, date_precision="day",
        date_inferred=False, location=None, sentence=sentence, sentence_index=0,
        trigger="closed", attribution=None, certainty=0.9, score=-7.0, source=SourceInfo(),
        coder_version=coder)


def fused(fid, *mentions):
    first = mentions[0]
    return FusedEvent(
        id=fid, event_type=first.event_type, mode=first.mode, actor=first.actor,
        recipient=first.recipient, date=first.date, date_precision="day",
        first_reported=first.date, n_sources=1,
        sources=[SourceRef(doc_id=first.doc_id, outlet="Wire", url=None, title=None,
                           published=first.date)],
        mentions=list(mentions), coder_version=first.coder_version)


def flight(fir, day, status, flights=3, baseline=40.0, country=None):
    ratio = flights / baseline if baseline else None
    record = FlightDay(date=day, fir=fir, flights=flights, baseline=baseline, ratio=ratio,
                       status=status, alert=status == "collapse", country=country)
    return stored_signal(as_signal(record, "traces/"))


CLOSURE = "Trump declared the airspace above and surrounding Venezuela closed in its entirety."


def test_closure_links_to_collapse_over_the_recipients_fir_within_three_days():
    event = fused("e1", mention(CLOSURE))
    assert is_closure(event) and not is_designation(event)
    collapse = flight("SVZM", DAY + dt.timedelta(days=2), "collapse")  # SV -> VEN
    late = flight("SVZM", DAY + dt.timedelta(days=5), "collapse")
    elsewhere = flight("SKED", DAY, "collapse")  # Colombia
    links, contradictions = link_signals([event], [collapse, late, elsewhere])
    assert [(link.fused_id, link.signal_id, link.rule) for link in links] == [
        ("e1", collapse.id, "flight_collapse")]
    assert "SVZM" in links[0].detail and contradictions == []
    assert event.corroborated_by == [collapse.id]


def test_made_up_fir_counts_through_its_country():
    event = fused("e1", mention(CLOSURE))
    collapse = flight("QQAA", DAY - dt.timedelta(days=1), "collapse", country="VEN")
    links, _ = link_signals([event], [collapse])
    assert [link.signal_id for link in links] == [collapse.id]


def test_airlines_halting_flights_is_a_closure_too():
    event = fused("e2", mention("Iberia and TAP suspended their flights to Caracas.",
                                event_type="SANCTION", mode="discontinue"))
    collapse = flight("SVZM", DAY, "collapse")
    links, _ = link_signals([event], [collapse])
    assert len(links) == 1 and links[0].rule == "flight_collapse"


def test_no_flight_cue_no_link():
    event = fused("e3", mention("Maduro restricted protests in Caracas."))
    assert not is_closure(event)
    assert link_signals([event], [flight("SVZM", DAY, "collapse")]) == ([], [])


def test_normal_traffic_after_a_closure_is_a_contradiction():
    event = fused("e4", mention(CLOSURE))
    before = flight("SVZM", DAY - dt.timedelta(days=1), "normal", flights=40)
    after = flight("SVZM", DAY + dt.timedelta(days=1), "normal", flights=41)
    gap = flight("SVZM", DAY + dt.timedelta(days=2), "data_gap", flights=2)
    links, contradictions = link_signals([event], [before, after, gap])
    assert links == []
    [contradiction] = contradictions
    assert contradiction.fused_id == "e4" and contradiction.field == "flight_normal"
    assert contradiction.source_b == after.id and contradiction.source_a == "d1"
    assert "41 flights over SVZM" in contradiction.claim_b


def test_a_collapse_wins_over_normal_days():
    event = fused("e5", mention(CLOSURE))
    signals = [flight("SVZM", DAY + dt.timedelta(days=1), "normal", flights=40),
               flight("SVZM", DAY + dt.timedelta(days=2), "collapse")]
    links, contradictions = link_signals([event], signals)
    assert len(links) == 1 and contradictions == []


def listing(ent_num, name, day=DAY, change="added", programs=("SDGT",)):
    record = SanctionChange(change=change, ent_num=ent_num, name=name, sdn_type=None,
                            programs=programs)
    return stored_signal(as_signal(record, "sdn.csv", day))


def test_designation_news_links_to_the_matching_list_addition():
    cartel = ActorRef(text="Cartel de los Soles", name="Cartel de los Soles", country="VEN")
    event = fused("e6", mention("The State Department designated the Cartel de los Soles as a "
                                "Foreign Terrorist Organization.", event_type="SANCTION",
                                mode=None, recipient=cartel))
    assert is_designation(event)
    match = listing(1, "CARTEL DE LOS SOLES", DAY + dt.timedelta(days=2))
    other = listing(2, "TREN DE ARAGUA")
    removed = listing(3, "CARTEL DE LOS SOLES", change="removed")
    links, _ = link_signals([event], [match, other, removed])
    assert [(link.signal_id, link.rule) for link in links] == [(match.id, "designation")]


def test_names_match_in_either_order_and_not_by_surname_alone():
    person = ActorRef(text="Emmerson Mnangagwa", name="Emmerson Mnangagwa", country="ZWE")
    event = fused("e7", mention("Washington sanctioned Emmerson Mnangagwa.",
                                event_type="SANCTION", mode=None, recipient=person))
    assert name_score("MNANGAGWA, Emmerson Dambudzo", event) >= 90
    assert name_score("MNANGAGWA, Auxillia", event) < 90


def test_signal_derived_sanctions_are_not_news_designations():
    event = fused("e8", mention("OFAC added X to the SDN list.", event_type="SANCTION",
                                mode=None, coder="signals-ofac-0.1.0"))
    assert not is_designation(event)
    assert link_signals([event], [listing(1, "X")]) == ([], [])
