"""Blocks of batch fusion: every mention's home cell (dyad x time window) and what it can see.

* **Home cell.** A mention lives in the cell of its dyad, as fusion keys it
  (:func:`escalada.fusion.blocking.dyad_key` of the actor's and recipient's
  :func:`~escalada.fusion.blocking.party_key`, an actor without one counting as unresolved),
  and of the window of ``window_days`` days (aligned on Mondays) holding the first day of its
  date span (:func:`~escalada.fusion.blocking.date_span`). Mentions without any date or
  publication day go to their dyad's *undated* cell: fusion never joins dated and undated
  mentions.
* **Reach.** A mention can be compared with anything whose span comes within
  :func:`reach_days` of its own (fusion's date window plus one block bucket), so a cell records
  the first and last window its mentions reach.
* **View.** The task of a home cell fuses the cell's mentions together with every cell they
  could meet: the same dyad in windows within reach, and, because a mention without recipient
  may join any event of its actor (and symmetric types the reverse direction), the cells of
  dyads that share a party with it when either side is missing. An event near a window
  boundary is thus fused whole in both neighbouring tasks; ownership (the home cell of the
  event's first report) decides which task writes it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from escalada.fusion.blocking import UNRESOLVED, dyad_key, party_key
from escalada.models.records import ActorRef

__all__ = ["Cell", "CellStats", "cell_label", "components", "home_cell", "reach_days",
           "view_of", "window_label"]

UNDATED = "undated"
_EPOCH_MONDAY = dt.date(2001, 1, 1).toordinal()  # a Monday: 7-day windows are ISO weeks


@dataclass(frozen=True, slots=True, order=True)
class Cell:
    """A block of batch fusion: an unordered dyad of party keys and a window (None: undated)."""

    dyad: tuple[str, str]
    window: int | None

    @property
    def parties(self) -> set[str]:
        return {party for party in self.dyad if party}

    @property
    def one_sided(self) -> bool:
        return "" in self.dyad


@dataclass(slots=True)
class CellStats:
    """How many mentions a cell holds and the windows they reach (None for undated)."""

    mentions: int = 0
    first_reach: int | None = None
    last_reach: int | None = None

    def add(self, count: int, first: int | None, last: int | None) -> None:
        self.mentions += count
        if first is not None and last is not None:
            self.first_reach = first if self.first_reach is None else min(self.first_reach,
                                                                          first)
            self.last_reach = last if self.last_reach is None else max(self.last_reach, last)


def reach_days(fusion_window_days: int) -> int:
    """How far apart two spans may be and still meet in fusion: its date window plus one
    bucket of :class:`escalada.fusion.blocking.BlockIndex` (``2 * window + 1`` days)."""
    return fusion_window_days + 2 * fusion_window_days + 1


def window_of(ordinal: int, window_days: int) -> int:
    """Index of the window holding a day (``date.toordinal()``)."""
    return (ordinal - _EPOCH_MONDAY) // window_days


def window_label(window: int | None, window_days: int) -> str:
    """``2025-W47`` for weekly windows, the first day (``2025-11-17``) for others,
    ``undated`` for the undated cell."""
    if window is None:
        return UNDATED
    start = dt.date.fromordinal(_EPOCH_MONDAY + window * window_days)
    if window_days == 7:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


def _party_label(party: str) -> str:
    return {"": "none", UNRESOLVED: "unresolved"}.get(party, party)


def cell_label(dyad: tuple[str, str]) -> str:
    """The dyad as a path-safe partition value: ``USA-VEN``, ``USA-none``."""
    a, b = dyad
    if not a:  # keep the missing side last, as people write it
        a, b = b, a
    return f"{_party_label(a)}-{_party_label(b)}"


def mention_dyad(actor: list[ActorRef], recipient: list[ActorRef]) -> tuple[str, str]:
    """The dyad fusion blocks a mention by (an actor without party key is unresolved)."""
    return dyad_key(party_key(actor) or UNRESOLVED, party_key(recipient))


def home_cell(dyad: tuple[str, str], span: tuple[int, int] | None, *, window_days: int,
              reach: int) -> tuple[Cell, int | None, int | None]:
    """A mention's home cell and the first and last window it reaches."""
    if span is None:
        return Cell(dyad, None), None, None
    return (Cell(dyad, window_of(span[0], window_days)),
            window_of(span[0] - reach, window_days), window_of(span[1] + reach, window_days))


def _dyads_meet(a: Cell, b: Cell) -> bool:
    return a.dyad == b.dyad or ((a.one_sided or b.one_sided) and bool(a.parties & b.parties))


