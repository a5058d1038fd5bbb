"""The ingest entry point: any mix of files, directories, URLs and stdin to documents.

:func:`iter_documents` yields one :class:`IngestResult` per document or per refused input, in
input order, and never stops at a bad item. Dispatch:

==========================================  ===============================================
source                                      handled as
==========================================  ===============================================
``http://`` / ``https://``                  fetched (:mod:`.fetch`), then by content type /
                                            sniffing: HTML page, RSS/Atom feed or plain text
a directory                                 every non-hidden file below it, sorted, recursive
``*.jsonl``, ``*.ndjson``, ``*.jsonl.gz``   JSONL batch (:mod:`.batch`)
``*.csv``, ``*.csv.gz``                     CSV batch
``*.html``, ``*.htm``, ``*.xhtml``          HTML page (:mod:`.html`)
``*.xml``, ``*.rss``, ``*.atom``            feed (:mod:`.feeds`)
``-``                                       stdin, sniffed like any other file
anything else                               sniffed: ``<html`` → HTML, ``<rss``/``<feed`` →
                                            feed, otherwise plain text with boilerplate
                                            stripped and a title guessed
==========================================  ===============================================

Every document then passes the English check (:func:`.language.ensure_english`). Ids are
deterministic: a batch record's own ``id``, else the first 16 hex digits of
:func:`~escalada.models.records.content_hash`. ``fetched_at`` is set only for URLs. The
``published``/``outlet`` arguments (the CLI's ``--published``/``--outlet``) fill in what a
single-document source (plain text, HTML page, stdin, fetched page) does not declare itself;
they never override a page's own metadata and are not applied to batch records or feed
entries, which carry their own. No publication date is ever invented.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator

from escalada.errors import BinaryInputError, EmptyInputError, EscaladaError, InputError
from escalada.ingest.batch import iter_csv, iter_jsonl
from escalada.ingest.boilerplate import strip_boilerplate
from escalada.ingest.feeds import looks_like_feed, parse_feed
from escalada.ingest.fetch import fetch_url
from escalada.ingest.html import extract_html
from escalada.ingest.language import ensure_english
from escalada.ingest.result import IngestResult
from escalada.ingest.text import binary_reason, decode_bytes, read_limited, read_path
from escalada.models.records import Document, content_hash
from escalada.settings import Settings

__all__ = ["IngestResult", "iter_documents", "sniff_kind", "source_kind"]

STDIN = "-"
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_CSV = (".csv", ".csv.gz")
_HTML = (".html", ".htm", ".xhtml")
_FEED = (".xml", ".rss", ".atom")
_FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def source_kind(source: str) -> str:
    """Kind of a source judged by its name alone: ``url``, ``stdin``, ``jsonl``, ``csv``,
    ``html``, ``feed`` or ``file`` (content decides)."""
    if source == STDIN:
        return "stdin"
    if _is_url(source):
        return "url"
    lower = source.lower()
    for kind, suffixes in (("jsonl", _JSONL), ("csv", _CSV), ("html", _HTML), ("feed", _FEED)):
        if lower.endswith(suffixes):
            return kind
    return "file"


def sniff_kind(data: bytes, content_type: str = "") -> str:
    """``html``, ``feed`` or ``text`` for raw bytes, using a media type when one is known."""
    if content_type in _FEED_TYPES:
        return "feed"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in _HTML_TYPES:
        return "feed" if head.startswith(b"<?xml") and looks_like_feed(head) else "html"
    if head.startswith(b"<") and looks_like_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and any(tag in head for tag in (b"<html", b"<body", b"<head"))
    ):
        return "html"
    return "text"


def _fill(document: Document, published: dt.date | None, outlet: str | None) -> Document:
    if document.published is None and published is not None:
        document.published = published
    if document.outlet is None and outlet:
        document.outlet = outlet
    return document


def _plain(data: bytes, name: str, settings: Settings, declared: str | None = None) -> Document:
    text = decode_bytes(data, name, declared_encoding=declared,
                        max_bytes=settings.max_document_bytes)
    cleaned = strip_boilerplate(text)
    if not cleaned.text.strip():
        raise EmptyInputError("nothing left after removing site boilerplate", source=name)
    return Document(
        id=content_hash(cleaned.text)[:16],
        text=cleaned.text,
        title=cleaned.title,
        origin=name,
        removed_lines=cleaned.removed_lines,
    )


def _html(data: bytes, name: str, settings: Settings, url: str | None = None) -> Document:
    reason = binary_reason(data)
    if reason:
        raise BinaryInputError(reason, source=name)
    article = extract_html(data, source=name, url=url)
    cleaned = strip_boilerplate(article.text, outlet=article.outlet, find_title=False)
    if not cleaned.text.strip():
        raise EmptyInputError("no article text found in the HTML", source=name)
    return Document(
        id=content_hash(cleaned.text)[:16],
        text=cleaned.text,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        origin=name,
        removed_lines=cleaned.removed_lines,
    )


def _single(
    data: bytes,
    name: str,
    settings: Settings,
    kind: str,
    *,
    published: dt.date | None,
    outlet: str | None,
    url: str | None = None,
    fetched_at: dt.datetime | None = None,
    charset: str | None = None,
) -> Iterator[IngestResult]:
    """Results for one blob of bytes already known (or sniffed) to be ``kind``."""
    try:
        if kind == "feed":
            yield from parse_feed(data, name, fetched_at=fetched_at,
                                  max_bytes=settings.max_document_bytes)
            return
        if kind == "html":
            document = _html(data, name, settings, url=url)
        else:
            document = _plain(data, name, settings, declared=charset)
            document.url = url
    except EscaladaError as exc:
        yield IngestResult(name, error=exc)
        return
    document.fetched_at = fetched_at
    yield IngestResult(name, document=_fill(document, published, outlet))


def _from_url(url: str, settings: Settings, published: dt.date | None,
              outlet: str | None) -> Iterator[IngestResult]:
    try:
        resource = fetch_url(url, settings)
    except EscaladaError as exc:
        yield IngestResult(url, error=exc)
        return
    kind = sniff_kind(resource.body, resource.content_type)
    yield from _single(
        resource.body, url, settings, kind, published=published, outlet=outlet,
        url=resource.final_url, fetched_at=resource.fetched_at, charset=resource.charset,
    )


def _from_file(path: str, settings: Settings, published: dt.date | None,
               outlet: str | None) -> Iterator[IngestResult]:
    kind = source_kind(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, settings)
        return
    if kind == "csv":
        yield from iter_csv(path, settings)
        return
    try:
        data = read_path(path, settings.max_document_bytes)
    except EscaladaError as exc:
        yield IngestResult(path, error=exc)
        return
    if kind == "file":
        kind = sniff_kind(data)
    yield from _single(data, path, settings, kind, published=published, outlet=outlet)


def _walk(directory: str) -> Iterator[str]:
    """Non-hidden files below ``directory``, depth first, in sorted order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _one_source(source: str, settings: Settings, published: dt.date | None,
                outlet: str | None) -> Iterator[IngestResult]:
    kind = source_kind(source)
    if kind == "url":
        yield from _from_url(source, settings, published, outlet)
    elif kind == "stdin":
        name = "<stdin>"
        try:
            data = read_limited(sys.stdin.buffer, settings.max_document_bytes, name)
        except EscaladaError as exc:
            yield IngestResult(name, error=exc)
            return
        yield from _single(data, name, settings, sniff_kind(data),
                           published=published, outlet=outlet)
    elif os.path.isdir(source):
        for path in _walk(source):
            yield from _from_file(path, settings, published, outlet)
    elif os.path.exists(source):
        yield from _from_file(source, settings, published, outlet)
    else:
        yield IngestResult(source, error=InputError("no such file or directory", source=source))


def _check_language(result: IngestResult, settings: Settings) -> IngestResult:
    document = result.document
    if document is None:
        return result
    try:
        document.language = ensure_english(
            document.text, result.source, settings.min_english_confidence
        )
    except EscaladaError as exc:
        return IngestResult(result.source, error=exc)
    return result


def iter_documents(
    sources: Iterable[str],
    settings: Settings,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> Iterator[IngestResult]:
    """Read every source and yield one :class:`IngestResult` per document or refusal.

    ``sources`` are paths, directories, http(s) URLs or ``-`` for stdin (see the module
    docstring for the dispatch rules). ``published`` and ``outlet`` fill in the date and
    outlet of single-document sources that do not declare their own. Errors are yielded as
    results, never raised: ``EmptyInputError``, ``BinaryInputError``, ``TooLargeError``,
    ``EncodingError``, ``NotEnglishError``, ``FeedError``, ``FetchError``,
    ``BlockedAddressError`` or plain ``InputError``, each naming its source.
    """
    for source in sources:
        source = os.fspath(source)
        for result in _one_source(source, settings, published, outlet):
            yield _check_language(result, settings)

