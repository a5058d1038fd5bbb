from __future__ import annotations

import datetime as dt
import json

import pytest

from escalada.escalation import (
    CusumRule,
    Dyad,
    ThresholdRule,
    alert_key,
    alerts_for_events,
    cusum,
)

from .helpers import days, event

NOW = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def test_cusum_fires_on_a_jump_and_not_on_noise() -> None:
    values = [0.0, -2.0, 1.0, 0.0, -3.0, 0.0, 0.0, -60.0, 0.0, 0.0]
    assert [i for i, _ in cusum(values)] == [7]
    assert cusum(values)[0][1] == pytest.approx(-60.0)


def test_cusum_accumulates_a_sustained_shift() -> None:
    values = [0.0] * 10 + [-8.0] * 6
    alarms = [i for i, _ in cusum(values)]
    assert alarms and 10 < alarms[0] <= 13
    assert cusum([0.0] * 10 + [-2.0] * 6) == []


def test_cusum_rise_direction_and_constant_series() -> None:
    assert [i for i, _ in cusum([0, 0, 0, 50, 0], CusumRule(direction="rise"))] == [3]
    assert cusum([0, 0, 0, 50, 0]) == []
    assert cusum([-5.0] * 30) == []


def _storyline():
    quiet = [event("ACCUSE", score=-3.0, day=days(i), key=str(i)) for i in (0, 4, 9)]
    strike = [event("ASSAULT", score=-9.0, n_sources=3, day=days(12), key=str(i),
                    sentence=f"strike {i}") for i in range(3)]
    return quiet + strike + [event("AID", score=10.0, day=days(20))]


def test_alerts_fire_once_per_dyad_day_and_rule_with_the_events_behind() -> None:
    rules = (CusumRule(), ThresholdRule(20), ThresholdRule(20))
    alerts = alerts_for_events(_storyline(), rules=rules, created_at=NOW)
    assert [(a.dyad, a.date, a.rule) for a in alerts] == [
        ("USA-VEN", days(12), "cusum_drop(k=0.5,h=4)"), ("USA-VEN", days(12), "drop>20")]
    alert = alerts[0]
    assert len(alert.events) == 3 and {e.event_type for e in alert.events} == {"ASSAULT"}
    assert alert.change < -20 and alert.events[0].sources[0]["outlet"] == "outlet-d1"
    record = json.loads(json.dumps(alert.to_record()))
    assert set(record) >= {"id", "idempotency_key", "dyad", "date", "rule", "change", "events",
                           "created_at"}
    assert record["events"][0]["sentence"].startswith("strike")


def test_alert_ids_are_deterministic() -> None:
    first = alerts_for_events(_storyline(), created_at=NOW)
    again = alerts_for_events(list(reversed(_storyline())),
                              created_at=NOW + dt.timedelta(hours=1))
    assert [a.id for a in first] == [a.id for a in again]
    assert first[0].idempotency_key == alert_key("USA-VEN", days(12), first[0].rule)
    assert first[0].id == first[0].idempotency_key[:16]
    assert alert_key("USA-VEN", days(12), "x") != alert_key("USA>VEN", days(12), "x")


def test_threshold_rule_on_a_directed_dyad() -> None:
    events = [event("ASSAULT", actor="VEN", recipient="USA", score=-9, day=days(12))]
    directed = [Dyad.parse("USA>VEN"), Dyad.parse("VEN>USA")]
    alerts = alerts_for_events(_storyline() + events, directed, (ThresholdRule(5),),
                               created_at=NOW)
    assert {(a.dyad, a.date) for a in alerts} == {("USA>VEN", days(12)), ("VEN>USA", days(12))}
    rise = alerts_for_events(_storyline(), rules=(ThresholdRule(5, "rise"),), created_at=NOW)
    assert [a.date for a in rise] == [days(13), days(20)]
