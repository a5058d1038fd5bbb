"""FIR polygons: loading, lookups, nesting, bad GeoJSON and the FIR → country table."""

from __future__ import annotations

import json

import numpy as np
import pytest

from escalada.signals.firs import GeoJsonError, fir_country, load_firs
from escalada.signals.synthetic import square_firs, write_firs


def test_locate_and_nested(tmp_path):
    index = load_firs(write_firs(tmp_path / "firs.geojson"))
    assert index.ids == ["XXAA", "XXAN", "XXBB", "XXCC"]
    assert index.locate(3, 3) == ["XXAA", "XXAN"]
    assert index.locate(15, 5) == ["XXBB"]
    assert index.locate(45, 5) == []
    masks = index.masks(np.array([1.0, 3.0, 25.0, 50.0]), np.array([1.0, 3.0, 5.0, 5.0]))
    assert masks["XXAA"].tolist() == [True, True, False, False]
    assert masks["XXCC"].tolist() == [False, False, True, False]
    assert set(masks) == {"XXAA", "XXAN", "XXCC"}


def test_only_some_firs(tmp_path):
    path = write_firs(tmp_path / "firs.geojson")
    assert load_firs(path, only=["XXBB"]).ids == ["XXBB"]
    with pytest.raises(GeoJsonError, match="QQQQ"):
        load_firs(path, only=["QQQQ"])


def test_geojson_without_id_names_the_file(tmp_path):
    data = square_firs({"XXAA": (0, 0, 1, 1)})
    del data["features"][0]["properties"]["id"]
    path = tmp_path / "noid.geojson"
    path.write_text(json.dumps(data))
    with pytest.raises(GeoJsonError, match=r"noid\.geojson.*no 'id'"):
        load_firs(path)
    (tmp_path / "broken.geojson").write_text("{not json")
    with pytest.raises(GeoJsonError, match="broken.geojson"):
        load_firs(tmp_path / "broken.geojson")
    (tmp_path / "empty.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(GeoJsonError, match="no features"):
        load_firs(tmp_path / "empty.geojson")


def test_fir_country_by_prefix():
    assert fir_country("SVZM") == "VEN"
    assert fir_country("SKED") == "COL"
    assert fir_country("TJZS") == "USA"
    assert fir_country("TNCF") == "CUW"
    assert fir_country("KZNY") == "USA"
    assert fir_country("XXAA") is None


def test_shared_firs_skec_inside_sked(shared_signals):
    index = load_firs(shared_signals / "fir_svzm_neighbours.geojson")
    assert len(index) == 13 and "SVZM" in index.ids
    assert index.locate(-74.208836, 11.316331) == ["SKEC", "SKED"]  # SKEC's label point
    assert index.locate(-66.600468, 8.212349) == ["SVZM"]
