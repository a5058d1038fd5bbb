"""Signals as stored rows: a flat, kind-independent view used by the store, fusion and brief.

:func:`stored_signal` turns a :class:`~escalada.signals.records.Signal` into a
:class:`StoredSignal` with a deterministic id (kind + natural key), so that importing the same
file twice updates the stored rows instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from escalada.signals.firs import fir_country
from escalada.signals.records import FlightDay, Notam, SanctionChange, Signal, to_jsonable

__all__ = ["StoredSignal", "signal_id", "stored_signal"]


@dataclass(slots=True)
class StoredSignal:
    """One signal record as the store keeps it (``payload`` is the record's JSON)."""

    id: str
    kind: str
    date: dt.date | None
    fir: str | None
    country: str | None
    key: str
    summary: str
    payload: dict[str, Any]
    source_file: str | None = None
    ingested_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str | None:
        """Flight status (``collapse``, ``normal``, ...) of a flight signal."""
        return self.payload.get("status") if self.kind == "flights" else None


def signal_id(kind: str, key: str, date: dt.date | None) -> str:
    text = f"{kind}\x1f{key}\x1f{date.isoformat() if date else ''}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def stored_signal(signal: Signal, *, country: str | None = None) -> StoredSignal:
    """The stored form of ``signal``; ``country`` overrides the one derived from the FIR."""
    record = signal.record
    payload = to_jsonable(record)
    fir: str | None = None
    if isinstance(record, FlightDay):
        fir, key = record.fir, record.fir
        country = country or record.country or fir_country(fir)
        ratio = f" ({record.ratio:.0%} of baseline)" if record.ratio is not None else ""
        summary = f"{record.flights} flights over {fir}{ratio}: {record.status}"
    elif isinstance(record, Notam):
        fir = record.firs[0] if record.firs else record.location
        key = f"{record.id}@{record.location or ''}"
        country = country or (fir_country(fir) if fir else None)
        summary = f"NOTAM {record.id} {record.location or ''}: {record.text[:160]}".strip()
    elif isinstance(record, SanctionChange):
        key = f"{record.ent_num}:{record.change}"
        programs = ", ".join(record.programs)
        summary = f"OFAC {record.change}: {record.name} [{programs}]"
    else:  # pragma: no cover - as_signal refuses other records
        raise TypeError(f"not a signal record: {type(record).__name__}")
    return StoredSignal(id=signal_id(signal.kind, key, signal.date), kind=signal.kind,
                        date=signal.date, fir=fir, country=country, key=key, summary=summary,
                        payload=payload, source_file=signal.source)
