"""Non-news evidence: air traffic per FIR, OFAC sanctions list changes, NOTAMs.

One module per source, each producing typed records (:mod:`escalada.signals.records`):

* :mod:`~escalada.signals.flights` (with :mod:`~escalada.signals.traces` and
  :mod:`~escalada.signals.firs`): daily flights per FIR vs a same-weekday baseline →
  :class:`FlightDay`;
* :mod:`~escalada.signals.sanctions`: OFAC ``sdn.csv`` diff → :class:`SanctionChange`;
* :mod:`~escalada.signals.notam`: ICAO and FAA international NOTAMs → :class:`Notam`.

:class:`Signal` wraps any record with its kind, source file and date;
:mod:`~escalada.signals.stored` gives it a deterministic id for the store
(:mod:`escalada.store.signals_repo`), :mod:`~escalada.signals.events` turns OFAC additions into
signal-derived SANCTION mentions, and :mod:`escalada.fusion.corroboration` links signals to the
news events they corroborate or contradict.
"""

from __future__ import annotations

from escalada.signals.firs import FirIndex, GeoJsonError, fir_country, load_firs
from escalada.signals.flights import FlightOptions, count_flights, flight_days, scan_files
from escalada.signals.notam import NotamError, parse_notams, read_notams
from escalada.signals.records import FlightDay, Notam, Outcome, SanctionChange, Signal
from escalada.signals.sanctions import diff_sdn, diff_sdn_files, read_sdn
from escalada.signals.stored import StoredSignal, stored_signal
from escalada.signals.traces import TraceError

__all__ = [
    "FirIndex", "GeoJsonError", "fir_country", "load_firs",
    "FlightOptions", "count_flights", "flight_days", "scan_files",
    "NotamError", "parse_notams", "read_notams",
    "FlightDay", "Notam", "Outcome", "SanctionChange", "Signal",
    "diff_sdn", "diff_sdn_files", "read_sdn",
    "StoredSignal", "stored_signal",
    "TraceError",
]
