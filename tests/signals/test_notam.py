"""NOTAM parsing in the ICAO and FAA international formats."""

from __future__ import annotations

import datetime as dt

from escalada.signals.notam import parse_notam, parse_notams, read_notams, split_notams

UTC = dt.UTC

ICAO = """A1234/25 NOTAMN
Q) SVZM/QRTCA/IV/BO/W/000/999/1030N06655W025
A) SVZM B) 2511211743 C) 2602192359 EST
D) DAILY 1200-1800
E) TEMPORARY RESTRICTED AREA IN MAIQUETIA FIR (SVZM)
AND ADJACENT PIARCO (TTZP FIR).

ALL TRAFFIC TO REMAIN CLEAR.
F) SFC G) FL450
CREATED: 21 Nov 2025 18:08:00

A1235/25 NOTAMR A1234/25
Q) SVZM/QRTCA/IV/BO/W/000/999/
A) SVZM C) PERM
E) RESTRICTION REPLACED BUT NO START TIME

(A0100/26 NOTAMC A1235/25
Q) SVXX/QXXXX/IV/NBO/E/000/999/
A) SVZM TTZP B) 2601010000
E) CANCELLED)
"""

FAA = """KICZ A0099/25 NOTAM...SECURITY...ADVISORY FOR THE PIARCO FLIGHT INFORMATION REGION
(TTZP) AND CURACAO (TNCF FIR). EXERCISE CAUTION (ICAO) AT ALL ALTITUDES.
FL260-UNL: 02 DEC 06:00 UTC 2025 UNTIL 31 DEC 23:59 UTC 2025 EST. CREATED: 01 DEC 21:30 UTC 2025

KJFK A0001/26 NOTAM...LONG TERM ADVISORY (SVZM).
SFC-UNL: 03 JAN 00:00 UTC 2026 UNTIL PERM. CREATED: 02 JAN 12:00 UTC 2026
"""


def ok(outcomes):
    return [o.record for o in outcomes if o.record is not None]


def test_icao_notam_fields():
    notam = ok(parse_notams(ICAO, "icao.txt"))[0]
    assert notam.id == "A1234/25" and notam.type == "NOTAMN" and notam.location == "SVZM"
    assert notam.qcode == "QRTCA"
    assert (notam.traffic, notam.purpose, notam.scope) == ("IV", "BO", "W")
    assert notam.lat == 10.5 and notam.lon == -66.9167 and notam.radius_nm == 25
    assert notam.valid_from == dt.datetime(2025, 11, 21, 17, 43, tzinfo=UTC)
    assert notam.valid_to == dt.datetime(2026, 2, 19, 23, 59, tzinfo=UTC)
    assert notam.estimated and not notam.permanent
    assert notam.created == dt.datetime(2025, 11, 21, 18, 8, tzinfo=UTC)
    assert notam.schedule == "DAILY 1200-1800"
    assert (notam.lower, notam.upper) == ("SFC", "FL450")
    assert notam.firs == ("SVZM", "TTZP")
    assert "ALL TRAFFIC TO REMAIN CLEAR." in notam.text  # blank line inside E) kept
    record = notam.to_record()
    assert record["valid_from"] == "2025-11-21T17:43:00Z"
    assert record["firs"] == ["SVZM", "TTZP"]


def test_notam_without_b_is_an_error_naming_the_file_and_the_rest_continue():
    outcomes = list(parse_notams(ICAO, "icao.txt"))
    assert len(outcomes) == 3
    error = outcomes[1].error
    assert error is not None and "icao.txt" in str(error) and "A1235/25" in str(error)
    assert "B)" in str(error)
    cancel = outcomes[2].record
    assert cancel.type == "NOTAMC" and cancel.replaces == "A1235/25"
    assert cancel.firs == ("SVZM", "TTZP")  # multi-FIR Q line: FIRs from A)
    assert cancel.text == "CANCELLED" and cancel.valid_to is None
    assert (cancel.lower, cancel.upper) == ("SFC", "UNL")


def test_faa_international_format():
    first, second = ok(parse_notams(FAA, "faa.txt"))
    assert first.id == "A0099/25" and first.location == "KICZ" and first.type == "NOTAMN"
    assert first.firs == ("TTZP", "TNCF")  # "(ICAO)" is not a FIR
    assert (first.lower, first.upper) == ("FL260", "UNL")
    assert first.valid_from == dt.datetime(2025, 12, 2, 6, 0, tzinfo=UTC)
    assert first.valid_to == dt.datetime(2025, 12, 31, 23, 59, tzinfo=UTC)
    assert first.estimated
    assert first.created == dt.datetime(2025, 12, 1, 21, 30, tzinfo=UTC)
    assert first.text.startswith("SECURITY...ADVISORY")
    assert "UNTIL" not in first.text
    assert second.permanent and second.valid_to is None and second.firs == ("SVZM",)


def test_mixed_file_and_split(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(ICAO + "\n\n" + FAA)
    assert len(split_notams(ICAO + "\n\n" + FAA)) == 5
    outcomes = list(read_notams(path))
    assert len(ok(outcomes)) == 4
    assert [str(path) in str(o.error) for o in outcomes if o.error] == [True]


def test_unreadable_and_empty_files(tmp_path):
    (tmp_path / "empty.txt").write_text("\n\n")
    (error,) = list(read_notams(tmp_path / "empty.txt"))
    assert error.error is not None and "empty.txt" in str(error.error)
    (missing,) = list(read_notams(tmp_path / "missing.txt"))
    assert "missing.txt" in str(missing.error)


def test_bad_time_is_an_error():
    block = "A0001/25 NOTAMN\nQ) SVZM/QRTCA/IV/BO/W/000/999/\nA) SVZM B) 2513991743\nE) X"
    (outcome,) = list(parse_notams(block, "bad.txt"))
    assert outcome.error is not None and "bad B) time" in str(outcome.error)
    assert parse_notam("A0002/25 NOTAMN\nA) SVZM B) 2501010000\nE) NO Q LINE").qcode is None


def test_shared_kicz_notam(shared_signals):
    (outcome,) = list(read_notams(shared_signals / "notam_KICZ_A0012-25_transcribed.txt"))
    notam = outcome.record
    assert notam is not None, outcome.error
    assert notam.id == "A0012/25" and notam.location == "KICZ"
    assert notam.firs == ("SVZM",)
    record = notam.to_record()
    assert record["valid_from"] == "2025-11-21T17:43:00Z"
    assert record["valid_to"] == "2026-02-19T23:59:00Z"
    assert record["created"] == "2025-11-21T18:08:00Z"
    assert (notam.lower, notam.upper) == ("SFC", "UNL") and not notam.estimated


def test_icao_notam_with_location_prefix_and_faa_keyword():
    block = ("SVZM A0300/25 NOTAMN\nQ) SVZM/QWMLW/IV/BO/W/000/600/\n"
             "A) SVZM B) 2512010000 C) 2512312359\nE) MISSILE LAUNCH AREA.")
    notam = parse_notam(block, "prefixed.txt")
    assert notam.id == "A0300/25" and notam.qcode == "QWMLW" and notam.upper == "FL600"
    faa = "KICZ A0013/25 NOTAMN...SECURITY... (SVZM).\nSFC-UNL: 22 NOV 00:00 UTC 2025 UNTIL PERM."
    assert parse_notam(faa, "faa.txt").permanent
