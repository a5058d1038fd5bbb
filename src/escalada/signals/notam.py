"""NOTAM parser for the ICAO format and the FAA international text format.

ICAO format (items may share a line or start new ones)::

    A1234/25 NOTAMN
    Q) SVZM/QRTCA/IV/BO/W/000/999/1030N06655W025
    A) SVZM B) 2511211743 C) 2602192359 EST
    D) DAILY 1200-1800
    E) TEMPORARY RESTRICTED AREA ...
    F) SFC G) UNL

FAA international (as in ``notam_KICZ_A0012-25_transcribed.txt``)::

    KICZ A0012/25 NOTAM...SECURITY...TEXT ...
    SFC-UNL: 21 NOV 17:43 UTC 2025 UNTIL 19 FEB 23:59 UTC 2026. CREATED: 21 NOV 18:08 UTC 2025

A file holds one or more NOTAMs separated by blank lines (a blank line inside a NOTAM is kept when
the next paragraph does not start a new NOTAM). Times are UTC. ``firs`` joins the Q-line FIR, the
``A)`` locations when the Q-line FIR is a multi-FIR code (``..XX``), and FIR designators named in
brackets in the text (``(SVZM)``, ``(SVZM FIR)``). The FAA header keyword ``NOTAM`` maps to type
``NOTAMN``. A NOTAM that cannot be parsed (no ``B)``, bad times) is an :class:`InputError` for that
NOTAM, naming the file; the other NOTAMs of the file are still returned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from escalada.errors import EmptyInputError, InputError
from escalada.signals.records import Notam, Outcome

__all__ = ["NotamError", "parse_notams", "read_notams", "split_notams", "parse_notam"]


class NotamError(InputError):
    """One NOTAM of a file could not be parsed."""

    reason = "bad NOTAM"


_ICAO_HEADER = re.compile(
    r"^\(?\s*(?:(?P<loc>[A-Z]{4})\s+)?(?P<id>[A-Z]\d{4}/\d{2})\s+NOTAM(?P<kind>[NRC])\b"
    r"(?:\s+(?P<ref>[A-Z]\d{4}/\d{2}))?")
_FAA_HEADER = re.compile(r"^!?(?P<loc>[A-Z]{4})\s+(?P<id>[A-Z]\d{4}/\d{2})\s+"
                         r"NOTAM(?P<kind>[NRC])?\b")
_ITEM = re.compile(r"(?:(?<=\s)|^)(?P<key>[QABCDEFG])\)\s?", re.M)
_ORDER = "QABCDEFG"
_QLINE = re.compile(
    r"^(?P<fir>[A-Z]{4})/(?P<qcode>Q?[A-Z]{4,5})/(?P<traffic>[A-Z ]*)/(?P<purpose>[A-Z ]*)/"
    r"(?P<scope>[A-Z ]*)/(?P<lower>\d{3})/(?P<upper>\d{3})/"
    r"(?:(?P<lat>\d{4}[NS])(?P<lon>\d{5}[EW])(?P<radius>\d{3}))?")
_ICAO_TIME = re.compile(r"^(\d{10})\s*(EST)?$|^(PERM)$")
_MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                                        "SEP", "OCT", "NOV", "DEC"), start=1)}
_FAA_TIME = r"(\d{1,2})\s+([A-Z]{3})\s+(\d{1,2}):?(\d{2})\s+UTC\s+(\d{4})"
_FAA_VALIDITY = re.compile(
    r"(?P<lower>[A-Z0-9]+)-(?P<upper>[A-Z0-9]+):\s*(?P<start>" + _FAA_TIME + r")\s+UNTIL\s+"
    r"(?:(?P<perm>PERM)|(?P<end>" + _FAA_TIME + r")(?P<est>\s+EST)?)\.?"
    r"(?:\s*CREATED:\s*(?P<created>" + _FAA_TIME + r"))?", re.S)
_CREATED = re.compile(r"CREATED:\s*(\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?|"
                      + _FAA_TIME + r")", re.I)
_CREATED_LINE = re.compile(r"\bCREATED:.*$", re.M | re.I)
_FIR_IN_TEXT = re.compile(r"\(([A-HK-PR-WYZ][A-Z]{3})(?:\s+FIR)?\)")
_NOT_FIRS = {"NOTE", "PERM", "DAILY", "EAST", "WEST", "NORTH", "SOUTH", "UNTIL"}


def _icao_time(value: str, source: str, notam_id: str, item: str) -> tuple[dt.datetime | None,
                                                                          bool, bool]:
    """``2511211743`` / ``2511211743 EST`` / ``PERM`` → (time, estimated, permanent)."""
    match = _ICAO_TIME.match(value.strip())
    if not match:
        raise NotamError(f"NOTAM {notam_id}: bad {item}) time {value.strip()!r}", source=source)
    if match.group(3):
        return None, False, True
    try:
        when = dt.datetime.strptime(match.group(1), "%y%m%d%H%M").replace(tzinfo=dt.UTC)
    except ValueError as exc:
        raise NotamError(f"NOTAM {notam_id}: bad {item}) time {value.strip()!r}",
                         source=source) from exc
    return when, bool(match.group(2)), False


def _faa_time(text: str) -> dt.datetime:
    match = re.fullmatch(_FAA_TIME, text.strip())
    if not match:
        raise ValueError(text)
    day, month, hour, minute, year = match.groups()
    return dt.datetime(int(year), _MONTHS[month.upper()], int(day), int(hour), int(minute),
                       tzinfo=dt.UTC)


def _created(text: str) -> dt.datetime | None:
    match = _CREATED.search(text)
    if not match:
        return None
    value = match.group(1).strip()
    for fmt in ("%d %b %Y %H:%M:%S", "%d %b %Y %H:%M"):
        try:
            return dt.datetime.strptime(value, fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    try:
        return _faa_time(value.upper())
    except (ValueError, KeyError):
        return None


def _firs_in_text(text: str) -> list[str]:
    return [m for m in _FIR_IN_TEXT.findall(text) if m not in _NOT_FIRS]


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _items(body: str) -> dict[str, str]:
    """Split ``Q) ... A) ... E) ...`` into items, keeping only markers in ICAO order."""
    found: list[tuple[str, int, int]] = []
    last = -1
    for match in _ITEM.finditer(body):
        rank = _ORDER.index(match.group("key"))
        if rank > last:
            found.append((match.group("key"), match.start(), match.end()))
            last = rank
    items = {}
    for i, (key, _start, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(body)
        items[key] = body[end:stop].strip().rstrip(")").strip() if i + 1 == len(found) \
            else body[end:stop].strip()
    return items


def _fl(value: str) -> str:
    return "SFC" if value == "000" else ("UNL" if value == "999" else f"FL{value}")


def _coord(value: str) -> float:
    degrees_len = 2 if value[-1] in "NS" else 3
    degrees = int(value[:degrees_len]) + int(value[degrees_len:-1]) / 60
    return round(-degrees if value[-1] in "SW" else degrees, 4)


def _parse_icao(block: str, source: str) -> Notam:
    header = _ICAO_HEADER.match(block)
    assert header is not None
    notam_id = header.group("id")
    items = _items(_CREATED_LINE.sub("", block[header.end():]))
    if "B" not in items:
        raise NotamError(f"NOTAM {notam_id}: no B) (start of validity)", source=source)
    valid_from, _, _ = _icao_time(items["B"], source, notam_id, "B")
    if valid_from is None:
        raise NotamError(f"NOTAM {notam_id}: B) cannot be PERM", source=source)
    valid_to, estimated, permanent = (None, False, False)
    if "C" in items:
        valid_to, estimated, permanent = _icao_time(items["C"], source, notam_id, "C")
    q = _QLINE.match(re.sub(r"\s+", "", items.get("Q", "")))
    locations = items.get("A", "").split()
    firs: list[str] = []
    if q:
        firs.append(q.group("fir"))
        if q.group("fir").endswith("XX"):
            firs = [loc for loc in locations if len(loc) == 4] or firs
    text = items.get("E", "")
    firs += _firs_in_text(text)
    lower = items.get("F") or (_fl(q.group("lower")) if q else None)
    upper = items.get("G") or (_fl(q.group("upper")) if q else None)
    return Notam(
        id=notam_id, type="NOTAM" + header.group("kind"),
        location=locations[0] if locations else header.group("loc"), firs=_unique(firs),
        qcode=q.group("qcode") if q else None, lower=lower, upper=upper,
        valid_from=valid_from, valid_to=valid_to, estimated=estimated,
        created=_created(block), text=re.sub(r"\s+", " ", text).strip(),
        permanent=permanent, replaces=header.group("ref"),
        traffic=q.group("traffic").strip() or None if q else None,
        purpose=q.group("purpose").strip() or None if q else None,
        scope=q.group("scope").strip() or None if q else None,
        lat=_coord(q.group("lat")) if q and q.group("lat") else None,
        lon=_coord(q.group("lon")) if q and q.group("lon") else None,
        radius_nm=int(q.group("radius")) if q and q.group("radius") else None,
        schedule=items.get("D") or None)


def _parse_faa(block: str, source: str) -> Notam:
    header = _FAA_HEADER.match(block)
    assert header is not None
    notam_id = header.group("id")
    matches = list(_FAA_VALIDITY.finditer(block))
    validity = matches[-1] if matches else None  # the last validity line is the NOTAM's own
    if validity is None:
        raise NotamError(f"NOTAM {notam_id}: no validity line ('SFC-UNL: ... UNTIL ...')",
                         source=source)
    try:
        valid_from = _faa_time(validity.group("start"))
        valid_to = _faa_time(validity.group("end")) if validity.group("end") else None
        created = _faa_time(validity.group("created")) if validity.group("created") else None
    except (ValueError, KeyError) as exc:
        raise NotamError(f"NOTAM {notam_id}: bad time in {validity.group(0)!r}",
                         source=source) from exc
    text = block[header.end():validity.start()]
    text = re.sub(r"\s+", " ", text).strip().lstrip(".").strip()
    return Notam(
        id=notam_id, type="NOTAM" + (header.group("kind") or "N"), location=header.group("loc"),
        firs=_unique(_firs_in_text(text)), qcode=None, lower=validity.group("lower"),
        upper=validity.group("upper"), valid_from=valid_from, valid_to=valid_to,
        estimated=bool(validity.group("est")), created=created, text=text,
        permanent=bool(validity.group("perm")))


def _is_header(paragraph: str) -> bool:
    return bool(_ICAO_HEADER.match(paragraph) or _FAA_HEADER.match(paragraph))


def split_notams(text: str) -> list[str]:
    """Blocks of one NOTAM each: paragraphs, glued back when one does not open a NOTAM."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if blocks and not _is_header(paragraph):
            blocks[-1] += "\n\n" + paragraph
        else:
            blocks.append(paragraph)
    return blocks


