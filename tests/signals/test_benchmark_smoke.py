"""A tiny run of benchmarks/signals_flights.py, proving the benchmark still works."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "signals_flights.py"


def test_benchmark_small_sample(capsys):
    spec = importlib.util.spec_from_file_location("signals_flights_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main(["--days", "16", "--collapse-day", "15", "--flights", "8",
                        "--step", "300", "--minutes", "40", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "known collapse found" in out and "positions/s" in out
