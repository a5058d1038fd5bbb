"""The Venezuela case with signals beside the news, end to end through the CLI.

    python scripts/venezuela_signals_demo.py [--workdir DIR]

1. ingests the two articles of ``../shared/examples/venezuela/`` (published 2025-11-28);
2. generates synthetic readsb traces over the real FIR polygons of ``../shared/signals/``
   (6 weeks, every FIR normal except SVZM, which collapses to a tenth from 2025-11-22) and
   counts them with ``escalada signals flights``; no real ADS-B data ships with the repo;
3. diffs two small OFAC lists written here (the newer adds the Cartel de los Soles, as the
   FTO designation did) with ``escalada signals sanctions``;
4. reads the real FAA NOTAM for the Maiquetía FIR with ``escalada signals notam``;
5. writes the USA–VEN briefing (``brief.html``) and prints what links to what.

Everything goes into one SQLite store in ``--workdir`` (default: a new temporary folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from shapely.geometry import shape

from escalada.signals.synthetic import generate_readsb_days

SHARED = Path(__file__).resolve().parents[2] / "shared"
COLLAPSE = dt.date(2025, 11, 22)
OLD_LIST = ('100,"EXAMPLE TRADING CO.","-0- ","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
            '"Panama."\r\n')
NEW_LIST = OLD_LIST + ('36001,"CARTEL DE LOS SOLES","-0- ","SDGT] [FTO",-0- ,-0- ,-0- ,-0- ,'
                       '-0- ,-0- ,-0- ,"Target Type Criminal Organization; '
                       'Nationality of Registration Venezuela."\r\n')


def fir_boxes(geojson: Path, half: float = 0.3) -> dict[str, tuple[float, float, float, float]]:
    """A small box well inside each FIR polygon, around a point on its surface: flights drawn
    through it cross that FIR only (SKEC lies inside SKED, so its flights count in both)."""
    boxes = {}
    for feature in json.loads(geojson.read_text())["features"]:
        point = shape(feature["geometry"]).representative_point()
        boxes[feature["properties"]["id"]] = (point.x - half, point.y - half,
                                              point.x + half, point.y + half)
    return boxes


def escalada(*args: str) -> str:
    """Run one CLI command; its stdout."""
    command = Path(sys.executable).with_name("escalada")  # the installed console script
    done = subprocess.run([str(command), *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"escalada {args[0]} failed:\n{done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="escalada-venezuela-"))
    work.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{work / 'venezuela.sqlite'}"
    articles = sorted(str(p) for p in (SHARED / "examples/venezuela").glob("*.txt"))
    escalada("ingest", *articles, "--published", "2025-11-28", "--db", db)

    firs = SHARED / "signals/fir_svzm_neighbours.geojson"

    def flights(fir: str, day: dt.date) -> int:
        return 3 if fir == "SVZM" and day >= COLLAPSE else 30

    start = COLLAPSE - dt.timedelta(days=35)
    generate_readsb_days(work / "traces", start, 42, flights, boxes=fir_boxes(firs),
                         step=60.0)
    escalada("signals", "flights", str(work / "traces"), "--firs", str(firs), "--db", db)
    old, new = work / "sdn_2025-11-20.csv", work / "sdn_2025-11-24.csv"
    old.write_bytes(OLD_LIST.encode())
    new.write_bytes(NEW_LIST.encode())
    escalada("signals", "sanctions", str(old), str(new), "--db", db)
    escalada("signals", "notam", str(SHARED / "signals/notam_KICZ_A0012-25_transcribed.txt"),
             "--db", db)
    out = work / "brief.html"
    escalada("brief", "--dyad", "USA-VEN", "--db", db, "--out", str(out))
    print(f"store: {db}\nbriefing: {out}")
    events = [json.loads(line) for line in escalada("events", "--db", db).splitlines()]
    for event in events:
        for relation in ("corroborated_by", "contradicted_by"):
            if event.get(relation):
                sentence = event["mentions"][0]["sentence"][:70]
                print(f"{event['event_type']:<9} {sentence!r} {relation.replace('_', ' ')} "
                      f"{len(event[relation])} signal(s)")
    print(escalada("contradictions", "--db", db).strip() or "no contradictions")


if __name__ == "__main__":
    main()