def parse_notam(block: str, source: str = "<notam>") -> Notam:
    """Parse one NOTAM block in either format; raises :class:`NotamError`."""
    icao, faa = _ICAO_HEADER.match(block), _FAA_HEADER.match(block)
    if icao and (faa is None or _ITEM.search(block, icao.end())):
        return _parse_icao(block, source)
    if faa:
        return _parse_faa(block, source)
    first = block.splitlines()[0][:40] if block else ""
    raise NotamError(f"not a NOTAM header: {first!r}", source=source)


def parse_notams(text: str, source: str = "<notam>") -> Iterator[Outcome[Notam]]:
    """One :class:`Outcome` per NOTAM block of ``text`` (record or error)."""
    for block in split_notams(text):
        try:
            yield Outcome(record=parse_notam(block, source), source=source)
        except NotamError as exc:
            yield Outcome(error=exc, source=source)


def read_notams(path: str | Path) -> Iterator[Outcome[Notam]]:
    """Parse a NOTAM file; an unreadable or empty file yields one error outcome."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield Outcome(error=InputError(f"cannot read: {exc.strerror or exc}", source=source),
                      source=source)
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if not text.strip():
        yield Outcome(error=EmptyInputError("empty NOTAM file", source=source), source=source)
        return
    yield from parse_notams(text, source)
