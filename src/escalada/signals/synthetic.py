"""Synthetic FIRs and aircraft traces for tests and benchmarks (no real data involved).

FIRs are made-up squares on a plain lon/lat grid; flights are straight lines sampled every
``step`` seconds. Files are written in the real formats (readsb ``trace_full`` JSON, OpenSky
``states`` CSV), optionally gzipped, so the whole reading path is exercised.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import random
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["Point", "square_firs", "write_firs", "line", "write_readsb", "write_opensky",
           "generate_readsb_days", "DEMO_FIRS"]

#: (time, lat, lon, altitude in feet or "ground")
Point = tuple[float, float, float, "float | str"]

#: three side-by-side 10° squares and one small square nested in the first
DEMO_FIRS: dict[str, tuple[float, float, float, float]] = {
    "XXAA": (0.0, 0.0, 10.0, 10.0),
    "XXBB": (10.0, 0.0, 20.0, 10.0),
    "XXCC": (20.0, 0.0, 30.0, 10.0),
    "XXAN": (2.0, 2.0, 4.0, 4.0),
}


def square_firs(boxes: dict[str, tuple[float, float, float, float]]) -> dict:
    """A GeoJSON FeatureCollection of rectangles ``id -> (minx, miny, maxx, maxy)``."""
    features = []
    for fir, (x0, y0, x1, y1) in boxes.items():
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        features.append({"type": "Feature", "properties": {"id": fir},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": features}


def write_firs(path: Path, boxes: dict[str, tuple[float, float, float, float]] | None = None
               ) -> Path:
    path.write_text(json.dumps(square_firs(boxes or DEMO_FIRS)))
    return path


def line(start: float, lon0: float, lat0: float, lon1: float, lat1: float, minutes: float,
         step: float = 60.0, alt: float | str = 35000.0) -> list[Point]:
    """Positions along a straight line from (lon0, lat0) to (lon1, lat1)."""
    n = max(2, int(minutes * 60 / step) + 1)
    return [(start + i * step, lat0 + (lat1 - lat0) * i / (n - 1),
             lon0 + (lon1 - lon0) * i / (n - 1), alt) for i in range(n)]


def _write(path: Path, text: str, gz: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


def write_readsb(path: Path, icao: str, points: list[Point], gz: bool = False) -> Path:
    """A readsb/adsb.lol ``trace_full`` file for one aircraft."""
    base = float(points[0][0])
    rows = [[round(t - base, 2), lat, lon, alt, 420.0, 90.0, 0, 0, None, "adsb_icao",
             alt if alt != "ground" else None] for t, lat, lon, alt in points]
    return _write(path, json.dumps({"icao": icao, "timestamp": base, "trace": rows}), gz)


OPENSKY_HEADER = ["time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign",
                  "onground", "alert", "spi", "squawk", "baroaltitude", "geoaltitude",
                  "lastposupdate", "lastcontact"]


def write_opensky(path: Path, tracks: Iterable[tuple[str, list[Point]]], gz: bool = False,
                  columns: list[str] | None = None) -> Path:
    """An OpenSky ``states`` CSV with the positions of several aircraft, sorted by time."""
    columns = columns or OPENSKY_HEADER
    rows = []
    for icao, points in tracks:
        for t, lat, lon, alt in points:
            ground = alt == "ground"
            full = {"time": int(t), "icao24": icao, "lat": lat, "lon": lon, "velocity": 200.0,
                    "heading": 90.0, "vertrate": 0.0, "callsign": icao.upper(),
                    "onground": "True" if ground else "False", "alert": "False",
                    "spi": "False", "squawk": "", "baroaltitude": "" if ground else alt * 0.3048,
                    "geoaltitude": "", "lastposupdate": t, "lastcontact": t}
            rows.append([full[c] for c in columns])
    rows.sort(key=lambda r: (r[0], r[1]) if columns[0] == "time" else r[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return _write(path, out.getvalue(), gz)


def generate_readsb_days(root: Path, start: dt.date, days: int,
                         flights: Callable[[str, dt.date], int],
                         boxes: dict[str, tuple[float, float, float, float]] | None = None,
                         step: float = 10.0, minutes: float = 90.0, seed: int = 7,
                         gz_every: int = 0) -> tuple[int, int]:
    """An adsb.lol-like tree ``YYYY/MM/DD/traces/<xx>/trace_full_<icao>.json``.

    ``flights(fir, day)`` flights cross each FIR per day, one aircraft each, west to east through
    the FIR's middle band, starting at a random time between 01:00 and 21:00 UTC. Every
    ``gz_every``-th file is gzipped (0: none). Returns ``(files, points)``.
    """
    rng = random.Random(seed)
    boxes = boxes or DEMO_FIRS
    files = points = 0
    serial = 0
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
        folder = root / f"{day:%Y/%m/%d}" / "traces"
        for fir, (x0, y0, x1, y1) in boxes.items():
            for _ in range(flights(fir, day)):
                serial += 1
                icao = f"{serial:06x}"
                t0 = midnight + rng.uniform(3600, 21 * 3600)
                lat = rng.uniform(y0 + 0.25 * (y1 - y0), y0 + 0.75 * (y1 - y0))
                track = line(t0, x0 + 0.1 * (x1 - x0), lat, x1 - 0.1 * (x1 - x0), lat, minutes,
                             step)
                gz = bool(gz_every) and serial % gz_every == 0
                name = f"trace_full_{icao}.json" + (".gz" if gz else "")
                write_readsb(folder / icao[-2:] / name, icao, track, gz=gz)
                files += 1
                points += len(track)
    return files, points
