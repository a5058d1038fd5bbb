from __future__ import annotations

import codecs
import io
import time

import pytest

from escalada.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
)
from escalada.ingest.text import (
    binary_reason,
    decode_bytes,
    normalise_text,
    read_limited,
    read_path,
)

from .samples import ENGLISH


def test_utf8_with_bom_crlf_and_nfd_is_normalised() -> None:
    raw = codecs.BOM_UTF8 + "Cafe\u0301 talks\r\nsecond line  \rthird\r\n".encode()
    text = decode_bytes(raw, "a.txt")
    assert text == "Caf\u00e9 talks\nsecond line\nthird"
    assert "\ufeff" not in text and "\r" not in text


@pytest.mark.parametrize("raw", [b"", b"   \n\t \r\n  ", codecs.BOM_UTF8 + b"\n \n"])
def test_empty_or_whitespace_only_is_refused(raw: bytes) -> None:
    with pytest.raises(EmptyInputError) as info:
        decode_bytes(raw, "empty.txt")
    assert info.value.source == "empty.txt"
    assert "empty.txt" in str(info.value)


def test_png_header_with_nuls_is_binary() -> None:
    raw = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"IHDR"
    with pytest.raises(BinaryInputError) as info:
        decode_bytes(raw, "picture.txt")
    assert "PNG" in str(info.value) and "picture.txt" in str(info.value)


def test_nul_bytes_and_control_soup_are_binary() -> None:
    assert binary_reason(b"some text\x00more") is not None
    soup = bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17]) * 30 + b"abc"
    assert binary_reason(soup) is not None
    assert binary_reason(ENGLISH.encode()) is None


def test_utf16_with_bom_is_text_not_binary() -> None:
    raw = codecs.BOM_UTF16_LE + "Troops withdrew.".encode("utf-16-le")
    assert decode_bytes(raw, "u16.txt") == "Troops withdrew."


def test_latin1_bytes_are_decoded_by_detection() -> None:
    raw = ("The minister\u2019s caf\u00e9 meeting in Bogot\u00e1 ended late, "
           "officials said.").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = decode_bytes(raw, "latin.txt")
    assert "caf\u00e9" in text and "Bogot\u00e1" in text and "minister\u2019s" in text


def test_mostly_utf8_with_a_stray_byte_is_not_mojibake() -> None:
    good = "The minister\u2019s statement \u2014 issued in Bogot\u00e1 \u2014 was brief. "
    raw = (good * 5).encode("utf-8") + b"Stray \xe9 byte."
    text = decode_bytes(raw, "mixed.txt")
    assert text.startswith(good.strip())  # not "ministerâ€™s"
    assert text.endswith("Stray \ufffd byte.")


def test_declared_encoding_is_used_when_not_utf8() -> None:
    raw = "Le ministre a d\u00e9clar\u00e9 \u00e0 la presse.".encode("latin-1")
    assert decode_bytes(raw, "x", declared_encoding="iso-8859-1").endswith("\u00e0 la presse.")


def test_undecodable_bytes_raise_encoding_error_naming_the_file() -> None:
    raw = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(EncodingError) as info:
        decode_bytes(raw, "garbled.txt")
    assert "garbled.txt" in str(info.value)
    assert info.value.reason == "bad encoding"


def test_size_limit_on_bytes() -> None:
    with pytest.raises(TooLargeError):
        decode_bytes(b"a" * 101, "big.txt", max_bytes=100)
    assert decode_bytes(b"a" * 100, "ok.txt", max_bytes=100) == "a" * 100


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk


def test_read_limited_stops_after_limit_plus_one() -> None:
    stream = CountingStream(b"x" * 10_000)
    with pytest.raises(TooLargeError):
        read_limited(stream, 100, "<stdin>")
    assert stream.consumed == 101


def test_read_path_rejects_large_file_by_stat(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse 50 MB file: instant, no disk use
        fh.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(TooLargeError) as info:
        read_path(path, 5 * 1024 * 1024)
    assert time.perf_counter() - start < 1.0
    assert "huge.txt" in str(info.value)


def test_read_path_small_limit_and_missing_file(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"y" * 50)
    assert read_path(path, 50) == b"y" * 50
    with pytest.raises(TooLargeError):
        read_path(path, 49)
    with pytest.raises(InputError) as info:
        read_path(tmp_path / "missing.txt", 10)
    assert "missing.txt" in str(info.value)


def test_normalise_text_drops_control_characters_keeps_tabs() -> None:
    assert normalise_text("a\x07b\tc\u2028d\x0be") == "ab\tc\nde"
