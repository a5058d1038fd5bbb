"""Streaming JSONL and CSV batches: one document per record, one error per bad record.

Both readers go line by line through a bounded ``readline`` so neither a 50 MB file nor a
single runaway line is ever held in memory whole. Each record becomes an
:class:`~escalada.ingest.result.IngestResult` whose ``source`` is ``path:line``; a bad record
(invalid JSON, missing or oversized text, wrong field types, undecodable bytes, an
unparseable ``published``) is reported with its line number and the batch goes on.

Record fields: ``text`` (required) and optional ``id``, ``title``, ``url``, ``published``,
``outlet``, ``author``, ``actor_text``, ``recipient_text``; other fields are ignored. Batch text
is only normalised (NFC, newlines), never boilerplate-stripped, so gold ``actor_text`` spans
still match it. ``*.gz`` files are decompressed on the fly.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from escalada.errors import (
    EmptyInputError,
    EncodingError,
    EscaladaError,
    InputError,
    TooLargeError,
)
from escalada.ingest.result import IngestResult
from escalada.ingest.text import normalise_text
from escalada.models.records import Document, content_hash
from escalada.settings import Settings

__all__ = [
    "BATCH_FIELDS",
    "iter_csv",
    "iter_jsonl",
    "line_limit",
    "parse_published",
    "record_to_document",
]

BATCH_FIELDS = (
    "id", "text", "title", "url", "published", "outlet", "author", "actor_text", "recipient_text",
)
_OPTIONAL_TEXT = ("title", "url", "outlet", "author")
_BOM = b"\xef\xbb\xbf"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DATEPARSER_SETTINGS = {
    # absolute dates only: "yesterday" in a file has no anchor, so it is refused, not guessed
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def line_limit(settings: Settings) -> int:
    """Longest physical line accepted: room for JSON escaping around the largest text."""
    return settings.max_document_bytes * 4 + 65536


def parse_published(value: object) -> dt.date | None:
    """A record's ``published`` as a date; ``None`` for blank; ``ValueError`` if unreadable.

    ISO dates/datetimes are read directly (keeping their own local date); other absolute
    forms go through dateparser. Relative expressions ("yesterday") are refused.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, not {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    import dateparser  # slow to import; only batches with free-form dates pay for it

    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise ValueError(f"cannot read published date {value!r}")
    return parsed.date()


def _optional_str(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
    value = " ".join(value.split())
    return value or None


def record_to_document(
    record: Mapping[str, Any], *, origin: str, max_bytes: int, source: str | None = None
) -> Document:
    """Build a :class:`Document` from one batch record; raise :class:`InputError` if bad.

    ``origin`` (``path:line``) goes into ``Document.origin``; the id is the record's own
    ``id`` or else the first 16 hex digits of the content hash.
    """
    where = origin.rsplit(":", 1)[-1]
    prefix = f"line {where}: " if where.isdigit() else ""
    raw_text = record.get("text")
    if raw_text is None or (isinstance(raw_text, str) and not raw_text.strip()):
        raise EmptyInputError(f"{prefix}record has no text", source=source)
    if not isinstance(raw_text, str):
        raise InputError(f"{prefix}'text' must be a string", source=source)
    size = len(raw_text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise TooLargeError(
            f"{prefix}text of {size:,} bytes is over the limit of {max_bytes:,}", source=source
        )
    text = normalise_text(raw_text)
    if not text.strip():
        raise EmptyInputError(f"{prefix}record has no text", source=source)
    try:
        raw_id = record.get("id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | type(None)):
            raise ValueError("field 'id' must be a string or integer")
        doc_id = str(raw_id).strip() if raw_id is not None else ""
        fields = {key: _optional_str(record, key) for key in _OPTIONAL_TEXT}
        spans = {}
        for key in ("actor_text", "recipient_text"):
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"field {key!r} must be a string")
            spans[key] = normalise_text(value) if value and value.strip() else None
        published = parse_published(record.get("published"))
    except ValueError as exc:
        raise InputError(f"{prefix}{exc}", source=source) from exc
    return Document(
        id=doc_id or content_hash(text)[:16],
        text=text,
        published=published,
        origin=origin,
        **fields,
        **spans,
    )


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)`` per physical line; ``None`` for a line longer than ``limit``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if number == 1:
            line = line.removeprefix(_BOM)
        if len(line) > limit:
            while not line.endswith(b"\n"):  # skip the rest of the runaway line
                line = stream.readline(1 << 20)
                if not line:
                    break
            yield number, None
            continue
        yield number, line


def _error(path: str, line: int | None, exc: EscaladaError) -> IngestResult:
    return IngestResult(f"{path}:{line}" if line else path, error=exc)


def iter_jsonl(path: str | Path, settings: Settings) -> Iterator[IngestResult]:
    """Stream a JSONL (or ``.jsonl.gz``) batch: one result per non-blank line."""
    name = str(path)
    limit = line_limit(settings)
    try:
        stream = _open(Path(path))
    except OSError as exc:
        yield _error(name, None, InputError(f"cannot read: {exc.strerror or exc}", source=name))
        return
    with stream:
        lines = _bounded_lines(stream, limit)
        while True:
            try:
                number, raw = next(lines)
            except StopIteration:
                return
            except (OSError, EOFError) as exc:  # truncated or corrupt gzip, I/O error
                yield _error(name, None, InputError(f"read failed: {exc}", source=name))
                return
            if raw is None:
                yield _error(name, number, TooLargeError(
                    f"line {number}: longer than {limit:,} bytes", source=name))
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except UnicodeDecodeError as exc:
                yield _error(name, number, EncodingError(
                    f"line {number}: not valid UTF-8 (byte {exc.start})", source=name))
                continue
            except json.JSONDecodeError as exc:
                yield _error(name, number, InputError(
                    f"line {number}: invalid JSON ({exc.msg} at column {exc.colno})",
                    source=name))
                continue
            if not isinstance(record, dict):
                yield _error(name, number, InputError(
                    f"line {number}: expected a JSON object, got {type(record).__name__}",
                    source=name))
                continue
            origin = f"{name}:{number}"
            try:
                document = record_to_document(
                    record, origin=origin, max_bytes=settings.max_document_bytes, source=name
                )
            except InputError as exc:
                yield _error(name, number, exc)
                continue
            yield IngestResult(origin, document=document)


def iter_csv(path: str | Path, settings: Settings) -> Iterator[IngestResult]:
    """Stream a CSV (or ``.csv.gz``) batch with a header row naming the record fields.

    Column names are matched case-insensitively; a ``text`` column is required. Quoted
    fields may span lines; a record is reported by the line it starts on.
    """
    name = str(path)
    limit = line_limit(settings)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)  # process-wide; only ever raised, never lowered
    oversized: set[int] = set()
    undecodable: set[int] = set()

    def text_lines(stream: IO[bytes]) -> Iterator[str]:
        for number, raw in _bounded_lines(stream, limit):
            if raw is None:
                oversized.add(number)
                yield "\n"
                continue
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                undecodable.add(number)
                yield raw.decode("utf-8", "replace")

    try:
        stream = _open(Path(path))
    except OSError as exc:
        yield _error(name, None, InputError(f"cannot read: {exc.strerror or exc}", source=name))
        return
    with stream:
        reader = csv.reader(text_lines(stream))
        try:
            header = [column.strip().lower() for column in next(reader)]
        except StopIteration:
            yield _error(name, None, EmptyInputError("empty CSV file", source=name))
            return
        except (csv.Error, OSError, EOFError) as exc:
            yield _error(name, 1, InputError(f"unreadable CSV header ({exc})", source=name))
            return
        if "text" not in header:
            yield _error(name, 1, InputError(
                f"CSV header has no 'text' column (columns: {', '.join(header)})", source=name))
            return
        previous = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, previous = previous + 1, reader.line_num
                yield _error(name, start, InputError(
                    f"line {start}: malformed CSV ({exc})", source=name))
                continue
            except (OSError, EOFError) as exc:
                yield _error(name, None, InputError(f"read failed: {exc}", source=name))
                return
            start, end = previous + 1, reader.line_num
            previous = end
            span = range(start, end + 1)
            if any(n in oversized for n in span):
                yield _error(name, start, TooLargeError(
                    f"line {start}: longer than {limit:,} bytes", source=name))
                continue
            if not any(cell.strip() for cell in row):
                continue
            if any(n in undecodable for n in span):
                yield _error(name, start, EncodingError(
                    f"line {start}: not valid UTF-8", source=name))
                continue
            if len(row) > len(header):
                yield _error(name, start, InputError(
                    f"line {start}: {len(row)} fields but the header has {len(header)}",
                    source=name))
                continue
            record = {
                key: (value if value.strip() else None)
                for key, value in zip(header, row, strict=False)
                if key in BATCH_FIELDS
            }
            origin = f"{name}:{start}"
            try:
                document = record_to_document(
                    record, origin=origin, max_bytes=settings.max_document_bytes, source=name
                )
            except InputError as exc:
                yield _error(name, start, exc)
                continue
            yield IngestResult(origin, document=document)
