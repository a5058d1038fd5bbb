from __future__ import annotations

import datetime as dt

import pytest

from escalada.errors import EmptyInputError, FeedError
from escalada.ingest.feeds import looks_like_feed, parse_feed
from escalada.models.records import content_hash

from .samples import ATOM, RSS


def documents(results):
    return [r.document for r in results if r.document is not None]


def test_rss_two_items() -> None:
    fetched = dt.datetime(2024, 3, 7, tzinfo=dt.UTC)
    results = parse_feed(RSS, "herald.rss", fetched_at=fetched)
    assert [r.error for r in results] == [None, None]
    first, second = documents(results)
    assert first.title == "Ceasefire holds for third day"
    assert first.url == "https://herald.example/ceasefire-holds"
    assert first.author == "Ana Ortiz"
    assert first.outlet == "Frontier Herald"
    assert first.published == dt.date(2024, 3, 5)  # the entry's own (local) date
    assert "held for a third day on Tuesday" in first.text
    assert "Aid convoys reached two villages" in first.text
    assert "alert" not in first.text  # content:encoded beats the short summary; no script
    assert first.origin == "herald.rss#1"
    assert first.fetched_at == fetched
    assert first.id == content_hash(first.text)[:16]
    assert second.title == "Minister visits displaced families"
    assert second.published == dt.date(2024, 3, 6)
    assert second.text.startswith("The interior minister visited a camp")
    assert "<p>" not in second.text
    assert second.author is None
    assert second.origin == "herald.rss#2"


def test_atom_two_entries() -> None:
    first, second = documents(parse_feed(ATOM, "wire.atom"))
    assert first.title == "Parliament approves emergency budget"
    assert first.published == dt.date(2024, 4, 1)  # published wins over updated
    assert first.author == "Lee Park"
    assert first.url == "https://wire.example/budget"
    assert first.outlet == "Wire Service Bulletins"
    assert second.title == "Protesters march on capital"  # HTML title flattened
    assert second.published == dt.date(2024, 4, 2)  # no published: the declared update
    assert second.text.startswith("Thousands of protesters marched")


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><item><title>Broken",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><tit",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</chan',
        b"<html><body><p>Just a web page.</p></body></html>",
        b"plain words, not a feed",
        b"\x00\x01\x02 binary",
    ],
)
def test_broken_or_non_feeds_raise_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError) as info:
        parse_feed(data, "broken.xml")
    assert "broken.xml" in str(info.value)
    assert info.value.reason == "broken feed"


def test_malformed_feed_keeps_its_readable_entries() -> None:
    truncated = RSS[: RSS.index(b"<title>Minister")]
    results = parse_feed(truncated, "cut.rss")
    assert results[0].document is not None
    assert results[0].document.title == "Ceasefire holds for third day"


def test_entry_without_text_is_skipped_with_a_reason() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>Only a title</title><link>https://x.example/1</link></item>
      <item><title>Has text</title><description>Rebels shelled the airport on Sunday,
        the army said.</description></item></channel></rss>"""
    results = parse_feed(feed, "t.rss")
    assert len(results) == 2
    assert isinstance(results[0].error, EmptyInputError)
    assert "Only a title" in str(results[0].error)
    assert results[0].source == "t.rss#1"
    assert results[1].document is not None
    assert results[1].document.published is None  # no date declared, none invented


def test_valid_empty_feed_yields_nothing() -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    assert parse_feed(feed, "empty.rss") == []


def test_feed_sniffing() -> None:
    assert looks_like_feed(RSS) and looks_like_feed(ATOM)
    assert not looks_like_feed(b"<!doctype html><html><body>x</body></html>")
