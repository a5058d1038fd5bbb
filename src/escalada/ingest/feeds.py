"""RSS and Atom feeds to documents, one per entry, with feedparser.

feedparser only ever sees the bytes handed to it (wrapped in a stream: given a ``str`` or
``bytes`` it would try to open a file or URL of that name). Entry HTML is already sanitised
by feedparser and is turned into text by :func:`escalada.ingest.html.html_to_text`.

An entry's date is the one it declares (``published``, else ``updated``), taken in the
entry's own time zone so a 23:30 -05:00 story keeps its local date. Nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import time
from collections.abc import Mapping
from typing import Any

import feedparser

from escalada.errors import EmptyInputError, FeedError
from escalada.ingest.boilerplate import strip_boilerplate
from escalada.ingest.html import html_to_text
from escalada.ingest.result import IngestResult
from escalada.ingest.text import check_size, normalise_text
from escalada.models.records import Document, content_hash

__all__ = ["entry_date", "entry_text", "looks_like_feed", "parse_feed"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a document look like RSS, RDF or Atom."""
    sample = head[:4096].lower()
    return any(marker in sample for marker in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def _detail_text(value: str | None, detail: Mapping[str, Any] | None) -> str:
    """Text of a feed field, decoding HTML when its declared type says so."""
    if not value:
        return ""
    kind = str((detail or {}).get("type") or "text/html").lower()
    if kind in _HTML_TYPES or "<" in value and kind != "text/plain":
        return html_to_text(value)
    return normalise_text(value)


def _parse_date_string(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    """The date an entry declares: ``published`` first, then ``updated``; else ``None``."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str):
            parsed = _parse_date_string(raw)
            if parsed is not None:
                return parsed
        struct = entry.get(f"{key}_parsed")
        if isinstance(struct, time.struct_time):
            try:
                return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
            except ValueError:
                continue
    return None


def entry_text(entry: Mapping[str, Any]) -> str:
    """The fullest text an entry carries: its ``content`` blocks or its ``summary``."""
    candidates: list[str] = []
    for block in entry.get("content") or []:
        if isinstance(block, Mapping):
            candidates.append(_detail_text(block.get("value"), block))
    candidates.append(_detail_text(entry.get("summary"), entry.get("summary_detail")))
    return max(candidates, key=len, default="")


def parse_feed(
    data: bytes,
    source: str,
    *,
    fetched_at: dt.datetime | None = None,
    max_bytes: int | None = None,
) -> list[IngestResult]:
    """Parse RSS/Atom bytes into one :class:`IngestResult` per entry.

    Raises :class:`FeedError` when ``data`` is not a feed at all, or is malformed and has no
    readable entries (a malformed feed whose entries partly parse keeps those entries). An
    entry without text yields an ``EmptyInputError`` result rather than stopping the feed.
    Documents carry title, link, author, declared date and the feed title as outlet;
    their ``origin`` is ``source#n`` (n counts entries from 1).
    """
    if max_bytes is not None:
        check_size(len(data), max_bytes, source)
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=True,
                                  sanitize_html=True)
    except Exception as exc:  # third-party boundary: malformed input must not crash
        raise FeedError(f"cannot parse feed ({type(exc).__name__}: {exc})", source=source) from exc

    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise FeedError(f"malformed feed with no entries ({problem})", source=source)
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed", source=source)
        return []

    feed_meta = parsed.get("feed") or {}
    outlet = _detail_text(feed_meta.get("title"), feed_meta.get("title_detail")) or None
    results: list[IngestResult] = []
    for number, entry in enumerate(entries, start=1):
        item_source = f"{source}#{number}"
        title = _detail_text(entry.get("title"), entry.get("title_detail")) or None
        text, removed = entry_text(entry), 0
        if text:
            cleaned = strip_boilerplate(text, outlet=outlet, find_title=False)
            text, removed = cleaned.text, cleaned.removed_lines
        if not text.strip():
            what = f"entry {title!r}" if title else "entry"
            results.append(IngestResult(
                item_source, error=EmptyInputError(f"{what} has no text", source=item_source)
            ))
            continue
        link = entry.get("link")
        author = entry.get("author")
        results.append(IngestResult(item_source, document=Document(
            id=content_hash(text)[:16],
            text=text,
            title=" ".join(title.split()) if title else None,
            outlet=outlet,
            author=" ".join(author.split()) if isinstance(author, str) and author.strip() else None,
            url=link if isinstance(link, str) and link else None,
            published=entry_date(entry),
            origin=item_source,
            fetched_at=fetched_at,
            removed_lines=removed,
        )))
    if parsed.get("bozo") and not any(result.ok for result in results):
        problem = parsed.get("bozo_exception")
        raise FeedError(f"malformed feed with no readable entries ({problem})", source=source)
    return results
