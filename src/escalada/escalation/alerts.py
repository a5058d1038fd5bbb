"""Alerts: jumps in a dyad's escalation index, with the events behind each jump.

Two kinds of rule, both on the dense daily series of :mod:`.series`:

* :class:`CusumRule` (default): a tabular CUSUM on standardised residuals. For day *t* the
  baseline is the median of the previous ``window`` days (0 with no history: a day without
  events is 0) and the scale ``max(min_scale, 1.4826 * MAD)`` of the same days; with
  ``z = (x_t - baseline) / scale`` the drop statistic is ``S_t = max(0, S_{t-1} - z - k)``
  (rise: ``+ z``). An alert is raised when ``S_t > h``, and ``S`` restarts at 0. Defaults
  ``k = 0.5``, ``h = 4``, ``window = 14``, ``min_scale = 5`` index points: one heavily
  corroborated strike fires at once; a sanctions day or a run of accusations does not.
* :class:`ThresholdRule`: "alert when USA>VEN drops by more than X in a day": the day's value
  minus the previous day's is below ``-X`` (``direction="rise"``: above ``X``).

An alert is raised at most once per dyad, day and rule; its ``idempotency_key`` is a hash of
those three and its ``id`` the key's first 16 characters, so that re-running gives the same
ids (``created_at`` is the only field that changes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from escalada.escalation.dyads import Attributed, Dyad, attribute
from escalada.escalation.series import (
    DEFAULT_INDEX,
    DyadSeries,
    IndexConfig,
    event_value,
    series_for_dyad,
)

__all__ = [
    "Alert",
    "AlertEvent",
    "CusumRule",
    "ThresholdRule",
    "alert_key",
    "alerts_for_events",
    "cusum",
    "detect_alerts",
    "present_dyads",
]

Direction = Literal["drop", "rise"]
_MAD_TO_SD = 1.4826


@dataclass(frozen=True, slots=True)
class CusumRule:
    """Tabular CUSUM on standardised residuals (see the module docstring)."""

    k: float = 0.5
    h: float = 4.0
    window: int = 14
    min_scale: float = 5.0
    direction: Direction = "drop"

    @property
    def name(self) -> str:
        return f"cusum_{self.direction}(k={self.k:g},h={self.h:g})"


@dataclass(frozen=True, slots=True)
class ThresholdRule:
    """A day-over-day change beyond ``threshold`` index points."""

    threshold: float
    direction: Direction = "drop"

    @property
    def name(self) -> str:
        return f"{self.direction}>{self.threshold:g}"


Rule = CusumRule | ThresholdRule


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """One fused event behind an alert."""

    id: str
    event_type: str
    mode: str | None
    sentence: str
    sources: tuple[Mapping[str, str | None], ...]
    n_sources: int
    value: float
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Alert:
    """A jump in a dyad's index (fields per CONVENTIONS "Alerts and delivery")."""

    id: str
    idempotency_key: str
    dyad: str
    date: dt.date
    rule: str
    change: float
    value: float
    events: tuple[AlertEvent, ...]
    created_at: dt.datetime = field(compare=False)

    def to_record(self) -> dict[str, Any]:
        """The JSON body (as webhooks receive it)."""
        return {
            "id": self.id, "idempotency_key": self.idempotency_key, "dyad": self.dyad,
            "date": self.date.isoformat(), "rule": self.rule, "change": self.change,
            "value": self.value, "created_at": self.created_at.isoformat(),
            "events": [{"id": e.id, "event_type": e.event_type, "mode": e.mode,
                        "sentence": e.sentence, "sources": [dict(s) for s in e.sources],
                        "n_sources": e.n_sources, "value": e.value, "inferred": e.inferred}
                       for e in self.events],
        }


def alert_key(dyad: str, day: dt.date, rule: str) -> str:
    """Idempotency key: the same dyad, day and rule always give the same key."""
    text = f"escalada-alert\x1f{dyad}\x1f{day.isoformat()}\x1f{rule}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _baseline(history: Sequence[float], min_scale: float) -> tuple[float, float]:
    if not history:
        return 0.0, min_scale
    centre = statistics.median(history)
    mad = statistics.median(abs(v - centre) for v in history)
    return centre, max(min_scale, _MAD_TO_SD * mad)


