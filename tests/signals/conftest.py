"""Fixtures of the signals tests: the shared signal files (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_SIGNALS = Path(__file__).resolve().parents[2].parent / "shared" / "signals"


@pytest.fixture(scope="session")
def shared_signals() -> Path:
    if not SHARED_SIGNALS.is_dir():
        pytest.skip(f"shared signal fixtures not found at {SHARED_SIGNALS}")
    return SHARED_SIGNALS
