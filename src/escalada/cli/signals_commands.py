"""``escalada signals``: flights per FIR, OFAC list changes and NOTAMs as records on stdout.

Records go to stdout (JSON Lines or CSV); one-line errors naming the file and a final summary
("N processed, M skipped: ...") go to stderr. With ``--db URL`` the records are also stored
(``signals`` table, idempotent per file), OFAC additions become signal-derived SANCTION events
that are fused like news, and the signal links to fused events are recomputed.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from escalada.cli.options import DbOption
from escalada.errors import EscaladaError, InputError

__all__ = ["register", "signals_app", "SignalWriter"]

signals_app = typer.Typer(help="Signals that corroborate the news: air traffic per FIR, "
                               "sanctions list changes, NOTAMs.", no_args_is_help=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class SignalFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class SignalWriter:
    """Writes signal records (dataclasses with ``to_record``) as JSON Lines or CSV."""

    def __init__(self, stream: TextIO, fmt: str, record_type: type) -> None:
        from escalada.signals.records import csv_columns

        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._csv: csv.DictWriter | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=csv_columns(record_type),
                                       lineterminator="\n")
            self._csv.writeheader()

    def write(self, records: Iterable[Any]) -> int:
        from escalada.signals.records import csv_row

        written = 0
        for record in records:
            if self._csv is not None:
                self._csv.writerow(csv_row(record))
            else:
                self.stream.write(json.dumps(record.to_record(), ensure_ascii=False) + "\n")
            written += 1
        self.stream.flush()
        self.count += written
        return written


def _report(error: EscaladaError, skipped: Counter[str]) -> None:
    skipped[error.reason] += 1
    err.print(f"error: {error}".replace("\n", " "), markup=False)


def _summary(done: str, skipped: Counter[str]) -> str:
    if not skipped:
        return f"{done}, 0 skipped"
    details = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
    return f"{done}, {sum(skipped.values())} skipped: {details}"


FormatOption = Annotated[SignalFormat, typer.Option("--format", "-f", help="jsonl or csv")]


def _store(db: str, signals: list[Any], mentions: list[Any] | None = None,
           origin: str | None = None) -> None:
    """Store ``signals`` (and signal-derived ``mentions``) and relink; one stderr line."""
    from escalada.store.database import open_store, write_session
    from escalada.store.signals_repo import add_sanction_events, add_signals, relink_signals

    try:
        session_factory = open_store(db)
        with write_session(session_factory) as session:
            added, updated = add_signals(session=session, signals=signals)
            events = add_sanction_events(session=session, mentions=mentions or [],
                                         origin=origin)
            corroborations, contradictions = relink_signals(session=session)
    except EscaladaError as exc:
        err.print(f"error: {exc}".replace("\n", " "), markup=False)
        raise typer.Exit(code=2) from exc
    extra = f", {events} sanction event mentions" if mentions is not None else ""
    err.print(f"stored: {added} new, {updated} updated signals{extra}; links: "
              f"{corroborations} corroborations, {contradictions} contradictions",
              markup=False)


@signals_app.command()
def flights(
    paths: Annotated[list[Path], typer.Argument(
        help="readsb/adsb.lol trace_full JSON or OpenSky states CSV files or directories "
             "(recursive; plain or .gz)")],
    firs: Annotated[Path, typer.Option("--firs", help="GeoJSON of FIR polygons with an 'id' "
                                                      "property")],
    fir: Annotated[list[str] | None, typer.Option(
        "--fir", help="Only print these FIR ids (all FIRs still judge data gaps); may repeat")]
        = None,
    fmt: FormatOption = SignalFormat.jsonl,
    collapse_ratio: Annotated[float, typer.Option(
        help="flights/baseline below this is a collapse")] = 0.5,
    surge_ratio: Annotated[float, typer.Option(
        help="flights/baseline above this is a surge")] = 2.0,
    min_baseline: Annotated[float, typer.Option(
        help="Smallest baseline (flights/day) judged; below it status is no_baseline")] = 5.0,
    weeks: Annotated[int, typer.Option(help="Same-weekday weeks in the baseline (median)")] = 4,
    min_weeks: Annotated[int, typer.Option(help="Weeks with data needed for a baseline")] = 2,
    gap_share: Annotated[float, typer.Option(
        help="A collapse shared by more than this share of the other FIRs is a data_gap")]
        = 0.5,
    alert_after: Annotated[int, typer.Option(
        help="Alert on this consecutive collapse day (1 = first day)", min=1, max=2)] = 1,
    gap_minutes: Annotated[float, typer.Option(
        help="A gap longer than this between positions starts a new flight")] = 30.0,
    workers: Annotated[int | None, typer.Option(
        help="Processes for reading files (default: all cores)")] = None,
    db: DbOption = None,
    fir_country: Annotated[list[str] | None, typer.Option(
        "--fir-country", help="FIR=ISO3: country of an FIR the ICAO-prefix table does not know "
                              "(or override it); may repeat")] = None,
) -> None:
    """Daily flights per FIR vs same-weekday baseline: {date, fir, flights, baseline, ratio,
    status, alert}."""
    from escalada.signals.firs import load_firs
    from escalada.signals.flights import FlightOptions, count_flights
    from escalada.signals.records import FlightDay

    skipped: Counter[str] = Counter()
    try:
        index = load_firs(firs)
        if fir:
            load_firs(firs, only=list(fir))  # checks the ids exist
    except InputError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(code=2) from exc
    options = FlightOptions(gap_minutes=gap_minutes, weeks=weeks, min_weeks=min_weeks,
                            min_baseline=min_baseline, collapse_ratio=collapse_ratio,
                            surge_ratio=surge_ratio, gap_share=gap_share,
                            alert_after=alert_after)
    countries = {}
    for item in fir_country or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            err.print(f"error: --fir-country {item!r} is not FIR=ISO3", markup=False)
            raise typer.Exit(code=2)
        countries[key.strip().upper()] = value.strip().upper()
    rows, scan = count_flights(paths, index, options, firs=fir or None, workers=workers,
                               on_error=lambda e: _report(e, skipped))
    if countries:
        from dataclasses import replace

        rows = [replace(r, country=countries[r.fir]) if r.fir in countries else r
                for r in rows]
    SignalWriter(sys.stdout, fmt.value, FlightDay).write(rows)
    alerts = sum(1 for r in rows if r.alert)
    err.print(_summary(f"{scan.files} files processed ({scan.tracks} tracks, {scan.points} "
                       f"positions; {len(rows)} FIR-days, {alerts} alerts)", skipped),
              markup=False)
    if scan.files == 0 and skipped:
        raise typer.Exit(code=1)
    if db:
        from escalada.signals.records import as_signal

        source = ";".join(str(p) for p in paths)
        _store(db, [as_signal(row, source) for row in rows])


@signals_app.command()
def sanctions(
    old: Annotated[Path, typer.Argument(help="Older OFAC sdn.csv")],
    new: Annotated[Path, typer.Argument(help="Newer OFAC sdn.csv")],
    fmt: FormatOption = SignalFormat.jsonl,
    db: DbOption = None,
    list_date: Annotated[str | None, typer.Option(
        "--date", help="Date of the newer list (YYYY-MM-DD; default: from its file name, "
                       "else its modification day)")] = None,
) -> None:
    """Changes between two OFAC sdn.csv lists: one record per added, removed or changed entry."""
    from escalada.signals.records import SanctionChange
    from escalada.signals.sanctions import diff_sdn, read_sdn

    skipped: Counter[str] = Counter()
    lists = []
    for path in (old, new):
        try:
            lists.append(read_sdn(path))
        except InputError as exc:
            _report(exc, skipped)
    if len(lists) < 2:
        err.print(_summary(f"{len(lists)} of 2 lists read, no diff", skipped), markup=False)
        raise typer.Exit(code=1)
    for sdn in lists:
        for problem in sdn.bad_rows:
            _report(InputError(f"row skipped, {problem}", source=sdn.source), skipped)
    changes = diff_sdn(lists[0], lists[1])
    SignalWriter(sys.stdout, fmt.value, SanctionChange).write(changes)
    kinds = Counter(c.change for c in changes)
    err.print(_summary(
        f"2 lists processed ({len(lists[0].entries)} → {len(lists[1].entries)} entries): "
        f"{kinds['added']} added, {kinds['removed']} removed, {kinds['changed']} changed",
        skipped), markup=False)
    if db:
        import datetime as dt

        from escalada.signals.events import change_country, sanction_mentions
        from escalada.signals.events import list_date as date_of
        from escalada.signals.records import as_signal
        from escalada.signals.stored import stored_signal

        try:
            day = (dt.date.fromisoformat(list_date) if list_date else date_of(
                str(new), dt.datetime.fromtimestamp(new.stat().st_mtime, dt.UTC).date()))
        except ValueError as exc:
            err.print(f"error: --date {list_date!r} is not YYYY-MM-DD", markup=False)
            raise typer.Exit(code=2) from exc
        _store(db, [stored_signal(as_signal(c, str(new), day),
                                  country=change_country(c, lists[1])) for c in changes],
               sanction_mentions(changes, lists[1], day), origin=str(new))


@signals_app.command()
def notam(
    files: Annotated[list[Path], typer.Argument(help="NOTAM text files (ICAO or FAA format)")],
    fmt: FormatOption = SignalFormat.jsonl,
    db: DbOption = None,
) -> None:
    """Parse NOTAMs: {id, type, location, firs, qcode, lower, upper, valid_from, valid_to, ...}."""
    from escalada.signals.notam import read_notams
    from escalada.signals.records import Notam, as_signal

    skipped: Counter[str] = Counter()
    writer = SignalWriter(sys.stdout, fmt.value, Notam)
    parsed = []
    for path in files:
        for outcome in read_notams(path):
            if outcome.error is not None:
                _report(outcome.error, skipped)
            else:
                writer.write([outcome.record])
                parsed.append(as_signal(outcome.record, str(path)))
    err.print(_summary(f"{writer.count} NOTAMs from {len(files)} files processed", skipped),
              markup=False)
    if writer.count == 0 and skipped:
        raise typer.Exit(code=1)
    if db:
        _store(db, parsed)


def register(app: typer.Typer) -> None:
    """Add the ``signals`` command group to ``app``."""
    app.add_typer(signals_app, name="signals")
