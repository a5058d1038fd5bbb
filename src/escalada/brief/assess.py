"""The headline assessment: one paragraph a busy reader can act on.

Status, from the undirected series over the briefing period (the last day is its end):
*escalating sharply* when an escalation alert fell in the last 7 days; *escalating* when the
highest rung was first reached in the last 7 days or the last 7 days' index sum is more than 5
below the week before; *de-escalating* when it is more than 5 above; otherwise *stable*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from escalada.escalation import Alert, DyadSeries, LadderPosition

__all__ = ["assess"]

WEEK = 7


def _week_sums(series: DyadSeries) -> tuple[float, float]:
    values = series.values
    return sum(values[-WEEK:]), sum(values[-2 * WEEK:-WEEK])


def _status(series: DyadSeries, ladder: LadderPosition, alerts: Sequence[Alert]) -> str:
    if not series.points:
        return "no data"
    last_day = series.points[-1].date
    top = ladder.highest
    new_top = bool(top and top.first_date and (last_day - top.first_date).days < WEEK)
    recent_alerts = [a for a in alerts if (last_day - a.date).days < WEEK
                     and "drop" in a.rule]
    recent, prior = _week_sums(series)
    if recent_alerts:
        return "escalating sharply"
    if new_top or recent < prior - 5:
        return "escalating"
    if recent > prior + 5:
        return "de-escalating"
    return "stable"


def assess(title: str, series: DyadSeries, ladder: LadderPosition,
           alerts: Sequence[Alert]) -> tuple[str, str]:
    """``(status, headline)`` for the undirected ``series`` of a dyad."""
    status = _status(series, ladder, alerts)
    parts = [f"{title}: {status}."]
    top = ladder.highest
    if top is not None:
        parts.append(f"Highest rung reached: {top.rung.label} "
                     f"(first {_day(top.first_date)}, latest {_day(top.last_date)}).")
    else:
        parts.append("No event on the escalation ladder yet.")
    drops = [a for a in alerts if "drop" in a.rule]
    if drops:
        worst = min(drops, key=lambda a: a.change)
        parts.append(f"{len({a.date for a in drops})} day(s) with an escalation alert; "
                     f"the sharpest on {_day(worst.date)} ({worst.change:+.1f}).")
    if series.points:
        recent, prior = _week_sums(series)
        parts.append(f"Index over the last 7 days {recent:+.1f} against {prior:+.1f} "
                     "the week before.")
    if ladder.options:
        parts.append(f"{len(ladder.options)} option(s) under discussion, not yet taken.")
    return status, " ".join(parts)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"
