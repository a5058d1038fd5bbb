"""OFAC sdn.csv reading and diffing on hand-written rows and on the shared fixtures."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from escalada.errors import InputError
from escalada.signals.sanctions import (
    decode_sdn,
    diff_sdn,
    diff_sdn_files,
    parse_sdn,
    read_sdn,
    split_programs,
)

NULLS = "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "


def row(ent: int, name: str, sdn_type: str, program: str, remarks: str = "-0-") -> str:
    typ = f'"{sdn_type}"' if sdn_type != "-0-" else "-0- "
    rem = f'"{remarks}"' if remarks != "-0-" else "-0-"
    return f'{ent},"{name}",{typ},"{program}",{NULLS},{rem}\r\n'


OLD = (row(100, "ALPHA, Ana", "individual", "VENEZUELA")
       + row(101, "BETA TRADING", "-0-", "SDGT] [IRGC")
       + row(102, "GAMMA, Gil", "individual", "ZIMBABWE", "DOB 1960.")
       + row(103, "DELTA SHIP", "vessel", "SDGT")
       + row(104, "OMEGA, Olga", "individual", "CUBA"))
NEW = (row(100, "ALPHA, Ana", "individual", "VENEZUELA")
       + row(101, "BETA TRADING", "-0-", "IRGC] [SDGT")  # same programs, other order
       + row(102, "GAMMA, Gil", "individual", "GLOMAG", "DOB 1960.")
       + row(103, "DELTA SHIP", "vessel", "SDGT] [VENEZUELA-EO13850")
       + row(105, "EPSILON, Eva", "individual", "SDGT] [FTO")) + "\x1a"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_split_programs():
    assert split_programs("SDGT] [IRGC") == ("SDGT", "IRGC")
    assert split_programs("[SDGT] [IRGC] [NPWMD]") == ("SDGT", "IRGC", "NPWMD")
    assert split_programs("VENEZUELA") == ("VENEZUELA",)
    assert split_programs(None) == ()


def test_null_crlf_and_eof_byte(tmp_path):
    sdn = read_sdn(write(tmp_path, "new.csv", NEW))
    assert sorted(sdn.entries) == [100, 101, 102, 103, 105]
    beta = sdn.entries[101]
    assert beta.sdn_type is None and beta.fields["remarks"] is None
    assert beta.fields["title"] is None  # "-0- " with its trailing space is null
    assert sdn.entries[105].programs == ("SDGT", "FTO")
    assert sdn.bad_rows == []


def test_diff_added_removed_changed(tmp_path):
    changes = diff_sdn_files(write(tmp_path, "old.csv", OLD), write(tmp_path, "new.csv", NEW))
    by = {(c.change, c.ent_num): c for c in changes}
    assert [(c.change, c.ent_num) for c in changes] == [
        ("added", 105), ("removed", 104), ("changed", 102), ("changed", 103)]
    assert by[("added", 105)].programs == ("SDGT", "FTO")
    assert by[("added", 105)].is_new_sanction
    gamma = by[("changed", 102)]
    assert gamma.changed_fields == ("program",)
    assert gamma.gained_programs == ("GLOMAG",) and gamma.lost_programs == ("ZIMBABWE",)
    ship = by[("changed", 103)]
    assert ship.gained_programs == ("VENEZUELA-EO13850",) and ship.is_new_sanction
    assert by[("removed", 104)].is_eased
    record = ship.to_record()
    assert record["programs"] == ["SDGT", "VENEZUELA-EO13850"]
    assert record["name"] == "DELTA SHIP" and record["sdn_type"] == "vessel"


def test_only_losing_a_program_is_eased():
    old = parse_sdn(row(7, "X", "individual", "SDGT] [IRGC"))
    new = parse_sdn(row(7, "X", "individual", "SDGT"))
    (change,) = diff_sdn(old, new)
    assert change.is_eased and not change.is_new_sanction


def test_latin1_bytes_never_crash(tmp_path):
    text = row(200, "MUÑOZ, José", "individual", "VENEZUELA")
    path = write(tmp_path, "latin.csv", text, encoding="latin-1")
    sdn = read_sdn(path)
    assert sdn.entries[200].name == "MUÑOZ, José"
    assert sdn.encoding in ("cp1252", "latin-1")
    # bytes that are invalid in both UTF-8 and cp1252 still decode
    decoded, encoding = decode_sdn(b'1,"A\x81B","individual","X"' + b",-0-" * 8 + b"\r\n")
    assert encoding == "latin-1" and "A\x81B" in decoded


def test_bad_rows_are_counted_not_fatal(tmp_path):
    text = row(1, "ONE", "individual", "CUBA") + '2,"short row"\r\n' + row(3, "T", "-0-", "CUBA")
    sdn = read_sdn(write(tmp_path, "bad.csv", text))
    assert sorted(sdn.entries) == [1, 3]
    assert len(sdn.bad_rows) == 1 and "line 2" in sdn.bad_rows[0]


def test_unusable_file_names_the_file(tmp_path):
    empty = write(tmp_path, "empty.csv", "\x1a")
    with pytest.raises(InputError, match="empty.csv"):
        read_sdn(empty)
    with pytest.raises(InputError, match="nothere.csv"):
        read_sdn(tmp_path / "nothere.csv")
    junk = write(tmp_path, "junk.csv", "a,b,c\r\n")
    with pytest.raises(InputError, match="junk.csv"):
        read_sdn(junk)


def test_full_size_list_diffs_fast():
    rows_old, rows_new = [], []
    for i in range(15000):
        rows_old.append(row(i, f"NAME {i}", "individual", "SDGT] [IRGC", f"remark {i}"))
        if i % 100 == 0:
            continue  # removed
        remark = f"remark {i}" if i % 97 else f"remark {i} changed"
        rows_new.append(row(i, f"NAME {i}", "individual", "SDGT] [IRGC", remark))
    rows_new.append(row(99999, "NEW ONE", "individual", "FTO"))
    started = time.process_time()  # CPU time: robust to a busy machine
    changes = diff_sdn(parse_sdn("".join(rows_old)), parse_sdn("".join(rows_new) + "\x1a"))
    elapsed = time.process_time() - started
    kinds = Counter(c.change for c in changes)
    expected_changed = sum(1 for i in range(15000) if i % 97 == 0 and i % 100)
    assert kinds == {"added": 1, "removed": 150, "changed": expected_changed}
    assert elapsed < 1.0


def test_shared_fixtures_give_2_86_12(shared_signals):
    changes = diff_sdn_files(shared_signals / "ofac_sdn_fixture_2024-02-28.csv",
                             shared_signals / "ofac_sdn_fixture_2024-03-04.csv")
    assert Counter(c.change for c in changes) == {"added": 2, "removed": 86, "changed": 12}
    changed = [c for c in changes if c.change == "changed"]
    assert all(c.gained_programs == ("GLOMAG",) for c in changed)
    assert all(c.lost_programs == ("ZIMBABWE",) for c in changed)
    assert not any(p.startswith("VENEZUELA") for c in changes for p in c.programs)


def test_effect_and_signal_wrapper(tmp_path):
    import datetime as dt

    from escalada.signals.records import as_signal

    changes = diff_sdn_files(write(tmp_path, "old.csv", OLD), write(tmp_path, "new.csv", NEW))
    assert [c.effect for c in changes] == ["sanction", "eased", "sanction", "sanction"]
    signal = as_signal(changes[0], "new.csv", dt.date(2024, 3, 4))
    record = signal.to_record()
    assert record["kind"] == "sanctions" and record["date"] == "2024-03-04"
    assert record["record"]["effect"] == "sanction"
    amended = diff_sdn(parse_sdn(row(9, "A", "individual", "CUBA", "x")),
                       parse_sdn(row(9, "A", "individual", "CUBA", "y")))
    assert amended[0].effect == "amended" and amended[0].changed_fields == ("remarks",)
