"""Bytes to clean text: size limits, binary sniffing, decoding and normalisation.

Everything that reads raw input goes through here so that the same rules apply to files,
stdin, fetched pages and batch records:

* size is checked before the whole input is in memory (``stat`` and a bounded read);
* binary data (NUL bytes, many control characters, well-known magic numbers) is refused;
* UTF-8 is tried first, then a declared encoding, then :mod:`charset_normalizer`;
* the result is NFC-normalised with ``\\n`` newlines, no BOM and no stray control characters.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO

from escalada.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
)

__all__ = [
    "SNIFF_BYTES",
    "binary_reason",
    "check_size",
    "decode_bytes",
    "normalise_text",
    "read_limited",
    "read_path",
]

#: How many leading bytes are inspected to decide whether input is binary.
SNIFF_BYTES = 8192
#: Share of control bytes in the sniffed head above which input counts as binary.
_CONTROL_RATIO = 0.10

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that never occur in text: C0 controls except tab, newline, vertical tab, form feed,
# carriage return and escape.
_CONTROL_BYTES = frozenset(set(range(0x00, 0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x1B))
                           | {0x1C, 0x1D, 0x1E, 0x1F, 0x7F})

# Single-byte Western code pages that charset_normalizer cannot tell apart on short text;
# for English news cp1252 (a superset of Latin-1's printable range) is by far the likeliest.
_WESTERN = re.compile(r"^(cp125[02789]|cp1252|latin_1|iso8859_(1|2|4|9|10|13|14|15|16)|"
                      r"mac_(roman|latin2|iceland)|cp775|cp850|cp852|cp858)$")

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029\x0c]")


def check_size(size: int, limit: int, source: str) -> None:
    """Raise :class:`TooLargeError` when ``size`` bytes exceed ``limit``."""
    if size > limit:
        raise TooLargeError(
            f"{size:,} bytes is over the limit of {limit:,} bytes "
            "(raise max_document_bytes to accept it)",
            source=source,
        )


def read_limited(stream: BinaryIO, limit: int, source: str) -> bytes:
    """Read at most ``limit`` bytes from ``stream``; :class:`TooLargeError` if there are more.

    Reads ``limit + 1`` bytes so an oversized input is detected without reading all of it.
    """
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLargeError(
            f"more than {limit:,} bytes (raise max_document_bytes to accept it)", source=source
        )
    return data


def read_path(path: str | os.PathLike[str], limit: int, source: str | None = None) -> bytes:
    """Read a file of at most ``limit`` bytes, checking its size with ``stat`` first."""
    name = source or str(path)
    p = Path(path)
    try:
        if p.is_file():
            check_size(p.stat().st_size, limit, name)
        with p.open("rb") as fh:
            return read_limited(fh, limit, name)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from exc


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary, or ``None`` when it looks like text.

    UTF-16/32 text with a BOM is text even though it contains NUL bytes.
    """
    if any(data.startswith(bom) for bom, enc in _BOMS if enc != "utf-8"):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"looks like {what}, not text"
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes; looks like binary data, not text"
    if head:
        controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
        if controls / len(head) > _CONTROL_RATIO:
            return f"{controls} control bytes in the first {len(head)}; looks like binary data"
    return None


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    """Best guess from charset_normalizer, preferring cp1252 within the Western family."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer ships with trafilatura/httpx
        from_bytes = None
    if from_bytes is not None:
        best = from_bytes(data[: 1 << 20]).best()
        if best is None:
            return None
        if _WESTERN.match(best.encoding):
            for preferred in ("cp1252", "latin_1"):
                try:
                    data.decode(preferred)
                except UnicodeDecodeError:
                    continue
                return preferred
        return best.encoding
    try:  # no detector available: cp1252 is the usual culprit for English news
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "cp1252"


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (scraped pages mixing encodings) decodes with U+FFFD.

    Accepted when the input holds real multi-byte UTF-8 characters and the bad bytes are
    rare (at most 2 per 100 good non-ASCII characters, plus 3); Latin-1 text, where every
    accented byte is invalid UTF-8, never qualifies and goes to charset detection instead.
    """
    if b"\xef\xbf\xbd" in data:
        return None  # replacement characters already present: cannot count reliably
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if good and bad <= 3 + good // 50:
        return text
    return None


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` newlines, no BOM, no control characters, no trailing spaces on lines."""
    text = text.lstrip("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _decode_without_bom(data: bytes, source: str, declared: str | None) -> str:
    """UTF-8, then mostly-UTF-8, then the declared encoding, then the detected one."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    text = _mostly_utf8(data)
    if text is not None:
        return text
    candidates = [c for c in (_valid_codec(declared),) if c and c != "utf-8"]
    detected = _detect(data)
    if detected:
        candidates.append(detected)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise EncodingError(
        f"not valid UTF-8 (bad byte at offset {first_error.start}) and no other encoding "
        "fits; convert it to UTF-8",
        source=source,
    ) from first_error


def decode_bytes(
    data: bytes,
    source: str,
    *,
    declared_encoding: str | None = None,
    max_bytes: int | None = None,
) -> str:
    """Decode raw bytes into normalised text.

    Order: size check, binary check, BOM, UTF-8 (a few stray bad bytes in otherwise valid
    UTF-8 become U+FFFD), ``declared_encoding`` (e.g. an HTTP charset), then charset
    detection. Raises :class:`TooLargeError`, :class:`BinaryInputError`,
    :class:`EncodingError` or :class:`EmptyInputError` (empty or whitespace-only), each
    naming ``source``.
    """
    if max_bytes is not None:
        check_size(len(data), max_bytes, source)
    if not data.strip():
        raise EmptyInputError("empty or whitespace-only input", source=source)
    reason = binary_reason(data)
    if reason:
        raise BinaryInputError(reason, source=source)

    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start})",
                    source=source,
                ) from exc
            break
    if text is None:
        text = _decode_without_bom(data, source, declared_encoding)
    text = normalise_text(text)
    if not text.strip():
        raise EmptyInputError("empty or whitespace-only input", source=source)
    return text
