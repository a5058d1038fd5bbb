"""Batch fusion of Parquet event files, block by block (dyad x time window).

Three steps, each a map over independent tasks (:class:`~escalada.batch.engine.TaskRunner`):

1. **Blocking**: every event file is read once, each mention gets its home cell
   (:mod:`escalada.batch.blocks`) in a ``_cell`` column, and the file is written again sorted
   by cell under ``OUTPUT/_work/blocks`` (one file per input file, not per cell).
2. **Fusing**: the cells are grouped into tasks (:func:`plan_tasks`): the connected components
   of the "may meet" relation (:func:`escalada.batch.blocks.components`) are closed, so a
   task of whole components fuses exactly what one fusion run would, reading its cells with
   one filtered read per blocked file. Small components are packed together up to
   ``task_mentions``; a component above ``max_task_mentions`` is cut into runs of cells, each
   fused with its view (the cells its mentions could meet); such a task writes the fused
   events it *owns* (those whose first report lives in one of its cells). Events go to
   ``OUTPUT/events/dyad=USA-VEN/window=2025-W47/part-<task>-0.parquet`` (hive style).
3. **Reconciling** (cut components only): every such task also says, for each of its own
   mentions, which cell owns the event the mention joined. When two tasks disagree (a chain
   of matches longer than a view), a mention would be written twice or not at all: the tasks
   involved are merged into one task with the union of their views and run again, until
   every mention is written exactly once. Merging everything would be a single fusion run,
   so this always ends.

Batch fusion has no near-duplicate detection (documents are not read again): every document
counts as its own source unless its outlet repeats. Title contradictions across fused events
(:func:`escalada.fusion.contradictions.story_title_contradictions`) are found within a task.
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
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from escalada.batch.blocks import (
    Cell,
    CellStats,
    cell_label,
    components,
    home_cell,
    mention_dyad,
    party_index,
    reach_days,
    view_of,
    window_label,
)
from escalada.batch.engine import TaskRunner
from escalada.batch.escalate import EscalationSummary, escalate_fused
from escalada.batch.run import EVENT_SCHEMA
from escalada.batch.tables import (
    FUSED_SCHEMA,
    _day,
    _refs,
    document_infos,
    fused_row,
    mention_from_row,
)
from escalada.escalation import IndexConfig
from escalada.fusion import fuse
from escalada.fusion.blocking import date_span, party_key

__all__ = ["BatchFuseSummary", "FuseSummary", "block_events", "event_files", "fuse_cells",
           "fuse_events", "run_batch_fuse"]

_MAX_ROUNDS = 50
_PARTITIONING = ds.partitioning(pa.schema([("dyad", pa.string()), ("window", pa.string())]),
                                flavor="hive")
TASK_MENTIONS = 5_000
"""Mentions per fusion task: small components are packed together up to this many."""
MAX_TASK_MENTIONS = 200_000
"""Components with more mentions are cut into tasks of ``TASK_MENTIONS`` (with views)."""


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


def cell_key(cell: Cell) -> str:
    """The value of a cell in the ``_cell`` column of blocked files."""
    return "\x1f".join((*cell.dyad, "" if cell.window is None else str(cell.window)))


def _event_table(path: Path) -> pa.Table:
    """An event file as a table of :data:`EVENT_SCHEMA` (missing columns as nulls)."""
    table = pq.read_table(path)
    columns = [table.column(f.name).cast(f.type) if f.name in table.column_names
               else pa.nulls(table.num_rows, f.type) for f in EVENT_SCHEMA]
    return pa.Table.from_arrays(columns, schema=EVENT_SCHEMA)


def block_events(path: str, work_dir: str, *, window_days: int, fusion_window_days: int
                 ) -> tuple[str, dict[Cell, tuple[int, int | None, int | None]]]:
    """Step 1 for one event file: give every mention its home cell (a ``_cell`` column) and
    write the file again sorted by cell (one file, so a task reads its cells with one
    filtered read per file); returns the blocked file and per cell (mentions, first window
    reached, last window reached)."""
    reach = reach_days(fusion_window_days)
    table = _event_table(Path(path))
    stats: dict[Cell, CellStats] = defaultdict(CellStats)
    keys: list[str] = []
    columns = table.select(["actor", "recipient", "date", "date_precision", "inferred",
                            "published"]).to_pydict()
    for actor, recipient, date, precision, inferred, published in zip(
            *columns.values(), strict=True):
        span = date_span(_day(date), precision, bool(inferred), _day(published))
        cell, first, last = home_cell(mention_dyad(_refs(actor), _refs(recipient)), span,
                                      window_days=window_days, reach=reach)
        stats[cell].add(1, first, last)
        keys.append(cell_key(cell))
    table = table.append_column("_cell", pa.array(keys, pa.string()))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    directory = Path(work_dir) / "blocks"
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{hashlib.sha1(str(path).encode()).hexdigest()[:16]}.parquet"
    pq.write_table(table.take(pa.array(order, pa.int64())), target)
    return str(target), {cell: (s.mentions, s.first_reach, s.last_reach)
                         for cell, s in stats.items()}


@dataclass(frozen=True, slots=True)
class FuseTask:
    """Home cells fused together and the cells of their view."""

    name: str
    homes: tuple[Cell, ...]
    view: tuple[Cell, ...]
    files: tuple[str, ...] = ()
    """Blocked files holding cells of the view."""

    @property
    def closed(self) -> bool:
        """Whether the view is the homes themselves (whole components: nothing to reconcile)."""
        return len(self.view) == len(self.homes)


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
    cells = {cell_key(cell): cell for cell in task.view}
    wanted = pa.array(sorted(cells), pa.string())
    tables = [pq.read_table(path, filters=ds.field("_cell").isin(wanted))
              for path in task.files]
    rows = pa.concat_tables(tables).to_pylist() if tables else []
    documents = document_infos(rows)
    mentions = [mention_from_row(row) for row in rows]
    home_of = {row["id"]: cells[row["_cell"]] for row in rows}
    result = fuse(mentions, documents, window_days=fusion_window_days)
    homes = set(task.homes)
    owned: dict[tuple[str, str], list[dict]] = defaultdict(list)
    emitted: list[str] = []
    claims: list[tuple[str, Cell]] = []
    for event in result.fused:
        owner = home_of[event.mentions[0].id]
        if not task.closed:  # a closed task's mentions are seen by no other task
            claims.extend((m.id, owner) for m in event.mentions if home_of[m.id] in homes)
        if owner not in homes:
            continue
        if not task.closed:
            emitted.extend(m.id for m in event.mentions)
        dyad = (party_key(event.actor) or "?", party_key(event.recipient) or "")
        key = (cell_label(tuple(sorted(dyad))), window_label(owner.window, window_days))
        owned[key].append(fused_row(event, documents))
    written: list[str] = []
    if owned:  # one partitioned write: a file per (dyad, window) partition
        keys = sorted(owned)
        table = pa.Table.from_pylist([r for key in keys for r in owned[key]],
                                     schema=FUSED_SCHEMA)
        for index, name in enumerate(("dyad", "window")):
            values = [key[index] for key in keys for _ in owned[key]]
            table = table.append_column(name, pa.array(values, pa.string()))
        ds.write_dataset(table, events_dir, format="parquet", partitioning=_PARTITIONING,
                         basename_template=f"part-{task.name}-{{i}}.parquet",
                         existing_data_behavior="overwrite_or_ignore", preserve_order=True,
                         use_threads=True, max_partitions=len(keys) + 1,
                         file_visitor=lambda f: written.append(f.path))
    return TaskResult(task.name, written, sum(map(len, owned.values())), emitted, claims)


def _task(homes: Iterable[Cell], cells: dict[Cell, CellStats],
          by_party: dict[str, list[Cell]], files_of: dict[Cell, set[str]], *,
          closed: bool = False) -> FuseTask:
    homes = tuple(sorted(homes, key=lambda c: (c.dyad, -1 if c.window is None else c.window)))
    name = hashlib.sha1(repr(homes).encode()).hexdigest()[:16]
    view = homes if closed else tuple(view_of(set(homes), cells, by_party))
    files = tuple(sorted({f for cell in view for f in files_of[cell]}))
    return FuseTask(name, homes, view, files)


def plan_tasks(cells: dict[Cell, CellStats], *, task_mentions: int, max_task_mentions: int
               ) -> list[tuple[list[Cell], bool]]:
    """Home cells of each fusion task and whether they are closed (whole components).

    Components (:func:`escalada.batch.blocks.components`) are packed in order into tasks of
    about ``task_mentions`` mentions; a component of more than ``max_task_mentions`` is cut
    into runs of cells (by window) of about ``task_mentions`` mentions, each fused with its
    view and reconciled (module docstring).
    """
    plans: list[tuple[list[Cell], bool]] = []
    packed: list[Cell] = []
    size = 0
    for component in components(cells):
        count = sum(cells[cell].mentions for cell in component)
        if count > max_task_mentions:
            ordered = sorted(component, key=lambda c: (c.window is None, c.window or 0,
                                                       c.dyad))
            chunk: list[Cell] = []
            chunk_size = 0
            for cell in ordered:
                chunk.append(cell)
                chunk_size += cells[cell].mentions
                if chunk_size >= task_mentions:
                    plans.append((chunk, False))
                    chunk, chunk_size = [], 0
            if chunk:
                plans.append((chunk, False))
            continue
        if packed and size + count > task_mentions:
            plans.append((packed, True))
            packed, size = [], 0
        packed.extend(component)
        size += count
    if packed:
        plans.append((packed, True))
    return plans


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
                window_days: int = 7, fusion_window_days: int = 3,
                task_mentions: int = TASK_MENTIONS,
                max_task_mentions: int = MAX_TASK_MENTIONS) -> FuseSummary:
    """Fuse the Parquet event files of ``inputs`` block by block into
    ``output_dir/events`` (hive-partitioned by ``dyad`` and ``window``)."""
    start = time.perf_counter()
    summary = FuseSummary(events_dir=output_dir / "events")
    work = output_dir / "_work"
    for stale in (work, output_dir / "events"):
        shutil.rmtree(stale, ignore_errors=True)
    options = {"window_days": window_days, "fusion_window_days": fusion_window_days}
    cells: dict[Cell, CellStats] = defaultdict(CellStats)
    files_of: dict[Cell, set[str]] = defaultdict(set)
    for blocked, found in runner.map(block_events, [str(p) for p in event_files(inputs)],
                                     work_dir=str(work), **options):
        for cell, (count, first, last) in found.items():
            cells[cell].add(count, first, last)
            files_of[cell].add(blocked)
    summary.mentions = sum(s.mentions for s in cells.values())
    summary.blocks = len(cells)
    by_party = party_index(cells)
    tasks = {t.name: t for t in (
        _task(homes, cells, by_party, files_of, closed=closed)
        for homes, closed in plan_tasks(cells, task_mentions=task_mentions,
                                        max_task_mentions=max_task_mentions))}
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
            merged = _task([c for name in group for c in tasks.pop(name).homes], cells,
                           by_party, files_of)
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
