"""Batch fusion of Parquet event files, block by block (dyad x time window).

Three steps, each a map over independent tasks (:class:`~escalada.batch.engine.TaskRunner`):

1. **Blocking**: every event file is streamed once and its mentions are written to their home
   cells (:mod:`escalada.batch.blocks`) under ``OUTPUT/_work/blocks``.
2. **Fusing**: one task per home cell reads its view (its cell and the cells its mentions
   could meet), runs :func:`escalada.fusion.fuse` on it and writes the fused events it *owns*
   (those whose first report lives in its cell) to
   ``OUTPUT/events/dyad=USA-VEN/window=2025-W47/part-<task>.parquet`` (hive style).
3. **Reconciling**: every task also says, for each of its own mentions, which cell owns the
   event the mention joined. When two tasks disagree (a chain of matches longer than a
   view, rare), a mention would be written twice or not at all: the tasks involved are merged
   into one task with the union of their views and run again, until every mention is written
   exactly once. Merging everything would be a single fusion run, so this always ends.

Batch fusion has no near-duplicate detection (documents are not read again): every document
counts as its own source unless its outlet repeats. Title contradictions across fused events
(:func:`escalada.fusion.contradictions.story_title_contradictions`) are found within a view.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from escalada.batch.blocks import (
    Cell,
    CellStats,
    cell_label,
    home_cell,
    mention_dyad,
    reach_days,
    view_of,
    window_label,
)
from escalada.batch.engine import TaskRunner
from escalada.batch.escalate import EscalationSummary, escalate_fused
from escalada.batch.run import EVENT_SCHEMA
from escalada.batch.tables import (
    FUSED_SCHEMA,
    document_infos,
    fused_row,
    mention_from_row,
    read_rows,
)
from escalada.escalation import IndexConfig
from escalada.fusion import fuse
from escalada.fusion.blocking import date_span, party_key

__all__ = ["BatchFuseSummary", "FuseSummary", "block_events", "event_files", "fuse_cells",
           "fuse_events", "run_batch_fuse"]

_MAX_ROUNDS = 50


@dataclass(slots=True)
class FuseSummary:
    """What a batch fusion run read and wrote."""

    mentions: int = 0
    blocks: int = 0
    fused_events: int = 0
    rounds: int = 0
    merged_tasks: int = 0
    seconds: float = 0.0
    events_dir: Path | None = None
    outputs: list[Path] = field(default_factory=list)


def event_files(inputs: Iterable[str | Path]) -> list[Path]:
    """The Parquet event files of ``inputs`` (files or directories, ``_work`` excluded)."""
    files: list[Path] = []
    for name in inputs:
        path = Path(name)
        if not path.is_dir():
            files.append(path)
            continue
        files.extend(p for p in path.rglob("*.parquet")
                     if not any(part.startswith("_") for part in p.relative_to(path).parts))
    return sorted(files)


def _cell_dir(work: Path, cell: Cell) -> Path:
    window = "undated" if cell.window is None else str(cell.window)
    return work / "blocks" / cell_label(cell.dyad) / window


def block_events(path: str, work_dir: str, *, window_days: int, fusion_window_days: int
                 ) -> dict[Cell, tuple[int, int | None, int | None]]:
    """Step 1 for one event file: write its mentions to their home cells; returns per cell
    (mentions, first window reached, last window reached)."""
    reach = reach_days(fusion_window_days)
    rows_of: dict[Cell, list[dict]] = defaultdict(list)
    stats: dict[Cell, CellStats] = defaultdict(CellStats)
    for row in read_rows([Path(path)], EVENT_SCHEMA):
        mention = mention_from_row(row)
        published = document_infos([row])[row["doc_id"]].published
        span = date_span(mention.date, mention.date_precision, mention.date_inferred,
                         published)
        cell, first, last = home_cell(mention_dyad(mention.actor, mention.recipient), span,
                                      window_days=window_days, reach=reach)
        rows_of[cell].append(row)
        stats[cell].add(1, first, last)
    name = hashlib.sha1(str(path).encode()).hexdigest()[:12]
    for cell, rows in rows_of.items():
        directory = _cell_dir(Path(work_dir), cell)
        directory.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=EVENT_SCHEMA),
                       directory / f"from-{name}.parquet")
    return {cell: (s.mentions, s.first_reach, s.last_reach) for cell, s in stats.items()}


@dataclass(frozen=True, slots=True)
class FuseTask:
    """Home cells fused together and the cells of their view."""

    name: str
    homes: tuple[Cell, ...]
    view: tuple[Cell, ...]


@dataclass(slots=True)
class TaskResult:
    """Fused events written by a task and what its own mentions joined."""

    name: str
    files: list[str]
    events: int
    emitted: list[str]
    """Ids of the mentions in the events this task wrote."""
    claims: list[tuple[str, Cell]]
    """(mention id, cell owning the event it joined in this task's view) per home mention."""


def fuse_cells(task: FuseTask, work_dir: str, events_dir: str, *, window_days: int,
               fusion_window_days: int) -> TaskResult:
    """Step 2 for one task: fuse its view and write the events it owns."""
    reach = reach_days(fusion_window_days)
    files = [f for cell in task.view
             for f in sorted(_cell_dir(Path(work_dir), cell).glob("*.parquet"))]
    rows = list(read_rows(files, EVENT_SCHEMA))
    documents = document_infos(rows)
    mentions = [mention_from_row(row) for row in rows]
    home_of: dict[str, Cell] = {}
    for mention in mentions:
        span = date_span(mention.date, mention.date_precision, mention.date_inferred,
                         documents[mention.doc_id].published)
        home_of[mention.id] = home_cell(mention_dyad(mention.actor, mention.recipient), span,
                                        window_days=window_days, reach=reach)[0]
    result = fuse(mentions, documents, window_days=fusion_window_days)
    homes = set(task.homes)
    owned: dict[tuple[str, str], list[dict]] = defaultdict(list)
    emitted: list[str] = []
    claims: list[tuple[str, Cell]] = []
    for event in result.fused:
        owner = home_of[event.mentions[0].id]
        claims.extend((m.id, owner) for m in event.mentions if home_of[m.id] in homes)
        if owner not in homes:
            continue
        emitted.extend(m.id for m in event.mentions)
        dyad = (party_key(event.actor) or "?", party_key(event.recipient) or "")
        key = (cell_label(tuple(sorted(dyad))), window_label(owner.window, window_days))
        owned[key].append(fused_row(event, documents))
    written = []
    for (dyad_label, window), event_rows in sorted(owned.items()):
        directory = Path(events_dir) / f"dyad={dyad_label}" / f"window={window}"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"part-{task.name}.parquet"
        pq.write_table(pa.Table.from_pylist(event_rows, schema=FUSED_SCHEMA), path)
        written.append(str(path))
    return TaskResult(task.name, written, sum(map(len, owned.values())), emitted, claims)


def _task(homes: Iterable[Cell], cells: dict[Cell, CellStats]) -> FuseTask:
    homes = tuple(sorted(homes, key=lambda c: (c.dyad, -1 if c.window is None else c.window)))
    name = hashlib.sha1(repr(homes).encode()).hexdigest()[:16]
    return FuseTask(name, homes, tuple(view_of(set(homes), cells)))


def _conflicts(results: dict[str, TaskResult], task_of: dict[Cell, str]) -> list[set[str]]:
    """Groups of tasks that disagree about some mention (see the module docstring)."""
    writers: dict[str, list[str]] = defaultdict(list)
    for result in results.values():
        for mention_id in result.emitted:
            writers[mention_id].append(result.name)
    groups = []
    for result in results.values():
        for mention_id, owner in result.claims:
            expected = task_of[owner]
            if writers.get(mention_id) != [expected]:
                groups.append({result.name, expected, *writers.get(mention_id, ())})
    return groups


def _merge(groups: list[set[str]]) -> list[set[str]]:
    """Union of overlapping groups."""
    merged: list[set[str]] = []
    for group in groups:
        group = set(group)
        for other in [m for m in merged if m & group]:
            group |= other
            merged.remove(other)
        merged.append(group)
    return merged


def fuse_events(inputs: Iterable[str | Path], output_dir: Path, *, runner: TaskRunner,
                window_days: int = 7, fusion_window_days: int = 3) -> FuseSummary:
    """Fuse the Parquet event files of ``inputs`` block by block into
    ``output_dir/events`` (hive-partitioned by ``dyad`` and ``window``)."""
    start = time.perf_counter()
    summary = FuseSummary(events_dir=output_dir / "events")
    work = output_dir / "_work"
    for stale in (work, output_dir / "events"):
        shutil.rmtree(stale, ignore_errors=True)
    options = {"window_days": window_days, "fusion_window_days": fusion_window_days}
    cells: dict[Cell, CellStats] = defaultdict(CellStats)
    for found in runner.map(block_events, [str(p) for p in event_files(inputs)],
                            work_dir=str(work), **options):
        for cell, (count, first, last) in found.items():
            cells[cell].add(count, first, last)
    summary.mentions = sum(s.mentions for s in cells.values())
    summary.blocks = len(cells)
    tasks = {t.name: t for t in (_task([cell], cells) for cell in cells)}
    pending, results = list(tasks.values()), {}
    while pending and summary.rounds < _MAX_ROUNDS:
        summary.rounds += 1
        for result in runner.map(fuse_cells, pending, work_dir=str(work),
                                 events_dir=str(summary.events_dir), **options):
            results[result.name] = result
        task_of = {cell: t.name for t in tasks.values() for cell in t.homes}
        pending = []
        for group in _merge(_conflicts(results, task_of)):
            for name in group:
                for path in results.pop(name).files:
                    Path(path).unlink(missing_ok=True)
            merged = _task([c for name in group for c in tasks.pop(name).homes], cells)
            tasks[merged.name] = merged
            pending.append(merged)
            summary.merged_tasks += len(group)
    if pending:
        raise RuntimeError(f"batch fusion did not settle in {_MAX_ROUNDS} rounds")
    summary.fused_events = sum(r.events for r in results.values())
    summary.outputs = sorted(Path(f) for r in results.values() for f in r.files)
    shutil.rmtree(work / "blocks", ignore_errors=True)
    summary.seconds = time.perf_counter() - start
    return summary


@dataclass(slots=True)
class BatchFuseSummary:
    """Fusion and escalation of one ``escalada batch-fuse`` run."""

    fusion: FuseSummary
    escalation: EscalationSummary | None
    seconds: float = 0.0

    def line(self) -> str:
        """One-line summary for the command line."""
        f, e = self.fusion, self.escalation
        text = (f"{f.mentions} mentions in {f.blocks} blocks fused into {f.fused_events} "
                f"events ({f.rounds} rounds, {f.merged_tasks} tasks merged)")
        if e is not None:
            text += f"; {e.dyads} dyads, {e.days} dyad-days, {e.alerts} alerts"
        rate = f.mentions / self.seconds if self.seconds else 0.0
        return text + f"; {self.seconds:.1f} s, {rate:.0f} mentions/s"


def run_batch_fuse(inputs: Iterable[str | Path], output_dir: Path, *, engine: str = "local",
                   workers: int = 2, scheduler: str | None = None, window_days: int = 7,
                   fusion_window_days: int = 3, escalate: bool = True,
                   config: IndexConfig | None = None) -> BatchFuseSummary:
    """Fuse batch event files into ``output_dir/events`` and, with ``escalate``, compute the
    dyad series and alerts (``output_dir/series``, ``output_dir/alerts.jsonl``) on one engine.
    """
    start = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    with TaskRunner(engine, workers=workers, scheduler=scheduler) as runner:
        fusion = fuse_events(inputs, output_dir, runner=runner, window_days=window_days,
                             fusion_window_days=fusion_window_days)
        escalation = None
        if escalate:
            assert fusion.events_dir is not None
            escalation = escalate_fused(fusion.events_dir, output_dir, runner=runner,
                                        config=config or IndexConfig())
    shutil.rmtree(output_dir / "_work", ignore_errors=True)
    return BatchFuseSummary(fusion, escalation, time.perf_counter() - start)