def cusum(values: Sequence[float], rule: CusumRule = CusumRule()
          ) -> list[tuple[int, float]]:
    """Alarms of ``rule`` on ``values``: ``(index, value - baseline)`` per alarm."""
    sign = -1.0 if rule.direction == "drop" else 1.0
    statistic, alarms = 0.0, []
    zeros = 0  # zero days just before ``index`` (dense series are mostly empty days)
    for index, value in enumerate(values):
        history = min(index, rule.window)
        if zeros >= history:  # history empty or all 0: what _baseline would give
            centre, scale = 0.0, max(rule.min_scale, 0.0) if history else rule.min_scale
        else:
            centre, scale = _baseline(values[max(0, index - rule.window):index],
                                      rule.min_scale)
        zeros = zeros + 1 if value == 0 else 0
        statistic = max(0.0, statistic + sign * (value - centre) / scale - rule.k)
        if statistic > rule.h:
            alarms.append((index, round(value - centre, 6)))
            statistic = 0.0
    return alarms


def threshold_changes(values: Sequence[float], rule: ThresholdRule
                      ) -> list[tuple[int, float]]:
    """Days whose change from the previous day passes ``rule``: ``(index, change)``."""
    hits = []
    for index in range(len(values)):
        change = values[index] - (values[index - 1] if index else 0.0)
        passed = change < -rule.threshold if rule.direction == "drop" else (
            change > rule.threshold)
        if passed:
            hits.append((index, round(change, 6)))
    return hits


def _alert_event(item: Attributed, config: IndexConfig) -> AlertEvent:
    event = item.event
    sources = tuple({"outlet": s.outlet, "url": s.url, "title": s.title}
                    for s in event.sources if s.duplicate_of is None)
    sentence = event.mentions[0].sentence if event.mentions else ""
    return AlertEvent(event.id, event.event_type, event.mode, sentence, sources,
                      event.n_sources, round(event_value(event, config, item.inferred), 6),
                      item.inferred)


def detect_alerts(series: DyadSeries, events: Mapping[str, Attributed],
                  rules: Sequence[Rule] = (CusumRule(),), *,
                  created_at: dt.datetime | None = None) -> list[Alert]:
    """Alerts of ``rules`` on ``series``; ``events`` maps event ids to attributed events (for
    the events behind each jump, largest contribution first)."""
    created_at = created_at or dt.datetime.now(dt.UTC)
    found: dict[str, Alert] = {}
    values = series.values
    for rule in rules:
        hits = cusum(values, rule) if isinstance(rule, CusumRule) else threshold_changes(
            values, rule)
        for index, change in hits:
            point = series.points[index]
            key = alert_key(series.dyad, point.date, rule.name)
            behind = [_alert_event(events[i], series.config) for i in point.event_ids
                      if i in events]
            behind.sort(key=lambda e: (abs(e.value) * -1, e.id))
            found.setdefault(key, Alert(key[:16], key, series.dyad, point.date, rule.name,
                                        change, point.value, tuple(behind), created_at))
    return sorted(found.values(), key=lambda a: (a.date, a.dyad, a.rule))


def present_dyads(attributed: Iterable[Attributed]) -> list[Dyad]:
    """Every undirected country dyad that has at least one event, sorted."""
    pairs = {tuple(sorted((a.actor, a.recipient))) for a in attributed
             if a.actor and a.recipient and a.actor != a.recipient}
    return [Dyad(x, y) for x, y in sorted(pairs)]


def alerts_for_events(events: Sequence[Any], dyads: Sequence[Dyad] | None = None,
                      rules: Sequence[Rule] = (CusumRule(),), *,
                      config: IndexConfig = DEFAULT_INDEX,
                      created_at: dt.datetime | None = None) -> list[Alert]:
    """Alerts over fused ``events`` for ``dyads`` (default: every undirected dyad present)."""
    attributed = attribute(events, infer_missing=config.infer_missing_party,
                           sector=config.sector)
    by_id = {a.event.id: a for a in attributed}
    alerts: list[Alert] = []
    for dyad in dyads if dyads is not None else present_dyads(attributed):
        series = series_for_dyad(attributed, dyad, config=config)
        alerts.extend(detect_alerts(series, by_id, rules, created_at=created_at))
    return sorted(alerts, key=lambda a: (a.date, a.dyad, a.rule))
