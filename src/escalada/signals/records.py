"""Typed records produced by :mod:`escalada.signals`.

Every reader returns plain dataclasses that can later be stored as rows (one column per field,
lists as JSON or ``;``-joined text). :class:`Signal` wraps any of them with the source file and the
kind of signal, which is what the store and the corroboration step will need.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Generic, TypeVar

from escalada.errors import InputError

__all__ = [
    "FlightDay",
    "SanctionChange",
    "Notam",
    "Signal",
    "Outcome",
    "as_signal",
    "sanction_effect",
    "FLIGHT_STATUSES",
    "to_jsonable",
    "csv_row",
    "csv_columns",
]

#: values of :attr:`FlightDay.status`
FLIGHT_STATUSES = ("normal", "collapse", "surge", "data_gap", "no_baseline")


@dataclass(frozen=True, slots=True)
class FlightDay:
    """Flights counted over one FIR on one UTC day, compared with its baseline.

    ``baseline`` is the median of the same weekday over the previous weeks (``None`` when too few
    weeks are known), ``ratio`` is ``flights / baseline`` (``None`` without a positive baseline).
    """

    date: dt.date
    fir: str
    flights: int
    baseline: float | None
    ratio: float | None
    status: str
    alert: bool
    country: str | None = None

    def to_record(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass(frozen=True, slots=True)
class SanctionChange:
    """One entry of the OFAC SDN list that was added, removed or changed between two lists."""

    change: str  # added | removed | changed
    ent_num: int
    name: str
    sdn_type: str | None
    programs: tuple[str, ...]
    changed_fields: tuple[str, ...] = ()
    gained_programs: tuple[str, ...] = ()
    lost_programs: tuple[str, ...] = ()
    #: "sanction" (added, or gained a program), "eased" (removed, or only lost programs) or
    #: "amended" (other field changes); see :func:`sanction_effect`
    effect: str = ""

    def __post_init__(self) -> None:
        if not self.effect:
            object.__setattr__(self, "effect", sanction_effect(self))

    @property
    def is_new_sanction(self) -> bool:
        """An addition, or a changed entry that gained a program (a SANCTION event)."""
        return self.change == "added" or (self.change == "changed" and bool(self.gained_programs))

    @property
    def is_eased(self) -> bool:
        """A removal, or a changed entry that only lost programs (eased sanctions)."""
        return self.change == "removed" or (
            self.change == "changed" and bool(self.lost_programs) and not self.gained_programs)

    def to_record(self) -> dict[str, Any]:
        return to_jsonable(self)


def sanction_effect(change: SanctionChange) -> str:
    """What a list change means for PLOVER: ``sanction``, ``eased`` or ``amended``."""
    if change.is_new_sanction:
        return "sanction"
    if change.is_eased:
        return "eased"
    return "amended"


@dataclass(frozen=True, slots=True)
class Notam:
    """One NOTAM (ICAO or FAA international format); times are UTC ``datetime`` objects."""

    id: str
    type: str  # NOTAMN | NOTAMR | NOTAMC
    location: str | None
    firs: tuple[str, ...]
    qcode: str | None
    lower: str | None
    upper: str | None
    valid_from: dt.datetime
    valid_to: dt.datetime | None  # None when permanent
    estimated: bool
    created: dt.datetime | None
    text: str
    permanent: bool = False
    replaces: str | None = None
    traffic: str | None = None
    purpose: str | None = None
    scope: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_nm: int | None = None
    schedule: str | None = None

    def to_record(self) -> dict[str, Any]:
        return to_jsonable(self)


R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Signal(Generic[R]):
    """A signal record with its provenance, ready to be stored or linked to news events.

    ``kind`` is ``flights``, ``sanctions`` or ``notam``; ``date`` is the day the signal speaks
    about (flight day, list date if known, NOTAM start); ``source`` names the input file(s).
    """

    kind: str
    source: str
    date: dt.date | None
    record: R

    def to_record(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source,
                "date": self.date.isoformat() if self.date else None,
                "record": to_jsonable(self.record)}


def as_signal(record: FlightDay | SanctionChange | Notam, source: str,
              date: dt.date | None = None) -> Signal:
    """Wrap a record as a :class:`Signal`; the date defaults to the flight day or NOTAM start
    (a list change has no date of its own: pass the newer list's date)."""
    if isinstance(record, FlightDay):
        return Signal("flights", source, date or record.date, record)
    if isinstance(record, Notam):
        return Signal("notam", source, date or record.valid_from.date(), record)
    if isinstance(record, SanctionChange):
        return Signal("sanctions", source, date, record)
    raise TypeError(f"not a signal record: {type(record).__name__}")


@dataclass(slots=True)
class Outcome(Generic[R]):
    """Either a record or the error that stopped one input item (batch work goes on)."""

    record: R | None = None
    error: InputError | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def to_jsonable(record: Any) -> dict[str, Any]:
    """A dataclass record as a JSON-ready dict (ISO dates, ``...Z`` UTC times, lists)."""
    return {key: _plain(value) for key, value in asdict(record).items()}


def csv_columns(record_type: type) -> list[str]:
    """Column names of a record dataclass, in declaration order."""
    return [f.name for f in fields(record_type)]


def csv_row(record: Any) -> dict[str, Any]:
    """A record as one CSV row: lists joined with ``;``, ``None`` as an empty cell."""
    row = {}
    for key, value in to_jsonable(record).items():
        if isinstance(value, list):
            value = ";".join(str(v) for v in value)
        elif value is None:
            value = ""
        elif isinstance(value, bool):
            value = "true" if value else "false"
        row[key] = value
    return row
