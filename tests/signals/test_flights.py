"""Flight counting per FIR on generated traces, and the baseline/status/alert logic."""

from __future__ import annotations

import datetime as dt
import gzip
from collections import Counter

import pytest

from escalada.signals.firs import load_firs
from escalada.signals.flights import FlightOptions, flight_days, scan_files
from escalada.signals.synthetic import line, write_firs, write_opensky, write_readsb

DAY1 = dt.datetime(2025, 11, 3, tzinfo=dt.UTC)  # a Monday
T0 = DAY1.timestamp()
H = 3600.0
E1 = int(T0 // 86400)  # epoch day of DAY1


@pytest.fixture()
def index(tmp_path):
    return load_firs(write_firs(tmp_path / "firs.geojson"))


def counts_of(tmp_path, index, **kwargs):
    result = scan_files([tmp_path / "data"], index, workers=1, **kwargs)
    return result, {(fir, day - E1): n for (fir, day), n in result.counts.items()}


def test_crossing_two_firs_nested_and_ground_only(tmp_path, index):
    data = tmp_path / "data"
    write_readsb(data / "trace_full_a00001.json", "a00001", line(T0 + 10 * H, 5, 5, 15, 5, 60))
    write_readsb(data / "trace_full_a00002.json", "a00002", line(T0 + 11 * H, 1, 3, 9, 3, 60))
    write_readsb(data / "trace_full_a00003.json", "a00003",
                 line(T0 + 12 * H, 5, 5, 5.01, 5, 60, alt="ground"))
    result, counts = counts_of(tmp_path, index)
    assert counts == {("XXAA", 0): 2, ("XXBB", 0): 1, ("XXAN", 0): 1}
    assert result.files == 3 and result.tracks == 3 and not result.errors


def test_ground_positions_inside_do_not_count(tmp_path, index):
    points = line(T0 + 8 * H, 12, 5, 18, 5, 30, alt="ground")  # taxiing inside XXBB
    points += line(T0 + 8.6 * H, 31, 5, 39, 5, 30)  # airborne east of every FIR
    write_readsb(tmp_path / "data" / "trace_full_b1.json", "b1", points)
    _, counts = counts_of(tmp_path, index)
    assert counts == {}


def test_gap_over_30_minutes_starts_a_new_flight(tmp_path, index):
    legs = line(T0 + 6 * H, 1, 5, 9, 5, 60) + line(T0 + 8 * H, 9, 6, 1, 6, 60)
    write_readsb(tmp_path / "data" / "trace_full_c1.json", "c1", legs)
    nogap = line(T0 + 12 * H, 1, 5, 9, 5, 60) + line(T0 + 13.2 * H, 9, 6, 1, 6, 60)
    write_readsb(tmp_path / "data" / "trace_full_c2.json", "c2", nogap)
    _, counts = counts_of(tmp_path, index)
    assert counts == {("XXAA", 0): 3}


def test_midnight_crossing_counts_once_on_first_day_in_fir(tmp_path, index):
    data = tmp_path / "data"
    midnight = T0 + 24 * H
    # in XXBB from 23:40 on day 0, continuing after midnight in the next day's file
    write_readsb(data / "d0" / "trace_full_m1.json", "m1", line(midnight - 1200, 11, 5, 14, 5, 19))
    write_readsb(data / "d1" / "trace_full_m1.json", "m1", line(midnight + 10, 14, 5, 18, 5, 40))
    # outside every FIR before midnight, first enters XXCC after midnight
    write_readsb(data / "d0" / "trace_full_m2.json", "m2", line(midnight - 1800, 40, 5, 33, 5, 29))
    write_readsb(data / "d1" / "trace_full_m2.json", "m2", line(midnight + 30, 32, 5, 25, 5, 40),
                 gz=True)
    _, counts = counts_of(tmp_path, index)
    assert counts == {("XXBB", 0): 1, ("XXCC", 1): 1}


def test_opensky_hourly_files_join_and_gzip(tmp_path, index):
    data = tmp_path / "data"
    flight = line(T0 + 10 * H, 1, 5, 19, 5, 110)  # 10:00-11:50, XXAA then XXBB
    first = [p for p in flight if p[0] < T0 + 11 * H]
    second = [p for p in flight if p[0] >= T0 + 11 * H]
    other = line(T0 + 10.2 * H, 21, 5, 29, 5, 30)
    write_opensky(data / "states_10.csv", [("abc123", first), ("def456", other)])
    write_opensky(data / "states_11.csv.gz", [("abc123", second)], gz=True)
    result, counts = counts_of(tmp_path, index)
    assert counts == {("XXAA", 0): 1, ("XXBB", 0): 1, ("XXCC", 0): 1}
    assert result.tracks == 3


def test_bad_files_are_skipped_with_their_names(tmp_path, index):
    data = tmp_path / "data"
    write_readsb(data / "trace_full_ok.json", "ok", line(T0 + 10 * H, 5, 5, 15, 5, 60))
    (data / "trace_full_bad.json").write_text('{"icao": "bad", "timestamp": 1, "trace": [')
    whole = gzip.compress(b'{"icao": "t", "timestamp": 1, "trace": []}' * 50)
    (data / "trace_full_trunc.json.gz").write_bytes(whole[: len(whole) // 2])
    write_opensky(data / "nocols.csv", [("x", line(T0, 5, 5, 6, 5, 5))],
                  columns=["time", "icao24", "lat", "lon"])
    seen = []
    result, counts = counts_of(tmp_path, index, on_error=seen.append)
    assert counts == {("XXAA", 0): 1, ("XXBB", 0): 1}
    names = sorted(e.source.rsplit("/", 1)[-1] for e in result.errors)
    assert names == ["nocols.csv", "trace_full_bad.json", "trace_full_trunc.json.gz"]
    assert len(seen) == 3
    assert "onground" in str(next(e for e in result.errors if "nocols" in e.source))


# ---- baseline, status and alerts on hand-made counts --------------------------------------

FIRS = ["XXAA", "XXBB", "XXCC"]


def daily(per_day, days=35, firs=FIRS):
    counts = Counter()
    for day in range(days):
        for fir in firs:
            counts[(fir, E1 + day)] = per_day(fir, day)
    return counts, {E1 + d for d in range(days)}


def status_map(rows):
    return {(r.fir, (r.date - DAY1.date()).days): r for r in rows}


def test_collapse_alert_and_data_gap():
    def per_day(fir, day):
        if day == 22:
            return 1  # receiver outage everywhere
        if fir == "XXAA" and day >= 30:
            return 3
        return 20
    counts, days = daily(per_day)
    rows = status_map(flight_days(counts, days, FIRS))
    assert rows[("XXAA", 0)].status == "no_baseline" and rows[("XXAA", 0)].baseline is None
    assert rows[("XXAA", 14)].status == "normal" and rows[("XXAA", 14)].baseline == 20
    assert rows[("XXAA", 30)].status == "collapse" and rows[("XXAA", 30)].alert
    assert rows[("XXAA", 30)].ratio == 0.15
    assert rows[("XXAA", 31)].status == "collapse" and not rows[("XXAA", 31)].alert
    assert all(rows[(f, 22)].status == "data_gap" for f in FIRS)
    assert not any(rows[(f, 22)].alert for f in FIRS)
    # day 29 (same weekday as the outage) still has baseline 20: the median ignores one bad day
    assert rows[("XXBB", 29)].baseline == 20 and rows[("XXBB", 29)].status == "normal"
    assert sum(r.alert for r in rows.values()) == 1
    later = status_map(flight_days(counts, days, FIRS, FlightOptions(alert_after=2)))
    assert not later[("XXAA", 30)].alert and later[("XXAA", 31)].alert


def test_missing_day_is_a_data_gap_and_surge():
    def per_day(fir, day):
        return 50 if (fir == "XXCC" and day == 33) else 10
    counts, days = daily(per_day)
    days.discard(E1 + 32)
    for fir in FIRS:
        del counts[(fir, E1 + 32)]
    rows = status_map(flight_days(counts, days, FIRS, output_firs=["XXCC"]))
    assert rows[("XXCC", 32)].status == "data_gap" and rows[("XXCC", 32)].flights == 0
    assert rows[("XXCC", 33)].status == "surge" and rows[("XXCC", 33)].ratio == 5.0
    assert {fir for fir, _ in rows} == {"XXCC"}


def test_small_baseline_is_not_judged():
    counts, days = daily(lambda fir, day: 2 if day < 30 else 0)
    rows = flight_days(counts, days, FIRS)
    assert {r.status for r in rows} == {"no_baseline"}
    assert not any(r.alert for r in rows)
    assert flight_days(Counter(), set(), FIRS) == []


def test_shared_firs_nested_skec_counts_in_sked(tmp_path, shared_signals):
    index = load_firs(shared_signals / "fir_svzm_neighbours.geojson")
    data = tmp_path / "data"
    # Barranquilla area (SKEC, inside SKED) eastwards into Maiquetia (SVZM)
    write_readsb(data / "trace_full_0d0001.json", "0d0001",
                 line(T0 + 14 * H, -74.9, 10.9, -66.9, 10.6, 80))
    write_readsb(data / "trace_full_0d0002.json", "0d0002",
                 line(T0 + 15 * H, -66.6, 8.2, -66.5, 8.3, 20, alt="ground"))
    _, counts = counts_of(tmp_path, index)
    assert counts[("SKEC", 0)] == 1 and counts[("SKED", 0)] == 1 and counts[("SVZM", 0)] == 1
    assert sum(counts.values()) <= 5
