"""CLI commands of escalation: ``alerts`` and ``brief``.

Thin shells: they read fused events from the store, call :mod:`escalada.escalation` and
:mod:`escalada.brief`, and write records on stdout (or the briefing to ``--out``); messages go
to stderr. ``--demo`` loads the packaged demo corpus into an empty store first.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from escalada.cli.options import DbOption, parse_day

err = Console(stderr=True, highlight=False)

DyadOption = Annotated[str | None, typer.Option(
    help="Dyad: USA-VEN (both directions) or USA>VEN (one direction)")]
SinceOption = Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD)")]
UntilOption = Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD)")]
ThresholdOption = Annotated[float | None, typer.Option(
    min=0, help="Also alert when the index drops by more than this in a day")]
DemoOption = Annotated[bool, typer.Option(
    "--demo", help="Load the packaged demo corpus first if the store is empty")]


class AlertFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


class BriefFormat(StrEnum):
    html = "html"
    md = "md"




def _dyad(value: str | None) -> Any:
    if value is None:
        return None
    from escalada.escalation import Dyad

    try:
        return Dyad.parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--dyad") from exc


def _rules(threshold: float | None) -> tuple[Any, ...]:
    from escalada.escalation import CusumRule, ThresholdRule

    return (CusumRule(),) + ((ThresholdRule(threshold),) if threshold is not None else ())


@contextmanager
def _errors():
    from escalada.errors import EscaladaError

    try:
        yield
    except EscaladaError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc


def load_events(db: str | None, *, since: dt.date | None, until: dt.date | None,
                demo: bool) -> list[Any]:
    """Fused events of the store (the demo corpus ingested first when asked and empty)."""
    from escalada.store import count_documents, default_url, iter_events, open_store

    session_factory = open_store(db or default_url(), create=demo)
    if demo:
        with session_factory() as session:
            empty = count_documents(session=session) == 0
        if empty:
            _ingest_demo(session_factory)
    with session_factory() as session:
        return list(iter_events(session=session, since=since, until=until))


def _ingest_demo(session_factory: Any) -> None:
    from escalada.demo import demo_path
    from escalada.pipeline import EventCoder
    from escalada.settings import load_settings
    from escalada.store import ingest_sources

    settings = load_settings()
    err.print("empty store: loading the demo corpus", markup=False)
    summary = ingest_sources([str(demo_path())], session_factory=session_factory,
                             settings=settings, coder=EventCoder(settings))
    err.print(f"demo: {summary.line()}; {summary.fused_events} fused events", markup=False)


def _print_alert(alert: Any) -> None:
    typer.echo(f"{alert.date}  {alert.dyad:8}  {alert.rule:24}  change {alert.change:+.1f}")
    for event in alert.events:
        outlets = ", ".join(s["outlet"] or s["url"] or "?" for s in event.sources)
        typer.echo(f"    {event.event_type:9} {event.value:+7.1f}  {event.sentence}  [{outlets}]")


def alerts(
    db: DbOption = None,
    dyad: DyadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    threshold: ThresholdOption = None,
    fmt: Annotated[AlertFormat, typer.Option("--format", "-f")] = AlertFormat.jsonl,
    demo: DemoOption = False,
) -> None:
    """List escalation alerts (CUSUM jumps, and --threshold drops) with the events behind."""
    from escalada.escalation import alerts_for_events

    chosen = _dyad(dyad)
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    with _errors():
        events = load_events(db, since=first, until=last, demo=demo)
    found = alerts_for_events(events, [chosen] if chosen else None, _rules(threshold))
    for alert in found:
        if fmt is AlertFormat.jsonl:
            typer.echo(json.dumps(alert.to_record(), ensure_ascii=False))
        else:
            _print_alert(alert)
    err.print(f"{len(found)} alerts from {len(events)} fused events", markup=False)


def brief(
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the briefing to this file")],
    db: DbOption = None,
    dyad: DyadOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[BriefFormat, typer.Option("--format", "-f")] = BriefFormat.html,
    threshold: ThresholdOption = None,
    demo: DemoOption = False,
) -> None:
    """Write a briefing (headline, chart, ladder, alerts, timeline, contested claims,
    options under discussion) as self-contained HTML or Markdown."""
    from escalada.brief import build_brief, render
    from escalada.brief.signals import load_signals
    from escalada.store import default_url, open_store

    chosen = _dyad(dyad)
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    with _errors():
        events = load_events(db, since=first, until=last, demo=demo)
        signals, signal_contradictions = load_signals(
            open_store(db or default_url()), since=first, until=last, events=events)
    if not events:
        err.print("warning: no fused events in the store for this period", markup=False)
    report = build_brief(events, chosen, since=first, until=last, rules=_rules(threshold),
                         signals=signals or None, contradictions=signal_contradictions)
    out.write_text(render(report, fmt.value), encoding="utf-8")
    top = report.ladder.highest
    err.print(f"{out}: {report.dyad} {report.status}; highest rung "
              f"{top.rung.label if top else 'none'}; {len(report.alerts)} alerts",
              markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("alerts")(alerts)
    app.command("brief")(brief)