def _windows_meet(home: CellStats, other: CellStats, home_cell_: Cell, other_cell: Cell,
                  ) -> bool:
    if home_cell_.window is None or other_cell.window is None:
        return home_cell_.window is None and other_cell.window is None
    assert home.first_reach is not None and home.last_reach is not None
    assert other.first_reach is not None and other.last_reach is not None
    return home.first_reach <= other.last_reach and other.first_reach <= home.last_reach


def party_index(cells: Iterable[Cell]) -> dict[str, list[Cell]]:
    """Cells by party (for :func:`view_of`)."""
    by_party: dict[str, list[Cell]] = {}
    for cell in cells:
        for party in cell.parties or {""}:
            by_party.setdefault(party, []).append(cell)
    return by_party


def view_of(homes: set[Cell], cells: Mapping[Cell, CellStats],
            by_party: Mapping[str, list[Cell]] | None = None) -> list[Cell]:
    """Every cell whose mentions the task of ``homes`` must fuse with its own (module
    docstring), sorted; ``by_party`` is :func:`party_index` of ``cells`` (built if None)."""
    if by_party is None:
        by_party = party_index(cells)
    view: set[Cell] = set(homes)
    for home in homes:
        stats = cells[home]
        for party in home.parties or {""}:
            for other in by_party.get(party, ()):
                if (other not in view and _dyads_meet(home, other)
                        and _windows_meet(stats, cells[other], home, other)):
                    view.add(other)
    return sorted(view, key=_cell_order)


def _cell_order(cell: Cell) -> Any:
    return (cell.dyad, -1 if cell.window is None else cell.window)


_UNDATED_REACH = (-(2**62), -(2**62))  # undated cells meet undated cells only


def _reach(stats: CellStats) -> tuple[int, int]:
    if stats.first_reach is None or stats.last_reach is None:
        return _UNDATED_REACH
    return stats.first_reach, stats.last_reach


def components(cells: Mapping[Cell, CellStats]) -> list[list[Cell]]:
    """The connected components of the "may meet" relation of :func:`view_of` (two cells
    meet when one is in the other's view), each sorted, in order of their first cell.

    A component is closed: its mentions never meet a mention outside it, so fusing it alone
    gives exactly what one fusion run over everything gives for its mentions. Found with
    interval sweeps instead of all pairs: cells of one dyad whose reaches overlap, then every
    cell holding a party with the one-sided cells of that party whose reaches overlap.
    """
    parent: dict[Cell, Cell] = {cell: cell for cell in cells}

    def find(cell: Cell) -> Cell:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a: Cell, b: Cell) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_dyad: dict[tuple[str, str], list[Cell]] = {}
    for cell in cells:
        by_dyad.setdefault(cell.dyad, []).append(cell)
    for group in by_dyad.values():  # same dyad: interval-graph connectivity
        group.sort(key=lambda c: _reach(cells[c]))
        last, end = group[0], _reach(cells[group[0]])[1]
        for cell in group[1:]:
            first_, last_ = _reach(cells[cell])
            if first_ <= end:
                union(last, cell)
            last, end = cell, max(end, last_) if first_ <= end else last_
    hubs: dict[str, list[tuple[int, int, Cell]]] = {}  # one-sided cells, merged by reach
    for dyad, group in by_dyad.items():
        if "" not in dyad:
            continue
        party = dyad[0] or dyad[1]
        merged = hubs.setdefault(party, [])
        for cell in group:  # sorted by reach; overlapping ones are already joined
            first_, last_ = _reach(cells[cell])
            if merged and first_ <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last_), merged[-1][2])
            else:
                merged.append((first_, last_, cell))
    for hub in hubs.values():
        hub.sort()
    starts = {party: [h[0] for h in hub] for party, hub in hubs.items()}
    for cell, stats in cells.items():
        first_, last_ = _reach(stats)
        for party in cell.parties:
            hub = hubs.get(party)
            if not hub:
                continue
            index = max(0, bisect.bisect_right(starts[party], last_) - 1)
            while index >= 0 and hub[index][1] >= first_:
                if hub[index][0] <= last_:
                    union(cell, hub[index][2])
                index -= 1
    found: dict[Cell, list[Cell]] = {}
    for cell in cells:
        found.setdefault(find(cell), []).append(cell)
    groups = [sorted(group, key=_cell_order) for group in found.values()]
    return sorted(groups, key=lambda g: _cell_order(g[0]))
