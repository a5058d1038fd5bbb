from __future__ import annotations

import math

import pytest

from escalada.escalation import Dyad, IndexConfig, attribute, build_series, event_value

from .helpers import DAY, days, event


def test_dyad_parse_directed_and_undirected() -> None:
    assert Dyad.parse("usa>ven") == Dyad("USA", "VEN", directed=True)
    assert str(Dyad.parse(" USA-VEN ")) == "USA-VEN"
    assert Dyad.parse("USA-VEN").matches("VEN", "USA")
    assert not Dyad.parse("USA>VEN").matches("VEN", "USA")
    for bad in ("USA", "USA>USA", "US-VE", "USA/VEN"):
        with pytest.raises(ValueError):
            Dyad.parse(bad)


def test_value_is_score_times_certainty_times_corroboration() -> None:
    one = event(score=-9.0, certainty=0.5, n_sources=1)
    four = event(score=-9.0, certainty=0.5, n_sources=4, key="b")
    assert event_value(one, IndexConfig()) == pytest.approx(-4.5)
    assert event_value(four, IndexConfig()) == pytest.approx(-9.0 * 0.5 * 3)
    capped = event(score=-9.0, n_sources=1000, key="c")
    assert event_value(capped, IndexConfig(max_sources=16)) == pytest.approx(-9.0 * 5)
    assert event_value(one, IndexConfig(certainty_power=0)) == pytest.approx(-9.0)


def test_non_factual_events_are_weighted_by_their_aux_mode() -> None:
    config = IndexConfig()
    assert event_value(event(aux=("hypothetical",)), config) == 0
    assert event_value(event(aux=("negation",)), config) == 0
    assert event_value(event(aux=("future",)), config) == pytest.approx(-3.0 * 0.25)
    custom = IndexConfig(aux_weights={"hypothetical": 0.5})
    assert event_value(event(aux=("hypothetical",)), custom) == pytest.approx(-1.5)


def test_series_is_dense_daily_and_split_by_quad() -> None:
    events = [event("ACCUSE", score=-3.0), event("ASSAULT", score=-9.0, day=days(3)),
              event("AID", score=10.0, day=days(3)), event("ASSAULT", actor="RUS",
                                                             recipient="UKR", score=-9)]
    series = build_series(events, "USA-VEN")
    assert series.dates[0] == DAY and len(series.points) == 4
    assert series.values == [-3.0, 0.0, 0.0, 1.0]
    last = series.at(days(3))
    assert last.quads["material_conflict"] == -9.0
    assert last.quads["material_cooperation"] == 10.0
    assert len(last.event_ids) == 2
    assert series.at(days(10)) is None


def test_directed_series_keeps_one_direction() -> None:
    events = [event(actor="USA", recipient="VEN", score=-3.0),
              event(actor="VEN", recipient="USA", score=-2.0)]
    assert build_series(events, "USA>VEN").values == [-3.0]
    assert build_series(events, "VEN>USA").values == [-2.0]
    assert build_series(events, "USA-VEN").values == [-5.0]


def test_missing_party_is_inferred_from_the_same_documents_at_half_weight() -> None:
    strike = event("ASSAULT", recipient=None, score=-9.0, docs=("d1",))
    context = event("ACCUSE", score=-3.0, docs=("d1",))
    elsewhere = event("ASSAULT", recipient=None, score=-9.0, docs=("d9",), key="x")
    attributed = {a.event.id: a for a in attribute([strike, context, elsewhere])}
    assert attributed[strike.id].recipient == "VEN" and attributed[strike.id].inferred
    assert attributed[elsewhere.id].recipient is None
    series = build_series([strike, context, elsewhere], "USA>VEN")
    assert series.values == [pytest.approx(-3.0 - 4.5)]
    strict = build_series([strike, context], "USA>VEN",
                          config=IndexConfig(infer_missing_party=False))
    assert strict.values == [-3.0]


def test_ambiguous_document_context_infers_nothing() -> None:
    strike = event("ASSAULT", recipient=None, docs=("d1",))
    events = [strike, event(docs=("d1",)), event(recipient="COL", docs=("d1",))]
    assert {a.event.id: a for a in attribute(events)}[strike.id].recipient is None


def test_undated_events_and_empty_dyads() -> None:
    assert build_series([event(day=None)], "USA-VEN").points == ()
    assert build_series([], "USA>VEN").values == []
    assert math.isclose(sum(build_series([event()], "USA-VEN", start=days(-2)).values), -3.0)


def test_functions_accept_iterators() -> None:
    events = [event("ASSAULT", recipient=None, score=-9.0), event(score=-3.0)]
    assert len(attribute(iter(events))) == 2
    assert build_series(iter(events), "USA-VEN").values == [pytest.approx(-7.5)]
