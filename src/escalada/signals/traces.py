"""Readers for aircraft position data: readsb/adsb.lol traces and OpenSky state vectors.

Both yield :class:`Track` objects, one aircraft at a time, as numpy arrays:

* readsb / adsb.lol ``trace_full_<icao>.json`` (plain or gzip, whatever the file name says): top
  level ``icao`` and ``timestamp``; ``trace`` rows ``[seconds_after_timestamp, lat, lon,
  alt_baro_ft or "ground", gs, track, flags, vert_rate, ...]``. ``flags & 2`` marks a new leg.
* OpenSky ``states`` CSV (plain or ``.gz``) with at least the columns ``time, icao24, lat, lon,
  onground``. Rows are grouped per ``icao24`` within one file (memory grows with one file, not
  with the whole input); the tracks come out sorted by ``icao24``.

Errors (malformed JSON, truncated gzip, missing columns) raise :class:`TraceError` naming the
file. :func:`iter_trace_files` walks files and directories (recursively).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from escalada.errors import InputError

__all__ = ["Track", "TraceError", "iter_trace_files", "read_tracks", "read_readsb",
           "iter_opensky", "OPENSKY_REQUIRED", "file_kind"]

OPENSKY_REQUIRED = ("time", "icao24", "lat", "lon", "onground")
_GZIP_MAGIC = b"\x1f\x8b"
_SUFFIXES = (".json", ".json.gz", ".csv", ".csv.gz")
_TRUE = {"true", "1", "t", "yes"}


class TraceError(InputError):
    """A position file that cannot be read."""

    reason = "bad trace file"


@dataclass(slots=True)
class Track:
    """Positions of one aircraft from one file, sorted by time (UNIX seconds, UTC)."""

    icao: str
    t: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    airborne: np.ndarray
    new_leg: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.t.size)

    def sorted(self) -> Track:
        if self.t.size < 2 or bool(np.all(np.diff(self.t) >= 0)):
            return self
        order = np.argsort(self.t, kind="stable")
        legs = self.new_leg[order] if self.new_leg is not None else None
        return Track(self.icao, self.t[order], self.lat[order], self.lon[order],
                     self.airborne[order], legs)


def file_kind(path: Path) -> str | None:
    """``readsb``, ``opensky`` or ``None`` from the file name."""
    name = path.name.lower()
    if name.endswith((".json", ".json.gz")):
        return "readsb"
    if name.endswith((".csv", ".csv.gz")):
        return "opensky"
    return None


def iter_trace_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files to read: given files as they are, directories walked recursively (sorted).

    Directory entries without a ``.json``/``.csv`` (optionally ``.gz``) suffix are ignored; a
    path that does not exist yields an :class:`InputError`.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name.lower().endswith(_SUFFIXES):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError("no such file or directory", source=str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        if data[:2] == _GZIP_MAGIC:
            data = gzip.decompress(data)
        return data
    except (OSError, EOFError, zlib.error) as exc:
        raise TraceError(f"cannot read ({exc.__class__.__name__}: {exc})",
                         source=str(path)) from exc


def read_readsb(path: Path) -> Track:
    """Read one readsb/adsb.lol ``trace_full`` JSON file."""
    source = str(path)
    try:
        data = json.loads(_read_bytes(path))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TraceError(f"malformed JSON ({exc})", source=source) from exc
    if not isinstance(data, dict) or "trace" not in data or "timestamp" not in data:
        raise TraceError("not a readsb trace (needs 'icao', 'timestamp', 'trace')", source=source)
    try:
        base = float(data["timestamp"])
        rows = data["trace"]
        if not isinstance(rows, list):
            raise TypeError("'trace' is not a list")
        t, lat, lon, airborne, legs = _columns(rows)
    except (TypeError, ValueError) as exc:
        raise TraceError(f"bad trace row ({exc})", source=source) from exc
    t += base
    icao = str(data.get("icao") or path.name.split("_")[-1].split(".")[0]).lower()
    return Track(icao, t, lat, lon, airborne, legs).sorted()


def _columns(rows: list) -> tuple[np.ndarray, ...]:
    """Seconds, lat, lon, airborne and new-leg columns of readsb trace rows.

    Fast path: transpose with ``zip`` and let numpy convert (``None`` lat/lon → NaN, dropped);
    rows shorter than 4 items or odd values fall back to a row-by-row pass.
    """
    if not rows:
        empty = np.empty(0)
        return empty, empty, empty, np.empty(0, dtype=bool), np.empty(0, dtype=bool)
    columns = list(zip(*rows, strict=False))
    if len(columns) >= 4:
        t = np.asarray(columns[0], dtype=float)
        lat = np.asarray(columns[1], dtype=float)
        lon = np.asarray(columns[2], dtype=float)
        airborne = np.asarray(columns[3], dtype=object) != "ground"
        try:
            legs = (np.asarray(columns[6], dtype=np.int64) & 2) > 0 if len(columns) > 6 \
                else np.zeros(t.size, dtype=bool)
        except (TypeError, ValueError):
            legs = np.zeros(t.size, dtype=bool)
    else:
        good = [r for r in rows if isinstance(r, list) and len(r) >= 4]
        t = np.asarray([r[0] for r in good], dtype=float)
        lat = np.asarray([r[1] for r in good], dtype=float)
        lon = np.asarray([r[2] for r in good], dtype=float)
        airborne = np.asarray([r[3] != "ground" for r in good], dtype=bool)
        legs = np.zeros(t.size, dtype=bool)
    keep = np.isfinite(t) & np.isfinite(lat) & np.isfinite(lon)
    if not keep.all():
        t, lat, lon, airborne, legs = t[keep], lat[keep], lon[keep], airborne[keep], legs[keep]
    return t, lat, lon, airborne, legs


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == _GZIP_MAGIC:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace",
                                newline="")
    return path.open("r", encoding="utf-8", errors="replace", newline="")


def _float(value: str) -> float:
    return float(value) if value else float("nan")


def iter_opensky(path: Path) -> Iterator[Track]:
    """Read an OpenSky ``states`` CSV file; yields one track per ``icao24``.

    The whole file is read (and checked) before the first track is yielded, so a truncated
    ``.gz`` raises :class:`TraceError` before any partial result escapes.
    """
    source = str(path)
    groups: dict[str, tuple[array, array, array, bytearray]] = {}
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader, [])]
            missing = [c for c in OPENSKY_REQUIRED if c not in header]
            if missing:
                raise TraceError(f"CSV missing column(s): {', '.join(missing)}", source=source)
            it, ii, ila, ilo, ig = (header.index(c) for c in OPENSKY_REQUIRED)
            width = max(it, ii, ila, ilo, ig) + 1
            for row in reader:
                if len(row) < width or not row[ila] or not row[ilo] or not row[it]:
                    continue
                try:
                    values = (float(row[it]), float(row[ila]), float(row[ilo]))
                except ValueError:
                    continue
                group = groups.get(row[ii])
                if group is None:
                    group = groups[row[ii]] = (array("d"), array("d"), array("d"), bytearray())
                group[0].append(values[0])
                group[1].append(values[1])
                group[2].append(values[2])
                group[3].append(row[ig].strip().lower() not in _TRUE)
    except (OSError, EOFError, zlib.error, csv.Error) as exc:
        raise TraceError(f"cannot read ({exc.__class__.__name__}: {exc})", source=source) from exc
    for icao in sorted(groups):
        t, lat, lon, air = groups.pop(icao)
        yield Track(icao.strip().lower(), np.frombuffer(t, dtype=float),
                    np.frombuffer(lat, dtype=float), np.frombuffer(lon, dtype=float),
                    np.frombuffer(bytes(air), dtype=np.uint8).astype(bool)).sorted()


def read_tracks(path: Path) -> Iterator[Track]:
    """Tracks of one file of either format (by name; unknown names are sniffed)."""
    kind = file_kind(path)
    if kind is None:
        head = _read_bytes(path)[:64].lstrip()
        kind = "readsb" if head.startswith(b"{") else "opensky"
    if kind == "readsb":
        yield read_readsb(path)
    else:
        yield from iter_opensky(path)
