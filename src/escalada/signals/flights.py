"""Daily flights per FIR, compared with a same-weekday baseline, with collapse alerts.

Counting rule
    A *flight* is one aircraft track (a file's positions of one ``icao``) split where positions are
    more than ``gap_minutes`` (30) apart or where readsb flags a new leg. It counts for an FIR
    when at least one **airborne** position lies inside that FIR, once, on the UTC date of its
    first airborne position there. Ground-only aircraft are never flights. Nested or overlapping
    FIRs (SKEC inside SKED) each count the flight. A flight split across files (e.g. crossing
    midnight between two daily trace files) is joined again when the same ``icao`` continues
    within ``gap_minutes``, so it counts once, on the day it first entered the FIR.

Baseline and status (defaults of :class:`FlightOptions`)
    ``baseline`` = median of the same weekday over the previous ``weeks`` (4) weeks that have data;
    at least ``min_weeks`` (2) are needed, else ``no_baseline``. The median ignores one bad day.
    ``ratio = flights / baseline``; with ``baseline < min_baseline`` (5 flights) the status is
    ``no_baseline`` (too small to judge). ``ratio < collapse_ratio`` (0.5) → ``collapse``,
    ``ratio > surge_ratio`` (2.0) → ``surge``, else ``normal``. A collapse that more than
    ``gap_share`` (50 %) of the other judged FIRs share on the same day (at least
    ``min_gap_firs`` (2) others), or a day without any position at all, is ``data_gap``.
    ``alert`` is true on the day a collapse run reaches ``alert_after`` (1) consecutive days, so
    an alert comes on the first (default) or second day of a collapse, never later.

Scanning streams one track at a time; only per-day counters and the few flights touching a file's
time boundary stay in memory. :func:`scan_files` spreads files over worker processes.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from escalada.errors import InputError
from escalada.signals.firs import FirIndex, fir_country
from escalada.signals.records import FlightDay
from escalada.signals.traces import Track, file_kind, iter_trace_files, read_tracks

__all__ = ["FlightOptions", "Segment", "FileScan", "ScanResult", "split_segments",
           "scan_track", "scan_file", "scan_files", "flight_days", "count_flights"]

_DAY = 86400.0
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class FlightOptions:
    """Thresholds of the counting rule and of the status/alert logic (see module docs)."""

    gap_minutes: float = 30.0
    weeks: int = 4
    min_weeks: int = 2
    min_baseline: float = 5.0
    collapse_ratio: float = 0.5
    surge_ratio: float = 2.0
    gap_share: float = 0.5
    min_gap_firs: int = 2
    alert_after: int = 1

    @property
    def gap_seconds(self) -> float:
        return self.gap_minutes * 60.0


@dataclass(slots=True)
class Segment:
    """One flight (or a piece of one at a file boundary): time span and first time per FIR."""

    icao: str
    start: float
    end: float
    hits: dict[str, float]


@dataclass(slots=True)
class FileScan:
    """What one file contributes: per (FIR, day) counts plus boundary segments to join later."""

    source: str
    error: InputError | None = None
    counts: Counter = field(default_factory=Counter)  # (fir, epoch day) -> flights
    edges: list[Segment] = field(default_factory=list)
    days: set[int] = field(default_factory=set)
    points: int = 0
    tracks: int = 0


@dataclass(slots=True)
class ScanResult:
    """All files merged: counts, observed days, statistics and per-file errors."""

    counts: Counter = field(default_factory=Counter)
    days: set[int] = field(default_factory=set)
    files: int = 0
    points: int = 0
    tracks: int = 0
    errors: list[InputError] = field(default_factory=list)


def _day(seconds: float) -> int:
    return int(seconds // _DAY)


def split_segments(track: Track, gap_seconds: float) -> list[tuple[int, int]]:
    """Index ranges ``[start, stop)`` of the flights of a time-sorted track."""
    if track.t.size == 0:
        return []
    breaks = np.diff(track.t) > gap_seconds
    if track.new_leg is not None and track.new_leg.size > 1:
        breaks |= track.new_leg[1:]
    cuts = np.flatnonzero(breaks) + 1
    bounds = np.concatenate(([0], cuts, [track.t.size]))
    return [(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def scan_track(track: Track, index: FirIndex, gap_seconds: float) -> list[Segment]:
    """The flights of one track with, for each FIR entered, the first airborne time inside."""
    ranges = split_segments(track, gap_seconds)
    if not ranges:
        return []
    air = track.airborne & np.isfinite(track.lat) & np.isfinite(track.lon)
    air_idx = np.flatnonzero(air)
    inside: dict[str, np.ndarray] = {}
    if air_idx.size:
        for fir, mask in index.masks(track.lon[air_idx], track.lat[air_idx]).items():
            inside[fir] = air_idx[mask]  # sorted point indices inside this FIR
    segments = []
    for start, stop in ranges:
        hits = {}
        for fir, idx in inside.items():
            pos = int(np.searchsorted(idx, start))
            if pos < idx.size and idx[pos] < stop:
                hits[fir] = float(track.t[idx[pos]])
        segments.append(Segment(track.icao, float(track.t[start]), float(track.t[stop - 1]),
                                hits))
    return segments


def _near_midnight(segment: Segment, gap: float) -> bool:
    """Could this piece continue in a daily file of the day before or after?"""
    return (segment.start - _day(segment.start) * _DAY < gap
            or (_day(segment.end) + 1) * _DAY - segment.end < gap)


def scan_file(path: Path, index: FirIndex, options: FlightOptions) -> FileScan:
    """Scan one file; any :class:`InputError` is returned in ``error`` (nothing counted).

    Flights that may continue in another file are kept as ``edges`` for :func:`join_edges`:
    those within the gap of a UTC midnight (daily trace files) and, for many-aircraft files
    (OpenSky), those within the gap of the file's first or last position (hourly files).
    """
    scan = FileScan(source=str(path))
    gap = options.gap_seconds
    many = file_kind(path) != "readsb"
    later: list[Segment] = []
    lo_all, hi_all = float("inf"), float("-inf")

    def count(segment: Segment) -> None:
        for fir, first in segment.hits.items():
            scan.counts[(fir, _day(first))] += 1

    try:
        for track in read_tracks(path):
            if track.t.size == 0:
                continue
            scan.tracks += 1
            scan.points += int(track.t.size)
            scan.days.update(np.unique((track.t // _DAY).astype(np.int64)).tolist())
            lo_all, hi_all = min(lo_all, float(track.t[0])), max(hi_all, float(track.t[-1]))
            for segment in scan_track(track, index, gap):
                if _near_midnight(segment, gap):
                    scan.edges.append(segment)
                elif many:
                    later.append(segment)
                else:
                    count(segment)
    except InputError as exc:
        return FileScan(source=str(path), error=exc)
    for segment in later:
        if segment.start - lo_all < gap or hi_all - segment.end < gap:
            scan.edges.append(segment)
        else:
            count(segment)
    return scan


def join_edges(edges: Iterable[Segment], gap_seconds: float) -> Counter:
    """Join boundary pieces of the same aircraft within the gap; count each flight once."""
    counts: Counter = Counter()
    by_icao: dict[str, list[Segment]] = defaultdict(list)
    for segment in edges:
        by_icao[segment.icao].append(segment)
    for pieces in by_icao.values():
        pieces.sort(key=lambda s: s.start)
        current: dict[str, float] = {}
        end = float("-inf")
        for piece in pieces:
            if piece.start - end > gap_seconds:
                for fir, first in current.items():
                    counts[(fir, _day(first))] += 1
                current = {}
            for fir, first in piece.hits.items():
                current[fir] = min(first, current.get(fir, first))
            end = max(end, piece.end)
        for fir, first in current.items():
            counts[(fir, _day(first))] += 1
    return counts


_WORKER: tuple[FirIndex, FlightOptions] | None = None


def _init_worker(ids: list[str], wkbs: list[bytes], options: FlightOptions) -> None:
    global _WORKER
    _WORKER = (FirIndex.from_wkb(ids, wkbs), options)


def _scan_in_worker(path: Path) -> FileScan:
    assert _WORKER is not None
    return scan_file(path, *_WORKER)


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def scan_files(paths: Iterable[str | Path], index: FirIndex, options: FlightOptions | None = None,
               workers: int | None = None,
               on_error: Callable[[InputError], None] | None = None) -> ScanResult:
    """Scan files and directories; ``workers`` > 1 uses a process pool (default: all cores).

    Each unreadable file is reported to ``on_error`` and listed in ``errors``; the rest runs.
    """
    options = options or FlightOptions()
    result = ScanResult()
    edges: list[Segment] = []
    files: list[Path] = []
    for item in iter_trace_files(paths):
        if isinstance(item, InputError):
            result.errors.append(item)
            if on_error:
                on_error(item)
        else:
            files.append(item)
    workers = _default_workers() if workers is None else max(1, workers)
    scans: Iterator[FileScan]
    pool = None
    if workers > 1 and len(files) > 1:
        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        ids, wkbs = index.to_wkb()
        pool = ctx.Pool(min(workers, len(files)), initializer=_init_worker,
                        initargs=(ids, wkbs, options))
        scans = pool.imap(_scan_in_worker, files, chunksize=max(1, min(64, len(files) // 32)))
    else:
        scans = (scan_file(path, index, options) for path in files)
    try:
        for scan in scans:
            if scan.error is not None:
                result.errors.append(scan.error)
                if on_error:
                    on_error(scan.error)
                continue
            result.files += 1
            result.points += scan.points
            result.tracks += scan.tracks
            result.counts.update(scan.counts)
            result.days |= scan.days
            edges.extend(scan.edges)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    result.counts.update(join_edges(edges, options.gap_seconds))
    return result


def flight_days(counts: Counter, days: set[int], firs: list[str],
                options: FlightOptions | None = None,
                output_firs: Iterable[str] | None = None) -> list[FlightDay]:
    """Rows ``{date, fir, flights, baseline, ratio, status, alert}`` from per-day counts.

    ``counts`` maps ``(fir, epoch day)`` to flights, ``days`` are the epoch days with any data,
    ``firs`` are all FIRs judged together (for data gaps); ``output_firs`` limits the rows.
    One row per FIR per day (first to last day with data) that has traffic or a baseline.
    """
    options = options or FlightOptions()
    if not days:
        return []
    first, last = min(days), max(days)
    table: dict[tuple[str, int], tuple[int, float | None, float | None, str]] = {}
    for day in range(first, last + 1):
        for fir in firs:
            flights = int(counts.get((fir, day), 0))
            previous = [counts.get((fir, day - 7 * k), 0) for k in range(1, options.weeks + 1)
                        if day - 7 * k in days]
            baseline = (float(statistics.median(previous))
                        if len(previous) >= max(1, options.min_weeks) else None)
            ratio = flights / baseline if baseline else None
            if baseline is None or baseline < options.min_baseline or ratio is None:
                status = "no_baseline"
            elif ratio < options.collapse_ratio:
                status = "collapse"
            elif ratio > options.surge_ratio:
                status = "surge"
            else:
                status = "normal"
            table[(fir, day)] = (flights, baseline, ratio, status)
    for day in range(first, last + 1):
        judged = [f for f in firs if table[(f, day)][3] != "no_baseline"]
        dropped = {f for f in judged if table[(f, day)][3] == "collapse"}
        for fir in dropped:
            others = [f for f in judged if f != fir]
            shared = sum(1 for f in others if f in dropped)
            if day not in days or (len(others) >= options.min_gap_firs
                                   and shared > options.gap_share * len(others)):
                flights, baseline, ratio, _ = table[(fir, day)]
                table[(fir, day)] = (flights, baseline, ratio, "data_gap")
    wanted = set(output_firs) if output_firs else set(firs)
    rows: list[FlightDay] = []
    for fir in sorted(wanted):
        run = 0
        for day in range(first, last + 1):
            flights, baseline, ratio, status = table[(fir, day)]
            run = run + 1 if status == "collapse" else 0
            if flights == 0 and not baseline:
                continue
            rows.append(FlightDay(
                date=_EPOCH + dt.timedelta(days=day), fir=fir, flights=flights,
                baseline=baseline, ratio=round(ratio, 4) if ratio is not None else None,
                status=status, alert=status == "collapse" and run == options.alert_after,
                country=fir_country(fir)))
    rows.sort(key=lambda r: (r.date, r.fir))
    return rows


def count_flights(paths: Iterable[str | Path], index: FirIndex,
                  options: FlightOptions | None = None, firs: Iterable[str] | None = None,
                  workers: int | None = None,
                  on_error: Callable[[InputError], None] | None = None,
                  ) -> tuple[list[FlightDay], ScanResult]:
    """Scan ``paths`` and return the daily rows (for ``firs`` or all FIRs) and the scan stats."""
    options = options or FlightOptions()
    scan = scan_files(paths, index, options, workers=workers, on_error=on_error)
    return flight_days(scan.counts, scan.days, index.ids, options, output_firs=firs), scan
