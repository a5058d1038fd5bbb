"""The ``escalada`` command."""

from __future__ import annotations

import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from escalada import __version__
from escalada.cli.options import parse_day
from escalada.errors import EscaladaError
from escalada.settings import load_settings

app = typer.Typer(help="escalada: crisis news to PLOVER event data.", no_args_is_help=True,
                  add_completion=False)
err = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def version() -> None:
    """Print the package version."""
    typer.echo(__version__)


@app.command()
def code(
    sources: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, "
                                                      "JSONL/CSV batches, or - for stdin")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.jsonl,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for plain files without one")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for plain files")] = None,
    factual_only: Annotated[bool, typer.Option(
        "--factual-only", help="Drop negated, future and hypothetical events")] = False,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Use the rule coder without the learned classifier")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow fetching URLs on private/loopback addresses")] = False,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Extra actor dictionary (YAML); may repeat")] = None,
) -> None:
    """Code documents into PLOVER event records (one per line on stdout)."""
    from escalada.cli.output import RecordWriter
    from escalada.ingest import iter_documents
    from escalada.pipeline import EventCoder

    settings = load_settings().with_overrides(
        allow_private_addresses=allow_private or None,
        actor_files=tuple(actors) if actors else None,
        use_learned_model=False if rules_only else None,
    )
    coder = EventCoder(settings, rules_only=rules_only)
    writer = RecordWriter(sys.stdout, fmt.value)
    skipped: Counter[str] = Counter()
    published_day = parse_day(published, "--published")

    def documents():
        for result in iter_documents(sources, settings, published=published_day,
                                     outlet=outlet):
            if result.error is not None:
                skipped[result.error.reason] += 1
                err.print(f"[red]error[/red] {result.error}", markup=True, soft_wrap=True)
                continue
            yield result.document

    written = 0
    for _document, events in coder.code_documents(documents()):
        if factual_only:
            events = [e for e in events if e.is_factual]
        written += writer.write(events)
    stats = coder.stats
    summary = f"{stats.documents} documents coded, {written} events"
    if stats.failed:
        summary += f"; {stats.failed} failed to code (logged above)"
    if skipped:
        details = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        summary += f"; {sum(skipped.values())} skipped: {details}"
    err.print(summary, markup=False)
    if stats.documents == 0 and skipped:
        raise typer.Exit(code=1)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSONL/CSV batches or a directory of "
                                                     "partition files (.jsonl/.parquet)")],
    output: Annotated[Path, typer.Argument(help="Directory for the Parquet event files")],
    engine: Annotated[Engine, typer.Option(help="local (this process) or dask")] = Engine.local,
    workers: Annotated[int, typer.Option(help="Dask workers on a local cluster")] = 2,
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://host:8786)")] = None,
    partition_size: Annotated[int, typer.Option(help="Documents per partition")] = 200,
    rules_only: Annotated[bool, typer.Option("--rules-only")] = False,
) -> None:
    """Code large batches into Parquet event files (same records as `escalada code`)."""
    from escalada.batch import run_batch

    summary = run_batch(inputs, output, engine=engine.value, workers=workers,
                        scheduler=scheduler, partition_size=partition_size,
                        rules_only=rules_only, settings=load_settings())
    for error in summary.errors:
        err.print(f"error {error}", markup=False)
    rate = summary.words / summary.seconds if summary.seconds else 0.0
    err.print(f"{summary.documents} documents in {summary.partitions} partitions coded, "
              f"{summary.events} events, {len(summary.errors)} skipped; "
              f"{summary.seconds:.1f} s, {rate:.0f} words/s", markup=False)


class Split(StrEnum):
    validation = "validation"
    train = "train"
    all = "all"


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path | None, typer.Option(
        help="Folder with plv_train.tsv and plover_gsr_dev.json (default ../shared/gold)")]
        = None,
    split: Annotated[Split, typer.Option(help="PLV rows to score")] = Split.validation,
    rules_only: Annotated[bool, typer.Option("--rules-only")] = False,
    confusion: Annotated[bool, typer.Option("--confusion/--no-confusion")] = True,
    json_out: Annotated[Path | None, typer.Option(
        "--json", help="Also write the reports as JSON to this file")] = None,
) -> None:
    """Score the coder on gold data: accuracy, macro-F1, per-class table, confusion matrix."""
    import json

    from escalada.evaluation.aux_modes import evaluate_aux_modes
    from escalada.evaluation.contexts import evaluate_contexts
    from escalada.evaluation.news_set import evaluate_news_set
    from escalada.evaluation.suite import EvaluationSuite
    from escalada.pipeline import EventCoder

    settings = load_settings().with_overrides(use_learned_model=False if rules_only else None)
    suite = EvaluationSuite(EventCoder(settings, rules_only=rules_only), gold_dir=gold_dir)
    reports = suite.run(split.value)
    for report in reports:
        typer.echo(report.to_text(with_confusion=confusion))
        typer.echo("")
    aux_report = evaluate_aux_modes(suite.coder)
    typer.echo(aux_report.to_text())
    typer.echo("")
    context_report = evaluate_contexts(suite.coder, suite.gsr_items())
    typer.echo(context_report.to_text())
    typer.echo("")
    news_report = evaluate_news_set(suite.coder)
    typer.echo(news_report.to_text())
    if json_out is not None:
        payload = {"reports": [r.to_dict() for r in reports], "aux_modes": aux_report.to_dict(),
                   "contexts": context_report.to_dict(), "news_set": news_report.to_dict()}
        json_out.write_text(json.dumps(payload, indent=2))


def _register_command_groups() -> None:
    from escalada.cli import (
        api_commands,
        batch_commands,
        brief_commands,
        signals_commands,
        store_commands,
        watch_commands,
    )

    store_commands.register(app)
    brief_commands.register(app)
    signals_commands.register(app)
    api_commands.register(app)
    watch_commands.register(app)
    batch_commands.register(app)


_register_command_groups()


def main() -> None:  # pragma: no cover - console entry point
    try:
        app()
    except EscaladaError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
