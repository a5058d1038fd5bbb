from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from escalada.errors import (
    BinaryInputError,
    BlockedAddressError,
    EmptyInputError,
    InputError,
    NotEnglishError,
    TooLargeError,
)
from escalada.ingest import IngestResult, iter_documents, sniff_kind, source_kind
from escalada.models.records import content_hash
from escalada.settings import Settings

from .conftest import LocalServer, respond
from .samples import ATOM, BODY, ENGLISH, HEADLINE, HTML_PAGE, RSS, SPANISH

SETTINGS = Settings()


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{HEADLINE}\n\n{ENGLISH}\n\nADS 7\nMust Read\n", encoding="utf-8")
    (result,) = iter_documents([str(path)], SETTINGS, published=dt.date(2024, 3, 5),
                               outlet="Frontier Herald")
    doc = result.document
    assert result.error is None and doc is not None
    assert doc.title == HEADLINE
    assert doc.text == f"{HEADLINE}\n\n{ENGLISH}"
    assert doc.removed_lines == 2
    assert doc.id == content_hash(doc.text)[:16]
    assert doc.origin == str(path)
    assert doc.language == "en"
    assert doc.published == dt.date(2024, 3, 5) and doc.outlet == "Frontier Herald"
    assert doc.fetched_at is None and doc.url is None


def test_ids_are_deterministic_and_content_based(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ENGLISH, encoding="utf-8")
    b.write_text(ENGLISH.replace("\n\n", "\r\n\r\n") + "\n\n\n", encoding="utf-8")
    first = [r.document.id for r in iter_documents([str(a), str(b)], SETTINGS)]
    again = [r.document.id for r in iter_documents([str(a), str(b)], SETTINGS)]
    assert first == again and first[0] == first[1]


def test_no_date_is_invented(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    (result,) = iter_documents([str(path)], SETTINGS)
    assert result.document.published is None and result.document.outlet is None


def test_html_file_keeps_its_own_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML_PAGE)
    (result,) = iter_documents([str(path)], SETTINGS, published=dt.date(2000, 1, 1),
                               outlet="Other Outlet")
    doc = result.document
    assert doc.title == "Ceasefire talks open in Geneva"
    assert doc.published == dt.date(2024, 3, 5) and doc.outlet == "Frontier Herald"
    assert doc.author == "Ana Ortiz" and doc.url == "https://herald.example/ceasefire-talks"
    assert "alert" not in doc.text and "opened ceasefire talks" in doc.text


