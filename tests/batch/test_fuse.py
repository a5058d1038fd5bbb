"""Batch fusion by dyad and window equals one fusion run; escalation equals the in-memory one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from escalada.batch import run_batch, run_batch_fuse
from escalada.batch.fuse import event_files
from escalada.batch.tables import EVENT_SCHEMA, document_infos, mention_from_row, read_rows
from escalada.escalation import alerts_for_events, build_series
from escalada.fusion import fuse

# 2025-11-23 is the Sunday closing ISO week 47: the three sanction reports' date spans (a
# day inferred from publication looks back a week) start in weeks 46 and 47.
DOCUMENTS = [
    ("usa-ven-1", "The United States imposed sanctions on Venezuela's oil ministry.",
     "2025-11-23", "Reuters"),
    ("usa-ven-2", "Washington imposed new sanctions on Venezuela, officials said.",
     "2025-11-24", "AP"),
    ("usa-ven-3", "The US imposed sanctions on Venezuela over the election.", "2025-11-25",
     "AFP"),
    ("usa-ven-4", "American warplanes bombed Venezuelan boats near Caracas.", "2025-12-09",
     "AP"),
    ("bra-par-1", "Brazil recalled its ambassador from Paraguay.", "2025-11-20", "Folha"),
    ("jpn-ind-1", "Japan and India agreed to hold joint naval exercises.", None, "NHK"),
    ("usa-1", "The United States condemned the attack.", "2025-11-24", "CNN"),
]
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> Path:
    """The documents coded by `escalada batch` (rules only) into Parquet event files."""
    root = tmp_path_factory.mktemp("coded")
    path = root / "docs.jsonl"
    with path.open("w") as handle:
        for doc_id, text, published, outlet in DOCUMENTS:
            record = {"id": doc_id, "text": text, "outlet": outlet}
            if published:
                record["published"] = published
            handle.write(json.dumps(record) + "\n")
    run_batch([str(path)], root / "events", partition_size=3, rules_only=True)
    return root / "events"


def mention_rows(events_dir: Path) -> list[dict]:
    return list(read_rows(event_files([events_dir]), EVENT_SCHEMA))


def in_memory_fusion(events_dir: Path):
    rows = mention_rows(events_dir)
    return fuse([mention_from_row(r) for r in rows], document_infos(rows), window_days=3)


def batch_fused(directory: Path) -> dict[str, dict]:
    table = ds.dataset(directory / "events", format="parquet", partitioning="hive").to_table()
    return {row["id"]: row for row in table.to_pylist()}


def summary_of(rows: dict[str, dict]) -> dict[str, tuple]:
    return {i: (tuple(m["id"] for m in row["mentions"]), row["n_sources"])
            for i, row in rows.items()}


@pytest.fixture(scope="module")
def local_run(coded, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    return run_batch_fuse([coded], out, window_days=7), out


def test_batch_fusion_equals_one_fusion_run(coded, local_run):
    summary, out = local_run
    expected = in_memory_fusion(coded)
    fused = batch_fused(out)
    assert summary.fusion.mentions == len(mention_rows(coded))
    assert summary.fusion.fused_events == len(expected.fused) == len(fused)
    assert summary_of(fused) == {e.id: (tuple(m.id for m in e.mentions), e.n_sources)
                                 for e in expected.fused}


def test_event_straddling_a_window_boundary_is_fused_once(local_run):
    _, out = local_run
    fused = batch_fused(out)
    sanctions = [row for row in fused.values() if row["event_type"] == "SANCTION"
                 and row["dyad"] == "USA-VEN"]
    assert len(sanctions) == 1
    assert sorted(m["doc_id"] for m in sanctions[0]["mentions"]) == [
        "usa-ven-1", "usa-ven-2", "usa-ven-3"]
    assert sanctions[0]["n_sources"] == 3
    assert sanctions[0]["window"] == "2025-W46"  # owned by its first report's window


def test_undated_and_one_sided_mentions_have_a_home(local_run):
    _, out = local_run
    partitions = {(row["dyad"], row["window"]) for row in batch_fused(out).values()}
    assert ("IND-JPN", "undated") in partitions
    assert any(dyad == "USA-none" for dyad, _ in partitions)


def test_partition_pruning_reads_one_dyad(local_run):
    _, out = local_run
    dataset = ds.dataset(out / "events", format="parquet", partitioning="hive")
    table = dataset.to_table(filter=ds.field("dyad") == "USA-VEN")
    assert set(table.column("dyad").to_pylist()) == {"USA-VEN"}


def test_dask_run_equals_local_run(coded, local_run, tmp_path):
    summary, out = local_run
    dask = run_batch_fuse([coded], tmp_path / "dask", engine="dask", workers=2)
    assert batch_fused(tmp_path / "dask") == batch_fused(out)
    assert dask.escalation.alerts == summary.escalation.alerts
    strip = [{k: v for k, v in a.items() if k != "created_at"}
             for a in summary.escalation.alert_records]
    assert [{k: v for k, v in a.items() if k != "created_at"}
            for a in dask.escalation.alert_records] == strip


def test_small_windows_still_equal_one_fusion_run(coded, tmp_path):
    """One-day windows put every report in its own cell: views and ownership must still
    give the single-run result."""
    run_batch_fuse([coded], tmp_path / "daily", window_days=1)
    expected = in_memory_fusion(coded)
    assert summary_of(batch_fused(tmp_path / "daily")) == {
        e.id: (tuple(m.id for m in e.mentions), e.n_sources) for e in expected.fused}


def test_escalation_matches_in_memory_escalation(coded, local_run):
    _, out = local_run
    events = in_memory_fusion(coded).fused
    table = ds.dataset(out / "series", format="parquet", partitioning="hive").to_table()
    rows = [r for r in table.to_pylist() if r["dyad"] == "USA-VEN"]
    series = build_series(events, "USA-VEN")
    assert [(r["date"], r["value"], r["event_ids"]) for r in rows] == [
        (p.date, p.value, list(p.event_ids)) for p in series.points]
    assert len(series.points) > 1 and any(p.value for p in series.points)
    expected = [a.to_record() for a in alerts_for_events(events, created_at=CREATED)]
    written = [json.loads(line) for line in (out / "alerts.jsonl").read_text().splitlines()]
    drop = "created_at"
    assert [{k: v for k, v in a.items() if k != drop} for a in written] == [
        {k: v for k, v in a.items() if k != drop} for a in expected]


def test_components_are_closed_under_views(coded, tmp_path):
    """Every cell's view stays inside its component (what lets a component fuse alone)."""
    from escalada.batch.blocks import CellStats, components, view_of
    from escalada.batch.fuse import block_events

    cells: dict = {}
    for path in event_files([coded]):
        _, found = block_events(str(path), str(tmp_path), window_days=1, fusion_window_days=3)
        for cell, (count, first, last) in found.items():
            cells.setdefault(cell, CellStats()).add(count, first, last)
    groups = components(cells)
    component_of = {cell: n for n, group in enumerate(groups) for cell in group}
    assert sorted(component_of) == sorted(cells)
    for cell in cells:
        assert {component_of[c] for c in view_of({cell}, cells)} == {component_of[cell]}


def test_split_components_still_equal_one_fusion_run(coded, local_run, tmp_path):
    """Components cut into one-cell tasks (views, ownership, reconciliation) give the same
    events as whole components."""
    from escalada.batch.engine import TaskRunner
    from escalada.batch.fuse import fuse_events

    with TaskRunner() as runner:
        fuse_events([coded], tmp_path, runner=runner, window_days=1, task_mentions=1,
                    max_task_mentions=0)
    expected = in_memory_fusion(coded)
    assert summary_of(batch_fused(tmp_path)) == {
        e.id: (tuple(m.id for m in e.mentions), e.n_sources) for e in expected.fused}
