"""The fusion benchmark script still runs (on a tiny cached sample; no coding, no corpus pass)."""

from __future__ import annotations

import dataclasses
import importlib.util
import pickle
from pathlib import Path

from escalada.models.records import Document

from .helpers import DAY, POLAND, mention

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "fusion_benchmark.py"


def load_script():
    spec = importlib.util.spec_from_file_location("fusion_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_on_a_cached_sample(tmp_path, capsys):
    bench = load_script()
    corpus = tmp_path / "corpus.csv.zip"
    corpus.write_bytes(b"")  # only its path is part of the cache key
    documents = [Document(id=f"d{i}", text="", outlet=f"O{i % 2}", published=DAY)
                 for i in range(4)]
    mentions = [mention("d0"), mention("d1"), mention("d2", recipient=POLAND),
                dataclasses.replace(mention("d3"), aux=["hypothetical"])]
    cache = tmp_path / "cache.pkl"
    cache.write_bytes(pickle.dumps({"key": (str(corpus), 4), "documents": documents,
                                    "mentions": mentions}))
    assert bench.main(["--limit", "4", "--corpus", str(corpus), "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "1x:       4 mentions ->      3 fused" in out
    assert "2x:       8 mentions ->      3 fused" in out
    assert "ratio 2x/1x" in out
