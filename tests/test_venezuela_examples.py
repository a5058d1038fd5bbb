"""The motivating articles (read from ../shared at run time): the events an analyst needs."""

from __future__ import annotations

import datetime as dt

import pytest

from escalada.ingest import iter_documents
from escalada.pipeline import EventCoder
from escalada.settings import Settings


@pytest.fixture(scope="module")
def events(shared_dir):
    paths = sorted(str(p) for p in (shared_dir / "examples/venezuela").glob("*.txt"))
    results = list(iter_documents(paths, Settings(), published=dt.date(2025, 11, 28)))
    assert all(r.document for r in results)
    coder = EventCoder()
    return [e for _, mentions in coder.code_documents(r.document for r in results)
            for e in mentions]


def dyads(events, event_type, *, factual=True):
    return {(e.actor[0].country, e.recipient[0].country if e.recipient else None)
            for e in events if e.event_type == event_type and e.is_factual == factual}


@pytest.mark.parametrize(("event_type", "dyad"), [
    ("CONSULT", ("VEN", "USA")),     # the phone call
    ("REQUEST", ("VEN", "USA")),     # the amnesty request
    ("REJECT", ("USA", "VEN")),      # ... rebuffed
    ("THREATEN", ("USA", "VEN")),    # leave voluntarily or face "other options"
    ("SANCTION", ("USA", "VEN")),    # FTO designation
    ("COERCE", ("USA", "VEN")),      # airspace declared closed
    ("ACCUSE", ("VEN", "USA")),      # Caracas condemns the move
    ("ACCUSE", ("USA", "VEN")),      # drug-trafficking accusations
    ("REJECT", ("VEN", "USA")),      # Caracas calls them fabricated
])
def test_factual_events_with_their_dyads(events, event_type, dyad):
    assert dyad in dyads(events, event_type)


def test_military_events_are_american(events):
    assert ("USA", None) in dyads(events, "MOBILIZE") | {
        (a, None) for a, _ in dyads(events, "MOBILIZE")}
    assert any(a == "USA" for a, _ in dyads(events, "ASSAULT"))  # the boat strikes


def test_airlines_and_permits(events):
    sanctions = [e for e in events if e.event_type == "SANCTION" and e.mode == "discontinue"]
    actors = {(e.actor[0].country, e.actor[0].sector) for e in sanctions}
    assert ("VEN", None) in actors or ("VEN", "GOV") in actors   # permits revoked
    assert (None, "BUS") in actors                                 # airlines halt flights


def test_nothing_the_un_could_do_is_factual(events):
    un_events = [e for e in events if e.actor[0].sector == "IGO"]
    assert un_events, "the UN options should still be coded, as hypothetical"
    assert all("hypothetical" in e.aux for e in un_events)


def test_the_labelled_regime_labels_no_one(events):
    """"With ... the regime now officially labeled a terrorist enterprise": the regime is
    labelled, so it is never the actor of the labelling (it used to resolve to the US)."""
    labelling = [e for e in events if e.trigger == "labeled"]
    assert all(actor.text != "the regime" for e in labelling for actor in e.actor)


def test_the_offer_shut_down_was_maduros(events):
    """"Trump ... swiftly shut down the offer": the offer points back to Maduro's appeal."""
    rejections = [e for e in events if e.event_type == "REJECT" and e.trigger == "shut down"]
    assert rejections
    assert all(r.name == "Nicolás Maduro" for e in rejections for r in e.recipient)
