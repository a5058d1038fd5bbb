"""Batch coding: Parquet output, and the Dask run equals the local run event for event."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from escalada.batch import run_batch

STORIES = [
    "Brazil imposed sanctions on Paraguay on Tuesday.",
    "Police in Lima arrested two students after the march.",
    "Japan and India agreed to hold joint naval exercises.",
    "Kenya condemned the attack on the convoy near the border.",
    "The African Union could send observers to Sudan.",
    "Chile recalled its ambassador from Peru.",
    "Egypt has not closed its border with Libya.",
    "Turkey threatened to expel the Dutch ambassador.",
]


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "stories.jsonl"
    with path.open("w") as handle:
        for n, text in enumerate(STORIES * 2):
            handle.write(json.dumps({"id": f"story-{n}", "text": text,
                                     "published": "2025-03-14", "outlet": f"outlet-{n % 3}"})
                         + "\n")
    return path


def read_events(directory):
    rows = [row for path in sorted(directory.glob("part-*.parquet"))
            for row in pq.read_table(path).to_pylist()]
    return sorted(rows, key=lambda row: row["id"])


def test_local_batch_writes_parquet_events(corpus, tmp_path):
    summary = run_batch([str(corpus)], tmp_path / "out", partition_size=5, rules_only=True)
    assert summary.partitions == 4 and summary.documents == 16
    events = read_events(tmp_path / "out")
    assert len(events) == summary.events > 0
    sanction = next(e for e in events if e["trigger"] == "imposed")
    assert sanction["event_type"] == "SANCTION"
    assert sanction["actor"][0]["country"] == "BRA"
    assert sanction["date"] == "2025-03-11"


def test_dask_run_equals_local_run(corpus, tmp_path):
    local = run_batch([str(corpus)], tmp_path / "local", partition_size=5, rules_only=True)
    dask = run_batch([str(corpus)], tmp_path / "dask", engine="dask", workers=2,
                     partition_size=5, rules_only=True)
    assert dask.events == local.events
    assert read_events(tmp_path / "dask") == read_events(tmp_path / "local")


def test_unknown_engine_is_refused(corpus, tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        run_batch([str(corpus)], tmp_path / "out", engine="spark")
