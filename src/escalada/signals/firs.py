"""FIR boundaries: loading a GeoJSON of FIR polygons and fast point-in-FIR tests.

Any GeoJSON ``FeatureCollection`` whose features carry an ``id`` property works (the shared
``fir_svzm_neighbours.geojson`` comes from the VATSIM boundary data). Several features with the same
id are merged. Lookups use a shapely 2 ``STRtree`` over the FIR envelopes to pick candidate FIRs
for a whole trace, a bounding-box prefilter on the points, then the vectorised
``shapely.contains_xy`` on prepared geometries. FIRs may overlap or nest (SKEC lies inside SKED);
a point is then inside both.

:func:`fir_country` maps an FIR id to a country by its ICAO prefix (data file
``fir_countries.yaml``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
import yaml
from shapely.geometry import shape

from escalada.errors import InputError

__all__ = ["FirIndex", "load_firs", "fir_country", "GeoJsonError"]

_COUNTRIES_FILE = Path(__file__).with_name("fir_countries.yaml")


class GeoJsonError(InputError):
    """A FIR boundary file that cannot be used."""

    reason = "bad GeoJSON"


class FirIndex:
    """A set of FIR polygons, queried with arrays of lon/lat."""

    def __init__(self, ids: list[str], geometries: list[shapely.Geometry]) -> None:
        if not ids:
            raise ValueError("FirIndex needs at least one FIR")
        self.ids = list(ids)
        self.geometries = list(geometries)
        for geometry in self.geometries:
            shapely.prepare(geometry)
        self.bounds = shapely.bounds(np.asarray(self.geometries, dtype=object))
        self._tree = shapely.STRtree(self.geometries)

    def __len__(self) -> int:
        return len(self.ids)

    def to_wkb(self) -> tuple[list[str], list[bytes]]:
        """Picklable form, to rebuild the index in worker processes."""
        return self.ids, [shapely.to_wkb(g) for g in self.geometries]

    @classmethod
    def from_wkb(cls, ids: list[str], wkbs: list[bytes]) -> FirIndex:
        return cls(ids, [shapely.from_wkb(w) for w in wkbs])

    def masks(self, lon: np.ndarray, lat: np.ndarray) -> dict[str, np.ndarray]:
        """For each FIR holding at least one point: a boolean array "point i is inside"."""
        if lon.size == 0:
            return {}
        box = shapely.box(float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
        result: dict[str, np.ndarray] = {}
        for i in self._tree.query(box):
            minx, miny, maxx, maxy = self.bounds[i]
            near = (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)
            if not near.any():
                continue
            inside = np.zeros(lon.shape, dtype=bool)
            inside[near] = shapely.contains_xy(self.geometries[i], lon[near], lat[near])
            if inside.any():
                result[self.ids[i]] = inside
        return result

    def locate(self, lon: float, lat: float) -> list[str]:
        """FIR ids containing one point (handy for tests and the CLI)."""
        found = self.masks(np.array([lon], dtype=float), np.array([lat], dtype=float))
        return sorted(found)


def load_firs(path: str | Path, only: list[str] | None = None) -> FirIndex:
    """Load FIR polygons from a GeoJSON file, optionally keeping only the ids in ``only``.

    Raises :class:`GeoJsonError` naming the file when it is unreadable, has no polygon features,
    a feature lacks an ``id`` property, or an id asked for in ``only`` is absent.
    """
    source = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoJsonError(f"cannot read GeoJSON: {exc}", source=source) from exc
    features = None
    if isinstance(data, dict):
        features = [data] if data.get("type") == "Feature" else data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoJsonError("no features (expected a FeatureCollection of FIR polygons)",
                           source=source)
    parts: dict[str, list[shapely.Geometry]] = {}
    for number, feature in enumerate(features):
        props = (feature or {}).get("properties") or {}
        fir_id = props.get("id") or (feature or {}).get("id")
        if not fir_id:
            raise GeoJsonError(f"feature {number} has no 'id' property", source=source)
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GeoJsonError(f"feature {fir_id}: bad geometry ({exc})", source=source) from exc
        if geometry.geom_type not in ("Polygon", "MultiPolygon"):
            raise GeoJsonError(f"feature {fir_id}: {geometry.geom_type} is not a polygon",
                               source=source)
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        parts.setdefault(str(fir_id), []).append(geometry)
    if only:
        missing = sorted(set(only) - parts.keys())
        if missing:
            raise GeoJsonError(f"FIR id(s) not in file: {', '.join(missing)}", source=source)
        parts = {k: v for k, v in parts.items() if k in set(only)}
    ids = sorted(parts)
    geometries = [shapely.union_all(parts[k]) if len(parts[k]) > 1 else parts[k][0] for k in ids]
    return FirIndex(ids, geometries)


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(_COUNTRIES_FILE.read_text(encoding="utf-8"))
    one = {k: v["iso3"] for k, v in (data.get("one_letter") or {}).items()}
    two = {k: v["iso3"] for k, v in (data.get("two_letter") or {}).items()}
    return one, two


def fir_country(fir_id: str) -> str | None:
    """ISO 3166-1 alpha-3 of the state an FIR belongs to, by its ICAO prefix (or ``None``)."""
    one, two = _countries()
    fir_id = fir_id.upper()
    return two.get(fir_id[:2]) or one.get(fir_id[:1])
