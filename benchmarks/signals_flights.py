"""Benchmark of ``escalada signals flights`` on a generated multi-week trace set.

Generates adsb.lol-like ``trace_full_<icao>.json`` files (a share gzipped) for four made-up FIRs
over several weeks, with a known collapse over XXAA (and the nested XXAN) from a given day, runs
the flights pipeline and prints files/s, positions/s and peak memory::

    python benchmarks/signals_flights.py [--days 35] [--flights 40] [--step 10] [--workers N]

Peak memory: ``ru_maxrss`` of this process and of the largest worker process; with
``--tracemalloc`` (best with ``--workers 1``) also the Python heap peak during the scan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from escalada.signals.firs import load_firs
from escalada.signals.flights import FlightOptions, count_flights
from escalada.signals.synthetic import generate_readsb_days, write_firs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=35)
    parser.add_argument("--flights", type=int, default=40, help="flights per FIR per day")
    parser.add_argument("--step", type=float, default=10.0, help="seconds between positions")
    parser.add_argument("--minutes", type=float, default=90.0, help="flight length")
    parser.add_argument("--collapse-day", type=int, default=30)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace the Python heap peak (slow; use with --workers 1)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="keep the data here (reused when it already holds traces/)")
    args = parser.parse_args(argv)

    start = dt.date(2025, 10, 6)
    collapse = start + dt.timedelta(days=args.collapse_day)

    def flights(fir: str, day: dt.date) -> int:
        if fir in ("XXAA", "XXAN") and day >= collapse:
            return max(1, args.flights // 10)
        return args.flights

    with tempfile.TemporaryDirectory() as tmp:
        root = args.dir or Path(tmp)
        firs = write_firs(root / "firs.geojson")
        began = time.perf_counter()
        if args.dir is not None and (root / "traces").is_dir():
            print(f"reusing the traces in {root / 'traces'}", file=sys.stderr)
        else:
            files, points = generate_readsb_days(root / "traces", start, args.days, flights,
                                                 step=args.step, minutes=args.minutes,
                                                 gz_every=3)
            print(f"generated {files} files, {points} positions in "
                  f"{time.perf_counter() - began:.1f} s", file=sys.stderr)
        index = load_firs(firs)
        if args.tracemalloc:
            tracemalloc.start()
        began = time.perf_counter()
        rows, scan = count_flights([root / "traces"], index, FlightOptions(),
                                   workers=args.workers)
        elapsed = time.perf_counter() - began
        heap = tracemalloc.get_traced_memory()[1] if tracemalloc.is_tracing() else None
        tracemalloc.stop()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    alerts = [(r.fir, r.date.isoformat()) for r in rows if r.alert]
    print(f"scanned {scan.files} files ({scan.tracks} tracks, {scan.points} positions) "
          f"in {elapsed:.2f} s with workers={args.workers or 'all cores'}")
    print(f"  {scan.files / elapsed:,.0f} files/s, {scan.points / elapsed:,.0f} positions/s")
    print(f"  peak RSS: main {own:.0f} MiB, largest worker {children:.0f} MiB"
          + (f", Python heap peak {heap / 2**20:.1f} MiB" if heap is not None else ""))
    print(f"  {len(rows)} FIR-days, alerts: {alerts} (expected XXAA on {collapse})")
    ok = ("XXAA", collapse.isoformat()) in alerts
    print("  known collapse found" if ok else "  KNOWN COLLAPSE MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
