"""The briefing rendered by headless Chromium shows the chart (skipped without Chromium)."""

from __future__ import annotations

import importlib.util
import struct
import zlib
from pathlib import Path

import pytest

from escalada.brief import build_brief, render
from escalada.demo import demo_events

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_brief.py"
CONFLICT_RED = (0xC0, 0x39, 0x2B)


def _script():
    spec = importlib.util.spec_from_file_location("screenshot_brief", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _pixels(png: bytes) -> tuple[int, int, int, list[bytearray]]:
    """Rows of an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        chunk = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    width, height, depth, colour, *_ = header
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(data), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) *
                                                          (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            add = (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            line[i] = (line[i] + add) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def test_screenshot_shows_the_chart(tmp_path) -> None:
    module = _script()
    if module.find_chromium() is None:
        pytest.skip("no Chromium on this machine (apt-get install chromium)")
    html = tmp_path / "brief.html"
    html.write_text(render(build_brief(demo_events()), "html"), encoding="utf-8")
    png = module.screenshot(html, tmp_path / "brief.png", width=900, height=560)
    width, height, bpp, rows = _pixels(png.read_bytes())
    assert (width, height) == (900, 560)
    red = [(x, y) for y, row in enumerate(rows) for x in range(0, width)
           if all(abs(row[x * bpp + i] - CONFLICT_RED[i]) < 40 for i in range(3))]
    assert len(red) > 300, "the chart's conflict bars are not visible"
    tallest = max(sum(1 for x, _ in red if x == column) for column in {x for x, _ in red})
    assert tallest > 40  # a bar (the escalation day), not red text
