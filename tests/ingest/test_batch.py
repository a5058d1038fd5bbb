from __future__ import annotations

import datetime as dt
import gzip
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from escalada.errors import EmptyInputError, EncodingError, InputError, TooLargeError
from escalada.ingest.batch import iter_csv, iter_jsonl, parse_published
from escalada.models.records import content_hash
from escalada.settings import Settings

from .samples import BODY

SETTINGS = Settings(max_document_bytes=2000)


def write_jsonl(path: Path, lines: list[str | bytes]) -> Path:
    with path.open("wb") as fh:
        for line in lines:
            fh.write((line.encode() if isinstance(line, str) else line) + b"\n")
    return path


def test_jsonl_bad_lines_are_reported_and_good_ones_survive(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", [
        json.dumps({"id": "a1", "text": BODY[0], "title": "Talks", "published": "2024-03-05",
                    "outlet": "Herald", "url": "https://h.example/1", "author": "Ana",
                    "actor_text": "Negotiators", "recipient_text": "governments"}),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps({"id": "no-text", "title": "Nothing here"}),
        json.dumps({"text": "x" * 2001}),
        json.dumps({"text": BODY[1], "published": "last Tuesday"}),
        json.dumps(["not", "an", "object"]),
        b'{"text": "caf\xe9 bytes"}',
        json.dumps({"text": BODY[2], "published": "5 March 2024"}),
    ])
    results = list(iter_jsonl(path, SETTINGS))
    assert len(results) == 8  # the blank line is skipped silently
    good = [r.document for r in results if r.ok]
    assert [d.id for d in good] == ["a1", content_hash(BODY[2])[:16]]
    first = good[0]
    assert (first.title, first.outlet, first.author, first.url) == (
        "Talks", "Herald", "Ana", "https://h.example/1")
    assert first.published == dt.date(2024, 3, 5)
    assert first.actor_text == "Negotiators" and first.recipient_text == "governments"
    assert first.origin == f"{path}:1"
    assert good[1].published == dt.date(2024, 3, 5)
    errors = {r.source.rsplit(":", 1)[1]: r.error for r in results if not r.ok}
    assert set(errors) == {"2", "4", "5", "6", "7", "8"}
    assert "line 2: invalid JSON" in str(errors["2"])
    assert isinstance(errors["4"], EmptyInputError) and "line 4" in str(errors["4"])
    assert isinstance(errors["5"], TooLargeError) and "line 5" in str(errors["5"])
    assert "line 6" in str(errors["6"]) and "last Tuesday" in str(errors["6"])
    assert "expected a JSON object" in str(errors["7"])
    assert isinstance(errors["8"], EncodingError)
    assert all(str(path) in str(e) for e in errors.values())


def test_jsonl_wrong_field_types(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [
        json.dumps({"text": BODY[0], "title": 5}),
        json.dumps({"text": BODY[0], "id": True}),
        json.dumps({"text": 42}),
        json.dumps({"text": BODY[0], "id": 7}),
    ])
    results = list(iter_jsonl(path, SETTINGS))
    assert [type(r.error) for r in results[:3]] == [InputError, InputError, InputError]
    assert "'title' must be a string" in str(results[0].error)
    assert results[3].document is not None and results[3].document.id == "7"


def test_jsonl_gz_and_runaway_line(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl.gz"
    settings = Settings(max_document_bytes=100)  # line limit 400 + 64 KiB
    with gzip.open(path, "wb") as fh:
        fh.write(json.dumps({"text": "short one"}).encode() + b"\n")
        fh.write(b'{"text": "' + b"z" * 200_000 + b'"}\n')
        fh.write(json.dumps({"text": "short two"}).encode() + b"\n")
    results = list(iter_jsonl(path, settings))
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, TooLargeError)
    assert results[1].source.endswith(":2")
    assert results[2].document.text == "short two"


def test_jsonl_corrupt_gzip_reports_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n' * 100)[:-30])
    results = list(iter_jsonl(path, SETTINGS))
    assert results[-1].error is not None
    assert "read failed" in str(results[-1].error)


def test_big_jsonl_streams_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    text = " ".join(BODY) * 40  # ~40 KB per record
    with path.open("w", encoding="utf-8") as fh:
        count = 0
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(json.dumps({"id": count, "text": text}) + "\n")
            count += 1
    start = time.perf_counter()
    tracemalloc.start()
    try:
        seen = sum(1 for result in iter_jsonl(path, Settings()) if result.ok)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 5 * 1024 * 1024  # a few records at most, never the 50 MB file
    assert time.perf_counter() - start < 30


def test_csv_batch(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_text(
        "ID,Text,Title,Published,Outlet,extra\n"
        f'c1,"{BODY[0]}",Talks,2024-03-05,Herald,ignored\n'
        ',,,,,\n'
        'c2,"First paragraph.\nSecond paragraph, with a comma.",Two lines,,,\n'
        'c3,,No text,,,\n'
        f'c4,"{BODY[1]}",,not a date,,\n'
        f'c5,"{BODY[2]}",,"March 6, 2024",,\n',
        encoding="utf-8",
    )
    results = list(iter_csv(path, SETTINGS))
    assert [r.ok for r in results] == [True, True, False, False, True]
    c1, c2, c5 = (r.document for r in results if r.ok)
    assert (c1.id, c1.title, c1.outlet, c1.published) == ("c1", "Talks", "Herald",
                                                          dt.date(2024, 3, 5))
    assert c1.origin == f"{path}:2"
    assert c2.text == "First paragraph.\nSecond paragraph, with a comma."
    assert c2.origin == f"{path}:4"
    assert c5.published == dt.date(2024, 3, 6)
    assert results[2].source == f"{path}:6" and "line 6" in str(results[2].error)
    assert results[3].source == f"{path}:7" and "not a date" in str(results[3].error)


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    (result,) = list(iter_csv(path, SETTINGS))
    assert "no 'text' column" in str(result.error)


def test_csv_bad_rows_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(
        b"id,text\n"
        b"1,good one\n"
        b"2,caf\xe9 latin-1\n"
        b"3,too,many,fields\n"
        b"4," + b"w" * 3000 + b"\n"
        b"5,good two\n"
    )
    results = list(iter_csv(path, SETTINGS))
    assert [r.ok for r in results] == [True, False, False, False, True]
    assert isinstance(results[1].error, EncodingError)
    assert "4 fields but the header has 2" in str(results[2].error)
    assert isinstance(results[3].error, TooLargeError)
    assert results[4].document.text == "good two"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05T23:30:00-05:00", dt.date(2024, 3, 5)),
        ("2024-03-05T10:00:00Z", dt.date(2024, 3, 5)),
        ("5 March 2024", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 23:30:00 -0500", dt.date(2024, 3, 5)),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value: str | None, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2 days ago", "March 2024", "soon", 20240305])
def test_unreadable_or_relative_dates_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        parse_published(value)
