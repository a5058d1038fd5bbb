"""OFAC legacy ``sdn.csv`` reader and list diff.

The file has 12 columns and no header, ``-0-`` (often with a trailing space) for null, CRLF line
ends, may end with a DOS end-of-file byte ``\\x1a`` and is not always valid UTF-8. Reading never
crashes on bytes: UTF-8 is tried first, then Windows-1252, then Latin-1 (which accepts anything).

:func:`diff_sdn` returns one :class:`~escalada.signals.records.SanctionChange` per entry that was
added, removed or changed (same ``ent_num``, any field different), sorted by change, then
``ent_num``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from escalada.errors import EmptyInputError, InputError
from escalada.signals.records import SanctionChange

__all__ = [
    "SDN_COLUMNS",
    "SdnEntry",
    "SdnList",
    "decode_sdn",
    "split_programs",
    "parse_sdn",
    "read_sdn",
    "diff_sdn",
    "diff_sdn_files",
]

SDN_COLUMNS = ("ent_num", "sdn_name", "sdn_type", "program", "title", "call_sign", "vess_type",
               "tonnage", "grt", "vess_flag", "vess_owner", "remarks")
_NULL = "-0-"
_PROGRAM_SPLIT = re.compile(r"\]\s*\[")


@dataclass(frozen=True, slots=True)
class SdnEntry:
    """One row of ``sdn.csv``; ``fields`` maps column name to value (``None`` for ``-0-``)."""

    ent_num: int
    fields: dict[str, str | None]
    programs: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.fields.get("sdn_name") or ""

    @property
    def sdn_type(self) -> str | None:
        return self.fields.get("sdn_type")


@dataclass(slots=True)
class SdnList:
    """A parsed list: entries by ``ent_num`` and the rows that could not be read."""

    source: str
    entries: dict[int, SdnEntry] = field(default_factory=dict)
    bad_rows: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


def decode_sdn(data: bytes) -> tuple[str, str]:
    """Decode the raw bytes; returns ``(text, encoding used)``. Never raises."""
    data = data.rstrip(b"\x1a\r\n \t")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def split_programs(cell: str | None) -> tuple[str, ...]:
    """``"SDGT] [IRGC"`` (or ``"[SDGT] [IRGC]"``) → ``("SDGT", "IRGC")``."""
    if not cell:
        return ()
    parts = (p.strip().strip("[]").strip() for p in _PROGRAM_SPLIT.split(cell))
    return tuple(p for p in parts if p)


def _clean(value: str) -> str | None:
    value = value.strip()
    return None if value in (_NULL, "") else value


def parse_sdn(text: str, source: str = "<sdn>") -> SdnList:
    """Parse decoded ``sdn.csv`` text (see :func:`decode_sdn`)."""
    result = SdnList(source=source)
    for lineno, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row or all(not cell.strip() for cell in row) or row == ["\x1a"]:
            continue
        if len(row) != len(SDN_COLUMNS):
            result.bad_rows.append(f"line {lineno}: {len(row)} columns, expected 12")
            continue
        try:
            ent_num = int(row[0].strip())
        except ValueError:
            result.bad_rows.append(f"line {lineno}: ent_num {row[0]!r} is not a number")
            continue
        values = {name: _clean(cell) for name, cell in zip(SDN_COLUMNS, row, strict=True)}
        values.pop("ent_num")
        result.entries[ent_num] = SdnEntry(ent_num, values, split_programs(values["program"]))
    return result


def read_sdn(path: str | Path) -> SdnList:
    """Read one ``sdn.csv`` file; raises :class:`InputError` (naming the file) if unusable."""
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from exc
    text, encoding = decode_sdn(data)
    if not text.strip():
        raise EmptyInputError("empty SDN list", source=source)
    result = parse_sdn(text, source)
    result.encoding = encoding
    if not result.entries:
        detail = f" ({result.bad_rows[0]})" if result.bad_rows else ""
        raise InputError(f"no SDN rows with 12 columns{detail}", source=source)
    return result


def _change(kind: str, entry: SdnEntry, changed: tuple[str, ...] = (),
            gained: tuple[str, ...] = (), lost: tuple[str, ...] = ()) -> SanctionChange:
    return SanctionChange(change=kind, ent_num=entry.ent_num, name=entry.name,
                          sdn_type=entry.sdn_type, programs=entry.programs,
                          changed_fields=changed, gained_programs=gained, lost_programs=lost)


def diff_sdn(old: SdnList, new: SdnList) -> list[SanctionChange]:
    """Changes from ``old`` to ``new``: added, then removed, then changed, each by ``ent_num``.

    Program cells are compared as sets (order inside the cell does not count as a change); for a
    changed entry ``gained_programs`` / ``lost_programs`` say which programs came and went.
    """
    old_e, new_e = old.entries, new.entries
    added = [_change("added", new_e[k]) for k in sorted(new_e.keys() - old_e.keys())]
    removed = [_change("removed", old_e[k]) for k in sorted(old_e.keys() - new_e.keys())]
    changed: list[SanctionChange] = []
    for key in sorted(old_e.keys() & new_e.keys()):
        before, after = old_e[key], new_e[key]
        if before.fields == after.fields:
            continue
        fields_changed = []
        for name in SDN_COLUMNS[1:]:
            if name == "program":
                if set(before.programs) != set(after.programs):
                    fields_changed.append(name)
            elif before.fields[name] != after.fields[name]:
                fields_changed.append(name)
        if not fields_changed:
            continue
        gained = tuple(p for p in after.programs if p not in before.programs)
        lost = tuple(p for p in before.programs if p not in after.programs)
        changed.append(_change("changed", after, tuple(fields_changed), gained, lost))
    return added + removed + changed


def diff_sdn_files(old: str | Path, new: str | Path) -> list[SanctionChange]:
    """Read two ``sdn.csv`` files and diff them (see :func:`diff_sdn`)."""
    return diff_sdn(read_sdn(old), read_sdn(new))
