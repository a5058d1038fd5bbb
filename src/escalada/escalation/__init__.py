"""Escalation: fused events into daily dyad series, ladder rungs and alerts.

Pure functions over records (no store, no I/O), so they run the same in the CLI, the API and
on a Dask partition:

* :func:`build_series` -> :class:`DyadSeries` of :class:`DayPoint` (formula in
  :mod:`escalada.escalation.series`);
* :func:`build_ladder` -> :class:`LadderPosition` (rungs in :mod:`escalada.escalation.ladder`);
* :func:`alerts_for_events` / :func:`detect_alerts` -> :class:`Alert` (CUSUM and threshold
  rules in :mod:`escalada.escalation.alerts`);
* :func:`signal_markers` -> :class:`SignalMarker` (stored signals placed on a dyad's timeline,
  :mod:`escalada.escalation.markers`).
"""

from escalada.escalation.alerts import (
    Alert,
    AlertEvent,
    CusumRule,
    ThresholdRule,
    alert_key,
    alerts_for_events,
    cusum,
    detect_alerts,
    present_dyads,
)
from escalada.escalation.dyads import (
    Attributed,
    Dyad,
    attribute,
    discussed_options,
    document_pairs,
    documents_about,
    dyad_events,
)
from escalada.escalation.ladder import (
    LadderPosition,
    Option,
    Rung,
    RungStatus,
    build_ladder,
    rung_of,
)
from escalada.escalation.markers import (
    MARKER_KINDS,
    MarkerLink,
    SignalMarker,
    marker_links,
    signal_markers,
)
from escalada.escalation.series import (
    DEFAULT_INDEX,
    QUADS,
    DayPoint,
    DyadSeries,
    IndexConfig,
    build_series,
    event_value,
    event_weight,
    series_for_dyad,
)

__all__ = [
    "MARKER_KINDS",
    "QUADS",
    "Alert",
    "AlertEvent",
    "Attributed",
    "CusumRule",
    "DayPoint",
    "Dyad",
    "DyadSeries",
    "IndexConfig",
    "LadderPosition",
    "MarkerLink",
    "Option",
    "Rung",
    "RungStatus",
    "SignalMarker",
    "ThresholdRule",
    "alert_key",
    "alerts_for_events",
    "attribute",
    "build_ladder",
    "build_series",
    "cusum",
    "DEFAULT_INDEX",
    "detect_alerts",
    "discussed_options",
    "documents_about",
    "document_pairs",
    "dyad_events",
    "event_value",
    "event_weight",
    "marker_links",
    "present_dyads",
    "rung_of",
    "series_for_dyad",
    "signal_markers",
]