def test_directory_of_mixed_inputs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a_story.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "sub" / "page.htm").write_bytes(HTML_PAGE)
    (tmp_path / "feed.rss").write_bytes(RSS)
    (tmp_path / "feed.atom").write_bytes(ATOM)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (tmp_path / "spanish.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes(ENGLISH.replace("Geneva", "Gen\u00e8ve").encode("cp1252"))
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": BODY[0]}) + "\n{oops\n", encoding="utf-8")
    (tmp_path / "rows.csv").write_text(f'id,text\nc1,"{BODY[1]}"\n', encoding="utf-8")
    (tmp_path / ".hidden" / "secret.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    results = list(iter_documents([str(tmp_path)], SETTINGS))
    sources = [r.source for r in results]
    assert not any("hidden" in s or "DS_Store" in s for s in sources)
    errors = {Path(r.source).name: r.error for r in results if not r.ok and "#" not in r.source
              and not r.source.endswith(":2")}
    assert isinstance(errors["empty.txt"], EmptyInputError)
    assert isinstance(errors["image.png"], BinaryInputError)
    assert isinstance(errors["spanish.txt"], NotEnglishError)
    assert "looks like Spanish (es), not English" in str(errors["spanish.txt"])
    assert len(errors) == 3
    docs = {r.source: r.document for r in results if r.ok}
    assert "Gen\u00e8ve" in docs[str(tmp_path / "latin.txt")].text
    assert docs[f"{tmp_path / 'records.jsonl'}:1"].id == "r1"
    assert docs[f"{tmp_path / 'rows.csv'}:2"].id == "c1"
    assert f"{tmp_path / 'feed.rss'}#2" in docs and f"{tmp_path / 'feed.atom'}#1" in docs
    assert docs[str(tmp_path / "sub" / "page.htm")].title == "Ceasefire talks open in Geneva"
    bad_line = [r for r in results if r.source == f"{tmp_path / 'records.jsonl'}:2"]
    assert bad_line and "line 2" in str(bad_line[0].error)
    assert all(d.language == "en" for d in docs.values())


def test_feed_entries_do_not_take_cli_date(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    results = list(iter_documents([str(path)], SETTINGS, published=dt.date(2000, 1, 1)))
    assert [r.document.published for r in results] == [dt.date(2024, 3, 5), dt.date(2024, 3, 6)]


def test_content_sniffing_overrides_unknown_extensions(tmp_path: Path) -> None:
    page, feed = tmp_path / "page.txt", tmp_path / "feed.dat"
    page.write_bytes(HTML_PAGE)
    feed.write_bytes(ATOM)
    results = list(iter_documents([str(page), str(feed)], SETTINGS))
    assert results[0].document.outlet == "Frontier Herald"
    assert "<p" not in results[0].document.text
    assert [r.document.title for r in results[1:]] == [
        "Parliament approves emergency budget", "Protesters march on capital"]


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 10, encoding="utf-8")
    results = list(iter_documents([str(big), str(tmp_path / "nope.txt")],
                                  Settings(max_document_bytes=500)))
    assert isinstance(results[0].error, TooLargeError)
    assert type(results[1].error) is InputError
    assert "no such file" in str(results[1].error)


def test_boilerplate_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_text("ADS 7\nMust Read\n- Advertisement -\n", encoding="utf-8")
    (result,) = iter_documents([str(path)], SETTINGS)
    assert isinstance(result.error, EmptyInputError)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    (result,) = iter_documents(["-"], SETTINGS, outlet="Wire")
    assert result.source == "<stdin>"
    assert result.document.text == ENGLISH and result.document.outlet == "Wire"


def test_url_html_page(local_server: LocalServer) -> None:
    local_server.routes["/page"] = respond(200, HTML_PAGE, "text/html; charset=utf-8")
    url = local_server.url("/page")
    (result,) = iter_documents([url], Settings(allow_private_addresses=True),
                               outlet="Ignored")
    doc = result.document
    assert doc is not None and doc.fetched_at is not None
    assert doc.origin == url
    assert doc.url == "https://herald.example/ceasefire-talks"  # the page's canonical URL
    assert doc.outlet == "Frontier Herald"


def test_url_feed_and_plain_text(local_server: LocalServer) -> None:
    local_server.routes["/feed"] = respond(200, RSS, "application/rss+xml")
    local_server.routes["/plain"] = respond(200, ENGLISH.encode("cp1252"), "text/plain")
    settings = Settings(allow_private_addresses=True)
    results = list(iter_documents([local_server.url("/feed"), local_server.url("/plain")],
                                  settings))
    assert [r.source for r in results] == [
        local_server.url("/feed") + "#1", local_server.url("/feed") + "#2",
        local_server.url("/plain")]
    assert all(r.document.fetched_at is not None for r in results)
    assert results[2].document.url == local_server.url("/plain")


def test_url_blocked_by_default(no_connections: list[str]) -> None:
    (result,) = iter_documents(["http://127.0.0.1:9/x"], SETTINGS)
    assert isinstance(result.error, BlockedAddressError)
    assert result.reason == "blocked address"
    assert no_connections == []


def test_kind_helpers() -> None:
    assert source_kind("-") == "stdin"
    assert source_kind("HTTPS://x.example/") == "url"
    assert source_kind("a.JSONL.gz") == "jsonl" and source_kind("b.csv") == "csv"
    assert source_kind("c.htm") == "html" and source_kind("d.atom") == "feed"
    assert source_kind("e.txt") == "file"
    assert sniff_kind(HTML_PAGE) == "html" and sniff_kind(RSS) == "feed"
    assert sniff_kind(b"Plain words <b>not</b> html") == "text"
    assert sniff_kind(b"anything", "application/atom+xml") == "feed"


def test_ingest_result_invariant() -> None:
    with pytest.raises(ValueError):
        IngestResult("x")
