"""CLI commands of the store: ``ingest``, ``events`` and ``contradictions``.

Thin shells over :mod:`escalada.store`: they parse and check arguments, call the library and
format its records (records on stdout or ``--out``, messages on stderr).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from escalada.cli.options import DbOption, parse_day

err = Console(stderr=True, highlight=False)



class EventFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class TableFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"




def _country(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    import pycountry

    code = value.strip().upper()
    if code != "XKX" and (len(code) != 3 or pycountry.countries.get(alpha_3=code) is None):
        raise typer.BadParameter(f"{value!r} is not an ISO 3166-1 alpha-3 country code",
                                 param_hint=option)
    return code


def _event_type(value: str | None) -> str | None:
    if value is None:
        return None
    from escalada.coding.ontology import load_ontology

    name = value.strip().upper()
    categories = load_ontology().categories
    if name not in categories:
        raise typer.BadParameter(f"{value!r} is not a PLOVER category "
                                 f"({', '.join(sorted(categories))})", param_hint="--type")
    return name


@contextmanager
def _store_errors():
    """Store and input errors end the command with a message and exit code 2."""
    from escalada.errors import EscaladaError

    try:
        yield
    except EscaladaError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(code=2) from exc


def _open(db: str | None, *, create: bool = False):  # noqa: ANN202 - sessionmaker
    from escalada.store import default_url, open_store

    return open_store(db or default_url(), create=create)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, "
                                                      "JSONL/CSV batches, or - for stdin")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for plain files without one")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for plain files")] = None,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Use the rule coder without the learned classifier")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow fetching URLs on private/loopback addresses")] = False,
    progress: Annotated[bool, typer.Option(
        "--progress/--no-progress", help="Progress bar on stderr (default: when a tty)")]
        = sys.stderr.isatty(),
) -> None:
    """Read, code and store documents (already stored ones are skipped), then fuse."""
    from escalada.pipeline import EventCoder
    from escalada.settings import load_settings
    from escalada.store import ingest_sources

    day = parse_day(published, "--published")
    settings = load_settings().with_overrides(
        allow_private_addresses=allow_private or None,
        use_learned_model=False if rules_only else None)
    with _store_errors():
        session_factory = _open(db, create=True)
        coder = EventCoder(settings, rules_only=rules_only)
        with _progress_bar(progress) as on_progress:
            summary = ingest_sources(
                sources, session_factory=session_factory, settings=settings, coder=coder,
                published=day, outlet=outlet, progress=on_progress,
                on_skip=lambda r: err.print(f"error: {r.error}", markup=False,
                                            soft_wrap=True))
    err.print(f"{summary.line()}; {summary.mentions} events, "
              f"{summary.fused_events} fused events updated", markup=False, soft_wrap=True)
    if summary.new_documents == 0 and summary.already_stored == 0 and summary.skipped:
        raise typer.Exit(code=1)


@contextmanager
def _progress_bar(enabled: bool):
    """A rich progress display on stderr; yields the callback for ``ingest_sources``."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)

        def update(summary) -> None:  # noqa: ANN001 - IngestSummary
            bar.update(task, description=summary.line())

        yield update


def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor country (ISO3)")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient country (ISO3)")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER category")] = None,
    since: Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD)")] = None,
    min_sources: Annotated[int | None, typer.Option(
        "--min-sources", min=1, help="At least this many independent sources")] = None,
    fmt: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.jsonl,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write to this file instead of stdout (required for parquet)")]
        = None,
) -> None:
    """Print stored fused events with their sources, mentions and contradictions."""
    from escalada.store import iter_events
    from escalada.store.export import write_events, write_events_parquet

    filters = {"actor": _country(actor, "--actor"),
               "recipient": _country(recipient, "--recipient"),
               "event_type": _event_type(event_type), "since": parse_day(since, "--since"),
               "until": parse_day(until, "--until"), "min_sources": min_sources}
    if fmt is EventFormat.parquet and out is None:
        raise typer.BadParameter("parquet output needs --out FILE", param_hint="--format")
    with _store_errors():
        session_factory = _open(db)
        with session_factory() as session:
            records = _with_signal_links(session, iter_events(session=session, **filters))
            if fmt is EventFormat.parquet:
                count = write_events_parquet(records, out)
            elif out is not None:
                with out.open("w", encoding="utf-8", newline="") as stream:
                    count = write_events(records, stream, fmt.value)
            else:
                count = write_events(records, sys.stdout, fmt.value)
    err.print(f"{count} fused events", markup=False, soft_wrap=True)


def _with_signal_links(session, events, chunk: int = 500):
    """``events`` with the signals that corroborate or contradict them, looked up in
    chunks (the export streams)."""
    from escalada.store.signals_repo import attach_links

    batch = []
    for event in events:
        batch.append(event)
        if len(batch) == chunk:
            yield from attach_links(session=session, events=batch)
            batch = []
    yield from attach_links(session=session, events=batch)


def contradictions(
    db: DbOption = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.jsonl,
) -> None:
    """Print the contradictions between sources of stored fused events."""
    from escalada.store import list_contradictions
    from escalada.store.export import write_contradictions

    with _store_errors():
        session_factory = _open(db)
        with session_factory() as session:
            count = write_contradictions(list_contradictions(session=session), sys.stdout,
                                         fmt.value)
    err.print(f"{count} contradictions", markup=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("contradictions")(contradictions)
