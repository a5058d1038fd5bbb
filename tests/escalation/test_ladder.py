from __future__ import annotations

import pytest

from escalada.escalation import Dyad, Rung, attribute, build_ladder, dyad_events, rung_of

from .helpers import days, event


@pytest.mark.parametrize(("event_type", "mode", "context", "sentence", "rung"), [
    ("ACCUSE", None, (), "Caracas accused Washington.", Rung.PROTEST),
    ("REJECT", None, (), "", Rung.PROTEST),
    ("REQUEST", "change", (), "", Rung.PROTEST),
    ("THREATEN", None, (), "He threatened new tariffs.", Rung.PROTEST),
    ("THREATEN", None, (), "He threatened military force.", Rung.THREATS),
    ("THREATEN", None, ("military",), "", Rung.THREATS),
    ("THREATEN", None, (), "The land is easier, that will start soon.", Rung.THREATS),
    ("SANCTION", None, (), "", Rung.SANCTIONS),
    ("COERCE", "restrict", (), "closed the airspace", Rung.SANCTIONS),
    ("MOBILIZE", "weapons", ("military",), "deployed warships", Rung.POSTURE),
    ("ASSAULT", "aerial", ("military",), "struck boats", Rung.FORCE),
    ("ASSAULT", None, ("military",), "Troops crossed the border at dawn.", Rung.GROUND),
    ("MOBILIZE", "troops", ("military",), "massed for a ground invasion", Rung.GROUND),
    ("COERCE", "seize", ("military",), "Troops seized two villages.", Rung.GROUND),
    ("AID", None, (), "", None),
    ("PROTEST", "demo", (), "", None),
])
def test_rung_of(event_type, mode, context, sentence, rung) -> None:
    assert rung_of(event_type, mode, context, sentence) == rung


def _ladder(events):
    attributed = attribute(events)
    return build_ladder("USA-VEN", dyad_events(attributed, Dyad.parse("USA-VEN")))


def test_highest_rung_is_the_highest_factual_event_and_lower_rungs_still_show() -> None:
    ladder = _ladder([
        event("THREATEN", sentence="threatened to use military force", day=days(1)),
        event("MOBILIZE", sentence="deployed warships", day=days(2)),
        event("ASSAULT", sentence="struck a boat", day=days(5)),
        event("ASSAULT", sentence="struck another boat", day=days(7)),
    ])
    assert ladder.highest.rung is Rung.FORCE
    assert ladder.highest.first_date == days(5) and ladder.highest.last_date == days(7)
    reached = {s.rung for s in ladder.rungs if s.reached}
    assert reached == {Rung.THREATS, Rung.POSTURE, Rung.FORCE}


def test_hypothetical_events_are_options_never_reached() -> None:
    invasion = event("ASSAULT", aux=("hypothetical",), sentence="could invade the country")
    denied = event("ASSAULT", aux=("negation",), sentence="did not strike", key="n")
    ladder = _ladder([event("ACCUSE"), invasion, denied])
    assert ladder.highest.rung is Rung.PROTEST
    assert [(o.rung, o.item.event.id) for o in ladder.options] == [(Rung.GROUND, invasion.id)]


def test_empty_ladder() -> None:
    ladder = _ladder([event("AID", score=10)])
    assert ladder.highest is None and ladder.options == ()
    assert [s.rung for s in ladder.rungs] == list(Rung)
