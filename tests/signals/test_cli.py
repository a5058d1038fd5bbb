"""`escalada signals ...` end to end: generated data, bad inputs beside good ones, shared files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from typer.testing import CliRunner

from escalada.cli.main import app
from escalada.signals.synthetic import generate_readsb_days, line, write_firs, write_opensky

START = dt.date(2025, 10, 6)  # a Monday
COLLAPSE = 30  # day index of the collapse over XXAA (and the nested XXAN)
OUTAGE = 23  # day index of an outage shared by every FIR


@pytest.fixture()
def runner():
    return CliRunner()


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def traffic(tmp_path_factory):
    """Five weeks of readsb traces with a collapse and an outage, plus OpenSky ground traffic."""
    root = tmp_path_factory.mktemp("traffic")
    firs = write_firs(root / "firs.geojson")

    def flights(fir, day):
        index = (day - START).days
        if index == OUTAGE:
            return 1
        if fir in ("XXAA", "XXAN") and index >= COLLAPSE:
            return 1
        return 8

    generate_readsb_days(root / "adsb", START, 35, flights, step=120, minutes=60,
                         gz_every=4)
    for index in range(0, 35, 7):  # ground-only aircraft in OpenSky files: never flights
        midnight = dt.datetime.combine(START + dt.timedelta(days=index), dt.time(),
                                       tzinfo=dt.UTC).timestamp()
        write_opensky(root / "opensky" / f"states_{index}.csv",
                      [(f"9{n:05x}", line(midnight + 5 * 3600 + n * 60, 5, 5, 5.01, 5, 20,
                                          alt="ground")) for n in range(30)])
    bad = root / "bad"
    bad.mkdir()
    (bad / "trace_full_junk.json").write_text("[1, 2")
    (bad / "trace_full_cut.json.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03abc")
    (bad / "nocols.csv").write_text("time,icao24,lat\n1,abc,3\n")
    return root, firs


def test_flights_command_finds_collapse_and_outage(runner, traffic):
    root, firs = traffic
    result = runner.invoke(app, ["signals", "flights", str(root / "adsb"), str(root / "opensky"),
                                 str(root / "bad"), "--firs", str(firs), "--workers", "2"])
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    by = {(r["fir"], r["date"]): r for r in rows}
    collapse_day = (START + dt.timedelta(days=COLLAPSE)).isoformat()
    next_day = (START + dt.timedelta(days=COLLAPSE + 1)).isoformat()
    outage_day = (START + dt.timedelta(days=OUTAGE)).isoformat()
    aa = by[("XXBB", (START + dt.timedelta(days=14)).isoformat())]
    assert aa["status"] == "normal" and aa["flights"] == 8 and aa["baseline"] == 8
    assert by[("XXAA", collapse_day)]["status"] == "collapse"
    assert by[("XXAA", collapse_day)]["alert"] is True
    assert by[("XXAA", next_day)]["alert"] is False
    assert by[("XXBB", collapse_day)]["status"] == "normal"
    assert {by[(f, outage_day)]["status"] for f in ("XXAA", "XXBB", "XXCC")} == {"data_gap"}
    assert not any(r["alert"] for r in rows if r["date"] == outage_day)
    alerted = sorted({r["fir"] for r in rows if r["alert"]})
    assert alerted in (["XXAA"], ["XXAA", "XXAN"])
    assert set(rows[0]) >= {"date", "fir", "flights", "baseline", "ratio", "status", "alert"}
    stderr = result.stderr
    for name in ("trace_full_junk.json", "trace_full_cut.json.gz", "nocols.csv"):
        assert name in stderr
    assert "3 skipped" in stderr.splitlines()[-1]


def test_flights_one_fir_as_csv_in_process(runner, traffic):
    root, firs = traffic
    result = runner.invoke(app, ["signals", "flights", str(root / "adsb"), "--firs", str(firs),
                                 "--fir", "XXCC", "--format", "csv", "--workers", "1"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["fir"] for r in rows} == {"XXCC"} and len(rows) == 35
    assert rows[0]["status"] == "no_baseline" and rows[0]["baseline"] == ""


def test_flights_bad_geojson_or_fir(runner, traffic, tmp_path):
    root, firs = traffic
    noid = tmp_path / "noid.geojson"
    noid.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"properties": {}, "geometry": {"type": "Polygon", '
                    '"coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}}]}')
    result = runner.invoke(app, ["signals", "flights", str(root / "adsb"), "--firs", str(noid)])
    assert result.exit_code == 2 and "noid.geojson" in result.stderr
    result = runner.invoke(app, ["signals", "flights", str(root / "adsb"), "--firs", str(firs),
                                 "--fir", "QQQQ"])
    assert result.exit_code == 2 and "QQQQ" in result.stderr


def test_sanctions_command_on_shared_fixtures(runner, shared_signals):
    old = shared_signals / "ofac_sdn_fixture_2024-02-28.csv"
    new = shared_signals / "ofac_sdn_fixture_2024-03-04.csv"
    result = runner.invoke(app, ["signals", "sanctions", str(old), str(new)])
    assert result.exit_code == 0, result.output
    kinds = [r["change"] for r in jsonl(result.stdout)]
    assert (kinds.count("added"), kinds.count("removed"), kinds.count("changed")) == (2, 86, 12)
    assert "2 added, 86 removed, 12 changed" in result.stderr
    as_csv = runner.invoke(app, ["signals", "sanctions", str(old), str(new), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 100 and rows[0]["programs"] == "GLOMAG"


def test_sanctions_command_missing_file(runner, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text('1,"A","individual","CUBA",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\r\n')
    result = runner.invoke(app, ["signals", "sanctions", str(good), str(tmp_path / "gone.csv")])
    assert result.exit_code == 1
    assert "gone.csv" in result.stderr and "1 skipped" in result.stderr


def test_notam_command(runner, tmp_path, shared_signals):
    bad = tmp_path / "bad.txt"
    bad.write_text("A0001/25 NOTAMN\nQ) SVZM/QRTCA/IV/BO/W/000/999/\nA) SVZM C) PERM\nE) X\n")
    kicz = shared_signals / "notam_KICZ_A0012-25_transcribed.txt"
    result = runner.invoke(app, ["signals", "notam", str(kicz), str(bad)])
    assert result.exit_code == 0, result.output
    (record,) = jsonl(result.stdout)
    assert record["firs"] == ["SVZM"]
    assert (record["valid_from"], record["valid_to"]) == ("2025-11-21T17:43:00Z",
                                                          "2026-02-19T23:59:00Z")
    assert "bad.txt" in result.stderr and "1 skipped" in result.stderr
