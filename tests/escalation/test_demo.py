"""The demo corpus, coded by the real coder and fused: its storyline drives the alerts."""

from __future__ import annotations

import datetime as dt

import pytest

from escalada.demo import DEMO_DYAD, ESCALATION_DAY, demo_documents, demo_events
from escalada.escalation import (
    CusumRule,
    Dyad,
    Rung,
    ThresholdRule,
    alerts_for_events,
    attribute,
    build_ladder,
    build_series,
    dyad_events,
)

NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def events():
    return demo_events()


def test_demo_corpus_is_a_dozen_dated_items_from_several_outlets() -> None:
    documents = demo_documents()
    assert len(documents) >= 12
    assert len({d.outlet for d in documents}) >= 3
    assert all(d.published for d in documents)
    assert (max(d.published for d in documents) - min(d.published for d in documents)).days > 21


def test_alert_fires_on_the_escalation_day_and_not_on_quiet_days(events) -> None:
    dyad = Dyad.parse(DEMO_DYAD)
    rules = (CusumRule(), ThresholdRule(20))
    alerts = alerts_for_events(events, [dyad, *dyad.directions], rules, created_at=NOW)
    undirected = [a for a in alerts if a.dyad == str(dyad)]
    assert {(a.date, a.rule) for a in undirected} == {
        (ESCALATION_DAY, rules[0].name), (ESCALATION_DAY, rules[1].name)}
    assert {a.date for a in alerts} == {ESCALATION_DAY}
    series = build_series(events, dyad)
    quiet = [p.date for p in series.points if p.date != ESCALATION_DAY]
    assert len(quiet) > 20 and not {a.date for a in alerts} & set(quiet)
    behind = {e.event_type for e in undirected[0].events}
    assert "ASSAULT" in behind


def test_escalation_day_is_the_lowest_point_and_material(events) -> None:
    series = build_series(events, DEMO_DYAD)
    lowest = min(series.points, key=lambda p: p.value)
    assert lowest.date == ESCALATION_DAY
    assert lowest.quads["material_conflict"] < lowest.quads["verbal_conflict"] < 0
    assert series.at(dt.date(2026, 10, 14)).value > 0  # talks again


def test_demo_ladder_and_options(events) -> None:
    dyad = Dyad.parse(DEMO_DYAD)
    ladder = build_ladder(str(dyad), dyad_events(attribute(events), dyad))
    reached = {s.rung for s in ladder.rungs if s.reached}
    assert {Rung.PROTEST, Rung.SANCTIONS, Rung.THREATS, Rung.FORCE} <= reached
    assert ladder.highest.rung is Rung.GROUND
    assert ladder.highest.first_date == ESCALATION_DAY
    threats = next(s for s in ladder.rungs if s.rung is Rung.THREATS)
    assert threats.first_date < ESCALATION_DAY


def test_demo_has_a_contradiction_between_outlets(events) -> None:
    claims = [c for e in events for c in e.contradictions]
    assert any(c.field == "number" and c.source_a != c.source_b for c in claims)
