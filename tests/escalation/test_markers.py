"""Signal markers on a dyad's timeline: which stored signals, on which day, with which links."""

from __future__ import annotations

import datetime as dt

from signals.test_brief_section import EVIL, _flights, _listing, _notam
from signals.test_store import COLLAPSE_DAY

from escalada.escalation import MarkerLink, SignalMarker, marker_links, signal_markers
from escalada.models import Contradiction
from escalada.signals.records import FlightDay, SanctionChange, as_signal
from escalada.signals.stored import stored_signal
from escalation.helpers import event

START = COLLAPSE_DAY - dt.timedelta(days=10)


def _sanction(country: str, day: dt.date = COLLAPSE_DAY, name: str = "SOME ENTITY"):
    record = SanctionChange(change="added", ent_num=7, name=name, sdn_type=None,
                            programs=("IRAN",))
    return stored_signal(as_signal(record, "sdn.csv", day), country=country)


def test_markers_of_the_dyads_countries_in_the_period_only():
    notam = _notam()
    listing = _listing()
    signals = [*_flights(), *_flights("SKED"), notam, listing, _sanction("IRN"),
               _sanction("VEN", COLLAPSE_DAY + dt.timedelta(days=5))]
    markers = signal_markers(signals, "USA-VEN", start=START, end=COLLAPSE_DAY)
    assert [(m.day, m.kind, m.status) for m in markers] == [
        (COLLAPSE_DAY - dt.timedelta(days=5), "notam", "NOTAMN"),
        (COLLAPSE_DAY, "flights", "collapse"),
        (COLLAPSE_DAY, "sanctions", "added")]
    # SKED is Colombia's FIR, IRN is no party, the later listing is outside the period and
    # the ten normal days over SVZM before the collapse are no news
    assert {m.country for m in markers} == {"VEN"}
    assert markers[0].signal_id == notam.id and EVIL in markers[0].label
    assert "CARTEL DE LOS SOLES" in markers[2].label
    [colombia] = signal_markers(signals, "COL>USA", start=START, end=COLLAPSE_DAY)
    assert (colombia.country, colombia.status, colombia.day) == ("COL", "collapse", COLLAPSE_DAY)


def test_every_collapse_day_without_bounds_and_a_surge_too():
    surge = stored_signal(as_signal(FlightDay(START, "SVZM", 60, 20.0, 3.0, "surge", False),
                                    "t"))
    markers = signal_markers([*_flights(), surge], "VEN-USA")
    assert [m.status for m in markers] == ["surge"] + ["collapse"] * 4
    assert markers[-1].day == COLLAPSE_DAY + dt.timedelta(days=3)


def test_a_notam_sits_on_its_valid_from_day():
    notam = _notam(text="Airspace closed", start=COLLAPSE_DAY)
    notam.date = None  # the payload's valid_from is what counts
    [marker] = signal_markers([notam], "USA-VEN", start=COLLAPSE_DAY, end=COLLAPSE_DAY)
    assert marker.day == COLLAPSE_DAY and marker.kind == "notam"
    assert signal_markers([notam], "USA-VEN", end=COLLAPSE_DAY - dt.timedelta(days=1)) == []


def test_links_name_the_events_a_signal_corroborates_or_contradicts():
    flights = _flights()
    normal, collapse = flights[0], flights[-1]
    closure = event("COERCE", day=COLLAPSE_DAY, key="closure")
    closure.corroborated_by = [collapse.id]
    claim = Contradiction(fused_id="other", field="flights", claim_a="airspace closed",
                          claim_b="traffic normal", source_a="doc", source_b=normal.id)
    links = marker_links([closure], [claim])
    assert links == [MarkerLink(collapse.id, "corroborates", closure.id),
                     MarkerLink(normal.id, "contradicts", "other")]
    markers = {m.signal_id: m for m in signal_markers(flights, "USA-VEN", links=links)}
    assert markers[collapse.id].corroborates == (closure.id,)
    # a normal day is shown when it contradicts an event
    assert markers[normal.id].status == "normal" and markers[normal.id].contradicts == ("other",)
    assert len(markers) == 5


def test_marker_record_is_json_ready():
    marker = SignalMarker(COLLAPSE_DAY, "notam", "NOTAM A1/25", "VEN", "NOTAMN", "s1",
                          ("e1",))
    assert marker.to_record() == {
        "day": COLLAPSE_DAY.isoformat(), "kind": "notam", "label": "NOTAM A1/25",
        "country": "VEN", "status": "NOTAMN", "signal_id": "s1", "corroborates": ["e1"],
        "contradicts": []}
