"""``escalada batch-fuse``: fusion and escalation of batch event files, by dyad and window.

A thin shell over :func:`escalada.batch.run_batch_fuse`; the summary goes to stderr.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

__all__ = ["register"]

err = Console(stderr=True, highlight=False)


class FuseEngine(StrEnum):
    local = "local"
    dask = "dask"


def batch_fuse(
    events: Annotated[list[Path], typer.Argument(
        help="Parquet event files of `escalada batch`, or their directory")],
    output: Annotated[Path, typer.Argument(
        help="Directory for events/dyad=*/window=*/, series/dyad=*/ and alerts.jsonl")],
    engine: Annotated[FuseEngine, typer.Option(help="local (this process) or dask")]
        = FuseEngine.local,
    workers: Annotated[int, typer.Option(help="Dask workers on a local cluster")] = 2,
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://host:8786)")] = None,
    window_days: Annotated[int, typer.Option(
        min=1, help="Days per block window (7: ISO weeks)")] = 7,
    fusion_window_days: Annotated[int, typer.Option(
        min=0, help="Days apart two reports of one happening may be dated")] = 3,
    escalate: Annotated[bool, typer.Option(
        "--escalate/--no-escalate", help="Also write dyad series and alerts")] = True,
) -> None:
    """Fuse batch event files block by block (dyad x window), then escalation per dyad."""
    from escalada.batch import run_batch_fuse

    summary = run_batch_fuse([str(p) for p in events], output, engine=engine.value,
                             workers=workers, scheduler=scheduler, window_days=window_days,
                             fusion_window_days=fusion_window_days, escalate=escalate)
    err.print(summary.line(), markup=False)


def register(app: typer.Typer) -> None:
    """Add ``batch-fuse`` to the ``escalada`` app."""
    app.command("batch-fuse")(batch_fuse)
